// A search near a point must find exactly the items within the radius, at their true distances and
// in the list's order, however the store gets there (up to 50 km it estimates first and measures
// exactly only near the edge and for the page: geo/distance-estimate.ts). Random centres, radii,
// sorts and pages on the Kazanlak data (points only) and on generated data with lines and polygons
// across Bulgaria, against every item measured exactly.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterventionFilter, Sort } from '../../geo/index.ts';
import { distanceToGeometry } from '../../geo/spatial.ts';
import type { Store } from '../../data/store.ts';
import { join } from 'node:path';
import { generateDataset } from '../bench/generate.ts';
import { collect, KAZANLAK, seededStore, tempDir } from '../helpers/fixtures.ts';

type Item = { id: string; geometry: Parameters<typeof distanceToGeometry>[1] | null; budget: number | null; position: number };

/** The answer by brute force: every located item measured, sorted as the store sorts. */
function expected(all: Item[], lon: number, lat: number, radius: number, sort: Sort | undefined) {
  const within = all
    .filter((f) => f.geometry)
    .map((f) => ({ ...f, distance: distanceToGeometry([lon, lat], f.geometry!) }))
    .filter((f) => f.distance <= radius);
  const s = sort ?? { key: 'distance', descending: false };
  const sign = s.descending ? -1 : 1;
  const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : sign * (a - b));
  return within.sort((a, b) => (s.key === 'distance' ? sign * (a.distance - b.distance) : nullsLast(a.budget, b.budget)) || a.position - b.position);
}

const GENERATED = join(tempDir('near-generated'), 'dataset');
generateDataset(GENERATED, 1500);

describe.each([
  ['the Kazanlak data', KAZANLAK],
  ['generated data with lines and polygons', GENERATED],
])('near a point, on %s', (_, dataset) => {
  let store: Store;
  let all: Item[];
  beforeAll(async () => {
    store = (await seededStore(dataset, 'near')).store;
    all = (await collect(store.streamInterventions({}))).map(({ feature }, position) => ({
      id: feature.id,
      geometry: feature.geometry,
      budget: (feature.properties as { budgetEur: number | null }).budgetEur,
      position,
    }));
  });
  afterAll(() => store?.close());

  it('finds exactly the items within the radius, at their true distances, in order, on every page', async () => {
    const located = all.filter((f) => f.geometry);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // around an item's first position, or anywhere in and around the municipality
          centre: fc.oneof(
            fc.tuple(fc.nat(located.length - 1), fc.double({ min: -0.02, max: 0.02, noNaN: true }), fc.double({ min: -0.02, max: 0.02, noNaN: true })).map(([i, dx, dy]) => {
              const g = located[i].geometry!;
              const p = (g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0] : g.type === 'Polygon' ? g.coordinates[0][0] : g.type === 'MultiPolygon' ? g.coordinates[0][0][0] : [25.4, 42.6]) as number[];
              return [p[0] + dx, p[1] + dy] as [number, number];
            }),
            fc.tuple(fc.double({ min: 22.4, max: 28.6, noNaN: true }), fc.double({ min: 41.3, max: 44.2, noNaN: true })),
          ),
          radius: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2_000, max: 60_000 })),
          sort: fc.constantFrom<Sort | undefined>(undefined, { key: 'distance', descending: true }, { key: 'budget', descending: false }),
          limit: fc.integer({ min: 1, max: 30 }),
          offset: fc.integer({ min: 0, max: 40 }),
        }),
        async ({ centre: [lon, lat], radius, sort, limit, offset }) => {
          const want = expected(all, lon, lat, radius, sort);
          const filter: InterventionFilter = { near: { lon, lat, radius } };
          const page = await store.queryInterventions(filter, sort, { limit, offset });
          expect(page.numberMatched).toBe(want.length);
          expect(await store.countInterventions(filter)).toBe(want.length);
          expect(page.items.map((f) => [f.feature.id, f.distance])).toEqual(want.slice(offset, offset + limit).map((f) => [f.id, f.distance]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
