import { describe, it, expect } from 'vitest';
import { booleanPointInPolygon, booleanPointOnLine } from '@turf/turf';
import type { BBox, Geometry, Position } from '../../geo/geojson.ts';
import {
  bboxIntersects,
  distanceToGeometry,
  geodesicDistance,
  geometryBBox,
  pointInGeometry,
  representativePoint,
  type Areal,
  type LonLat,
} from '../../geo/spatial.ts';

const KAZANLAK: LonLat = [25.3919, 42.6194];
const SHIPKA: LonLat = [25.3333, 42.7167];
const SOFIA: LonLat = [23.3219, 42.6977];
const VARNA: LonLat = [27.9147, 43.2141];

const square = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (...rings: Position[][]): Areal => ({ type: 'Polygon', coordinates: rings });

describe('geodesicDistance', () => {
  it('matches the GeographicLib documentation: Wellington to Salamanca is 19 959 679.267 m', () => {
    // geographiclib-geodesic README: geod.Inverse(-41.32, 174.81, 40.96, -5.50) → 19959679.267 m
    expect(Math.abs(geodesicDistance([174.81, -41.32], [-5.5, 40.96]) - 19959679.267)).toBeLessThan(0.001);
  });

  it('matches GeographicLib test cases (geodtest) to under a millimetre', () => {
    // [lat1, lon1, lat2, lon2, s12] from Karney's GeographicLib test suite, WGS 84.
    const cases = [
      [35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305],
      [55.52454, 106.05087, 77.03196, 197.18234, 4105086.1713924406],
      [-21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671],
      [-50.56724, -16.30485, -33.56571, -94.97412, 6455670.5118668696],
      [-41.22777, 122.32875, -7.57291, 130.37946, 3812686.035106021],
    ];
    for (const [lat1, lon1, lat2, lon2, s12] of cases)
      expect(Math.abs(geodesicDistance([lon1, lat1], [lon2, lat2]) - s12)).toBeLessThan(0.001);
  });

  it('measures a degree of the equator as a·π/180', () => {
    expect(geodesicDistance([0, 0], [1, 0])).toBeCloseTo((6378137 * Math.PI) / 180, 6);
  });

  it('is zero for the same point and symmetric', () => {
    expect(geodesicDistance(KAZANLAK, KAZANLAK)).toBe(0);
    expect(geodesicDistance(KAZANLAK, SOFIA)).toBeCloseTo(geodesicDistance(SOFIA, KAZANLAK), 6);
  });

  it('takes the short way across the antimeridian', () => {
    expect(geodesicDistance([179.5, 0], [-179.5, 0])).toBeCloseTo(geodesicDistance([0, 0], [1, 0]), 6);
  });

  it('measures antipodes to the millimetre: half a meridian, 20 003 931.459 m', () => {
    // The shortest path between antipodes on the equator goes over a pole. GeographicLib (the
    // reference) solves this like any other pair; Vincenty's iteration, used here before, did not
    // converge there and fell back to a sphere, hence the old 0.5 % tolerance.
    expect(Math.abs(geodesicDistance([0, 0], [180, 0]) - 20003931.4586)).toBeLessThan(0.001);
  });
});

describe('distanceToGeometry', () => {
  it('is the geodesic distance to a point, and to the nearest of several', () => {
    expect(distanceToGeometry(KAZANLAK, { type: 'Point', coordinates: SOFIA })).toBeCloseTo(geodesicDistance(KAZANLAK, SOFIA), 6);
    expect(distanceToGeometry(KAZANLAK, { type: 'MultiPoint', coordinates: [SOFIA, SHIPKA, VARNA] })).toBeCloseTo(
      geodesicDistance(KAZANLAK, SHIPKA),
      6,
    );
  });

  it('is the distance to the nearest point of a line, not to its nearest vertex', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[25.38, 42.61], [25.4, 42.61]] };
    const expected = geodesicDistance([25.39, 42.62], [25.39, 42.61]); // ~1.11 km due south
    expect(Math.abs(distanceToGeometry([25.39, 42.62], line) - expected)).toBeLessThan(0.5);
    expect(distanceToGeometry([25.39, 42.62], line)).toBeLessThan(geodesicDistance([25.39, 42.62], [25.38, 42.61]));
  });

  it('is about zero on a line, and picks the nearest line of several', () => {
    const lines: Geometry = { type: 'MultiLineString', coordinates: [[[25, 42], [25, 43]], [[25.5, 42], [25.5, 43]]] };
    expect(distanceToGeometry([25.5, 42.5], lines)).toBeLessThan(0.001);
    expect(Math.abs(distanceToGeometry([25.45, 42.5], lines) - geodesicDistance([25.45, 42.5], [25.5, 42.5]))).toBeLessThan(0.5);
  });

  it('is zero inside a polygon and on its edge', () => {
    const zone = polygon(square(25.38, 42.61, 0.02));
    expect(distanceToGeometry(KAZANLAK, zone)).toBe(0);
    expect(distanceToGeometry([25.38, 42.62], zone)).toBe(0);
  });

  it('is the distance to the nearest edge outside a polygon', () => {
    const zone = polygon(square(25.38, 42.61, 0.02));
    const expected = geodesicDistance([25.39, 42.64], [25.39, 42.63]);
    expect(Math.abs(distanceToGeometry([25.39, 42.64], zone) - expected)).toBeLessThan(0.5);
  });

  it('treats a hole as outside, measuring to the hole’s nearest edge', () => {
    const park = polygon(square(25, 42, 1), [[25.4, 42.4], [25.4, 42.6], [25.6, 42.6], [25.6, 42.4], [25.4, 42.4]]);
    // 0.1° of longitude (~8.2 km) is nearer than 0.1° of latitude (~11.1 km) at 42.5°N.
    const d = distanceToGeometry([25.5, 42.5], park);
    expect(Math.abs(d - geodesicDistance([25.5, 42.5], [25.6, 42.5]))).toBeLessThan(1);
  });

  it('uses the nearest polygon of a MultiPolygon', () => {
    const zones: Areal = { type: 'MultiPolygon', coordinates: [[square(20, 40, 1)], [square(25.38, 42.61, 0.02)]] };
    expect(distanceToGeometry(KAZANLAK, zones)).toBe(0);
    expect(distanceToGeometry([25.39, 42.64], zones)).toBeCloseTo(distanceToGeometry([25.39, 42.64], polygon(square(25.38, 42.61, 0.02))), 6);
  });
});

