// The database is the truth: a store is seeded once from a dataset folder and kept afterwards;
// dumping writes the same bytes back; seeding again refuses to lose changes; a failed seed changes
// nothing; and a database of the previous schema is brought forward without losing a row.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpStore } from '../../data/dump.ts';
import { openStore } from '../../data/open.ts';
import { reseed, SeedRefused, seedFrom, seedIfEmpty } from '../../data/seed.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../data/sqlite/migrations.ts';
import type { Store } from '../../data/store.ts';
import { collect, copyDataset, freshStoreEnv, KAZANLAK, MINI, openFile, PAIR, ROOT, seededStore, storeEnvOf, tableContents, tempDir, TEST_ENGINE } from '../helpers/fixtures.ts';
import { databaseTables, databaseWrite } from '../helpers/database.ts';
import { SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION } from '../../data/postgres/schema.ts';
import { withProgress } from '../../geo/intervention.ts';
import { withMunicipality } from '../../data/intervention-row.ts';
import { codedOutlines } from '../../geo/municipality.ts';

/** Every row of every table, for comparing two stores or one store with itself; what is random by design masked. */
async function contents(path: string): Promise<string> {
  const masked = (name: string, row: unknown[]) =>
    // The consultation's key is random by design (each store makes its own, to sign challenges),
    // and PostgreSQL records when each migration ran.
    name === 'meta' && row[0] === 'consultation_secret' ? [row[0], '(random)'] : name === 'schema_migration' ? row.slice(0, 2) : row;
  return (await databaseTables(path)).map(({ name, rows }) => `${name}\n${JSON.stringify(rows.map((row) => masked(name, row)))}`).join('\n');
}

/** Simulates an edit made in the database behind the store's back: a title changed, the revision bumped. */
async function editInDatabase(path: string) {
  await databaseWrite(
    path,
    TEST_ENGINE === 'sqlite'
      ? `UPDATE intervention SET feature = json_set(feature, '$.properties.title.en', 'Edited'), document = json_set(document, '$.properties.title.en', 'Edited') WHERE rowid = 1;
         UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'`
      : `UPDATE intervention SET feature = jsonb_set(feature::jsonb, '{properties,title,en}', '"Edited"')::text, document = jsonb_set(document::jsonb, '{properties,title,en}', '"Edited"')::text WHERE rowid = 1;
         UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'`,
  );
}

const SCHEMA = TEST_ENGINE === 'sqlite' ? SCHEMA_VERSION : POSTGRES_SCHEMA_VERSION;

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'data/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

