// The two stores give the same answers for the same data: the Kazanlak dataset seeded into a SQLite
// file and into PostgreSQL, then every aggregate, the plan tree, the extent, pages of stored
// features in both forms, near searches and the dump compared byte for byte (run in the postgis
// project, where both engines are at hand).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpStore } from '../../data/dump.ts';
import { openStore } from '../../data/open.ts';
import { seedFrom } from '../../data/seed.ts';
import { AGGREGATE_BY, type Store } from '../../data/store.ts';
import type { InterventionFilter, Sort } from '../../geo/index.ts';
import { collect, KAZANLAK, seededStore, tempDir, TEST_ENGINE } from '../helpers/fixtures.ts';

const FILTERS: InterventionFilter[] = [
  {},
  { theme: ['water', 'transport'] },
  { bbox: [25.3, 42.58, 25.45, 42.65] },
  { q: 'училище' },
  { q: 'kazanlak', status: ['in_progress', 'planned'] },
  { minBudget: 100_000, located: true },
  { from: 2023, to: 2025 },
];
const SORTS: (Sort | undefined)[] = [undefined, { key: 'budget', descending: true }, { key: 'title', descending: false }, { key: 'start', descending: true }];

describe.runIf(TEST_ENGINE === 'postgis')('SQLite and PostgreSQL on the same data', () => {
  let sqlite: Store;
  let postgres: Store;
  beforeAll(async () => {
    sqlite = await openStore({ DB_PATH: join(tempDir('engines'), 'piro.sqlite') });
    await seedFrom(sqlite, KAZANLAK);
    postgres = (await seededStore(KAZANLAK, 'engines')).store;
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });
  const both = async <T>(read: (store: Store) => Promise<T>) => Promise.all([read(sqlite), read(postgres)]);

  it('count and budget every group alike, and build the same plan tree and extent', async () => {
    for (const by of AGGREGATE_BY)
      for (const filter of FILTERS) {
        const [a, b] = await both((s) => s.aggregate(by, filter));
        expect(b, `${by} ${JSON.stringify(filter)}`).toEqual(a);
      }
    for (const filter of FILTERS) {
      const [a, b] = await both((s) => s.planTree(filter));
      expect(b).toEqual(a);
    }
    const [a, b] = await both((s) => s.interventionExtent());
    expect(b).toEqual(a);
  });

  it('send the same bytes for every page, filter and sort, in both forms', async () => {
    const text = (page: { numberMatched: number; features: Uint8Array[] }) => ({ n: page.numberMatched, f: page.features.map((f) => Buffer.from(f).toString('utf8')) });
    for (const filter of FILTERS)
      for (const sort of SORTS)
        for (const form of ['geojson', 'ogc'] as const)
          for (const page of [{ limit: 5, offset: 0 }, { limit: 7, offset: 4 }]) {
            const [a, b] = await both((s) => s.queryInterventionJson(filter, sort, page, form));
            expect(text(b), `${JSON.stringify(filter)} ${JSON.stringify(sort)} ${form} ${JSON.stringify(page)}`).toEqual(text(a));
          }
    const [a, b] = await both(async (s) => (await collect(s.streamInterventionJson({}))).map((f) => Buffer.from(f).toString('utf8')));
    expect(b).toEqual(a);
  });

  it('find the same items at the same distances near a place', async () => {
    for (const near of [{ lon: 25.3917, lat: 42.6194, radius: 2000 }, { lon: 25.3329, lat: 42.7123, radius: 8000 }, { lon: 25.6, lat: 42.6, radius: 30_000 }])
      for (const sort of [undefined, { key: 'budget', descending: false } as Sort]) {
        const [a, b] = await both((s) => s.queryInterventions({ near }, sort, { limit: 10, offset: 2 }));
        expect(b).toEqual(a);
      }
  });

  it('dump the same files', async () => {
    const dirs = [join(tempDir('dump-sqlite'), 'dataset'), join(tempDir('dump-postgres'), 'dataset')];
    await dumpStore(sqlite, dirs[0]);
    await dumpStore(postgres, dirs[1]);
    const files = readdirSync(dirs[0]).sort();
    expect(readdirSync(dirs[1]).sort()).toEqual(files);
    for (const name of files) expect(readFileSync(join(dirs[1], name), 'utf8'), name).toBe(readFileSync(join(dirs[0], name), 'utf8'));
  });
});
