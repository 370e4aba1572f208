// Counts over the SQLite file, in a worker thread with a read connection of its own: a facet over a
// million items takes seconds (a plan level's every (item, goal) pair), and on the thread that answers
// requests it would hold up every tile and list of that process meanwhile. PostgreSQL counts in its
// own processes and needs none of this.
import Database from 'better-sqlite3';
import type { InterventionFilter } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow } from '../../data/store.ts';
import { aggregate } from '../../data/sqlite/aggregate.ts';
import { InterventionQueries } from '../../data/sqlite/query.ts';
import { tuneReads } from '../../data/sqlite/tuning.ts';

// A type, not an interface: a pool's operations are a record of functions by name.
export type CountOps = {
  aggregate(by: AggregateBy, filter: InterventionFilter): AggregateRow[];
};

/** The count operations of the worker, on the file at `path`, opened at the first count. */
export function countOps(path: string): CountOps {
  let opened: { db: Database.Database; queries: InterventionQueries } | undefined;
  const connection = () => {
    if (!opened) {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      tuneReads(db);
      opened = { db, queries: new InterventionQueries(db) };
    }
    return opened;
  };
  return {
    aggregate(by, filter) {
      const { db, queries } = connection();
      return aggregate(db, queries, by, filter);
    },
  };
}
