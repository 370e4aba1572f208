// The kept statements (data/sqlite/statements.ts): the same text compiles once, and a reused
// statement answers in the mode its caller asks for, never in the one a previous caller left.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keepStatements } from '../../data/sqlite/statements.ts';

function db() {
  const d = new Database(':memory:');
  d.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two')");
  keepStatements(d, 2);
  return d;
}

describe('kept statements', () => {
  it('hands back the compiled statement for a text it has seen, with its modes reset', () => {
    const d = db();
    const sql = 'SELECT a, b FROM t ORDER BY a';
    expect(d.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(d.prepare(sql)).toBe(d.prepare(sql));
    expect(d.prepare(sql).all()).toEqual([{ a: 1, b: 'one' }, { a: 2, b: 'two' }]);
    expect(d.prepare(sql).raw().get()).toEqual([1, 'one']);
    expect(d.prepare(sql).get()).toEqual({ a: 1, b: 'one' });
    expect(d.prepare('INSERT INTO t VALUES (?, ?)').run(3, 'three').changes).toBe(1);
    expect(d.prepare('INSERT INTO t VALUES (?, ?)').run(4, 'four').changes).toBe(1);
  });

  it('never shares a statement that is still iterating, and keeps only the most recent few', () => {
    const d = db();
    const sql = 'SELECT a FROM t ORDER BY a';
    const outer = d.prepare(sql).pluck();
    const seen: number[][] = [];
    for (const a of outer.iterate()) seen.push([a as number, ...(d.prepare(sql).pluck().all() as number[])]);
    expect(seen).toEqual([[1, 1, 2], [2, 1, 2]]);
    d.prepare('SELECT 1');
    d.prepare('SELECT 2');
    expect(d.prepare(sql)).not.toBe(outer);
  });
});
