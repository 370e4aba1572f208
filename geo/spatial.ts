// Small spatial functions the store and the API share. Distances are geodesic on WGS 84 because
// "within 500 m" should mean 500 m on the ground, not in degrees or on a sphere.
import { booleanIntersects, booleanPointInPolygon, circle as turfCircle, nearestPointOnLine, pointOnFeature } from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import type { BBox, Geometry, Position } from './geojson.ts';
import { signedArea } from './normalise.ts';

export type LonLat = [number, number];
export type Areal = Extract<Geometry, { type: 'Polygon' | 'MultiPolygon' }>;
type Linear = Extract<Geometry, { type: 'LineString' | 'MultiLineString' }>;

const { Geodesic } = geodesic; // a CommonJS module: Node's ESM import sees only its default export

/**
 * Metres along the WGS 84 ellipsoid, by GeographicLib (Karney's algorithm, the reference for
 * geodesics): accurate to round-off (Karney 2013 reports errors below 15 nm on WGS 84), and it always
 * finds the inverse solution, nearly antipodal points included, where Vincenty's iteration may not
 * converge. Longitudes are normalised, so a line across the antimeridian takes the short way.
 */
export function geodesicDistance(a: LonLat, b: LonLat): number {
  return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12!;
}

const lonLat = (p: Position): LonLat => [p[0], p[1]];

/** Every position of a geometry, in order. */
export function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

function boundaryOf(geometry: Areal): Linear {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  return { type: 'MultiLineString', coordinates: rings };
}

/**
 * Vertices this close (about 1 mm) are one: Turf's great-circle nearest point divides by the length
 * of a segment's normal, and on a segment of 1e-13° that is round-off, which put the "nearest"
 * point 40 km away (found by tests/geo/distance-estimate.test.ts).
 */
const SAME_VERTEX_DEGREES = 1e-8;

function withoutNearDuplicates(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const last = out.at(-1);
    if (!last || Math.abs(p[0] - last[0]) > SAME_VERTEX_DEGREES || Math.abs(p[1] - last[1]) > SAME_VERTEX_DEGREES) out.push(p);
  }
  return out;
}

function distanceToLines(point: LonLat, lines: Linear): number {
  const parts = (lines.type === 'LineString' ? [lines.coordinates] : lines.coordinates).map(withoutNearDuplicates);
  // A part that shrinks to one vertex is a point.
  let best = Math.min(Infinity, ...parts.filter((l) => l.length === 1).map((l) => geodesicDistance(point, lonLat(l[0]))));
  const proper = parts.filter((l) => l.length >= 2);
  if (proper.length) {
    const nearest = nearestPointOnLine({ type: 'MultiLineString', coordinates: proper }, point);
    best = Math.min(best, geodesicDistance(point, lonLat(nearest.geometry.coordinates as Position)));
  }
  return best;
}

/**
 * Metres from `point` to the nearest part of `geometry`: 0 inside (or on) a polygon. The nearest
 * point on a line is found by Turf (great-circle segments); the length is then geodesic.
 * An empty geometry is infinitely far away.
 */
export function distanceToGeometry(point: LonLat, geometry: Geometry): number {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return Math.min(...positionsOf(geometry).map((p) => geodesicDistance(point, lonLat(p))));
    case 'LineString':
    case 'MultiLineString':
      return positionsOf(geometry).length ? distanceToLines(point, geometry) : Infinity;
    case 'Polygon':
    case 'MultiPolygon':
      if (positionsOf(geometry).length === 0) return Infinity;
      return pointInGeometry(point, geometry) ? 0 : distanceToLines(point, boundaryOf(geometry));
  }
}

/** [minLon, minLat, maxLon, maxLat]. Does not wrap the antimeridian (Bulgaria is far from it). */
export function geometryBBox(geometry: Geometry): BBox {
  const positions = positionsOf(geometry);
  if (positions.length === 0) throw new RangeError(`an empty ${geometry.type} has no bounding box`);
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positions) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

