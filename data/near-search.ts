// What a `near` search finds, on every engine: the items within the radius in true metres, sorted,
// the first of them measured exactly. The engine lists the candidates (those whose index box meets
// the radius's box) and reads exact places when asked; the deciding is here, once. It is a
// generator so the same steps drive SQLite's synchronous reads inside its read transaction and
// PostgreSQL's asynchronous ones: each `yield` asks the engine for the geometries of these rowids.
import type { Geometry, Near, Sort } from '../geo/index.ts';
import { distanceToGeometry, geodesicDistance } from '../geo/spatial.ts';
import { distanceEstimator, estimable } from '../geo/distance-estimate.ts';
import { parseJsonBytes, withDistanceBytes } from '../geo/json-bytes.ts';
import type { Found, PublishedIntervention } from './store.ts';

/** A candidate's sort columns (read only when sorting by them). */
export interface NearRow {
  rowid: number;
  budget_eur: number | null;
  title_sort: string;
  start_year: number | null;
  end_year: number | null;
}

export interface Candidate {
  /** exact metres, once measured (NaN until then) */
  distance: number;
  /** bounds of the exact distance: equal to it once measured */
  low: number;
  high: number;
  /** read only when the bounds do not decide (null until then) */
  geometry: Geometry | null;
  row: NearRow;
}

/** A candidate as the index gives it: its box (possibly rounded outwards) and its sort columns. */
export type CandidateBox = [rowid: number, minLon: number, minLat: number, maxLon: number, maxLat: number, budget?: number | null, title?: string, start?: number | null, end?: number | null];

/** Asks for the exact geometry of each rowid; the answer is sent back into the search. */
export type GeometryRequest = number[];

/**
 * Everything within the radius, sorted, with the true distance of the first `measured` (all of
 * them unless a page needs fewer). Up to 50 km, bounds decide every candidate that is clearly
 * inside or outside: first from the index's box alone, then, near the edge, from a local estimate
 * of the distance to its geometry (geo/distance-estimate.ts). Only a candidate that the estimate
 * leaves undecided, or that a page shows or an order needs, is measured exactly.
 */
export function* nearSearch(near: Near, boxes: Iterable<CandidateBox>, sort: Sort | undefined, measured = Infinity): Generator<GeometryRequest, Candidate[], Map<number, Geometry>> {
  const from: [number, number] = [near.lon, near.lat];
  const order = sort ?? { key: 'distance', descending: false };
  const byDistance = order.key === 'distance';
  const estimate = estimable(near.lat, near.radius) ? distanceEstimator(from) : null;
  const found: Candidate[] = [];
  for (const [rowid, minLon, minLat, maxLon, maxLat, budget = null, title = '', start = null, end = null] of boxes) {
    const bounds = estimate ? estimate.box([minLon, minLat, maxLon, maxLat]) : { low: 0, high: Infinity };
    if (bounds.low > near.radius) continue;
    found.push({ distance: NaN, ...bounds, geometry: null, row: { rowid, budget_eur: budget, title_sort: title, start_year: start, end_year: end } });
  }
  function* read(cs: Candidate[]): Generator<GeometryRequest, void, Map<number, Geometry>> {
    const missing = cs.filter((c) => c.geometry === null);
    if (!missing.length) return;
    const places = yield missing.map((c) => c.row.rowid);
    for (const c of missing) c.geometry = places.get(c.row.rowid)!;
  }
  function* measure(cs: Candidate[]): Generator<GeometryRequest, Candidate[], Map<number, Geometry>> {
    yield* read(cs);
    for (const c of cs)
      if (Number.isNaN(c.distance)) {
        const g = c.geometry!;
        c.distance = g.type === 'Point' ? geodesicDistance(from, g.coordinates as [number, number]) : distanceToGeometry(from, g);
        c.low = c.high = c.distance;
      }
    return cs;
  }
  // Across the edge: the estimate to the geometry decides, and where it cannot, the exact distance.
  const edge = found.filter((c) => c.high > near.radius);
  yield* read(edge);
  for (const c of edge)
    if (estimate) {
      const { metres, slack } = estimate.geometry(c.geometry!);
      [c.low, c.high] = [Math.max(c.low, metres - slack), Math.min(c.high, metres + slack)];
    }
  yield* measure(edge.filter((c) => c.low <= near.radius && c.high > near.radius));
  const within = found.filter((c) => c.low <= near.radius && (c.high <= near.radius || c.distance <= near.radius));
  const wanted = Math.min(measured, within.length);
  if (!byDistance) {
    within.sort(compareFound(order));
    yield* measure(within.slice(0, wanted));
    return within;
  }
  if (wanted === within.length || order.descending) return (yield* measure(within)).sort(compareFound(order));
  // The nearest `wanted`: none of them can lie beyond the wanted-th smallest upper bound, so
  // everything whose lower bound is within it is measured and sorted; the rest follow, unmeasured.
  const bound = wanted === 0 ? -Infinity : within.map((c) => c.high).sort((a, b) => a - b)[wanted - 1];
  const rest = within.filter((c) => c.low > bound);
  return [...(yield* measure(within.filter((c) => c.low <= bound))).sort(compareFound(order)), ...rest];
}

