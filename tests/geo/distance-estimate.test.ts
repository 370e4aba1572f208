// The local estimate of a distance (geo/distance-estimate.ts) must hold the exact distance within
// its slack, or a search would keep or drop the wrong items: random points, lines (short and tens
// of kilometres long) and polygons within 60 km of random places in and around Bulgaria.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceEstimator, ESTIMATED_UP_TO_M } from '../../geo/distance-estimate.ts';
import type { Geometry, Position } from '../../geo/geojson.ts';
import { distanceToGeometry, geometryBBox, type LonLat } from '../../geo/spatial.ts';

const place = fc.tuple(fc.double({ min: 22, max: 29, noNaN: true }), fc.double({ min: 41, max: 44.5, noNaN: true }));
/** a position up to ~0.7° (60 km and more) from `at` */
const around = ([lon, lat]: LonLat, spread: number) =>
  fc.tuple(fc.double({ min: -spread, max: spread, noNaN: true }), fc.double({ min: -spread, max: spread, noNaN: true })).map(([dx, dy]): Position => [lon + dx, lat + dy]);

const geometry = (at: LonLat): fc.Arbitrary<Geometry> =>
  fc.oneof(
    around(at, 0.7).map((p): Geometry => ({ type: 'Point', coordinates: p })),
    fc.array(around(at, 0.7), { minLength: 2, maxLength: 6 }).map((c): Geometry => ({ type: 'LineString', coordinates: c })),
    fc.array(around(at, 0.05), { minLength: 2, maxLength: 6 }).map((c): Geometry => ({ type: 'LineString', coordinates: c })),
    fc.tuple(around(at, 0.5), fc.double({ min: 0.001, max: 0.2, noNaN: true })).map(([[x, y], r]): Geometry => ({
      type: 'Polygon',
      coordinates: [[[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r], [x - r, y - r]]],
    })),
  );

/** a place and a geometry around it */
const located = place.chain((at) => fc.tuple(fc.constant(at as LonLat), geometry(at as LonLat)));

describe('distance estimate', () => {
  it('holds the exact distance within its slack up to the radius it is used for, and beyond', () => {
    fc.assert(
      fc.property(located, ([from, g]) => {
        const exact = distanceToGeometry(from, g);
        const { metres, slack } = distanceEstimator(from).geometry(g);
        if (exact > ESTIMATED_UP_TO_M * 1.2 && metres - slack > ESTIMATED_UP_TO_M) return; // decided as far, rightly
        expect(Math.abs(exact - metres), JSON.stringify({ from, g, exact, metres, slack })).toBeLessThanOrEqual(slack);
      }),
      {
        numRuns: 3000,
        // A segment of 1e-13°: Turf's nearest point on it was 40 km away (geo/spatial.ts now merges such vertices).
        examples: [[[[28.181779300984015, 41.0000000000001], { type: 'LineString', coordinates: [[28.181779300984015, 41.00000000000009], [28.18177930098408, 41.0000000000001]] }]]],
      },
    );
  });

  it('bounds the distance to anything inside a box by its nearest point and farthest corner', () => {
    fc.assert(
      fc.property(located, ([from, g]) => {
        const exact = distanceToGeometry(from, g);
        const { low, high } = distanceEstimator(from).box(geometryBBox(g));
        if (low > ESTIMATED_UP_TO_M) return; // far: only the lower bound is used, to leave it out
        expect(low, JSON.stringify({ from, g, exact, low })).toBeLessThanOrEqual(exact);
        if (high <= ESTIMATED_UP_TO_M) expect(high, JSON.stringify({ from, g, exact, high })).toBeGreaterThanOrEqual(exact);
      }),
      { numRuns: 3000 },
    );
  });

  it('is exactly 0 inside a polygon, and infinitely far from an empty geometry', () => {
    const square: Geometry = { type: 'Polygon', coordinates: [[[25, 42], [26, 42], [26, 43], [25, 43], [25, 42]]] };
    expect(distanceEstimator([25.5, 42.5]).geometry(square)).toEqual({ metres: 0, slack: 0 });
    expect(distanceEstimator([25.5, 42.5]).geometry({ type: 'LineString', coordinates: [] }).metres).toBe(Infinity);
  });
});
