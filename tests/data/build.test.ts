// The database is a pure function of the dataset: two builds hold identical content, a failed
// build leaves the previous file untouched, and a current database is not rebuilt.
import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatabase, ensureDatabase } from '../../data/build.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../data/migrations.ts';
import { copyDataset, KAZANLAK, MINI, tableContents, tempDir } from '../helpers/fixtures.ts';

function dump(path: string): string {
  const db = new Database(path, { readonly: true });
  const out = [...tableContents(db)].map(({ name, rows }) => `${name}\n${JSON.stringify([...rows])}`);
  db.close();
  return out.join('\n');
}

describe('database build', () => {
  it('gives identical content when run twice', () => {
    const dir = tempDir('twice');
    buildDatabase(KAZANLAK, join(dir, 'a.sqlite'));
    buildDatabase(KAZANLAK, join(dir, 'b.sqlite'));
    const a = dump(join(dir, 'a.sqlite'));
    expect(a.length).toBeGreaterThan(10_000);
    expect(dump(join(dir, 'b.sqlite'))).toBe(a);
  });

  it('runs every migration, uses WAL and records the schema version', () => {
    const path = join(tempDir('wal'), 'piro.sqlite');
    buildDatabase(MINI, path);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    db.close();
  });

  it('leaves the previous database as it was when the dataset is broken', () => {
    const path = join(tempDir('keep'), 'piro.sqlite');
    buildDatabase(MINI, path);
    const before = dump(path);
    const broken = copyDataset(MINI);
    writeFileSync(join(broken, 'interventions.geojson'), '{ not json');
    expect(() => buildDatabase(broken, path)).toThrow(/interventions\.geojson: -: -: not valid JSON/);
    expect(dump(path)).toBe(before);
  });

  it('rebuilds only when the dataset changed', () => {
    const dataset = copyDataset(MINI);
    const path = join(tempDir('ensure'), 'piro.sqlite');
    expect(ensureDatabase(dataset, path)).toBe('built');
    const built = statSync(path).mtimeMs;
    expect(ensureDatabase(dataset, path)).toBe('current');
    expect(statSync(path).mtimeMs).toBe(built);
    const plan = join(dataset, 'plan.json');
    writeFileSync(plan, JSON.stringify({ ...JSON.parse(readFileSync(plan, 'utf8')), legalBasis: 'ЗРР (changed)' }));
    expect(ensureDatabase(dataset, path)).toBe('built');
  });
});
