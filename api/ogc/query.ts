// From an /ogc items request to features: the box in any supported CRS turned into lon/lat, the
// /api filters, the period, and CQL2 text checked against the queryables; the answer in the
// requested CRS. The store filters (CQL2 included), counts and pages.
import { Cql2Error, parseCql2, propertiesOf, type Expression } from '../../geo/cql2.ts';
import { fromCrs, transformGeometry, type CrsCode } from '../../geo/crs.ts';
import { roundGeometry } from '../../geo/normalise.ts';
import { geometryMeetsBBox } from '../../geo/spatial.ts';
import type { BBox, InterventionFilter, Page } from '../../geo/index.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { toFilter } from '../filters.ts';
import { asOgc, type OgcFeature } from '../../geo/ogc-feature.ts';
import { interventionQueryables, type Collection } from './collections.ts';
import type { ItemQuery, OgcCrs } from './params.ts';
import { jsonBytes } from '../../geo/json-bytes.ts';

function invalid(parameter: string, message: string): never {
  throw new ApiError(400, 'invalid_parameter', `query parameter "${parameter}": ${message}`, { parameter, reason: message });
}

/** A bbox given in `crs` (its axis order) as a lon/lat box holding all four corners. */
export function toLonLatBBox(b: number[], crs: CrsCode): BBox {
  const box = crs === 'OGC:CRS84' ? (b as BBox) : cornersToLonLat(b, crs);
  if (box.some((n) => !Number.isFinite(n)) || box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90)
    invalid('bbox', `not a valid box in ${crs} (longitude −180..180, latitude −90..90)`);
  return box;
}

function cornersToLonLat(b: number[], crs: CrsCode): BBox {
  const corners = [
    [b[0], b[1]],
    [b[0], b[3]],
    [b[2], b[1]],
    [b[2], b[3]],
  ].map((p) => {
    try {
      return fromCrs(p as [number, number], crs);
    } catch {
      return [Number.NaN, Number.NaN]; // a corner the CRS cannot express: refused above
    }
  });
  const lons = corners.map((p) => p[0]);
  const lats = corners.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

export function inCrs(f: OgcFeature, crs: OgcCrs): OgcFeature {
  if (!f.geometry || crs === 'OGC:CRS84') return f;
  return { ...f, geometry: roundGeometry(transformGeometry(f.geometry, 'OGC:CRS84', crs), crs === 'EPSG:7801' ? 3 : 7) };
}

const QUERYABLE = new Set(Object.keys(interventionQueryables('').properties));

function parseFilter(cql: string): Expression {
  try {
    const expression = parseCql2(cql);
    const unknown = propertiesOf(expression).filter((p) => !QUERYABLE.has(p) || p === 'geometry');
    if (unknown.length)
      throw new Cql2Error(`"${unknown[0]}" is not a queryable; see /queryables (${[...QUERYABLE].filter((p) => p !== 'geometry').join(', ')})`);
    return expression;
  } catch (error) {
    if (error instanceof Cql2Error) invalid('filter', error.message);
    throw error;
  }
}

/**
 * One page of the features the request's box and filters select (in lon/lat), as Feature JSON bytes,
 * and how many match in all. Interventions are filtered (CQL2 too), counted and paged by the store
 * and come as it keeps them: nothing is read that the page does not send, nothing parsed or flattened.
 */
export async function matchingFeatures(deps: Deps, col: Collection, q: ItemQuery, page: Page): Promise<{ matched: number; features: Uint8Array[] }> {
  if (q['bbox-crs'] && !q.bbox) invalid('bbox-crs', 'needs a bbox');
  const bbox = q.bbox ? toLonLatBBox(q.bbox, q['bbox-crs'] ?? 'OGC:CRS84') : undefined;
  if (!col.filterable) {
    const all = (await col.features()).filter((f) => !bbox || (f.geometry && geometryMeetsBBox(f.geometry, bbox)));
    return { matched: all.length, features: all.slice(page.offset, page.offset + page.limit).map(jsonBytes) };
  }
  const { datetime, filter: cql, 'filter-lang': lang, 'filter-crs': _crs, f: _f, limit: _l, offset: _o, bbox: _b, 'bbox-crs': _bc, crs: _c, ...properties } = q;
  if (lang && !cql) invalid('filter-lang', 'needs a filter');
  const filter: InterventionFilter = toFilter(properties, (await deps.snapshot()).known);
  if (bbox) filter.bbox = bbox;
  if (datetime?.from !== undefined) filter.from = datetime.from;
  if (datetime?.to !== undefined) filter.to = datetime.to;
  if (cql !== undefined) filter.cql = parseFilter(cql);
  const { numberMatched, features } = await deps.store.queryInterventionJson(filter, undefined, page, 'ogc');
  return { matched: numberMatched, features };
}

/** One feature of the collection by id, in lon/lat; undefined when there is none. */
export async function oneFeature(deps: Deps, col: Collection, id: string): Promise<OgcFeature | undefined> {
  if (!col.filterable) return (await col.features()).find((f) => f.id === id);
  const f = await deps.store.getIntervention(id);
  return f ? asOgc(f) : undefined;
}
