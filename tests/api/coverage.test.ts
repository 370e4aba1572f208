// Coverage against numbers worked out by hand on the mini fixture, and against the rules that must
// hold on the real dataset.
import { check } from '@placemarkio/check-geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { isCounterClockwise } from '../../geo/normalise.ts';
import { pointInGeometry, positionsOf, type Areal } from '../../geo/spatial.ts';
import { apiOn } from '../helpers/api.ts';
import { KAZANLAK, MINI } from '../helpers/fixtures.ts';

const mini = await apiOn(MINI, 'coverage-mini');
const kazanlak = await apiOn(KAZANLAK, 'coverage-kazanlak');
afterAll(() => {
  mini.store.close();
  kazanlak.store.close();
});

// Box areas on the ground: Δlon·cos(lat)·111.32 km × Δlat·111.2 km.
const boxKm2 = (dLon: number, dLat: number, lat: number) => dLon * Math.cos((lat * Math.PI) / 180) * 111.32 * dLat * 111.2;

describe('GET /api/coverage on the mini fixture', () => {
  it('gives count, net EUR budget, residents and budget per resident for every settlement, zeros included', async () => {
    const body = await mini.json('/api/coverage?by=settlement&reach=0');
    const row = (key: string | null) => body.rows.find((r: { key: string | null }) => r.key === key);
    // Kazanlak: TST-001 (100 000 €) and TST-007 (10 000 €); 44 760 residents (NSI 2017)
    expect(row('35167')).toMatchObject({ count: 2, budgetEur: 110_000, budgeted: 2, unplaced: 0, population: 44_760, populationYear: 2017, budgetPerResident: 2.46 });
    // Shipka: TST-002 (50 000 €) and TST-003 (no budget); 1 182 residents → 42.30 € each
    expect(row('83199')).toMatchObject({ count: 2, budgetEur: 50_000, budgeted: 1, population: 1182, budgetPerResident: 42.3 });
    // Rozovo: an idea without a budget
    expect(row('62983')).toMatchObject({ count: 1, budgetEur: 0, budgetPerResident: 0 });
    // The programme TST-005 and its unlocated member TST-006 have no settlement: 800 000 + 200 000
    expect(row(null)).toMatchObject({ count: 2, budgetEur: 1_000_000, unplaced: null });
    expect(body.unplaced).toEqual({ count: 2, budgetEur: 1_000_000, ids: ['TST-005', 'TST-006'] });
    expect(body.total).toEqual({ count: 7, budgetEur: 1_160_000 });
  });

  it('measures the share of a settlement reached: the polygon TST-007 covers 0.01° × 0.01° of Kazanlak’s 0.07° × 0.06°', async () => {
    const body = await mini.json('/api/coverage?by=settlement&reach=0');
    const kazanlak = body.rows.find((r: { key: string }) => r.key === '35167');
    expect(kazanlak.areaKm2).toBeCloseTo(boxKm2(0.07, 0.06, 42.62), 0);
    expect(kazanlak.areaShare).toBeCloseTo((0.01 * 0.01) / (0.07 * 0.06), 3);
    // Points reach nothing at reach 0; at 500 m a point covers about π·0.5² km².
    expect(body.rows.find((r: { key: string }) => r.key === '62983').areaShare).toBe(0);
    const reached = await mini.json('/api/coverage?by=settlement&reach=500');
    const rozovo = reached.rows.find((r: { key: string }) => r.key === '62983');
    expect(rozovo.areaShare * rozovo.areaKm2).toBeCloseTo(Math.PI * 0.25, 1);
  });

  it('groups by theme, zone, goal and priority, and applies the filter', async () => {
    const theme = await mini.json('/api/coverage?by=theme');
    expect(theme.rows).toHaveLength(12);
    expect(theme.rows.find((r: { key: string }) => r.key === 'health')).toMatchObject({ count: 1, unplaced: 1, budgetEur: 200_000 });
    const zone = await mini.json('/api/coverage?by=zone');
    expect(zone.rows.map((r: { key: string | null; count: number; population: number | null }) => [r.key, r.count, r.population])).toEqual([
      ['TEST-Z1', 2, null],
      ['TEST-Z2', 0, null],
      [null, 5, null],
    ]);
    // a zone with no published boundary has no area to share
    expect(zone.rows[1]).toMatchObject({ areaKm2: null, areaShare: null, budgetPerResident: null });
    const goal = await mini.json('/api/coverage?by=goal&status=completed');
    expect(goal.rows.map((r: { key: string | null; count: number }) => [r.key, r.count])).toEqual([
      ['G1', 1],
      ['G2', 1],
    ]);
  });

  it('counts residents within and beyond a distance of a theme', async () => {
    const body = await mini.json('/api/coverage/access?theme=water&distance=1000');
    // Only Shipka has water works; Kazanlak and Rozovo are ~11.7 and ~17 km away.
    expect(body.total).toEqual({ population: 47_036, within: 1182, beyond: 45_854, unknownPopulation: 0 });
    const rows = Object.fromEntries(body.rows.map((r: { ekatte: string }) => [r.ekatte, r]));
    expect(rows['83199']).toMatchObject({ within: true, nearestM: 0, nearestId: 'TST-002' });
    expect(rows['35167'].nearestM).toBeGreaterThan(11_000);
    const any = await mini.json('/api/coverage/access?distance=1000');
    expect(any.total.within).toBe(47_036);
  });

  it('draws the gap as the municipality minus a 1 km disc around the water works', async () => {
    const res = await mini.get('/api/coverage/gaps.geojson?theme=water&distance=1000');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="coverage-gaps-1000m-\d{4}-\d{2}-\d{2}\.geojson"/);
    const body = await res.json();
    const municipality = boxKm2(0.16, 0.22, 42.64);
    expect(body.features[0].properties.areaKm2).toBeCloseTo(municipality - Math.PI, 0);
  });
});

