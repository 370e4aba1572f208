// better-sqlite3 compiles the SQL on every prepare(), and the store builds most of its SQL per call
// (filters, IN lists, the published columns). Under load, compiling cost more than running a small
// query: 7.5 % of the time of a bbox page from /ogc (a CPU profile under wrk, 100 000 items). So the
// database keeps its statements by their text, the most recently used few hundred.
import type { Database, Statement } from 'better-sqlite3';

const KEPT = 400;

/**
 * Makes `db.prepare` hand back a kept statement for a text it has compiled before. A reused
 * statement has its modes reset, so a call site that asks for `.pluck()` or `.raw()` gets that and
 * one that asks for neither gets rows as objects; a statement still mid-iteration is never shared.
 * So a caller must set the mode each time it uses a statement, never keep one with a mode set
 * across another prepare() of the same text (no code in the store keeps statements).
 */
export function keepStatements(db: Database, kept = KEPT): void {
  const compile = db.prepare.bind(db) as (sql: string) => Statement;
  const statements = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    const known = statements.get(sql);
    if (known && !known.busy) {
      statements.delete(sql);
      statements.set(sql, known);
      if (known.reader) known.pluck(false).raw(false).expand(false);
      return known;
    }
    const statement = compile(sql);
    if (!known) {
      statements.set(sql, statement);
      if (statements.size > kept) statements.delete(statements.keys().next().value!);
    }
    return statement;
  }) as Database['prepare'];
}