describe('seed and dump', () => {
  it.each([
    ['Kazanlak', KAZANLAK],
    ['mini', MINI],
    ['two municipalities', PAIR],
  ])('dumping a store seeded from %s gives the dataset files byte for byte', async (_, dataset) => {
    const { store } = await seededStore(dataset, 'dump');
    const out = join(tempDir('dumped'), 'dataset');
    const files = await dumpStore(store, out);
    await store.close();
    const originals = readdirSync(dataset).sort();
    expect(files).toEqual(originals);
    for (const name of originals) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(dataset, name), 'utf8'));
  });

  it('two seeds of the same dataset hold the same content', async () => {
    const a = await seededStore(KAZANLAK, 'twice');
    const b = await seededStore(KAZANLAK, 'twice');
    await Promise.all([a.store.close(), b.store.close()]);
    const first = await contents(a.path);
    expect(first.length).toBeGreaterThan(10_000);
    expect(await contents(b.path)).toBe(first);
  });

  it('a store is seeded once; later opens keep it, edits included', async () => {
    const { env, path } = await freshStoreEnv('once');
    let store: Store = await openStore(env);
    expect(await seedIfEmpty(store, MINI)).toBe('seeded');
    expect(await store.health()).toMatchObject({ revision: 1, changedSinceSeed: false, interventions: 7, schemaVersion: SCHEMA });
    await store.close();
    await editInDatabase(path);
    store = await openStore(env);
    expect(await seedIfEmpty(store, MINI)).toBe('kept');
    expect((await store.getIntervention('TST-001'))!.properties.title.en).toBe('Edited');
    expect(await store.health()).toMatchObject({ revision: 2, changedSinceSeed: true });
    await store.close();
  });

  it('seeding again refuses to lose changes unless told to, and bumps the revision', async () => {
    const { store, path } = await seededStore(MINI, 'reseed');
    await store.close();
    await editInDatabase(path);
    const again = await openStore(storeEnvOf(path));
    await expect(reseed(again, MINI)).rejects.toThrow(SeedRefused);
    expect((await again.getIntervention('TST-001'))!.properties.title.en).toBe('Edited');
    await reseed(again, MINI, { discardChanges: true });
    expect((await again.getIntervention('TST-001'))!.properties.title.en).not.toBe('Edited');
    expect(await again.health()).toMatchObject({ revision: 3, changedSinceSeed: false });
    await again.close();
  });

  it('a broken dataset is refused and the store stays exactly as it was', async () => {
    const { store, path } = await seededStore(MINI, 'keep');
    const before = await contents(path);
    const broken = copyDataset(MINI);
    writeFileSync(join(broken, 'interventions.geojson'), '{ not json');
    await expect(seedFrom(store, broken)).rejects.toThrow(/interventions\.geojson: -: -: not valid JSON/);
    await store.close();
    expect(await contents(path)).toBe(before);
  });

  it('the commands: db:build seeds once, data:seed refuses a changed store, data:dump writes the folder', async () => {
    const fresh = await freshStoreEnv('cli');
    const path = fresh.path;
    const env = { ...fresh.env, DATASET_DIR: MINI };
    expect(cli(['init'], env).stdout).toMatch(/seeded from/);
    expect(cli(['init'], env).stdout).toMatch(/kept/);
    await editInDatabase(path);
    const refused = cli(['seed'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused: the store holds changes made after its last seed.*data:dump/);
    const out = join(tempDir('cli-dump'), 'dataset');
    expect(cli(['dump', out], env).status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'interventions.geojson'), 'utf8')).features[0].properties.title.en).toBe('Edited');
    expect(cli(['seed', '--discard-changes'], env).status).toBe(0);
  });
});

