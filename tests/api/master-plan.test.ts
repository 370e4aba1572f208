// Master-plan (ОУП) zones through the API: a publisher publishes the synthetic test zoning
// (tests/fixtures/master-plan, never Kazanlak's) over the mini dataset, and every public read of an
// intervention names the zones it lies in; masterPlanZone= filters, by=masterPlanZone groups, a
// republished or deleted zone and a republished intervention are joined again; unknown codes and ids
// are refused. Expected zones worked out by hand from the fixture's squares and the mini items:
//   TST-001 point (25.393, 42.6194), on the border of A and B → A, B
//   TST-004 point (25.4135, 42.5622), inside C → C
//   TST-007 polygon 25.385..25.395 × 42.615..42.625, across the A/B border → A, B
//   TST-002, TST-003 (Shipka, far north) → none; TST-005, TST-006 (no geometry) → none
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../data/open.ts';
import { SCHEMA_VERSION } from '../../data/sqlite/migrations.ts';
import { MasterPlanZoneTypes } from '../../geo/master-plan-types.ts';
import { Coverage, FoundIntervention, InterventionExport, InterventionPage } from '../../geo/responses.ts';
import { editingOn } from '../helpers/editing.ts';
import { MINI, rollSchemaBack, TEST_ENGINE } from '../helpers/fixtures.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/master-plan/zoning.geojson', import.meta.url), 'utf8'));
const [A, B, C] = ['TESTMP-ZHM1', 'TESTMP-C1', 'TESTMP-PP1'];
type Editing = Awaited<ReturnType<typeof editingOn>>;

const ok = async (res: Response, status = 200) => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
};

/** Creates the fixture zones as drafts (one request) and publishes each. */
async function publishZoning(t: Editing) {
  const created = await ok(await t.send('editor', 'POST', '/api/zones?reason=test%20zoning', { body: fixture }), 201);
  for (const result of (created as { items: { item: string; etag: string }[] }).items) await ok(await t.send('publisher', 'POST', `/api/zones/${result.item}/publish`, { ifMatch: result.etag }));
}

/** Changes an item as an editor and publishes it at once. */
async function republish(t: Editing, path: string, patch: unknown) {
  const drafted = await ok(await t.send('editor', 'PATCH', path, { body: patch, ifMatch: (await t.head(path)).etag }));
  await ok(await t.send('publisher', 'POST', `${path}/publish`, { ifMatch: drafted.etag }));
}

/** The zone ids of every intervention in the list, by intervention id. */
async function zonesInList(t: Editing, query = ''): Promise<Record<string, string[]>> {
  const page = InterventionPage.parse(await ok(await t.send(null, 'GET', `/api/interventions?limit=1000${query}`)));
  return Object.fromEntries(page.features.map((f) => [f.id, f.masterPlanZones.map((z) => z.id)]));
}

const NONE = { 'TST-001': [], 'TST-002': [], 'TST-003': [], 'TST-004': [], 'TST-005': [], 'TST-006': [], 'TST-007': [] };
const JOINED = { ...NONE, 'TST-001': [A, B], 'TST-004': [C], 'TST-007': [A, B] };

