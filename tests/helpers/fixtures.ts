// Test databases are real SQLite files built from a dataset folder into tests/.tmp/.
import type Database from 'better-sqlite3';
import { mkdirSync, cpSync, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { buildDatabase } from '../../data/build.ts';
import { Store } from '../../data/store.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const MINI = join(ROOT, 'tests/fixtures/mini');
export const KAZANLAK = join(ROOT, 'data/kazanlak');
export const TMP = join(ROOT, 'tests/.tmp');

export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

/** Builds `dataset` into a fresh database file and opens it. */
export function buildStore(dataset: string, name = 'store'): { store: Store; path: string } {
  const path = join(tempDir(name), 'piro.sqlite');
  buildDatabase(dataset, path);
  return { store: new Store(path), path };
}

/** A writable copy of a dataset folder, for tests that break it on purpose. */
export function copyDataset(dataset: string, name = 'dataset'): string {
  const dir = join(tempDir(name), 'dataset');
  cpSync(dataset, dir, { recursive: true });
  return dir;
}

/**
 * Every row of every real table, in a fixed order (all columns), table by table. FTS5 and R*Tree
 * shadow tables are storage details of their virtual table, whose own rows are listed instead.
 */
export function* tableContents(db: Database.Database): Generator<{ name: string; rows: Iterable<unknown[]> }> {
  const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
    sql: string | null;
  }[];
  const virtual = schema.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  for (const { name } of schema) {
    if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const width = db.prepare(`SELECT * FROM "${name}"`).columns().length;
    const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
    yield { name, rows: db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]> };
  }
}
