// Test stores are real SQLite files under tests/.tmp/ or, in the "postgis" project, real databases
// in a throwaway PostgreSQL cluster (tests/helpers/postgres-cluster.ts), opened through the same
// composition root as the server (openStore) and seeded from a dataset folder through the store
// interface.
import Database from 'better-sqlite3';
import { mkdirSync, cpSync, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { openStore } from '../../data/open.ts';
import { seedFrom } from '../../data/seed.ts';
import type { Store } from '../../data/store.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const MINI = join(ROOT, 'tests/fixtures/mini');
/** mini beside a second fixture plan, of Мъглиж (SZR22): two municipalities in one store */
export const PAIR = join(ROOT, 'tests/fixtures/pair');
export const KAZANLAK = join(ROOT, 'data/kazanlak');
export const TMP = join(ROOT, 'tests/.tmp');

export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

/** Which engine this test run's stores use: vitest's "postgis" project sets PIRO_TEST_STORE. */
export const TEST_ENGINE = process.env.PIRO_TEST_STORE === 'postgis' ? 'postgis' : 'sqlite';

/**
 * The environment that opens a fresh, empty store of this run's engine: a new SQLite file, or a
 * new database copied from the cluster's PostGIS template. `path` is the file, or the database URL.
 */
export async function freshStoreEnv(name = 'store'): Promise<{ env: Record<string, string>; path: string }> {
  if (TEST_ENGINE === 'sqlite') {
    const path = join(tempDir(name), 'piro.sqlite');
    return { env: { DB_PATH: path }, path };
  }
  const { freshDatabase } = await import('./postgres-database.ts');
  const url = await freshDatabase(name);
  return { env: { DATABASE_URL: url }, path: url };
}

/** The environment that opens the store at `path` again: a SQLite file, or a PostgreSQL URL. */
export const storeEnvOf = (path: string): Record<string, string> => (/^postgres(ql)?:\/\//.test(path) ? { DATABASE_URL: path } : { DB_PATH: path });

/** A fresh store of its own, seeded with `dataset`. */
export async function seededStore(dataset: string, name = 'store'): Promise<{ store: Store; path: string }> {
  const { env, path } = await freshStoreEnv(name);
  const store = await openStore(env);
  await seedFrom(store, dataset);
  return { store, path };
}

/** A writable copy of a dataset folder, for tests that break it on purpose. */
export function copyDataset(dataset: string, name = 'dataset'): string {
  const dir = join(tempDir(name), 'dataset');
  cpSync(dataset, dir, { recursive: true });
  return dir;
}

/**
 * Every row of every real table of a SQLite file, in a fixed order (all columns), table by table.
 * FTS5 and R*Tree shadow tables are storage details of their virtual table, whose own rows are
 * listed instead. A check of the file itself, below the store interface, for tests that must prove
 * the bytes of the content unchanged.
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

/** Opens a SQLite file read-only for such checks. */
export function openFile(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** Everything an async iterable yields, as an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * A database file as an older schema left it: what each later migration added, taken away again,
 * and user_version set back, so opening the store brings it forward as it would a real old file.
 */
export function rollSchemaBack(db: Database.Database, version: number) {
  const undo: Record<number, string> = {
    7: 'ALTER TABLE intervention DROP COLUMN updated_at',
    8: 'DROP TABLE intervention_master_plan_zone; ALTER TABLE zone DROP COLUMN master_plan_type; ALTER TABLE zone DROP COLUMN name_en',
    9: 'DROP TABLE import_batch; DROP TABLE import_layout',
    // The progress entries it gave each record stay: a record with them reads the same to older code.
    10: 'DROP INDEX revision_published',
    11: `CREATE VIRTUAL TABLE rtree_before USING rtree (id, min_lon, max_lon, min_lat, max_lat);
      INSERT INTO rtree_before SELECT id, min_lon, max_lon, min_lat, max_lat FROM intervention_rtree;
      DROP TABLE intervention_rtree; ALTER TABLE rtree_before RENAME TO intervention_rtree`,
    12: `ALTER TABLE intervention DROP COLUMN ogc;
      CREATE VIRTUAL TABLE rtree_before USING rtree (id, min_lon, max_lon, min_lat, max_lat, +exact_min_lon, +exact_max_lon, +exact_min_lat, +exact_max_lat);
      INSERT INTO rtree_before SELECT id, min_lon, max_lon, min_lat, max_lat, exact_min_lon, exact_max_lon, exact_min_lat, exact_max_lat FROM intervention_rtree;
      DROP TABLE intervention_rtree; ALTER TABLE rtree_before RENAME TO intervention_rtree`,
    // The moderator role stays allowed: older code never writes it.
    13: `DROP TABLE contribution_closure; DROP TABLE contribution; DELETE FROM meta WHERE key IN ('consultation_revision', 'consultation_secret')`,
    // The municipality its public forms gained stays: older code reads past a property it does not know.
    14: 'DROP INDEX intervention_municipality; ALTER TABLE intervention DROP COLUMN municipality; ALTER TABLE plan DROP COLUMN position; ALTER TABLE plan DROP COLUMN municipality',
    // The columns' new order stays: older code names every column it reads.
    15: `DROP INDEX intervention_status; DROP INDEX intervention_settlement; DROP INDEX intervention_municipality; DROP INDEX intervention_accuracy; DROP INDEX intervention_theme_budget;
      CREATE INDEX intervention_theme_budget ON intervention (theme, budget_eur_net, budget_eur);
      CREATE INDEX intervention_theme ON intervention (theme); CREATE INDEX intervention_status ON intervention (status);
      CREATE INDEX intervention_settlement ON intervention (settlement); CREATE INDEX intervention_municipality ON intervention (municipality)`,
  };
  for (let v = db.pragma('user_version', { simple: true }) as number; v > version; v--) {
    if (!(v in undo)) throw new Error(`rollSchemaBack does not know how to undo migration ${v}`);
    db.exec(undo[v]);
  }
  db.pragma(`user_version = ${version}`);
}