// SQLite's own migrations and journal; PostgreSQL's schema starts whole (data/postgres/schema.ts).
describe.runIf(TEST_ENGINE === 'sqlite')('schema', () => {
  it('runs every migration and uses WAL', async () => {
    const { store, path } = await seededStore(MINI, 'wal');
    await store.close();
    const db = openFile(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    db.close();
  });

  it('brings a database of schema 3 forward without losing a row', async () => {
    const path = join(tempDir('v3'), 'piro.sqlite');
    const v3 = new Database(path);
    v3.exec(readFileSync(join(ROOT, 'tests/fixtures/schema-v3/mini.sql'), 'utf8'));
    v3.close();
    const columns = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM "${table}"`).columns().map((c) => c.name);
    const oldFile = openFile(path);
    const old = new Map([...tableContents(oldFile)].map(({ name, rows }) => [name, { columns: columns(oldFile, name), rows: [...rows] }]));
    oldFile.close();
    const store = await openStore({ DB_PATH: path });
    expect(await store.health()).toMatchObject({ schemaVersion: SCHEMA_VERSION, revision: 1, changedSinceSeed: false, interventions: 7 });
    // Every old row is still there, its old columns unchanged (by name: schema 15 reordered them); only
    // meta gains rows (the revision and the seed it stands for), and each intervention its single
    // status as its first progress entry (schema 10), as the dataset loader gives it, and in its
    // public form its plan's municipality (schema 14).
    const db = openFile(path);
    const publicForm = old.get('intervention')!.columns.indexOf('feature');
    const withEntries = (cell: unknown, column: number) => {
      if (typeof cell !== 'string' || !cell.startsWith('{"type":"Feature"')) return cell;
      const record = withProgress(JSON.parse(cell));
      return JSON.stringify(column === publicForm ? withMunicipality(record, 'SZR12') : record);
    };
    // And its boundary says whose it is (schema 14): the plan's code, the NUTS 3 unknown.
    const coded = (row: unknown[]) => (row[0] === 'municipality' ? row.map((cell) => (typeof cell === 'string' && cell.startsWith('{"type":"FeatureCollection"') ? JSON.stringify(codedOutlines(JSON.parse(cell), 'SZR12')) : cell)) : row);
    for (const { name, rows } of tableContents(db)) {
      const { columns: oldColumns, rows: oldRows } = old.get(name) ?? { columns: [], rows: [] };
      const before = oldRows.map((row) => (name === 'intervention' ? (row as unknown[]).map(withEntries) : name === 'layer' ? coded(row as unknown[]) : row));
      const now = columns(db, name);
      const after = [...rows].map((r) => oldColumns.map((c) => r[now.indexOf(c)]));
      if (name === 'meta') expect(after, name).toEqual(expect.arrayContaining(before));
      else expect(after, name).toEqual(before);
    }
    db.close();
    // And it answers as a store seeded from the same dataset today.
    const fresh = (await seededStore(MINI, 'v3-fresh')).store;
    expect(await collect(store.streamInterventions({}))).toEqual(await collect(fresh.streamInterventions({})));
    expect(await store.planTree()).toEqual(await fresh.planTree());
    expect(await store.zones()).toEqual(await fresh.zones());
    await Promise.all([store.close(), fresh.close()]);
  });
});

// Both engines: a store seeded before municipalities were a dimension (SQLite schema 13, PostgreSQL
// schema 1), its boundary naming nobody, is brought forward with every item and the boundary
// given the plan's municipality.
describe('a store from before municipalities', () => {
  it('is brought forward: each item, the plan and the boundary name the municipality', async () => {
    const { store, path } = await seededStore(MINI, 'before-municipalities');
    await store.close();
    const strip =
      TEST_ENGINE === 'sqlite'
        ? `DROP INDEX intervention_municipality; DROP INDEX intervention_accuracy; DROP INDEX intervention_theme_budget; DROP INDEX intervention_status; ALTER TABLE intervention DROP COLUMN municipality; ALTER TABLE plan DROP COLUMN position; ALTER TABLE plan DROP COLUMN municipality;
           UPDATE intervention SET feature = json_remove(feature, '$.properties.municipality'), ogc = json_remove(ogc, '$.properties.municipality');
           UPDATE layer SET collection = json_remove(collection, '$.features[0].properties.code', '$.features[0].properties.nuts3') WHERE name = 'municipality';
           PRAGMA user_version = 13;`
        : `DROP INDEX intervention_municipality; DROP INDEX intervention_accuracy; ALTER TABLE intervention DROP COLUMN municipality; ALTER TABLE plan DROP COLUMN position; ALTER TABLE plan DROP COLUMN municipality;
           UPDATE intervention SET feature = (feature::jsonb #- '{properties,municipality}')::text, ogc = (ogc::jsonb #- '{properties,municipality}')::text;
           UPDATE layer SET collection = (collection::jsonb #- '{features,0,properties,code}' #- '{features,0,properties,nuts3}')::text WHERE name = 'municipality';
           DELETE FROM schema_migration WHERE version >= 2;`;
    await databaseWrite(path, strip);
    const again = await openStore(storeEnvOf(path));
    try {
      expect(await again.aggregate('municipality')).toEqual([expect.objectContaining({ key: 'SZR12', count: 7 })]);
      expect((await again.queryInterventions({ municipality: ['SZR12'] })).numberMatched).toBe(7);
      expect((await again.getIntervention('TST-001'))!.properties.municipality).toBe('SZR12');
      const [outline] = (await again.layer('municipality'))!.features;
      expect(outline).toMatchObject({ id: 'SZR12', properties: { code: 'SZR12', nuts3: null } });
      expect((await again.plans()).map((p) => p.municipality.code)).toEqual(['SZR12']);
    } finally {
      await again.close();
    }
  });
});
