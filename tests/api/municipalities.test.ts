// Two municipalities' plans in one store (tests/fixtures/pair: Казанлък SZR12 and a fixture plan of
// Мъглиж SZR22): /api/municipalities lists them with their codes, plans and counts; municipality=
// narrows the list, the plan, the facets, the tiles and /ogc; /api/plan reads the named
// municipality's plan; a write names its municipality and links only to that plan.
import { afterAll, describe, expect, it } from 'vitest';
import { Municipality } from '../../geo/index.ts';
import { editingOn, newIntervention, newPlanItem } from '../helpers/editing.ts';
import { PAIR } from '../helpers/fixtures.ts';

const t = await editingOn(PAIR, 'api-municipalities');
afterAll(() => t.store.close());

const ids = async (query: string) =>
  ((await t.json(`/api/interventions?limit=1000${query}`)).features as { id: string }[]).map((f) => f.id).sort();

describe('/api/municipalities', () => {
  it('lists each municipality with its ЕКАТТЕ (= LAU) and NUTS 3 codes, names, province, plan, count and box', async () => {
    const list = await t.json('/api/municipalities');
    expect(list.map((m: Municipality) => Municipality.parse(m).code)).toEqual(['SZR12', 'SZR22']);
    expect(list[1]).toEqual({
      code: 'SZR22',
      lau: 'SZR22',
      nuts3: 'BG344',
      name: { bg: 'Община Мъглиж', en: 'Maglizh Municipality' },
      province: { bg: 'Стара Загора', en: 'Stara Zagora' },
      adminCentreEkatte: '00000',
      plan: { id: 'maglizh-fixture-plan', shortTitle: { bg: 'ПИРО Мъглиж (тест)', en: 'PIRO Maglizh (fixture)' } },
      interventions: 2,
      bbox: [25.45, 42.53, 25.65, 42.7],
    });
    expect(list[0]).toMatchObject({ code: 'SZR12', plan: { id: 'test-plan' }, interventions: 7 });
  });

  it('gives one municipality with its boundary as a Feature; an unknown code is a 404, a malformed one a 400', async () => {
    const res = await t.get('/api/municipalities/SZR22');
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const feature = await res.json();
    expect(feature).toMatchObject({ type: 'Feature', id: 'SZR22', bbox: [25.45, 42.53, 25.65, 42.7], geometry: { type: 'Polygon' }, properties: { nuts3: 'BG344', interventions: 2 } });
    const missing = await t.get('/api/municipalities/SZR99');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.details.allowed).toEqual(['SZR12', 'SZR22']);
    const bad = await t.get('/api/municipalities/szr22');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/code/);
  });
});

