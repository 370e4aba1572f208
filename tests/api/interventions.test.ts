// /api/interventions, /api/plan, /api/facets and the reference endpoints on the mini fixture,
// whose numbers can be checked by hand.
import { afterAll, describe, expect, it } from 'vitest';
import { geodesicDistance } from '../../geo/spatial.ts';
import { apiOn } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(MINI, 'api-mini');
afterAll(() => store.close());

const ids = async (query: string) => (await json(`/api/interventions?${query}`)).features.map((f: { id: string }) => f.id);

describe('GET /api/interventions', () => {
  it('returns a GeoJSON FeatureCollection with counts and links, unlocated items included', async () => {
    const res = await get('/api/interventions');
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'FeatureCollection', numberMatched: 7, numberReturned: 7 });
    expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['self']);
    expect(body.features.filter((f: { geometry: unknown }) => f.geometry === null).map((f: { id: string }) => f.id)).toEqual(['TST-005', 'TST-006']);
  });

  it.each([
    ['theme=water,education', ['TST-002', 'TST-004']],
    ['status=completed', ['TST-003', 'TST-007']],
    ['funding=municipal-budget', ['TST-003', 'TST-006', 'TST-007']],
    ['settlement=83199', ['TST-002', 'TST-003']],
    ['zone=TEST-Z1', ['TST-001', 'TST-007']],
    ['goal=G1', ['TST-001', 'TST-003', 'TST-005']],
    ['priority=P1', ['TST-001', 'TST-003']],
    ['measure=M1', ['TST-003']],
    ['accuracy=municipality,unlocated', ['TST-005', 'TST-006']],
    ['year=2025', ['TST-002', 'TST-005', 'TST-006']],
    ['from=2021&to=2022', ['TST-001', 'TST-003', 'TST-007']],
    ['minBudget=100000', ['TST-001', 'TST-005', 'TST-006']],
    ['maxBudget=50000', ['TST-002', 'TST-007']],
    ['minBudget=20000&maxBudget=150000', ['TST-001', 'TST-002']],
    ['q=shipka', ['TST-002', 'TST-003']],
    ['q=%D0%A8%D0%B8%D0%BF%D0%BA%D0%B0', ['TST-002', 'TST-003']],
    ['located=false', ['TST-005', 'TST-006']],
    ['bbox=25.3,42.7,25.36,42.73', ['TST-002', 'TST-003']],
    ['bbox=25.3,42.7,25.36,42.73&theme=tourism', ['TST-003']],
    ['theme=water,tourism&status=completed&settlement=83199', ['TST-003']],
    ['q=shipka&funding=pudoos', ['TST-002']],
  ])('filters by %s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('sorts nearby items by true distance and gives distance_m in metres', async () => {
    const body = await json('/api/interventions?near=25.3329,42.7123&radius=15000');
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['TST-002', 'TST-003', 'TST-007', 'TST-001']);
    const kazanlak = body.features.find((f: { id: string }) => f.id === 'TST-001');
    expect(kazanlak.properties.distance_m).toBeCloseTo(geodesicDistance([25.3329, 42.7123], [25.393, 42.6194]), 0);
    expect(body.features[0].properties.distance_m).toBe(0);
    // Each is the intervention as published, with its distance besides.
    for (const f of body.features) {
      const { distance_m, ...properties } = f.properties;
      expect(typeof distance_m).toBe('number');
      expect({ ...f, properties }).toEqual(await json(`/api/interventions/${f.id}`));
    }
    const second = await json('/api/interventions?near=25.3329,42.7123&radius=15000&limit=2&offset=2');
    expect(second).toMatchObject({ numberMatched: 4, numberReturned: 2 });
    expect(second.features).toEqual(body.features.slice(2));
  });

  it('defaults the radius to 5 km and sorts by other keys on request', async () => {
    expect(await ids('near=25.3329,42.7123')).toEqual(['TST-002', 'TST-003']);
    expect(await ids('near=25.3329,42.7123&radius=15000&sort=-distance')).toEqual(['TST-001', 'TST-007', 'TST-003', 'TST-002']);
    expect(await ids('sort=-budget')).toEqual(['TST-005', 'TST-006', 'TST-001', 'TST-002', 'TST-007', 'TST-003', 'TST-004']);
  });

  it('pages with next and prev links that cover every item exactly once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/interventions?limit=2&theme=water,tourism,education,economy,health,public_space,transport';
    let pages = 0;
    while (url && pages < 10) {
      const body: { features: { id: string }[]; links: { rel: string; href: string }[] } = await json(url.replace('http://localhost', ''));
      seen.push(...body.features.map((f: { id: string }) => f.id));
      if (pages > 0) expect(body.links.some((l: { rel: string }) => l.rel === 'prev')).toBe(true);
      url = body.links.find((l: { rel: string }) => l.rel === 'next')?.href;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(['TST-001', 'TST-002', 'TST-003', 'TST-004', 'TST-005', 'TST-006', 'TST-007']);
  });

  it('caps a large limit instead of refusing it', async () => {
    const body = await json('/api/interventions?limit=5000');
    expect(body.numberReturned).toBe(7);
    expect(body.links[0].href).toContain('limit=5000');
  });

  it('returns one intervention with its sources, and 404 JSON for an unknown id', async () => {
    const f = await json('/api/interventions/TST-003');
    expect(f).toMatchObject({ type: 'Feature', id: 'TST-003', geometry: { type: 'LineString' } });
    expect(f.properties.sources).toHaveLength(1);
    const res = await get('/api/interventions/NOPE-999');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'not_found', message: 'no intervention with id "NOPE-999"' });
  });

  it.each([
    ['theme=roads', 'theme'],
    ['bbox=25.5,42,25.3,43', 'bbox'],
    ['bbox=1,2,3', 'bbox'],
    ['near=200,42', 'near'],
    ['radius=100', 'radius'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=distance', 'sort'],
    ['sort=colour', 'sort'],
    ['year=twenty', 'year'],
    ['from=2025&to=2020', 'from'],
    ['minBudget=10&maxBudget=5', 'minBudget'],
    ['goal=G9', 'goal'],
    ['settlement=99999', 'settlement'],
    ['located=maybe', 'located'],
    ['colour=red', 'colour'],
    ['theme=water&theme=sport', 'theme'],
    ['q=%00', 'q'],
  ])('answers %s with 400 naming the parameter', async (query, parameter) => {
    const res = await get(`/api/interventions?${query}`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.parameter).toBe(parameter);
    expect(error.message).toContain(`"${parameter}"`);
  });
});

