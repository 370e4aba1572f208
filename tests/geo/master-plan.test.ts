// The master-plan spatial join against a hand-computed fixture: three square zones (synthetic, see
// the fixture's note). A = TESTMP-ZHM1 [25.37..25.393] × [42.61..42.63], B = TESTMP-C1
// [25.393..25.42] × [42.61..42.63] (A and B share the meridian 25.393), C = TESTMP-PP1
// [25.40..25.43] × [42.55..42.58], apart from both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../geo/geojson.ts';
import { masterPlanZonesOf, type ZoneArea } from '../../geo/master-plan.ts';
import { Zone } from '../../geo/zone.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/master-plan/zoning.geojson', import.meta.url), 'utf8'));
const zones: ZoneArea[] = fixture.features.map((f: unknown) => {
  const zone = Zone.parse(f);
  return { id: zone.id, geometry: zone.geometry as ZoneArea['geometry'] };
});
const [A, B, C] = ['TESTMP-ZHM1', 'TESTMP-C1', 'TESTMP-PP1'];
const join = (geometry: Geometry | null) => masterPlanZonesOf(geometry, zones);
const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const line = (...coordinates: [number, number][]): Geometry => ({ type: 'LineString', coordinates });
const box = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('masterPlanZonesOf', () => {
  it('says the fixture is synthetic, and its zones are valid master-plan zones', () => {
    expect(fixture.note).toMatch(/^SYNTHETIC TEST DATA — not Kazanlak's master plan/);
    expect(zones.map((z) => z.id)).toEqual([A, B, C]);
  });

  it('puts a point inside a zone in that zone only', () => {
    expect(join(point(25.38, 42.62))).toEqual([A]);
    expect(join(point(25.41, 42.57))).toEqual([C]);
  });

  it('puts a point on the border of two zones in both', () => {
    expect(join(point(25.393, 42.6194))).toEqual([A, B]);
    // the corner the two share with nothing else, too
    expect(join(point(25.393, 42.63))).toEqual([A, B]);
  });

  it('puts a point on the outer boundary of one zone in that zone', () => {
    expect(join(point(25.37, 42.62))).toEqual([A]);
  });

  it('puts a point outside every zone in none', () => {
    expect(join(point(25.3329, 42.7123))).toEqual([]);
    // between B and C: east of A, south of B, north of C
    expect(join(point(25.41, 42.59))).toEqual([]);
  });

  it('puts a line crossing two zones in both', () => {
    expect(join(line([25.38, 42.62], [25.41, 42.62]))).toEqual([A, B]);
  });

  it('puts a line crossing a zone with no vertex inside it in that zone', () => {
    // from west of A to between A/B and C, only its middle runs through A and B
    expect(join(line([25.36, 42.605], [25.42, 42.635]))).toEqual([A, B]);
    // north to south through C, both ends outside
    expect(join(line([25.415, 42.59], [25.415, 42.54]))).toEqual([C]);
  });

  it('puts a line running along the shared border in both zones', () => {
    expect(join(line([25.393, 42.612], [25.393, 42.628]))).toEqual([A, B]);
  });

  it('does not put a line that only touches a zone at one point in it', () => {
    // from the north, ending on A's top edge
    expect(join(line([25.38, 42.65], [25.38, 42.63]))).toEqual([]);
    // from the south-west, through C's north-west corner only
    expect(join(line([25.39, 42.57], [25.41, 42.59]))).toEqual([]);
  });

  it('puts a polygon overlapping one zone in that zone, and one overlapping two in both', () => {
    expect(join(box(25.375, 42.615, 25.385, 42.625))).toEqual([A]);
    expect(join(box(25.42, 42.57, 25.44, 42.60))).toEqual([C]);
    expect(join(box(25.385, 42.615, 25.395, 42.625))).toEqual([A, B]);
  });

  it('does not put a polygon that only shares an edge with a zone in it', () => {
    // west of A, sharing A's west edge
    expect(join(box(25.36, 42.61, 25.37, 42.63))).toEqual([]);
  });

  it('puts a polygon that holds a whole zone in it', () => {
    expect(join(box(25.39, 42.54, 25.44, 42.59))).toEqual([C]);
  });

  it('takes every part of a multi-geometry', () => {
    expect(join({ type: 'MultiPoint', coordinates: [[25.38, 42.62], [25.41, 42.57]] })).toEqual([A, C]);
    expect(join({ type: 'MultiLineString', coordinates: [[[25.3, 42.7], [25.31, 42.7]], [[25.41, 42.62], [25.415, 42.62]]] })).toEqual([B]);
  });

  it('gives none without a geometry or without zones', () => {
    expect(join(null)).toEqual([]);
    expect(masterPlanZonesOf(point(25.38, 42.62), [])).toEqual([]);
  });
});