describe('geometryBBox', () => {
  it('bounds every type', () => {
    expect(geometryBBox({ type: 'Point', coordinates: KAZANLAK })).toEqual([25.3919, 42.6194, 25.3919, 42.6194]);
    expect(geometryBBox({ type: 'LineString', coordinates: [[25.4, 42.5], [25.2, 42.7], [25.3, 42.6]] })).toEqual([25.2, 42.5, 25.4, 42.7]);
    expect(geometryBBox(polygon(square(25, 42, 1), square(25.2, 42.2, 0.1)))).toEqual([25, 42, 26, 43]);
    expect(
      geometryBBox({ type: 'MultiPolygon', coordinates: [[square(25, 42, 1)], [square(27, 41, 0.5)]] }),
    ).toEqual([25, 41, 27.5, 43]);
    expect(geometryBBox({ type: 'MultiLineString', coordinates: [[[-1, -2], [0, 0]], [[3, 4], [1, 1]]] })).toEqual([-1, -2, 3, 4]);
  });

  it('refuses an empty geometry', () => {
    expect(() => geometryBBox({ type: 'MultiPoint', coordinates: [] })).toThrow(RangeError);
  });
});

describe('bboxIntersects', () => {
  const a: BBox = [25, 42, 26, 43];
  it('is true for overlapping, containing and touching boxes', () => {
    expect(bboxIntersects(a, [25.5, 42.5, 27, 44])).toBe(true);
    expect(bboxIntersects(a, [25.2, 42.2, 25.3, 42.3])).toBe(true);
    expect(bboxIntersects([25.2, 42.2, 25.3, 42.3], a)).toBe(true);
    expect(bboxIntersects(a, [26, 43, 27, 44])).toBe(true);
    expect(bboxIntersects(a, [25.5, 42.5, 25.5, 42.5])).toBe(true);
  });

  it('is false for disjoint boxes, on either axis', () => {
    expect(bboxIntersects(a, [26.1, 42, 27, 43])).toBe(false);
    expect(bboxIntersects(a, [25, 43.1, 26, 44])).toBe(false);
    expect(bboxIntersects([24, 41, 24.9, 41.9], a)).toBe(false);
  });
});

describe('pointInGeometry', () => {
  const park = polygon(square(25, 42, 1), [[25.4, 42.4], [25.4, 42.6], [25.6, 42.6], [25.6, 42.4], [25.4, 42.4]]);
  it('is true inside and on the edge, false outside and in a hole', () => {
    expect(pointInGeometry([25.1, 42.1], park)).toBe(true);
    expect(pointInGeometry([25, 42.5], park)).toBe(true);
    expect(pointInGeometry([26.1, 42.1], park)).toBe(false);
    expect(pointInGeometry([25.5, 42.5], park)).toBe(false);
  });

  it('looks in every polygon of a MultiPolygon', () => {
    const zones: Areal = { type: 'MultiPolygon', coordinates: [[square(20, 40, 1)], [square(25, 42, 1)]] };
    expect(pointInGeometry(KAZANLAK, zones)).toBe(true);
    expect(pointInGeometry([22, 40.5], zones)).toBe(false);
  });
});

describe('representativePoint', () => {
  it('is the point itself, in 2D', () => {
    expect(representativePoint({ type: 'Point', coordinates: [25.39, 42.62, 300] })).toEqual([25.39, 42.62]);
  });

  it('lies on a line', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[25.3, 42.6], [25.4, 42.6], [25.4, 42.7]] };
    expect(booleanPointOnLine(representativePoint(line), line)).toBe(true);
  });

  it('is one of the points of a MultiPoint', () => {
    const points: Position[] = [[25, 42], [26, 43], [25.2, 42.9]];
    expect(points).toContainEqual(representativePoint({ type: 'MultiPoint', coordinates: points }));
  });

  it('lies strictly inside a convex polygon', () => {
    const zone = polygon(square(25.38, 42.61, 0.02));
    expect(booleanPointInPolygon(representativePoint(zone), zone, { ignoreBoundary: true })).toBe(true);
  });

  it('lies strictly inside a U-shaped polygon whose centre is outside', () => {
    const u = polygon([[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]);
    expect(pointInGeometry([1.5, 1.5], u)).toBe(false);
    expect(booleanPointInPolygon(representativePoint(u), u, { ignoreBoundary: true })).toBe(true);
  });

  it('avoids a hole at the centre', () => {
    const ring = polygon(square(0, 0, 4), [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]);
    expect(booleanPointInPolygon(representativePoint(ring), ring, { ignoreBoundary: true })).toBe(true);
  });

  it('lies inside one of the polygons of a MultiPolygon', () => {
    const zones: Areal = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 0, 3)]] };
    expect(booleanPointInPolygon(representativePoint(zones), zones, { ignoreBoundary: true })).toBe(true);
  });
});
