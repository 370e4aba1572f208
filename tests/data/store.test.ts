// The store on the small hand-made dataset in tests/fixtures/mini, whose every number can be
// checked by hand (see the comments next to the expectations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEMES, type InterventionFilter, type Sort } from '../../geo/index.ts';
import { geodesicDistance } from '../../geo/spatial.ts';
import type { Store } from '../../data/store.ts';
import { collect, seededStore, MINI, TEST_ENGINE } from '../helpers/fixtures.ts';
import { SCHEMA_VERSION } from '../../data/sqlite/migrations.ts';
import { SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION } from '../../data/postgres/schema.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';

let store: Store;
beforeAll(async () => {
  store = (await seededStore(MINI, 'mini')).store;
});
afterAll(() => store.close());

const ids = async (filter: InterventionFilter, sort?: Sort) =>
  (await store.queryInterventions(filter, sort, { limit: 1000, offset: 0 })).items.map((f) => f.feature.id);

describe('store on the mini fixture', () => {
  it('reports its counts', async () => {
    expect((await store.health())).toMatchObject({ interventions: 7, located: 5, zones: 2, settlements: 3, planItems: 4, layers: 4, schemaVersion: TEST_ENGINE === 'postgis' ? POSTGRES_SCHEMA_VERSION : SCHEMA_VERSION });
  });

  it('returns every item, unlocated ones included, when nothing filters', async () => {
    expect(await ids({})).toEqual(['TST-001', 'TST-002', 'TST-003', 'TST-004', 'TST-005', 'TST-006', 'TST-007']);
  });

  it('gets one intervention with all its fields and sources, and null for an unknown id', async () => {
    const f = (await store.getIntervention('TST-006'))!;
    expect(f.geometry).toBeNull();
    expect(f.properties.funding).toEqual(['npvu', 'municipal-budget']);
    expect(f.properties.sources[0].url).toMatch(/^https:/);
    expect((await store.getIntervention('NOPE-001'))).toBeNull();
  });

  it('derives the settlement of an item from the land area it lies in', async () => {
    expect((await store.getIntervention('TST-007'))!.properties.settlement).toBe('35167');
  });

  it('filters by bbox through the spatial index, leaving out items without a place', async () => {
    expect(await ids({ bbox: [25.3, 42.7, 25.36, 42.73] })).toEqual(['TST-002', 'TST-003']);
    // The polygon TST-007 is found by a bbox that touches only its corner.
    expect(await ids({ bbox: [25.394, 42.624, 25.5, 42.7] })).toEqual(['TST-007']);
    expect(await ids({ bbox: [20, 40, 21, 41] })).toEqual([]);
  });

  it('finds items near a point sorted by true distance in metres', async () => {
    const shipka: [number, number] = [25.3329, 42.7123];
    const result = (await store.queryInterventions({ near: { lon: shipka[0], lat: shipka[1], radius: 15_000 } }));
    expect(result.items.map((f) => f.feature.id)).toEqual(['TST-002', 'TST-003', 'TST-007', 'TST-001']);
    expect(result.items[0].distance).toBe(0);
    const kazanlak = result.items.find((f) => f.feature.id === 'TST-001')!;
    expect(kazanlak.distance).toBeCloseTo(geodesicDistance(shipka, [25.393, 42.6194]), 3);
    // ~11.7 km from Shipka to Kazanlak centre
    expect(kazanlak.distance!).toBeGreaterThan(11_000);
    expect(kazanlak.distance!).toBeLessThan(12_500);
    expect(result.numberMatched).toBe(4);
  });

  it('keeps the radius in metres: a tight radius only finds what is within it', async () => {
    const near = { lon: 25.3329, lat: 42.7123, radius: 500 };
    expect(await ids({ near })).toEqual(['TST-002', 'TST-003']);
  });

  it.each<[string, InterventionFilter, string[]]>([
    ['theme', { theme: ['water', 'education'] }, ['TST-002', 'TST-004']],
    ['status', { status: ['completed'] }, ['TST-003', 'TST-007']],
    ['funding', { funding: ['municipal-budget'] }, ['TST-003', 'TST-006', 'TST-007']],
    ['settlement', { settlement: ['83199'] }, ['TST-002', 'TST-003']],
    ['zone', { zone: ['TEST-Z1'] }, ['TST-001', 'TST-007']],
    // TST-003 is linked to measure M1, which lies under P1 and G1.
    ['goal', { goal: ['G1'] }, ['TST-001', 'TST-003', 'TST-005']],
    ['priority', { priority: ['P1'] }, ['TST-001', 'TST-003']],
    ['measure', { measure: ['M1'] }, ['TST-003']],
    ['accuracy', { accuracy: ['municipality', 'unlocated'] }, ['TST-005', 'TST-006']],
    ['year', { year: 2025 }, ['TST-002', 'TST-005', 'TST-006']],
    ['year with open end', { year: 2030 }, ['TST-004']],
    ['from/to', { from: 2021, to: 2022 }, ['TST-001', 'TST-003', 'TST-007']],
    ['minBudget', { minBudget: 100_000 }, ['TST-001', 'TST-005', 'TST-006']],
    ['maxBudget', { maxBudget: 50_000 }, ['TST-002', 'TST-007']],
    ['located=false', { located: false }, ['TST-005', 'TST-006']],
    ['located=true', { located: true }, ['TST-001', 'TST-002', 'TST-003', 'TST-004', 'TST-007']],
    ['combined', { theme: ['water', 'tourism'], status: ['completed'], settlement: ['83199'] }, ['TST-003']],
  ])('filters by %s', async (_, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
    expect((await store.countInterventions(filter))).toBe(expected.length);
  });

  it.each([
    ['shipka', ['TST-002', 'TST-003']],
    ['Шипка', ['TST-002', 'TST-003']],
    ['SHIPKA', ['TST-002', 'TST-003']],
    ['Šipka', ['TST-002', 'TST-003']],
    ['rozovo', ['TST-004']],
    ['kazanlak', ['TST-001', 'TST-007']],
    ['kazanluk', ['TST-001', 'TST-007']],
    ['водопровод шипка', ['TST-002']],
    ['vodoprovod', ['TST-002']],
    ['blorft', []],
  ])('searches text %j across scripts', async (q, expected) => {
    expect(await ids({ q: q as string })).toEqual(expected);
  });

  it('pages without losing or repeating an item', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 10; offset += 3)
      seen.push(...(await store.queryInterventions({}, undefined, { limit: 3, offset })).items.map((f) => f.feature.id));
    expect(seen).toEqual(await ids({}));
  });

  it('sorts by budget, title and start with unknown values last', async () => {
    expect(await ids({}, { key: 'budget', descending: true })).toEqual(['TST-005', 'TST-006', 'TST-001', 'TST-002', 'TST-007', 'TST-003', 'TST-004']);
    expect((await ids({}, { key: 'start', descending: false }))[0]).toBe('TST-003');
    const titles = await Promise.all((await ids({}, { key: 'title', descending: false })).map(async (id) => (await store.getIntervention(id))!.properties.title.bg));
    expect(titles[0]).toBe('Велоалея до Шипка');
  });

  it('aggregates count and EUR budget per settlement with zeros and a bucket for items without one', async () => {
    expect((await store.aggregate('settlement'))).toEqual([
      { key: '35167', count: 2, budgetEur: 110_000, budgeted: 2 },
      { key: '62983', count: 1, budgetEur: 0, budgeted: 0 },
      { key: '83199', count: 2, budgetEur: 50_000, budgeted: 1 },
      // TST-005's 1 000 000 includes its member TST-006's 200 000: counted once, not twice.
      { key: null, count: 2, budgetEur: 1_000_000, budgeted: 2 },
    ]);
  });

  it('aggregates per theme, zone, goal and priority, listing groups with nothing', async () => {
    const theme = (await store.aggregate('theme'));
    expect(theme).toHaveLength(12);
    expect(theme.find((r) => r.key === 'sport')).toEqual({ key: 'sport', count: 0, budgetEur: 0, budgeted: 0 });
    expect(theme.reduce((n, r) => n + r.count, 0)).toBe(7);
    expect((await store.aggregate('zone'))).toEqual([
      { key: 'TEST-Z1', count: 2, budgetEur: 110_000, budgeted: 2 },
      { key: 'TEST-Z2', count: 0, budgetEur: 0, budgeted: 0 },
      { key: null, count: 5, budgetEur: 1_050_000, budgeted: 3 },
    ]);
    expect((await store.aggregate('goal'))).toEqual([
      { key: 'G1', count: 3, budgetEur: 900_000, budgeted: 2 },
      { key: 'G2', count: 2, budgetEur: 60_000, budgeted: 2 },
      { key: null, count: 2, budgetEur: 200_000, budgeted: 1 },
    ]);
    expect((await store.aggregate('priority', { theme: ['transport'] }))).toEqual([{ key: 'P1', count: 1, budgetEur: 100_000, budgeted: 1 }]);
  });

  it('groups by plan item the same way under a filter that keeps every item', async () => {
    // A filter gathers only its items' links (data/aggregate-sql.ts); one that keeps all must agree.
    const everyTheme = { theme: [...THEMES.ids] };
    for (const level of ['goal', 'priority', 'measure'] as const) expect(await store.aggregate(level, everyTheme)).toEqual(await store.aggregate(level));
  });

  it('aggregates under a near filter the same items the list shows', async () => {
    const near = { lon: 25.3329, lat: 42.7123, radius: 500 };
    expect((await store.aggregate('settlement', { near }))).toEqual([
      { key: '35167', count: 0, budgetEur: 0, budgeted: 0 },
      { key: '62983', count: 0, budgetEur: 0, budgeted: 0 },
      { key: '83199', count: 2, budgetEur: 50_000, budgeted: 1 },
    ]);
  });

  it('gives a page as stored JSON equal to the page of features', async () => {
    for (const [filter, sort] of [[{}, undefined], [{ theme: ['water', 'tourism'] }, { key: 'budget', descending: true }], [{ bbox: [25.3, 42.7, 25.36, 42.73] }, undefined]] as [InterventionFilter, Sort | undefined][]) {
      const page = { limit: 2, offset: 1 };
      const json = await store.queryInterventionJson(filter, sort, page);
      const features = await store.queryInterventions(filter, sort, page);
      expect(json.numberMatched).toBe(features.numberMatched);
      expect(json.features.map((f) => parseJsonBytes(f))).toEqual(features.items.map((f) => f.feature));
    }
  });

  it('counts and pages every filter the same way at any page, in both stored forms', async () => {
    // A box or a search alone is paged from its index's rowids, a short page is its own count: every page of
    // every size must still say how many match and hold that slice of the whole list.
    const filters: InterventionFilter[] = [{}, { theme: ['water', 'tourism'] }, { bbox: [25.3, 42.7, 25.36, 42.73] }, { bbox: [25.3, 42.7, 25.36, 42.73], theme: ['water'] }, { bbox: [20, 40, 21, 41] }, { q: 'ремонт' }, { q: 'r' }, { q: 'nothing-like-it' }, { q: 'ремонт', theme: ['water'] }];
    for (const filter of filters) {
      const all = await ids(filter);
      expect(await store.countInterventions(filter)).toBe(all.length);
      for (const limit of [1, 2, 3])
        for (let offset = 0; offset <= all.length + 1; offset++)
          for (const form of ['geojson', 'ogc'] as const) {
            const page = await store.queryInterventionJson(filter, undefined, { limit, offset }, form);
            expect(page.numberMatched, `${JSON.stringify(filter)} ${limit}@${offset} ${form}`).toBe(all.length);
            expect(page.features.map((f) => parseJsonBytes<{ id: string }>(f).id)).toEqual(all.slice(offset, offset + limit));
          }
    }
  });

  it('gives id and geometry of the filtered items, in list order, near or not', async () => {
    for (const filter of [{}, { theme: ['water', 'tourism'] }, { near: { lon: 25.3329, lat: 42.7123, radius: 15_000 } }] as InterventionFilter[]) {
      const { items } = await store.queryInterventions(filter, undefined, { limit: 1000, offset: 0 });
      expect(await store.interventionPlaces(filter)).toEqual(items.map(({ feature }) => ({ id: feature.id, geometry: feature.geometry })));
    }
  });

  it('streams an export equal to the list', async () => {
    const all = (await collect(store.streamInterventions({ theme: ['tourism', 'water'] }))).map((f) => f.feature.id);
    expect(all).toEqual(await ids({ theme: ['tourism', 'water'] }));
  });

  it('lists settlements, areas, zones and layers', async () => {
    expect((await store.settlements()).map((s) => s.id)).toEqual(['35167', '62983', '83199']);
    expect((await store.settlementAreas())).toHaveLength(3);
    expect((await store.zones()).map((z) => z.id)).toEqual(['TEST-Z1', 'TEST-Z2']);
    expect((await store.layers()).map((l) => l.name)).toEqual(['municipality', 'settlement-areas', 'settlements', 'rivers']);
    expect((await store.layer('rivers'))!.features[0].properties.name.bg).toBe('Тунджа');
    expect((await store.layer('nope'))).toBeNull();
    expect((await store.plan()).goals.map((g) => g.id)).toEqual(['G1', 'G2']);
  });
});
