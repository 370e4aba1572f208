import { describe, it, expect } from 'vitest';
import type { Geometry, Position } from '../../geo/geojson.ts';
import { CRS, fromCrs, parseCrs, toCrs, transformGeometry, transformPosition, type CrsCode } from '../../geo/crs.ts';

// Kazanlak town centre.
const KAZANLAK: [number, number] = [25.3919, 42.6194];

const expectClose = (actual: readonly number[], expected: readonly number[], tolerance: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `axis ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
};

describe('the CRS table', () => {
  it('has the OGC URI, a title and the authority axis order of each CRS', () => {
    expect(CRS['OGC:CRS84']).toMatchObject({ uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', axisOrder: 'lon,lat' });
    expect(CRS['EPSG:4326']).toMatchObject({ uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', axisOrder: 'lat,lon' });
    expect(CRS['EPSG:7801']).toMatchObject({
      uri: 'http://www.opengis.net/def/crs/EPSG/0/7801',
      axisOrder: 'northing,easting',
      title: 'BGS2005 / CCS2005',
    });
    expect(CRS['EPSG:7800']).toMatchObject({ uri: 'http://www.opengis.net/def/crs/EPSG/0/7800', axisOrder: 'northing,easting' });
    expect(CRS['EPSG:3857']).toMatchObject({ uri: 'http://www.opengis.net/def/crs/EPSG/0/3857', axisOrder: 'x,y' });
    for (const [code, info] of Object.entries(CRS)) {
      expect(info.code).toBe(code);
      expect(info.title.length).toBeGreaterThan(0);
    }
  });
});

describe('parseCrs', () => {
  it('accepts OGC URIs', () => {
    for (const code of Object.keys(CRS) as CrsCode[]) expect(parseCrs(CRS[code].uri)).toBe(code);
    expect(parseCrs('https://www.opengis.net/def/crs/EPSG/0/7801')).toBe('EPSG:7801');
  });

  it('accepts codes, safe CURIEs and URNs', () => {
    expect(parseCrs('EPSG:7801')).toBe('EPSG:7801');
    expect(parseCrs('epsg:7800')).toBe('EPSG:7800');
    expect(parseCrs(' EPSG:3857 ')).toBe('EPSG:3857');
    expect(parseCrs('[EPSG:4326]')).toBe('EPSG:4326');
    expect(parseCrs('urn:ogc:def:crs:EPSG::7801')).toBe('EPSG:7801');
    expect(parseCrs('urn:ogc:def:crs:EPSG:9.9.1:4326')).toBe('EPSG:4326');
    expect(parseCrs('CRS84')).toBe('OGC:CRS84');
    expect(parseCrs('OGC:CRS84')).toBe('OGC:CRS84');
    expect(parseCrs('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('OGC:CRS84');
  });

  it('returns null for anything it does not support', () => {
    expect(parseCrs('EPSG:32634')).toBeNull();
    expect(parseCrs('http://www.opengis.net/def/crs/EPSG/0/32634')).toBeNull();
    expect(parseCrs('EPSG:78010')).toBeNull();
    expect(parseCrs('')).toBeNull();
    expect(parseCrs('7801; DROP TABLE')).toBeNull();
  });
});

describe('EPSG:7801 BGS2005 / CCS2005', () => {
  it('puts Kazanlak at N 4 720 445.43, E 491 131.81 (northing first)', () => {
    expectClose(toCrs(KAZANLAK, 'EPSG:7801'), [4720445.43, 491131.81], 0.05);
  });

  it('maps the false origin to the false northing and easting', () => {
    expectClose(toCrs([25.5, 42.6678756833333], 'EPSG:7801'), [4725824.3591, 500000], 0.001);
  });

  it('round-trips within 1e-7°', () => {
    expectClose(fromCrs(toCrs(KAZANLAK, 'EPSG:7801'), 'EPSG:7801'), KAZANLAK, 1e-7);
    expectClose(fromCrs([4720445.43, 491131.81], 'EPSG:7801'), KAZANLAK, 1e-6);
  });
});

describe('EPSG:32635 WGS 84 / UTM zone 35N (an import CRS, not served)', () => {
  it('puts the central meridian at easting 500 000, easting first', () => {
    expectClose(toCrs([27, 0], 'EPSG:32635'), [500000, 0], 0.001);
    const [easting, northing] = toCrs(KAZANLAK, 'EPSG:32635');
    expect(easting).toBeGreaterThan(300000);
    expect(easting).toBeLessThan(400000);
    expect(northing).toBeGreaterThan(4700000);
    expectClose(fromCrs([easting, northing], 'EPSG:32635'), KAZANLAK, 1e-7);
  });
});

describe('EPSG:7800 BGS2005 / UTM zone 35N (N-E)', () => {
  it('puts the central meridian 27°E at easting 500 000, northing first', () => {
    expectClose(toCrs([27, 0], 'EPSG:7800'), [0, 500000], 0.001);
    // 0.9996 × the GRS80 meridian arc from the equator to 45° (4 984 944.38 m).
    expectClose(toCrs([27, 45], 'EPSG:7800'), [4982950.4, 500000], 0.01);
  });

  it('places Kazanlak west of the central meridian and round-trips', () => {
    const [northing, easting] = toCrs(KAZANLAK, 'EPSG:7800');
    expect(northing).toBeGreaterThan(4.7e6);
    expect(easting).toBeLessThan(500000);
    expectClose(fromCrs([northing, easting], 'EPSG:7800'), KAZANLAK, 1e-7);
  });
});

describe('EPSG:3857 Web Mercator', () => {
  const R = 6378137;
  it('matches the spherical Mercator formulas', () => {
    const [lon, lat] = KAZANLAK;
    const rad = Math.PI / 180;
    expectClose(toCrs(KAZANLAK, 'EPSG:3857'), [R * lon * rad, R * Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2))], 0.001);
    expectClose(toCrs([180, 0], 'EPSG:3857'), [20037508.342789244, 0], 0.001);
  });

  it('round-trips', () => {
    expectClose(fromCrs(toCrs(KAZANLAK, 'EPSG:3857'), 'EPSG:3857'), KAZANLAK, 1e-9);
  });

  it('refuses the poles, which Web Mercator cannot show', () => {
    expect(() => toCrs([0, 90], 'EPSG:3857')).toThrow(RangeError);
  });
});

describe('EPSG:4326 and CRS84', () => {
  it('swaps to latitude first for EPSG:4326 and back', () => {
    expect(toCrs(KAZANLAK, 'EPSG:4326')).toEqual([42.6194, 25.3919]);
    expect(fromCrs([42.6194, 25.3919], 'EPSG:4326')).toEqual(KAZANLAK);
  });

  it('leaves CRS84 as it is', () => {
    expect(toCrs(KAZANLAK, 'OGC:CRS84')).toEqual(KAZANLAK);
    expect(fromCrs(KAZANLAK, 'OGC:CRS84')).toEqual(KAZANLAK);
  });
});

describe('transformPosition', () => {
  it('goes between projected CRSs directly, each in its own axis order', () => {
    const ccs = toCrs(KAZANLAK, 'EPSG:7801');
    expectClose(transformPosition(ccs, 'EPSG:7801', 'EPSG:7800'), toCrs(KAZANLAK, 'EPSG:7800'), 0.001);
    expectClose(transformPosition(ccs, 'EPSG:7801', 'EPSG:4326'), [KAZANLAK[1], KAZANLAK[0]], 1e-7);
  });

  it('keeps a height untouched', () => {
    const [, , h] = transformPosition([25.3919, 42.6194, 412.5], 'OGC:CRS84', 'EPSG:7801');
    expect(h).toBe(412.5);
  });
});

describe('transformGeometry', () => {
  const ring: Position[] = [[25.38, 42.61], [25.4, 42.61], [25.4, 42.63], [25.38, 42.63], [25.38, 42.61]];
  const geometries: Geometry[] = [
    { type: 'Point', coordinates: KAZANLAK },
    { type: 'MultiPoint', coordinates: [KAZANLAK, [25.4, 42.62]] },
    { type: 'LineString', coordinates: [KAZANLAK, [25.4, 42.62]] },
    { type: 'MultiLineString', coordinates: [[KAZANLAK, [25.4, 42.62]], [[25.5, 42.7], [25.6, 42.7]]] },
    { type: 'Polygon', coordinates: [ring] },
    { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x + 0.1, y] as Position)]] },
  ];

  it('transforms every geometry type there and back', () => {
    for (const code of ['EPSG:7801', 'EPSG:7800', 'EPSG:3857', 'EPSG:4326'] as CrsCode[])
      for (const g of geometries) {
        const there = transformGeometry(g, 'OGC:CRS84', code);
        expect(there.type).toBe(g.type);
        const back = transformGeometry(there, code, 'OGC:CRS84');
        expectClose(flat(back), flat(g), 1e-7);
      }
  });

  it('transforms every position, in the target axis order', () => {
    const g = transformGeometry({ type: 'Polygon', coordinates: [ring] }, 'OGC:CRS84', 'EPSG:7801');
    const first = (g.coordinates as Position[][])[0][0];
    expectClose(first, toCrs([25.38, 42.61], 'EPSG:7801'), 1e-6);
    expect(first[0]).toBeGreaterThan(first[1]); // northing (~4.7e6) before easting (~0.5e6)
  });

  it('does not modify its input', () => {
    const g: Geometry = { type: 'LineString', coordinates: [KAZANLAK, [25.4, 42.62]] };
    const copy = structuredClone(g);
    transformGeometry(g, 'OGC:CRS84', 'EPSG:7801');
    expect(g).toEqual(copy);
  });
});

function flat(g: Geometry): number[] {
  return [g.coordinates].flat(4) as number[];
}