/** The lon/lat box around the features that have a geometry; null when none has. */
export function featuresBBox(features: readonly { geometry: Geometry | null }[]): BBox | null {
  return unionBBox(features.filter((f) => f.geometry).map((f) => geometryBBox(f.geometry!)));
}

/** The box around boxes; null around none. */
export function unionBBox(boxes: readonly BBox[]): BBox | null {
  if (!boxes.length) return null;
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Boxes that only touch intersect, matching the R*Tree's inclusive range queries. */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * Whether the geometry itself meets the box (its boundary included), not merely its bounding box:
 * a point a hair outside, or a line whose box overlaps while the line passes by, does not. What a
 * bbox query answers after the index has found the candidates.
 */
export function geometryMeetsBBox(geometry: Geometry, [minLon, minLat, maxLon, maxLat]: BBox): boolean {
  if (geometry.type === 'Point') {
    const [lon, lat] = geometry.coordinates;
    return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  }
  const [gMinLon, gMinLat, gMaxLon, gMaxLat] = geometryBBox(geometry);
  if (gMinLon > maxLon || gMaxLon < minLon || gMinLat > maxLat || gMaxLat < minLat) return false;
  // Wholly inside the box: nothing more to test.
  if (gMinLon >= minLon && gMaxLon <= maxLon && gMinLat >= minLat && gMaxLat <= maxLat) return true;
  // A box of no width or height is a line or a point: turf's polygon tests need a ring with an area.
  const box: Geometry =
    minLon === maxLon && minLat === maxLat
      ? { type: 'Point', coordinates: [minLon, minLat] }
      : minLon === maxLon || minLat === maxLat
        ? { type: 'LineString', coordinates: [[minLon, minLat], [maxLon, maxLat]] }
        : { type: 'Polygon', coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]] };
  return booleanIntersects(box, geometry);
}

/** True inside or on the boundary; holes are outside. */
export function pointInGeometry(point: LonLat, geometry: Areal): boolean {
  return booleanPointInPolygon(point, geometry);
}

/**
 * A point guaranteed to lie on the geometry, for a marker or a label. Turf's pointOnFeature falls
 * back to the nearest *vertex* when the centre misses a polygon (a C-shaped zone), which is on the
 * edge; for polygons we then use a scan line through the middle instead.
 */
export function representativePoint(geometry: Geometry): LonLat {
  if (geometry.type === 'Point') return lonLat(geometry.coordinates);
  const candidate = lonLat(pointOnFeature(geometry).geometry.coordinates as Position);
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return candidate;
  if (booleanPointInPolygon(candidate, geometry, { ignoreBoundary: true })) return candidate;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, rings) => (ringArea(rings[0]) > ringArea(best[0]) ? rings : best));
  return scanLinePoint(largest) ?? candidate;
}

const ringArea = (ring: Position[]) => Math.abs(signedArea(ring));

/** The middle of the widest inside stretch of a horizontal line that avoids every vertex. */
function scanLinePoint(rings: Position[][]): LonLat | null {
  const ys = rings.flat().map((p) => p[1]);
  const centre = (Math.min(...ys) + Math.max(...ys)) / 2;
  let [below, above] = [Math.min(...ys), Math.max(...ys)];
  for (const y of ys) {
    if (y <= centre && y > below) below = y;
    else if (y > centre && y < above) above = y;
  }
  const scanY = (below + above) / 2;
  const xs: number[] = [];
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      if (a[1] > scanY !== b[1] > scanY) xs.push(a[0] + ((scanY - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
  xs.sort((p, q) => p - q);
  let best: LonLat | null = null;
  let widest = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > widest) [widest, best] = [xs[i + 1] - xs[i], [(xs[i] + xs[i + 1]) / 2, scanY]];
  }
  return best;
}

/** A polygon approximating the circle of `radius` metres around a point, for drawing a search radius. */
export function circleAround(center: LonLat, radius: number, steps = 64): Extract<Geometry, { type: 'Polygon' }> {
  return turfCircle(center, radius / 1000, { steps, units: 'kilometers' }).geometry as Extract<Geometry, { type: 'Polygon' }>;
}
