// Exports carry exactly what the list shows for the same filter, in formats other tools read.
import { check } from '@placemarkio/check-geojson';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { toCrs } from '../../geo/crs.ts';
import { isCounterClockwise } from '../../geo/normalise.ts';
import type { Geometry } from '../../geo/index.ts';
import { apiOn } from '../helpers/api.ts';
import { KAZANLAK, MINI, tempDir } from '../helpers/fixtures.ts';

const kazanlak = await apiOn(KAZANLAK, 'api-export');
const mini = await apiOn(MINI, 'api-export-mini');
afterAll(() => {
  kazanlak.store.close();
  mini.store.close();
});

async function allPages(query: string): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  for (let offset = 0; ; offset += 7) {
    const body = await kazanlak.json(`/api/interventions?${query}${query ? '&' : ''}limit=7&offset=${offset}`);
    out.push(...body.features);
    if (!body.links.some((l: { rel: string }) => l.rel === 'next')) return out;
  }
}

const FILTERS = ['', 'theme=water,transport', 'located=false', 'q=shipka', 'near=25.3329,42.7123&radius=8000', 'bbox=25.35,42.6,25.42,42.64&status=planned,in_progress', 'year=2025&sort=-budget'];

describe('GeoJSON export', () => {
  it.each(FILTERS)('equals the concatenated pages of the list for "%s"', async (query) => {
    const res = await kazanlak.get(`/api/export/interventions.geojson?${query}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const exported = JSON.parse(text);
    const pages = await allPages(query);
    expect(exported.features.map((f: { id: string }) => f.id)).toEqual(pages.map((f) => f.id));
    expect(exported.features).toEqual(pages);
    expect(exported.numberReturned).toBe(pages.length);
  });

  it('is an RFC 7946 attachment with the filter, time and licences as foreign members', async () => {
    const res = await kazanlak.get('/api/export/interventions.geojson?theme=water');
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="interventions-\d{4}-\d{2}-\d{2}\.geojson"$/);
    const text = await res.text();
    expect(() => check(text)).not.toThrow();
    const body = JSON.parse(text);
    expect(body.crs).toBeUndefined();
    expect(body.filter).toEqual({ theme: 'water' });
    expect(Date.parse(body.generated)).not.toBeNaN();
    expect(body.attribution.join(' ')).toContain('© OpenStreetMap contributors');
    expect(text).not.toMatch(/\d\.\d{7,}/);
  });

  it('keeps items without a place, with geometry null', async () => {
    const body = await (await kazanlak.get('/api/export/interventions.geojson?located=false')).json();
    expect(body.features.length).toBeGreaterThan(0);
    expect(body.features.every((f: { geometry: unknown }) => f.geometry === null)).toBe(true);
  });

  it('winds polygon exteriors counter-clockwise (interventions and zones)', async () => {
    const polygons: Geometry[] = [
      ...(await (await mini.get('/api/export/interventions.geojson')).json()).features.map((f: { geometry: Geometry }) => f.geometry),
      ...(await (await kazanlak.get('/api/export/zones.geojson')).json()).features.map((f: { geometry: Geometry }) => f.geometry),
    ].filter((g): g is Geometry => g?.type === 'Polygon');
    expect(polygons.length).toBeGreaterThan(1);
    for (const p of polygons) if (p.type === 'Polygon') expect(isCounterClockwise(p.coordinates[0])).toBe(true);
  });

  it('gives BGS2005 / CCS2005 (EPSG:7801) on request as [easting, northing], within 1 cm of proj4', async () => {
    const res = await kazanlak.get('/api/export/interventions.geojson?crs=EPSG:7801&settlement=83199');
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/7801>');
    const body = await res.json();
    expect(body.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::7801' } });
    expect(body.coordinateOrder).toBe('easting,northing');
    const plain = await (await kazanlak.get('/api/export/interventions.geojson?settlement=83199')).json();
    plain.features.forEach((f: { geometry: { type: string; coordinates: [number, number] } | null }, i: number) => {
      if (f.geometry?.type !== 'Point') return;
      const [n, e] = toCrs(f.geometry.coordinates, 'EPSG:7801');
      const [gotE, gotN] = body.features[i].geometry.coordinates;
      expect(Math.abs(gotN - n)).toBeLessThan(0.01);
      expect(Math.abs(gotE - e)).toBeLessThan(0.01);
      expect(gotN).toBeGreaterThan(4_700_000);
    });
  });

  it('exports every base layer and the zones', async () => {
    const layers = await kazanlak.json('/api/layers');
    for (const layer of layers) {
      const res = await kazanlak.get(`/api/export/layers/${layer.name}.geojson`);
      expect(res.status, layer.name).toBe(200);
      const text = await res.text();
      expect(() => check(text), layer.name).not.toThrow();
    }
    expect((await kazanlak.get('/api/export/layers/roads.geojson')).status).toBe(404);
    expect((await kazanlak.get('/api/export/layers/municipality')).status).toBe(404);
    const zones = await (await kazanlak.get('/api/export/zones.geojson')).json();
    expect(zones.features.length).toBe((await kazanlak.store.zones()).length);
  });
});

describe('CSV export', () => {
  it('parses back to the same ids and Cyrillic text, with a BOM and a CSVW sidecar', async () => {
    const res = await kazanlak.get('/api/export/interventions.csv?q=shipka');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/filename="interventions-\d{4}-\d{2}-\d{2}\.csv"/);
    const link = res.headers.get('link')!;
    expect(link).toMatch(/<http:\/\/localhost\/api\/export\/interventions\.csv-metadata\.json\?q=shipka>; rel="describedby"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const list = await allPages('q=shipka');
    expect(parsed.data.map((r) => r.id)).toEqual(list.map((f) => f.id));
    for (const row of parsed.data) {
      const feature = (await kazanlak.store.getIntervention(row.id))!;
      expect(row.title_bg).toBe(feature.properties.title.bg);
      if (feature.geometry?.type === 'Point') expect([Number(row.lon), Number(row.lat)]).toEqual(feature.geometry.coordinates);
      if (!feature.geometry) expect([row.lon, row.lat, row.wkt]).toEqual(['', '', '']);
    }
    const meta = await kazanlak.json(link.slice(1, link.indexOf('>')).replace('http://localhost', ''));
    expect(meta['@context']).toBe('http://www.w3.org/ns/csvw');
    expect(meta.filter).toEqual({ q: 'shipka' });
    expect(meta['dc:description']).toContain('q=shipka');
    expect(meta.tableSchema.columns.map((c: { name: string }) => c.name)).toEqual(Object.keys(parsed.data[0]));
  });

  it('writes WKT for lines and polygons and empty cells for items without a place', async () => {
    const text = await (await mini.get('/api/export/interventions.csv')).text();
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.find((r) => r.id === 'TST-003')!.wkt).toBe('LINESTRING (25.33 42.71, 25.34 42.715)');
    expect(rows.find((r) => r.id === 'TST-007')!.wkt).toMatch(/^POLYGON \(\(25\.385 42\.615, 25\.395 42\.615/);
    expect(rows.find((r) => r.id === 'TST-006')).toMatchObject({ lon: '', lat: '', wkt: '', funding: 'npvu; municipal-budget' });
    expect(rows.find((r) => r.id === 'TST-001')).toMatchObject({ lon: '25.393', lat: '42.6194', budget_eur: '100000', goals: 'G1', priorities: 'P1 (inferred)' });
  });
});

const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p));
describe.skipIf(!ogrinfo)('GDAL reads the exports', () => {
  it.each(['', 'theme=water', 'located=true'])('GeoJSON export "%s" has the right feature count', async (query) => {
    const text = await (await kazanlak.get(`/api/export/interventions.geojson?${query}`)).text();
    const file = join(tempDir('gdal'), 'interventions.geojson');
    writeFileSync(file, text);
    const out = execFileSync(ogrinfo!, ['-al', '-so', file], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`Feature Count: ${JSON.parse(text).numberReturned}\\b`));
  });
});