describe('coverage on the Kazanlak data', () => {
  it('lists all 20 settlements, and their counts add up to the interventions that have a settlement', async () => {
    const body = await kazanlak.json('/api/coverage?by=settlement');
    const named = body.rows.filter((r: { key: string | null }) => r.key !== null);
    expect(named).toHaveLength(20);
    const withSettlement = (await kazanlak.store.queryInterventions({}, undefined, { limit: 1000, offset: 0 })).items.filter((f) => f.feature.properties.settlement !== null).length;
    expect(named.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(withSettlement);
    expect(named.some((r: { count: number }) => r.count === 0)).toBe(true);
  });

  it('serves gap polygons that are valid RFC 7946, lie inside the municipality and shrink as the distance grows', async () => {
    const municipality = (await kazanlak.store.layer('municipality'))!.features[0].geometry as Areal;
    let previous = Infinity;
    for (const distance of [1000, 2000, 4000, 8000]) {
      const text = await (await kazanlak.get(`/api/coverage/gaps.geojson?theme=education&distance=${distance}`)).text();
      expect(() => check(text)).not.toThrow();
      const body = JSON.parse(text);
      expect(body.features).toHaveLength(1);
      const gap = body.features[0];
      expect(gap.properties.areaKm2).toBeLessThan(previous);
      previous = gap.properties.areaKm2;
      const polygons = gap.geometry.type === 'Polygon' ? [gap.geometry.coordinates] : gap.geometry.coordinates;
      for (const rings of polygons) expect(isCounterClockwise(rings[0])).toBe(true);
      // Every vertex lies in the municipality (or on its edge, up to the 6-decimal rounding).
      const outside = positionsOf(gap.geometry).filter(
        (p) => !pointInGeometry([p[0], p[1]], municipality) && !pointInGeometry([p[0] + 1e-6, p[1]], municipality) && !pointInGeometry([p[0] - 1e-6, p[1]], municipality) && !pointInGeometry([p[0], p[1] + 1e-6], municipality) && !pointInGeometry([p[0], p[1] - 1e-6], municipality),
      );
      expect(outside).toEqual([]);
    }
  });

  it('exports the coverage table as CSV with the same rows', async () => {
    const json = await kazanlak.json('/api/coverage?by=theme&status=planned');
    const text = await (await kazanlak.get('/api/coverage.csv?by=theme&status=planned')).text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('key,name_bg,name_en,count,budget_eur,budgeted,unplaced,population,population_year,budget_per_resident_eur,area_km2,area_share');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(json.rows.map((r: { key: string }) => r.key));
  });

  it.each([
    ['/api/coverage?by=colour', 'by'],
    ['/api/coverage?reach=-5', 'reach'],
    ['/api/coverage/access?distance=0', 'distance'],
    ['/api/coverage/gaps.geojson?distance=1e9', 'distance'],
    ['/api/coverage/gaps.geojson?theme=roads', 'theme'],
    ['/api/coverage/access?by=settlement', 'by'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await kazanlak.get(url);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.parameter).toBe(parameter);
  });
});