describe('master-plan zones through the API', async () => {
  const t = await editingOn(MINI, 'master-plan');

  it('without a published zoning, items lie in none, and the filter knows no master-plan zone', async () => {
    expect(await zonesInList(t)).toEqual(NONE);
    const refused = await ok(await t.send(null, 'GET', `/api/interventions?masterPlanZone=${A}`), 400);
    expect(refused.error).toMatchObject({ code: 'invalid_parameter', details: { parameter: 'masterPlanZone', unknown: [A] } });
    const coverage = Coverage.parse(await ok(await t.send(null, 'GET', '/api/coverage?by=masterPlanZone')));
    expect(coverage.rows.map((r) => r.key)).toEqual([null]);
  });

  it('serves the zone-type vocabulary with its sources', async () => {
    const types = MasterPlanZoneTypes.parse(await ok(await t.send(null, 'GET', '/api/master-plan/zone-types')));
    expect(types.sources.length).toBeGreaterThan(0);
    expect(types.types.find((z) => z.code === 'Жм')?.name.bg).toMatch(/жилищна/i);
    expect((await t.send(null, 'GET', '/api/master-plan/zone-types?x=1')).status).toBe(400);
  });

  it('refuses a master-plan zone with an unknown code, without a code, and a code on another kind of zone', async () => {
    const [zone] = fixture.features;
    const withType = (id: string, properties: Record<string, unknown>) => ({ ...zone, id, properties: { ...zone.properties, id, ...properties } });
    const unknown = await ok(await t.send('editor', 'POST', '/api/zones', { body: withType('TESTMP-X1', { masterPlanType: 'Хх' }) }), 400);
    expect(unknown.error.details).toContainEqual({ path: 'properties.masterPlanType', message: expect.stringMatching(/unknown master-plan zone type Хх/) });
    const missing = await ok(await t.send('editor', 'POST', '/api/zones', { body: withType('TESTMP-X2', { masterPlanType: null }) }), 400);
    expect(JSON.stringify(missing.error.details)).toMatch(/needs its masterPlanType/);
    const elsewhere = await ok(await t.send('editor', 'POST', '/api/zones', { body: withType('TESTMP-X3', { kind: 'iti_priority' }) }), 400);
    expect(JSON.stringify(elsewhere.error.details)).toMatch(/only a zone of kind oup_land_use has a masterPlanType/);
  });

  it('once the zoning is published, every public read names the zones each item lies in', async () => {
    await publishZoning(t);
    expect(await zonesInList(t)).toEqual(JOINED);
    const detail = FoundIntervention.parse(await ok(await t.send(null, 'GET', '/api/interventions/TST-001')));
    expect(detail.masterPlanZones).toEqual([
      { id: A, code: 'Жм', name: { bg: 'Жилищна зона А (тестова)', en: 'Residential zone A (test)' } },
      { id: B, code: 'Ц', name: { bg: 'Централна зона Б (тестова)', en: 'Central zone B (test)' } },
    ]);
    const near = InterventionPage.parse(await ok(await t.send(null, 'GET', '/api/interventions?near=25.4135,42.5622&radius=100')));
    expect(near.features.map((f) => [f.id, f.masterPlanZones.map((z) => z.id)])).toEqual([['TST-004', [C]]]);
    for (const path of ['/api/export/interventions.geojson', '/api/export/interventions.geojson?crs=EPSG:4326']) {
      const exported = InterventionExport.parse(await ok(await t.send(null, 'GET', path)));
      expect(Object.fromEntries(exported.features.map((f) => [f.id, f.masterPlanZones.map((z) => z.id)])), path).toEqual(JOINED);
    }
    // The CSV names them too, code first, as a spreadsheet reader filters by them.
    const rows = Papa.parse<Record<string, string>>(await (await t.send(null, 'GET', '/api/export/interventions.csv')).text(), { header: true, skipEmptyLines: true }).data;
    const csvZones = Object.fromEntries(rows.map((r) => [r.id, r.master_plan_zones]));
    expect(csvZones['TST-001']).toBe(`Жм ${A}; Ц ${B}`);
    expect(csvZones['TST-004']).toBe(`Пп ${C}`);
    expect(csvZones['TST-002']).toBe('');
  });

  it('filters by master-plan zone on the list, the export and /ogc, and keeps the zones the plan acts on apart', async () => {
    expect(Object.keys(await zonesInList(t, `&masterPlanZone=${A}`))).toEqual(['TST-001', 'TST-007']);
    expect(Object.keys(await zonesInList(t, `&masterPlanZone=${B},${C}`))).toEqual(['TST-001', 'TST-004', 'TST-007']);
    expect(Object.keys(await zonesInList(t, `&masterPlanZone=${C}&located=false`))).toEqual([]);
    const exported = InterventionExport.parse(await ok(await t.send(null, 'GET', `/api/export/interventions.geojson?masterPlanZone=${C}`)));
    expect(exported.features.map((f) => f.id)).toEqual(['TST-004']);
    expect(exported.filter).toEqual({ masterPlanZone: C });
    const ogc = await ok(await t.send(null, 'GET', `/ogc/collections/interventions/items?masterPlanZone=${A}&f=json`));
    expect(ogc.features.map((f: { id: string }) => f.id)).toEqual(['TST-001', 'TST-007']);
    // A master-plan zone is not one of the zones the plan acts on: zone= refuses it, the zone facet leaves it out.
    expect((await t.send(null, 'GET', `/api/interventions?zone=${A}`)).status).toBe(400);
    const facets = await ok(await t.send(null, 'GET', '/api/facets'));
    expect(facets.facets.zone.map((v: { value: string | null }) => v.value)).not.toContain(A);
  });

  it('groups coverage by master-plan zone, every zone listed and the rest in the row of none', async () => {
    const coverage = Coverage.parse(await ok(await t.send(null, 'GET', '/api/coverage?by=masterPlanZone')));
    expect(coverage.rows.map((r) => [r.key, r.count])).toEqual([[A, 2], [B, 2], [C, 1], [null, 4]]);
    expect(coverage.rows[0].label).toEqual({ bg: 'Жм · Жилищна зона А (тестова)', en: 'Жм · Residential zone A (test)' });
    const csv = await (await t.send(null, 'GET', '/api/coverage.csv?by=masterPlanZone')).text();
    expect(csv).toContain(`${C},Пп · Производствена зона В (тестова)`);
    expect((await t.send(null, 'GET', '/api/coverage?by=masterplanzone')).status).toBe(400);
  });

  it('serves the zoning as an /ogc collection with the type names', async () => {
    const items = await ok(await t.send(null, 'GET', '/ogc/collections/master-plan-zones/items?f=json'));
    expect(items.features.map((f: { id: string; properties: Record<string, unknown> }) => [f.id, f.properties.masterPlanType, f.properties.masterPlanTypeName_en])).toEqual([
      [A, 'Жм', expect.stringMatching(/residential/i)],
      [B, 'Ц', expect.stringMatching(/central/i)],
      [C, 'Пп', expect.stringMatching(/production/i)],
    ]);
  });

  it('joins again when a zone is republished with another boundary, when a zone is deleted, and when an item moves', async () => {
    // C moves east, away from TST-004.
    await republish(t, `/api/zones/${C}`, { geometry: { type: 'Polygon', coordinates: [[[25.43, 42.55], [25.44, 42.55], [25.44, 42.58], [25.43, 42.58], [25.43, 42.55]]] } });
    expect(await zonesInList(t)).toEqual({ ...JOINED, 'TST-004': [] });
    // B is taken off the map.
    const head = await t.head(`/api/zones/${B}`);
    await ok(await t.send('publisher', 'POST', `/api/zones/${B}/unpublish?reason=test`, { ifMatch: head.etag }));
    expect(await zonesInList(t)).toEqual({ ...JOINED, 'TST-004': [], 'TST-001': [A], 'TST-007': [A] });
    // TST-002 moves from Shipka into A.
    await republish(t, '/api/interventions/TST-002', { geometry: { type: 'Point', coordinates: [25.38, 42.62] } });
    expect((await zonesInList(t))['TST-002']).toEqual([A]);
    expect((await t.send(null, 'GET', `/api/interventions?masterPlanZone=${B}`)).status).toBe(400);
  });

  // SQLite's own migrations: a PostgreSQL database starts at its current schema.
  it.runIf(TEST_ENGINE === 'sqlite')('joins the zoning of a database brought forward from schema 7', async () => {
    await t.store.close();
    const db = new Database(t.path);
    rollSchemaBack(db, 7);
    db.close();
    const store = await openStore({ DB_PATH: t.path });
    expect((await store.health()).schemaVersion).toBe(SCHEMA_VERSION);
    expect((await store.getIntervention('TST-001'))!.masterPlanZones).toEqual([{ id: A, code: 'Жм', name: { bg: 'Жилищна зона А (тестова)', en: 'Residential zone A (test)' } }]);
    expect((await store.getIntervention('TST-002'))!.masterPlanZones.map((z) => z.id)).toEqual([A]);
    await store.close();
  });
});
