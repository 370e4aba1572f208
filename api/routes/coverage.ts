// /api/coverage: the planner's questions — which settlements, zones, goals and themes the plan
// reaches, with money per resident; who lives far from any intervention of a theme; and where the
// gaps are, as polygons to download.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { filterToQuery } from '../../geo/index.ts';
import { geometryProblems, rewind, roundGeometry } from '../../geo/normalise.ts';
import { Access, Coverage, COVERAGE_BY, Gaps, type CoverageRow } from '../../geo/responses.ts';
import { access, coverage, gaps } from '../../data/coverage.ts';
import type { Deps } from '../deps.ts';
import { csvCell } from '../csv.ts';
import { ResultCache, resultKey } from '../geo-work/cache.ts';
import { toFilter } from '../filters.ts';
import { FILTER_PARAMS, param, parseQuery } from '../params.ts';
import { attachment, GEOJSON } from '../responses.ts';
import type { RouteDoc } from '../route-doc.ts';

const metres = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}(\.\d+)?$/, 'must be a number of metres')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const BY = param('by', z.enum(COVERAGE_BY, `allowed values are ${COVERAGE_BY.join(', ')}`), `Group by ${COVERAGE_BY.join(', ')} (default settlement). Every group is listed, zeros included.`, 'settlement');
const REACH = param('reach', metres(0, 20_000), 'Metres around an intervention that count as reached, for `areaShare` (default 500; 0 counts only polygons).', '500');
const DISTANCE = param('distance', metres(1, 50_000), 'Metres: how far from an intervention still counts as served (default 2000).', '2000');

const COVERAGE_PARAMS = [BY, REACH, ...FILTER_PARAMS] as const;
const DISTANCE_PARAMS = [DISTANCE, ...FILTER_PARAMS] as const;
/** The geometry runs on a bounded pool of workers (api/geo-work/): too large, busy, or too slow. */
const HEAVY_ERRORS = [413, 503];

export const COVERAGE_ROUTES: RouteDoc[] = [
  {
    path: '/api/coverage',
    summary: 'Count, EUR budget, budget per resident and area reached per settlement, zone, goal, priority or theme',
    description:
      'One row per group, the empty ones included, plus a row with key null for items in no group. Population is the settlements\' NSI figure with its year; zones have none published, so their per-resident figure is null. `areaShare` is the share of the group\'s area (the municipality\'s for theme, goal and priority) within `reach` metres of the group\'s located items. Items with no place are counted in their row (`unplaced`) and listed in `unplaced`, never spread over the map. Budgets are net of programme totals their members carry.',
    tags: ['coverage'],
    errors: HEAVY_ERRORS,
    query: [...COVERAGE_PARAMS],
    response: { type: 'application/json', schema: Coverage, description: 'coverage rows' },
  },
  {
    path: '/api/coverage.csv',
    summary: 'The coverage table as CSV (UTF-8 with BOM)',
    tags: ['coverage'],
    errors: HEAVY_ERRORS,
    query: [...COVERAGE_PARAMS],
    response: { type: 'text/csv', description: 'CSV attachment' },
  },
  {
    path: '/api/coverage/access',
    summary: 'Residents within and beyond a distance of an intervention matching the filter (e.g. a theme), per settlement and in total',
    tags: ['coverage'],
    errors: HEAVY_ERRORS,
    query: [...DISTANCE_PARAMS],
    response: { type: 'application/json', schema: Access, description: 'access per settlement' },
  },
  {
    path: '/api/coverage/gaps.geojson',
    summary: 'The part of the municipality farther than `distance` from every located intervention matching the filter',
    tags: ['coverage'],
    errors: HEAVY_ERRORS,
    query: [...DISTANCE_PARAMS],
    response: { type: 'application/geo+json', schema: Gaps, description: 'RFC 7946 polygons clipped to the municipality, as an attachment' },
  },
];