describe('municipality=', () => {
  it('narrows the list to the items serving the named municipalities\' plans, and every item names its municipality', async () => {
    expect(await ids('&municipality=SZR22')).toEqual(['MG-001', 'MG-002']);
    expect((await ids('&municipality=SZR12')).length).toBe(7);
    expect((await ids('&municipality=SZR12,SZR22')).length).toBe(9);
    const all = (await t.json('/api/interventions?limit=1000')).features as { properties: { municipality: string } }[];
    expect(new Set(all.map((f) => f.properties.municipality))).toEqual(new Set(['SZR12', 'SZR22']));
  });

  it('refuses a code no plan here has, naming the parameter', async () => {
    const res = await t.get('/api/interventions?municipality=SZR99');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_parameter', details: { parameter: 'municipality', allowed: ['SZR12', 'SZR22'] } });
  });

  it('reads the named municipality\'s plan in /api/plan, or the plan of the items named, else the default plan', async () => {
    const maglizh = await t.json('/api/plan?municipality=SZR22');
    expect(maglizh.id).toBe('maglizh-fixture-plan');
    expect(maglizh.tree.goals.map((g: { id: string }) => g.id)).toEqual(['MG-G1', 'MG-G2']);
    expect(maglizh.tree.goals[0].count).toBe(2); // MG-001 on the goal, MG-002 on a measure under it
    // Each tree counts its own municipality's items only: Kazanlak's 7 of the 9, Мъглиж's 2.
    const kazanlak = await t.json('/api/plan');
    expect([kazanlak.id, kazanlak.tree.total.count]).toEqual(['test-plan', 7]);
    expect(maglizh.tree.total.count).toBe(2);
    expect((await t.json('/api/plan?municipality=SZR22,SZR12')).id).toBe('maglizh-fixture-plan');
    expect((await t.json('/api/plan?goal=MG-G1')).id).toBe('maglizh-fixture-plan');
  });

  it('counts facets and tiles within the municipality, and groups counts by municipality', async () => {
    const facets = await t.json('/api/facets?municipality=SZR22');
    expect(facets.numberMatched).toBe(2);
    expect(facets.facets.theme.filter((f: { count: number }) => f.count > 0).map((f: { value: string }) => f.value).sort()).toEqual(['transport', 'water']);
    const everywhere = await t.get('/api/tiles/interventions/8/146/94.mvt');
    const there = await t.get('/api/tiles/interventions/8/146/94.mvt?municipality=SZR22');
    expect([everywhere.status, there.status]).toEqual([200, 200]);
    expect((await there.arrayBuffer()).byteLength).toBeLessThan((await everywhere.arrayBuffer()).byteLength);
    expect(await t.store.aggregate('municipality')).toEqual([
      expect.objectContaining({ key: 'SZR12', count: 7 }),
      expect.objectContaining({ key: 'SZR22', count: 2 }),
    ]);
  });

  it('filters /ogc items by the parameter and by CQL2 on the municipality property', async () => {
    const byParam = await t.json('/ogc/collections/interventions/items?municipality=SZR22&f=json');
    expect(byParam.features.map((f: { id: string }) => f.id).sort()).toEqual(['MG-001', 'MG-002']);
    expect(byParam.features[0].properties.municipality).toBe('SZR22');
    const byCql = await t.json(`/ogc/collections/interventions/items?f=json&filter=${encodeURIComponent("municipality = 'SZR22'")}`);
    expect(byCql.numberMatched).toBe(2);
    const queryables = await t.json('/ogc/collections/interventions/queryables?f=json');
    expect(queryables.properties.municipality).toMatchObject({ type: 'string' });
  });

  it('names what it serves by all the plans held, or by the one a filter names: /ogc, the API description, the changes feed', async () => {
    expect((await t.json('/ogc?f=json')).title).toBe('piro-map: ПИРО на 2 общини');
    expect((await t.json('/ogc/collections/interventions?f=json')).description).toContain('PIROs of 2 municipalities');
    expect((await t.json('/api/openapi.json')).info.description).toMatch(/^The plans ПИРО на 2 общини:/);
    const title = async (query: string) => /<title[^>]*>([^<]*)<\/title>/.exec(await (await t.get(`/api/changes.atom${query}`)).text())?.[1];
    expect(await title('')).toBe('Промени в ПИРО на 2 общини');
    expect(await title('?municipality=SZR22')).toBe('Промени в ПИРО Мъглиж (тест) — община: Община Мъглиж');
    expect(await title('?municipality=SZR12,SZR22')).toMatch(/^Промени в ПИРО на 2 общини/);
  });
});

