// The map opens on the plan's municipality and sizes its accuracy halos for that latitude, both
// read from the data rather than written into the code.
import { describe, expect, it } from 'vitest';
import type { Reference } from '../../web/app/api.ts';
import { homeBounds, homeLatitude } from '../../web/map/base.ts';
import { BASE_FIELDS } from '../../api/base-tiles.ts';
import { mapStyle, metresPerPixelAtZ0, municipalityFill } from '../../web/map/style.ts';

const box = (w: number, s: number, e: number, n: number) => [w, s, e, n] as [number, number, number, number];
const reference = (municipalities: { code: string; bbox: ReturnType<typeof box> }[], settlements: [number, number][]) =>
  ({
    municipalities,
    settlements: settlements.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c } })),
  }) as unknown as Pick<Reference, 'municipalities' | 'settlements'>;

describe('where the map is', () => {
  it("opens on the municipality's box and takes its middle latitude", () => {
    const r = reference([{ code: 'SZR12', bbox: box(25, 42.4, 25.8, 42.8) }], [[25.4, 42.6]]);
    expect(homeBounds(r)).toEqual([25, 42.4, 25.8, 42.8]);
    expect(homeLatitude(r)).toBeCloseTo(42.6, 10);
  });

  it('opens on the municipalities chosen, or on all of them (a region, the country)', () => {
    const r = reference(
      [
        { code: 'SZR12', bbox: box(25, 42.4, 25.8, 42.8) },
        { code: 'SZR22', bbox: box(25.8, 42.5, 26, 42.7) },
        { code: 'SOF46', bbox: box(23, 42.5, 23.5, 42.8) },
      ],
      [],
    );
    expect(homeBounds(r, ['SZR22'])).toEqual([25.8, 42.5, 26, 42.7]);
    expect(homeBounds(r, ['SZR12', 'SZR22'])).toEqual([25, 42.4, 26, 42.8]);
    expect(homeBounds(r)).toEqual([23, 42.4, 26, 42.8]);
    expect(homeBounds(r, ['XXX99'])).toEqual([23, 42.4, 26, 42.8]);
  });

  it('falls back on the span of the settlements, then on the equator', () => {
    const r = reference([], [[23.3, 42.7], [23.5, 42.6], [23.4, 42.9]]);
    expect(homeBounds(r)).toEqual([23.3, 42.6, 23.5, 42.9]);
    expect(homeLatitude(r)).toBeCloseTo(42.75, 10);
    expect(homeBounds(reference([], []))).toBeUndefined();
    expect(homeLatitude(reference([], []))).toBe(0);
  });
});

describe('halo scale', () => {
  it('is the Web Mercator ground resolution at the latitude', () => {
    expect(metresPerPixelAtZ0(0)).toBeCloseTo(156543.03, 2);
    expect(metresPerPixelAtZ0(60)).toBeCloseTo(156543.03 / 2, 2);
  });

  it('sizes the halos for the latitude the style is made for', () => {
    const haloAt = (latitude: number) => JSON.stringify(mapStyle({ basemap: null, latitude, base: 'http://localhost/api/tiles/base/{z}/{x}/{y}.mvt', tiles: 'http://localhost/api/tiles/interventions/{z}/{x}/{y}.mvt' }).layers.find((l) => l.id === 'intervention-halos'));
    expect(haloAt(42.6)).toContain(String(metresPerPixelAtZ0(42.6)));
    expect(haloAt(55)).toContain(String(metresPerPixelAtZ0(55)));
    expect(haloAt(55)).not.toContain(String(metresPerPixelAtZ0(42.6)));
  });
});

describe('what the style reads from the base and zones tiles', () => {
  /** Every property an expression gets, anywhere in `value`. */
  const gets = (value: unknown): string[] =>
    Array.isArray(value) ? (value[0] === 'get' && typeof value[1] === 'string' ? [value[1]] : value.flatMap(gets)) : value && typeof value === 'object' ? Object.values(value).flatMap(gets) : [];

  it('is only what the tiles carry (BASE_FIELDS), so no layer silently draws nothing', () => {
    const style = mapStyle({ basemap: null, latitude: 42.6, base: 'b', zones: 'z', masterPlanColours: [{ code: 'Жм', colour: '#ff0000', outline: '#800000' }] });
    const fromTiles = style.layers.filter((l) => 'source' in l && (l.source === 'base' || l.source === 'zones'));
    expect(fromTiles.length).toBeGreaterThan(8);
    const read = [...fromTiles.flatMap((l) => gets([('filter' in l && l.filter) || [], ('paint' in l && l.paint) || {}])), ...gets(municipalityFill(['SZR12']))];
    expect(read.length).toBeGreaterThan(0);
    for (const field of read) expect(Object.keys(BASE_FIELDS)).toContain(field);
  });

  it('leaves the zones off a map given no zones tiles (the coverage and editor maps)', () => {
    const style = mapStyle({ basemap: null, latitude: 42.6, base: 'b' });
    expect(Object.keys(style.sources)).not.toContain('zones');
    expect(style.layers.some((l) => l.id.startsWith('zones-') || l.id.startsWith('master-plan-'))).toBe(false);
  });
});