/** A page of a search as an engine reads it: how many match, the page's candidates, and their stored Feature JSON by rowid. */
export interface NearRead {
  numberMatched: number;
  shown: Candidate[];
  bytes: Map<number, Uint8Array>;
}

/** The page's candidates with their stored bytes; a row gone meanwhile is left out, never sent half-read. */
const withBytes = (shown: readonly Candidate[], bytes: Map<number, Uint8Array>) =>
  shown.flatMap((c) => (bytes.has(c.row.rowid) ? [{ c, feature: bytes.get(c.row.rowid)! }] : []));

/** The page as Feature JSON, each with its `distance_m` spliced in. */
export function nearPage(shown: readonly Candidate[], bytes: Map<number, Uint8Array>): Uint8Array[] {
  return withBytes(shown, bytes).map(({ c, feature }) => withDistanceBytes(feature, c.distance));
}

/** The page as parsed features with their distances. */
export function nearFound(shown: readonly Candidate[], bytes: Map<number, Uint8Array>): Found[] {
  return withBytes(shown, bytes).map(({ c, feature }) => ({ feature: parseJsonBytes<PublishedIntervention>(feature), distance: c.distance }));
}

/** Runs a search whose engine reads synchronously. */
export function searchNow<T>(search: Generator<GeometryRequest, T, Map<number, Geometry>>, read: (rowids: number[]) => Map<number, Geometry>): T {
  for (let step = search.next(); ; ) {
    if (step.done) return step.value;
    step = search.next(read(step.value));
  }
}

/** Runs a search whose engine reads asynchronously. */
export async function searchAsync<T>(search: Generator<GeometryRequest, T, Map<number, Geometry>>, read: (rowids: number[]) => Promise<Map<number, Geometry>>): Promise<T> {
  for (let step = search.next(); ; ) {
    if (step.done) return step.value;
    step = search.next(await read(step.value));
  }
}

/** The same orders as SQL's (data/filter-sql.ts), for results sorted in JS; nulls last, ties in dataset order. */
function compareFound(sort: Sort) {
  const sign = sort.descending ? -1 : 1;
  const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : sign * (a - b));
  const by: Record<Sort['key'], (a: Candidate, b: Candidate) => number> = {
    distance: (a, b) => sign * (a.distance - b.distance),
    budget: (a, b) => nullsLast(a.row.budget_eur, b.row.budget_eur),
    title: (a, b) => sign * (a.row.title_sort < b.row.title_sort ? -1 : a.row.title_sort > b.row.title_sort ? 1 : 0),
    start: (a, b) => nullsLast(a.row.start_year, b.row.start_year) || nullsLast(a.row.end_year, b.row.end_year),
  };
  return (a: Candidate, b: Candidate) => by[sort.key](a, b) || a.row.rowid - b.row.rowid;
}