describe('the annual report in a store of several plans', () => {
  const year = new Date().getUTCFullYear();
  it('is of one municipality\'s plan and its interventions: the named one, or the default', async () => {
    const maglizh = await t.json(`/api/reports/annual/${year}.json?municipality=SZR22`);
    expect(maglizh.plan.id).toBe('maglizh-fixture-plan');
    expect(maglizh.tree.total.count).toBe(2);
    expect(maglizh.tree.goals.map((g: { id: string }) => g.id)).toEqual(['MG-G1', 'MG-G2']);
    const kazanlak = await t.json(`/api/reports/annual/${year}.json`);
    expect(kazanlak.plan.id).toBe('test-plan');
    expect(kazanlak.tree.total.count).toBe(7);
    expect([...kazanlak.located, ...kazanlak.unlocated].map((i: { id: string }) => i.id)).not.toContain('MG-001');
    // The printed page's downloads and its other language stay with that municipality.
    const html = await (await t.get(`/api/reports/annual/${year}.html?municipality=SZR22`)).text();
    const links = [...html.matchAll(/href="([^"]*\/api\/reports\/annual\/[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of links) expect(new URL(link).searchParams.get('municipality'), link).toBe('SZR22');
    const csv = await t.get(`/api/reports/annual/${year}.csv?municipality=SZR22`);
    expect(csv.headers.get('content-disposition')).toContain(`piro-annual-report-SZR22-${year}`);
  });

  it('refuses a municipality no plan here is of, and a malformed code, naming the parameter', async () => {
    for (const code of ['SZR99', 'szr22']) {
      const res = await t.get(`/api/reports/annual/${year}.json?municipality=${code}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.parameter).toBe('municipality');
    }
  });
});

describe('writes in a store of several plans', () => {
  /** In Мъглиж, linked to its goal MG-G1. */
  const item = (id: string, properties: Record<string, unknown>) =>
    newIntervention(id, 'Нов обект в Мъглиж', { geometry: { type: 'Point', coordinates: [25.55, 42.62] }, properties: { planLinks: [{ level: 'goal', id: 'MG-G1', confidence: 'inferred' }], ...properties } });
  const refusal = async (res: Response) => {
    const body = await res.json();
    return { status: res.status, paths: (body.error?.details ?? []).map((p: { path: string }) => p.path) };
  };

  it('refuses an item that names no municipality, one whose link is another municipality\'s plan, and one outside its boundary', async () => {
    const before = await t.store.revision();
    expect(await refusal(await t.send('editor', 'POST', '/api/interventions', { body: item('MG-100', {}) }))).toEqual({ status: 400, paths: ['properties.municipality'] });
    const foreign = item('MG-101', { municipality: 'SZR22', planLinks: [{ level: 'goal', id: 'G1', confidence: 'inferred' }] });
    expect(await refusal(await t.send('editor', 'POST', '/api/interventions', { body: foreign }))).toEqual({ status: 400, paths: ['properties.planLinks.0.id'] });
    const outside = newIntervention('MG-102', 'Нов обект', { properties: { municipality: 'SZR22', planLinks: [{ level: 'goal', id: 'MG-G1', confidence: 'inferred' }] } });
    expect(await refusal(await t.send('editor', 'POST', '/api/interventions', { body: outside }))).toEqual({ status: 400, paths: ['geometry'] });
    expect(await t.store.revision()).toBe(before);
  });

  it('takes an item that names its municipality and links to that plan, and publishes it under it', async () => {
    const created = await t.send('editor', 'POST', '/api/interventions', { body: item('MG-103', { municipality: 'SZR22' }) });
    expect(created.status).toBe(201);
    const published = await t.send('publisher', 'POST', '/api/interventions/MG-103/publish', { ifMatch: (await t.head('/api/interventions/MG-103')).etag });
    expect(published.status).toBe(200);
    expect(await ids('&municipality=SZR22')).toEqual(['MG-001', 'MG-002', 'MG-103']);
  });

  it('lists a publication in the annual report of the municipality it serves only', async () => {
    const year = new Date().getUTCFullYear();
    const record = await (await t.send('editor', 'GET', '/api/interventions/TST-001')).json();
    expect(record.properties.municipality).toBe('SZR12');
    const edited = { ...record, properties: { ...record.properties, statusText: 'Проверено на място' } };
    expect((await t.send('editor', 'PATCH', '/api/interventions/TST-001', { body: edited, ifMatch: (await t.head('/api/interventions/TST-001')).etag })).status).toBe(200);
    expect((await t.send('publisher', 'POST', '/api/interventions/TST-001/publish', { ifMatch: (await t.head('/api/interventions/TST-001')).etag })).status).toBe(200);
    const changed = async (query: string) => ((await t.json(`/api/reports/annual/${year}.json${query}`)).changed as { id: string }[]).map((c) => c.id).sort();
    expect(await changed('?municipality=SZR22')).toEqual(['MG-103']);
    expect(await changed('')).toEqual(['TST-001']);
    expect(await changed('?municipality=SZR12')).toEqual(['TST-001']);
  });

  it('refuses to hang a plan item under another municipality\'s plan', async () => {
    const moved = { level: 'priority', ...(await t.store.plans())[1].priorities[0], goalId: 'G1' };
    const res = await t.send('editor', 'PATCH', '/api/plan/items/MG-P1', { body: moved, ifMatch: (await t.head('/api/plan/items/MG-P1')).etag });
    expect(await refusal(res)).toEqual({ status: 400, paths: ['goalId'] });
  });

  it('puts a new goal in the plan of the municipality it names, and refuses one that names none or a plan not held', async () => {
    const goal = (id: string, extra: Record<string, unknown>) => newPlanItem('goal', id, extra);
    const before = await t.store.revision();
    for (const [extra, path] of [[{}, 'municipality'], [{ municipality: 'SZR99' }, 'municipality']] as const)
      expect(await refusal(await t.send('editor', 'POST', '/api/plan/items', { body: goal('MG-G8', extra) }))).toEqual({ status: 400, paths: [path] });
    // A priority whose goal is Мъглиж's cannot say it is Казанлък's.
    const priority = newPlanItem('priority', 'MG-P8', { municipality: 'SZR12', goalId: 'MG-G1', parentLinkConfidence: 'inferred' });
    expect(await refusal(await t.send('editor', 'POST', '/api/plan/items', { body: priority }))).toEqual({ status: 400, paths: ['municipality'] });
    expect(await t.store.revision()).toBe(before);

    expect((await t.send('editor', 'POST', '/api/plan/items', { body: goal('MG-G9', { municipality: 'SZR22' }) })).status).toBe(201);
    expect((await t.send('publisher', 'POST', '/api/plan/items/MG-G9/publish', { ifMatch: (await t.head('/api/plan/items/MG-G9')).etag })).status).toBe(200);
    const plans = await t.store.plans();
    expect(plans.map((p) => p.goals.map((g) => g.id))).toEqual([['G1', 'G2'], ['MG-G1', 'MG-G2', 'MG-G9']]);
    // The plan keeps the item, not the municipality it was written with.
    expect(plans[1].goals.at(-1)).not.toHaveProperty('municipality');
    expect((await t.json('/api/plan?municipality=SZR22')).goals.map((g: { id: string }) => g.id)).toContain('MG-G9');
    // Nor does the plan as it stood on a day, rebuilt from the revisions.
    const today = new Date().toISOString().slice(0, 10);
    const onDay = (await t.json(`/api/plan?municipality=SZR22&asOf=${today}`)).goals.find((g: { id: string }) => g.id === 'MG-G9');
    expect(onDay).toBeDefined();
    expect(onDay).not.toHaveProperty('municipality');
    // Edited again without naming it, it stays where it is.
    const edited = goal('MG-G9', { title: { bg: 'Нова цел, по-точно', en: null } });
    expect((await t.send('editor', 'PATCH', '/api/plan/items/MG-G9', { body: edited, ifMatch: (await t.head('/api/plan/items/MG-G9')).etag })).status).toBe(200);
    expect((await t.send('publisher', 'POST', '/api/plan/items/MG-G9/publish', { ifMatch: (await t.head('/api/plan/items/MG-G9')).etag })).status).toBe(200);
    expect((await t.store.plans())[1].goals.find((g) => g.id === 'MG-G9')?.title.bg).toBe('Нова цел, по-точно');
  });

  it('puts a new priority in its goal\'s plan', async () => {
    const priority = newPlanItem('priority', 'MG-P9', { goalId: 'MG-G2', parentLinkConfidence: 'inferred' });
    expect((await t.send('editor', 'POST', '/api/plan/items', { body: priority })).status).toBe(201);
    expect((await t.send('publisher', 'POST', '/api/plan/items/MG-P9/publish', { ifMatch: (await t.head('/api/plan/items/MG-P9')).etag })).status).toBe(200);
    const plans = await t.store.plans();
    expect(plans.map((p) => p.priorities.map((x) => x.id))).toEqual([['P1'], ['MG-P1', 'MG-P9']]);
    // The day before, it was in neither plan.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = await t.json(`/api/plan?municipality=SZR22&asOf=${yesterday}`);
    expect(before.priorities.map((x: { id: string }) => x.id)).toEqual(['MG-P1']);
    expect((await t.json(`/api/plan?asOf=${yesterday}`)).priorities.map((x: { id: string }) => x.id)).toEqual(['P1']);
  });
});