describe('GET /api/plan', () => {
  it('gives the goal → priority → measure tree with counts, net EUR budgets and an unlinked bucket', async () => {
    const { tree, goals } = await json('/api/plan');
    expect(goals).toHaveLength(2);
    const [g1, g2] = tree.goals;
    // G1: TST-001 (official), TST-003 via M1 (official), TST-005 (inferred); 100 000 + 0 + 800 000 net
    expect(g1).toMatchObject({ id: 'G1', count: 3, budgetEur: 900_000, inferredOnly: 1 });
    expect(g1.priorities[0]).toMatchObject({ id: 'P1', count: 2, budgetEur: 100_000, inferredOnly: 1 });
    expect(g1.priorities[0].measures[0]).toMatchObject({ id: 'M1', count: 1, budgetEur: 0, inferredOnly: 0 });
    expect(g2).toMatchObject({ id: 'G2', count: 2, budgetEur: 60_000, inferredOnly: 2 });
    expect(tree.unlinked).toMatchObject({ count: 2, budgetEur: 200_000 });
    expect(tree.total).toMatchObject({ count: 7, budgetEur: 1_160_000 });
  });

  it('applies the filter to the counts', async () => {
    const { tree } = await json('/api/plan?settlement=83199');
    expect(tree.goals.map((g: { count: number }) => g.count)).toEqual([1, 1]);
    expect(tree.unlinked.count).toBe(0);
  });
});

describe('GET /api/facets', () => {
  it('counts each facet with every filter but its own', async () => {
    const { numberMatched, facets } = await json('/api/facets?theme=water&settlement=83199');
    expect(numberMatched).toBe(1);
    const count = (facet: string, value: string | null) => facets[facet].find((v: { value: string | null }) => v.value === value)?.count;
    // theme counts ignore theme=water but keep settlement=83199: water 1, tourism 1
    expect(count('theme', 'water')).toBe(1);
    expect(count('theme', 'tourism')).toBe(1);
    expect(count('theme', 'sport')).toBe(0);
    // settlement counts ignore settlement but keep theme=water
    expect(count('settlement', '83199')).toBe(1);
    expect(count('settlement', '35167')).toBe(0);
    expect(facets.settlement.find((v: { value: string }) => v.value === '83199').label).toEqual({ bg: 'Шипка', en: 'Shipka' });
    expect(Object.keys(facets)).toEqual(['municipality', 'theme', 'status', 'funding', 'settlement', 'zone', 'goal', 'priority', 'accuracy']);
    expect(facets.municipality).toEqual([{ value: 'SZR12', label: { bg: 'Община Казанлък', en: 'Kazanlak Municipality' }, count: 1 }]);
  });
});

describe('reference endpoints', () => {
  it('lists zones (null geometry kept), settlements, themes and layers', async () => {
    const zones = await json('/api/zones');
    expect(zones.features.map((z: { id: string; geometry: unknown }) => [z.id, z.geometry === null])).toEqual([
      ['TEST-Z1', false],
      ['TEST-Z2', true],
    ]);
    expect((await json('/api/settlements')).features).toHaveLength(3);
    const themes = await json('/api/themes');
    expect(themes).toHaveLength(12);
    expect(themes.find((t: { id: string }) => t.id === 'water')).toMatchObject({ count: 1, label: { bg: 'Водоснабдяване и канализация' } });
    const layers = await json('/api/layers');
    expect(layers.map((l: { name: string }) => l.name)).toEqual(['municipality', 'settlement-areas', 'settlements', 'rivers']);
    expect(layers[0].href).toBe('http://localhost/api/layers/municipality');
    const rivers = await json('/api/layers/rivers');
    expect(rivers).toMatchObject({ type: 'FeatureCollection', name: 'rivers', licence: 'LGPL-3.0-or-later' });
    expect((await get('/api/layers/roads')).status).toBe(404);
  });

  it('gives the whole base map in one answer with include=features, each layer as /api/layers/{name} has it', async () => {
    const all = await json('/api/layers?include=features');
    expect(all.map((l: { name: string }) => l.name)).toEqual(['municipality', 'settlement-areas', 'settlements', 'rivers']);
    for (const layer of all) expect(layer.features).toEqual((await json(`/api/layers/${layer.name}`)).features);
    const refused = await get('/api/layers?include=everything');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain('query parameter "include": the only value is features');
  });

  it('serves the dataset SOURCES as Markdown', async () => {
    const res = await get('/api/sources');
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await res.text()).toContain('Sources of the mini fixture');
  });
});
