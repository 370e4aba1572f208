// Which master-plan (ОУП) zones an intervention lies in: the spatial join the store runs on seed and
// on every publication, and the import preview runs for rows before anything is saved. Pure: plain
// GeoJSON in, zone ids out.
//
// "Lies in" is closed, as a planner reads a zoning map: a point on the border of two zones is in
// both; a line is in every zone it runs through or along for some length (touching a zone at a
// single point is not lying in it); a polygon is in every zone it shares area with. Master-plan
// boundaries are straight between vertices in lon/lat (RFC 7946 §3.1.1), and a zoning is a few
// kilometres across, so the tests are planar in lon/lat: exact for such boundaries, not an
// approximation of them.
import { area, booleanPointInPolygon, featureCollection, feature as turfFeature, intersect } from '@turf/turf';
import type { Geometry, Position } from './geojson.ts';
import { bboxIntersects, geometryBBox, type Areal } from './spatial.ts';
import { isMasterPlanZone, type Zone } from './zone.ts';

export interface ZoneArea {
  id: string;
  geometry: Areal;
}

/** The master-plan zones among `zones` that have an area: what to join against (e.g. `await store.zones()` in an import preview). */
export const masterPlanAreasOf = (zones: readonly Zone[]): ZoneArea[] =>
  zones.filter((z) => isMasterPlanZone(z) && z.geometry !== null).map((z) => ({ id: z.id, geometry: z.geometry as Areal }));

/** Below this, in square metres, an overlap of two polygons is rounding along a shared edge, not area. */
const MIN_OVERLAP_M2 = 0.01;
/** In degrees (≈ 1 mm): how close a vertex must be to a segment to lie on it. */
const ON_SEGMENT = 1e-8;

/**
 * The ids of the zones `geometry` lies in, in the order of `zones`; none for no geometry.
 *
 * @example masterPlanZonesOf({ type: 'Point', coordinates: [25.4, 42.6] }, zones) // ['MP-ZH1', 'MP-C1'] on their shared border
 */
export function masterPlanZonesOf(geometry: Geometry | null, zones: readonly ZoneArea[]): string[] {
  if (geometry === null) return [];
  const box = geometryBBox(geometry);
  return zones.filter((z) => bboxIntersects(box, geometryBBox(z.geometry)) && liesIn(geometry, z.geometry)).map((z) => z.id);
}

function liesIn(geometry: Geometry, zone: Areal): boolean {
  switch (geometry.type) {
    case 'Point':
      return booleanPointInPolygon(geometry.coordinates, zone);
    case 'MultiPoint':
      return geometry.coordinates.some((p) => booleanPointInPolygon(p, zone));
    case 'LineString':
      return runsIn(geometry.coordinates, zone);
    case 'MultiLineString':
      return geometry.coordinates.some((line) => runsIn(line, zone));
    case 'Polygon':
    case 'MultiPolygon':
      return overlaps(geometry, zone);
  }
}

const ringsOf = (zone: Areal): Position[][] => (zone.type === 'Polygon' ? zone.coordinates : zone.coordinates.flat());

/**
 * Whether some stretch of the line, of positive length, lies inside or on the zone. Each segment is
 * cut where it meets the zone's boundary (crossings, and boundary vertices lying on it, which is where
 * a stretch along an edge begins or ends); between two cuts the segment is wholly in or wholly out,
 * so its midpoint decides.
 */
function runsIn(line: Position[], zone: Areal): boolean {
  const edges = ringsOf(zone).flatMap((ring) => ring.slice(1).map((b, i) => [ring[i], b] as const));
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const cuts = [0, 1];
    for (const [p, q] of edges) {
      const t = crossing(a, b, p, q);
      if (t !== null) cuts.push(t);
      for (const v of [p, q]) {
        const s = onSegment(v, a, b);
        if (s !== null) cuts.push(s);
      }
    }
    cuts.sort((x, y) => x - y);
    for (let k = 0; k + 1 < cuts.length; k++) {
      if (cuts[k + 1] - cuts[k] < 1e-12) continue;
      const t = (cuts[k] + cuts[k + 1]) / 2;
      if (booleanPointInPolygon([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], zone)) return true;
    }
  }
  return false;
}

/** Where along a→b (0..1) it crosses p→q, when the two are not parallel and meet; else null. */
function crossing(a: Position, b: Position, p: Position, q: Position): number | null {
  const [rx, ry, sx, sy] = [b[0] - a[0], b[1] - a[1], q[0] - p[0], q[1] - p[1]];
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const t = ((p[0] - a[0]) * sy - (p[1] - a[1]) * sx) / denominator;
  const u = ((p[0] - a[0]) * ry - (p[1] - a[1]) * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

/** Where along a→b (0..1) the point v lies, when it lies on the segment; else null. */
function onSegment(v: Position, a: Position, b: Position): number | null {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return null;
  const t = ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / length2;
  if (t < 0 || t > 1) return null;
  const [ex, ey] = [a[0] + t * dx - v[0], a[1] + t * dy - v[1]];
  return Math.hypot(ex, ey) <= ON_SEGMENT ? t : null;
}

/** Whether two areas share area (not only an edge or a corner). */
function overlaps(geometry: Areal, zone: Areal): boolean {
  const shared = intersect(featureCollection([turfFeature(geometry), turfFeature(zone)]));
  return shared !== null && area(shared) > MIN_OVERLAP_M2;
}