const CSV_COLUMNS: [string, (r: CoverageRow) => string | number | null][] = [
  ['key', (r) => r.key],
  ['name_bg', (r) => r.label.bg],
  ['name_en', (r) => r.label.en],
  ['count', (r) => r.count],
  ['budget_eur', (r) => r.budgetEur],
  ['budgeted', (r) => r.budgeted],
  ['unplaced', (r) => r.unplaced],
  ['population', (r) => r.population],
  ['population_year', (r) => r.populationYear],
  ['budget_per_resident_eur', (r) => r.budgetPerResident],
  ['area_km2', (r) => r.areaKm2],
  ['area_share', (r) => r.areaShare],
];

export function coverageRoutes(deps: Deps) {
  const r = new Hono();
  // Per revision and canonical parameters (not the URL: the table and its CSV share one answer),
  // so a repeated or concurrent question costs one computation.
  const results = new ResultCache();
  const read = async (url: string) => {
    const q = parseQuery(url, COVERAGE_PARAMS);
    const snapshot = await deps.snapshot();
    return { revision: snapshot.revision, by: q.by ?? 'settlement', reach: q.reach ?? 500, filter: toFilter(q, snapshot.known) };
  };
  const coverageOf = async (url: string) => {
    const { revision, by, reach, filter } = await read(url);
    const key = resultKey(revision, 'coverage', { by, reach, filter: filterToQuery(filter) });
    return { filter, result: await results.get(key, () => coverage(deps.store, by, filter, reach, deps.work)) };
  };
  const readDistance = async (url: string) => {
    const q = parseQuery(url, DISTANCE_PARAMS);
    const snapshot = await deps.snapshot();
    return { revision: snapshot.revision, distance: q.distance ?? 2000, filter: toFilter(q, snapshot.known) };
  };

  r.get('/coverage', async (c) => {
    const { filter, result } = await coverageOf(c.req.url);
    const body: Coverage = { filter: filterToQuery(filter), ...result };
    return c.json(body);
  });

  r.get('/coverage.csv', async (c) => {
    const { result } = await coverageOf(c.req.url);
    c.header('Content-Type', 'text/csv; charset=utf-8; header=present');
    c.header('Content-Disposition', attachment(`coverage-by-${result.by}`, 'csv'));
    return stream(c, async (s) => {
      await s.write(`\uFEFF${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`);
      for (const row of result.rows) await s.write(`${CSV_COLUMNS.map(([, value]) => csvCell(value(row))).join(',')}\r\n`);
    });
  });

  r.get('/coverage/access', async (c) => {
    const { revision, distance, filter } = await readDistance(c.req.url);
    const key = resultKey(revision, 'access', { distance, filter: filterToQuery(filter) });
    const body: Access = { filter: filterToQuery(filter), ...(await results.get(key, () => access(deps.store, filter, distance, deps.work))) };
    return c.json(body);
  });

  r.get('/coverage/gaps.geojson', async (c) => {
    const { revision, distance, filter } = await readDistance(c.req.url);
    const key = resultKey(revision, 'gaps', { distance, filter: filterToQuery(filter) });
    const { geometry, gapKm2, withinKm2 } = await results.get(key, async () => {
      const { gap, gapKm2, withinKm2 } = await gaps(deps.store, filter, distance, deps.work);
      const rounded = gap ? rewind(roundGeometry(gap)) : null;
      // Rounding to 6 decimals can, rarely, pinch a sliver into an invalid ring; such a gap is
      // reported without being drawn rather than served broken.
      const valid = rounded !== null && geometryProblems(rounded).length === 0;
      return { geometry: valid ? rounded : null, gapKm2, withinKm2 };
    });
    c.header('Content-Disposition', attachment(`coverage-gaps-${distance}m`, 'geojson'));
    const body: Gaps = {
      type: 'FeatureCollection',
      name: 'coverage-gaps',
      filter: filterToQuery(filter),
      distance,
      generated: new Date().toISOString(),
      features: geometry
        ? [{ type: 'Feature', id: 'gap', geometry, properties: { distance, areaKm2: gapKm2, shareOfMunicipality: Math.round((gapKm2 / withinKm2) * 10_000) / 10_000 } }]
        : [],
    };
    return c.body(JSON.stringify(body), 200, { 'Content-Type': GEOJSON });
  });
  return r;
}
