// Small spatial functions the store and the API share. Distances are geodesic on WGS 84 because
// "within 500 m" should mean 500 m on the ground, not in degrees or on a sphere.
import { booleanPointInPolygon, circle as turfCircle, nearestPointOnLine, pointOnFeature } from '@turf/turf';
import type { BBox, Geometry, Position } from './geojson.ts';
import { signedArea } from './normalise.ts';

export type LonLat = [number, number];
export type Areal = Extract<Geometry, { type: 'Polygon' | 'MultiPolygon' }>;
type Linear = Extract<Geometry, { type: 'LineString' | 'MultiLineString' }>;

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_B = WGS84_A * (1 - WGS84_F);
/** IUGG mean radius R1 = (2a + b) / 3, the usual choice for a spherical approximation. */
export const MEAN_EARTH_RADIUS = 6371008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Longitude difference in (−180, 180], so lines across the antimeridian take the short way. */
const lonDelta = (from: number, to: number) => {
  const d = (((to - from) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
};

export function haversineDistance(a: LonLat, b: LonLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(lonDelta(a[0], b[0]));
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * MEAN_EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Metres along the WGS 84 ellipsoid, by Vincenty's inverse formula (sub-millimetre where it
 * converges). It fails to converge only for nearly antipodal points, which a municipal map never
 * asks about; there we fall back to the sphere (error below 0.5 %) rather than throw.
 */
export function geodesicDistance(a: LonLat, b: LonLat): number {
  const L = rad(lonDelta(a[0], b[0]));
  const U1 = Math.atan((1 - WGS84_F) * Math.tan(rad(a[1])));
  const U2 = Math.atan((1 - WGS84_F) * Math.tan(rad(b[1])));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];

  let lambda = L;
  for (let iteration = 0; iteration < 200; iteration++) {
    const [sinLambda, cosLambda] = [Math.sin(lambda), Math.cos(lambda)];
    const sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    if (sinSigma === 0) return cosSigma > 0 ? 0 : haversineDistance(a, b); // same point, or antipodes
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    const cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // On the equator cosSqAlpha is 0 and the term is defined as 0.
    const cos2SigmaM = cosSqAlpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha;
    const C = (WGS84_F / 16) * cosSqAlpha * (4 + WGS84_F * (4 - 3 * cosSqAlpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) * WGS84_F * sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) <= 1e-12) {
      return vincentyLength(cosSqAlpha, sinSigma, cosSigma, sigma, cos2SigmaM);
    }
  }
  return haversineDistance(a, b);
}

function vincentyLength(cosSqAlpha: number, sinSigma: number, cosSigma: number, sigma: number, cos2SigmaM: number) {
  const uSq = (cosSqAlpha * (WGS84_A ** 2 - WGS84_B ** 2)) / WGS84_B ** 2;
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const c2 = cos2SigmaM * cos2SigmaM;
  const deltaSigma =
    B * sinSigma *
    (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * c2) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2)));
  return WGS84_B * A * (sigma - deltaSigma);
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

function distanceToLines(point: LonLat, lines: Linear): number {
  const nearest = nearestPointOnLine(lines, point);
  return geodesicDistance(point, lonLat(nearest.geometry.coordinates as Position));
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

/** Boxes that only touch intersect, matching the R*Tree's inclusive range queries. */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
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
