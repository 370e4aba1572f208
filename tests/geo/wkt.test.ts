// Well-known text both ways: what the CSV export writes reads back the same, and what planners paste
// from QGIS or a spreadsheet (any case, Z values, SRID=4326, both MULTIPOINT forms) reads as 2D.
import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../geo/index.ts';
import { fromWkt, toWkt, WktError } from '../../geo/wkt.ts';

const ring = [[25.38, 42.61], [25.4, 42.61], [25.4, 42.63], [25.38, 42.61]];
const GEOMETRIES: Geometry[] = [
  { type: 'Point', coordinates: [25.391234, 42.618765] },
  { type: 'LineString', coordinates: [[25.38, 42.61], [25.39, 42.62], [-0.5, 1e-7]] },
  { type: 'Polygon', coordinates: [ring, [[25.385, 42.615], [25.386, 42.615], [25.386, 42.616], [25.385, 42.615]]] },
  { type: 'MultiPoint', coordinates: [[25.38, 42.61], [25.4, 42.63]] },
  { type: 'MultiLineString', coordinates: [[[25.38, 42.61], [25.39, 42.62]], [[25.4, 42.6], [25.41, 42.6]]] },
  { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x + 0.1, y])]] },
] as Geometry[];

describe('fromWkt', () => {
  it.each(GEOMETRIES)('reads back what toWkt writes: $type', (g) => {
    expect(fromWkt(toWkt(g))).toEqual(g);
  });

  it('reads what planners paste: any case, Z and M dropped, SRID=4326, MULTIPOINT without inner parentheses', () => {
    expect(fromWkt('point(25.4 42.6)')).toEqual({ type: 'Point', coordinates: [25.4, 42.6] });
    expect(fromWkt('POINT Z (25.4 42.6 310.5)')).toEqual({ type: 'Point', coordinates: [25.4, 42.6] });
    expect(fromWkt('POINT (25.4 42.6 310.5)')).toEqual({ type: 'Point', coordinates: [25.4, 42.6] });
    expect(fromWkt('LineString ZM (1 2 3 4, 5 6 7 8)')).toEqual({ type: 'LineString', coordinates: [[1, 2], [5, 6]] });
    expect(fromWkt('SRID=4326;POINT(1.5e1 -4.25E0)')).toEqual({ type: 'Point', coordinates: [15, -4.25] });
    expect(fromWkt(' MULTIPOINT (1 2, 3 4) ')).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });
  });

  it('says what is wrong, and never returns half a geometry', () => {
    const refusal = (text: string) => {
      try {
        fromWkt(text);
      } catch (e) {
        expect(e).toBeInstanceOf(WktError);
        return (e as Error).message;
      }
      throw new Error(`${text} was read`);
    };
    expect(refusal('CIRCLE (1 2)')).toMatch(/not a geometry type/);
    expect(refusal('POINT (1)')).toMatch(/1 numbers/);
    expect(refusal('POINT (1 2, 3 4)')).toMatch(/one position, found 2/);
    expect(refusal('MULTIPOINT ((1 2, 3 4), (5 6))')).toMatch(/one position, found 2/);
    expect(refusal('POINT (1 x)')).toMatch(/"x" is not a number/);
    expect(refusal('LINESTRING (1 2, 3 4')).toMatch(/ends early/);
    expect(refusal('POINT (1 2) extra')).toMatch(/unexpected "extra"/);
    expect(refusal('POINT EMPTY')).toMatch(/EMPTY/);
    expect(refusal('SRID=7801;POINT (1 2)')).toMatch(/SRID=7801/);
    expect(refusal('')).toMatch(/ends early/);
  });
});
