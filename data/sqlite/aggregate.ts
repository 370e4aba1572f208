// Counts and EUR budgets per group on SQLite: the shared SQL (data/aggregate-sql.ts) on this engine's filter.
import type { Database } from 'better-sqlite3';
import type { InterventionFilter } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow } from '../store.ts';
import { aggregateRows, aggregateSql } from '../aggregate-sql.ts';
import type { InterventionQueries } from './query.ts';

export function aggregate(db: Database, queries: InterventionQueries, by: AggregateBy, filter: InterventionFilter): AggregateRow[] {
  const where = queries.filtered(filter);
  const { counted, groups } = aggregateSql(by, where);
  const rows = db.prepare(counted).all(...where.params) as AggregateRow[];
  return aggregateRows(rows, typeof groups === 'string' ? (db.prepare(groups).pluck().all() as string[]) : groups);
}
