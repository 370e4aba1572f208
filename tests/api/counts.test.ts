// SQLite counts on a worker thread with its own read connection (api/geo-work/counts.ts), which the
// server uses so that a facet over a national store holds up no other request: the same rows as on
// the store's own connection, for every grouping and for filters that cross to the thread as plain
// objects (a box, a radius, words, CQL2), and the same /api/facets through it. PostgreSQL counts in
// its own processes and has no such thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createCountPool, type CountPool } from '../../api/geo-work/index.ts';
import { AGGREGATE_BY } from '../../data/store.ts';
import { SqliteStore } from '../../data/sqlite/store.ts';
import { parseCql2 } from '../../geo/cql2.ts';
import type { InterventionFilter } from '../../geo/index.ts';
import { ORIGIN } from '../helpers/api.ts';
import { KAZANLAK, seededStore, TEST_ENGINE } from '../helpers/fixtures.ts';

describe.skipIf(TEST_ENGINE !== 'sqlite')('counts on a worker thread', () => {
  let inPlace: SqliteStore;
  let threaded: SqliteStore;
  let pool: CountPool;
  let path: string;
  beforeAll(async () => {
    const seeded = await seededStore(KAZANLAK, 'counts');
    path = seeded.path;
    await seeded.store.close();
    inPlace = new SqliteStore(path);
    threaded = new SqliteStore(path);
    pool = createCountPool(path);
    threaded.countWith(pool.aggregate);
  });
  afterAll(async () => {
    await pool?.close();
    await Promise.all([inPlace?.close(), threaded?.close()]);
  });

  const filters: InterventionFilter[] = [
    {},
    { theme: ['water', 'transport'] },
    { bbox: [25.3, 42.58, 25.45, 42.66] },
    { near: { lon: 25.39, lat: 42.62, radius: 3000 } },
    { q: 'вода' },
    { cql: parseCql2("theme = 'transport' AND status <> 'completed'") },
    { municipality: ['SZR12'], status: ['planned'] },
  ];

  it('counts in place when the thread cannot (here: a file it cannot open), rather than failing every route that counts', async () => {
    const broken = createCountPool(`${path}.missing`);
    const store = new SqliteStore(path);
    store.countWith(broken.aggregate);
    try {
      for (const by of ['theme', 'goal'] as const) expect(await store.aggregate(by, { status: ['planned'] })).toEqual(await inPlace.aggregate(by, { status: ['planned'] }));
      expect((await createApp(store, { publicUrl: ORIGIN }).request(`${ORIGIN}/api/facets`)).status).toBe(200);
    } finally {
      await broken.close();
      await store.close();
    }
  });

  it('gives the rows the store gives on its own connection, for every grouping and filter', async () => {
    for (const filter of filters)
      for (const by of AGGREGATE_BY) expect(await threaded.aggregate(by, filter), `${by} ${JSON.stringify(filter)}`).toEqual(await inPlace.aggregate(by, filter));
  });

  it('serves the same facets', async () => {
    const facets = async (store: SqliteStore, query: string) => {
      const res = await createApp(store, { publicUrl: ORIGIN }).request(`${ORIGIN}/api/facets?${query}`);
      expect(res.status, `${query}: ${await res.clone().text()}`).toBe(200);
      return res.json();
    };
    for (const query of ['', 'theme=water', 'near=25.39,42.62&radius=3000', 'q=%D0%B2%D0%BE%D0%B4%D0%B0&status=planned']) expect(await facets(threaded, query), query).toEqual(await facets(inPlace, query));
  });
});
