// The import readers on files written by GDAL from one small fixture: every format comes back with
// its Cyrillic intact and every position within a metre of the source, the coordinate system is
// decided for the reason a planner would give, and bad files are refused with the right code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry, Position } from '../../geo/index.ts';
import { toCrs } from '../../geo/crs.ts';
import { positionsOf } from '../../geo/spatial.ts';
import { readUpload } from '../../data/import/read.ts';
import { recogniseWkt } from '../../data/import/prj.ts';
import { parseCodePage } from '../../data/import/encoding.ts';
import { ImportRefused, type ReadOptions, type SourceFile, type Upload } from '../../data/import/source.ts';
import { ROOT, tempDir } from '../helpers/fixtures.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/import/kazanlak-features.geojson');
const SOURCE = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
const byName = new Map(SOURCE.features.map((f) => [f.properties.name as string, f]));
const POINTS = SOURCE.features.filter((f) => f.geometry.type === 'Point');

// Kazanlak municipality, roughly.
const OPTIONS: ReadOptions = { municipality: { bbox: [25.2, 42.55, 25.6, 42.75] } };

let dir: string;
const ogr = (...args: string[]) => execFileSync('ogr2ogr', args, { stdio: 'pipe' });
const file = (name: string) => join(dir, name);
const upload = (name: string, path = file(name)): Upload => ({ name, bytes: new Uint8Array(readFileSync(path)) });
const folder = (path: string) => Object.fromEntries(readdirSync(path).map((n) => [n, new Uint8Array(readFileSync(join(path, n)))]));

/** Haversine distance in metres; a sphere is plenty for "within 1 m". */
function metres([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

/** Every row named like a fixture feature has its Cyrillic and its positions (within 1 m). */
function expectFaithful(read: SourceFile, nameField = 'name', expected = SOURCE.features.length) {
  const named = read.rows.filter((r) => byName.has(String(r.properties[nameField])));
  expect(named).toHaveLength(expected);
  for (const row of named) {
    const source = byName.get(String(row.properties[nameField]))!;
    expect(row.geometry).not.toBeNull();
    const got = positionsOf(row.geometry!);
    const want = positionsOf(source.geometry);
    expect(got).toHaveLength(want.length);
    // Shapefiles store outer rings clockwise: compare positions as sets, each way.
    const nearest = (p: Position, among: Position[]) => Math.min(...among.map((q) => metres(p, q)));
    got.forEach((p, i) => expect(nearest(p, want), `${row.properties[nameField]} position ${i}`).toBeLessThan(1));
    want.forEach((p, i) => expect(nearest(p, got), `${row.properties[nameField]} source position ${i}`).toBeLessThan(1));
    if ('address' in row.properties) expect(row.properties.address).toBe(source.properties.address);
  }
  expect(read.problems).toEqual([]);
}

async function refusal(promise: Promise<unknown>): Promise<ImportRefused> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportRefused);
  return error as ImportRefused;
}

beforeAll(() => {
  dir = tempDir('import-read');
  // Shapefiles hold one geometry type each: three layers, in a folder inside the zip.
  for (const [crs, name] of [['EPSG:7801', 'shp7801'], ['EPSG:32635', 'shp32635']] as const) {
    mkdirSync(file(name));
    for (const type of ['POINT', 'LINESTRING', 'POLYGON'])
      ogr('-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP1251', '-t_srs', crs, file(`${name}/${type.toLowerCase()}.shp`), FIXTURE, '-where', `OGR_GEOMETRY='${type}'`, '-nln', type.toLowerCase());
  }
  ogr('-f', 'GPKG', '-t_srs', 'EPSG:7801', file('kazanlak.gpkg'), FIXTURE);
  ogr('-f', 'GeoJSON', '-t_srs', 'EPSG:3857', file('mercator.geojson'), FIXTURE);
  ogr('-f', 'KML', file('kazanlak.kml'), FIXTURE);
  ogr('-f', 'GPX', '-dsco', 'GPX_USE_EXTENSIONS=YES', '-nlt', 'POINT', '-nln', 'waypoints', file('waypoints.gpx'), FIXTURE, '-where', "OGR_GEOMETRY='POINT'");
  ogr('-f', 'GPX', '-nlt', 'MULTILINESTRING', '-nln', 'tracks', file('tracks.gpx'), FIXTURE, '-where', "OGR_GEOMETRY='LINESTRING'");
  ogr('-f', 'XLSX', file('kazanlak.xlsx'), FIXTURE, '-dialect', 'SQLite', '-sql', 'SELECT name, address, budget, AsText(geometry) AS WKT FROM features');
  ogr('-f', 'CSV', '-t_srs', 'EPSG:7801', '-lco', 'GEOMETRY=AS_XY', file('en7801.csv'), FIXTURE, '-where', "OGR_GEOMETRY='POINT'");
  ogr('-f', 'CSV', '-lco', 'GEOMETRY=AS_XY', '-lco', 'SEPARATOR=SEMICOLON', file('lonlat.csv'), FIXTURE, '-where', "OGR_GEOMETRY='POINT'");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const zipOf = (files: Record<string, Uint8Array>) => zipSync(files);
const shapefileZip = (name: string, drop: string[] = []) => {
  const files = folder(file(name));
  return zipOf(Object.fromEntries(Object.entries(files).filter(([n]) => !drop.some((ext) => n.endsWith(ext))).map(([n, b]) => [`export/${name}/${n}`, b])));
};

describe('Shapefiles in a zip', () => {
  it('reads a windows-1251 Shapefile with its .cpg and .prj (EPSG:7801), every layer listed', async () => {
    const read = await readUpload({ name: 'kazanlak.zip', bytes: shapefileZip('shp7801') }, OPTIONS);
    expect(read.format).toBe('shapefile');
    expect(read.layers).toEqual(['export/shp7801/linestring', 'export/shp7801/point', 'export/shp7801/polygon']);
    expect(read.encoding).toMatchObject({ value: 'windows-1251', by: 'cpg' });
    expect(read.crs).toMatchObject({ value: 'EPSG:7801', by: 'prj' });
    expect(read.crs!.reason).toContain('BGS2005_CCS2005');
    expect(read.columns).toEqual(['name', 'address', 'kind', 'budget', 'year']);
    expectFaithful(await readUpload({ name: 'kazanlak.zip', bytes: shapefileZip('shp7801') }, { ...OPTIONS, layer: 'export/shp7801/point' }), 'name', 3);
    for (const layer of read.layers) {
      const one = await readUpload({ name: 'kazanlak.zip', bytes: shapefileZip('shp7801') }, { ...OPTIONS, layer });
      expectFaithful(one, 'name', one.rows.length);
    }
    expect(read.rows[0].properties).toMatchObject({ name: 'Път Казанлък – Шипка', budget: 2500000 });
  });

  it('reads windows-1251 without a .cpg from the bytes, and tells EPSG:32635 from EPSG:7801 without a .prj', async () => {
    const utm = await readUpload({ name: 'utm.zip', bytes: shapefileZip('shp32635', ['.cpg', '.prj']) }, { ...OPTIONS, layer: 'export/shp32635/point' });
    expect(utm.encoding).toMatchObject({ value: 'windows-1251', by: 'fallback' });
    expect(utm.crs).toMatchObject({ value: 'EPSG:32635', by: 'magnitude' });
    expect(utm.crs!.reason).toBe("the Shapefile has no .prj; all 3 coordinates fall inside the municipality's extent only as EPSG:32635 (WGS 84 / UTM zone 35N) easting/northing");
    expectFaithful(utm, 'name', 3);

    const ccs = await readUpload({ name: 'ccs.zip', bytes: shapefileZip('shp7801', ['.cpg', '.prj']) }, { ...OPTIONS, layer: 'export/shp7801/polygon' });
    expect(ccs.crs).toMatchObject({ value: 'EPSG:7801', by: 'magnitude' });
    expect(ccs.crs!.reason).toContain('only as EPSG:7801');
    expectFaithful(ccs, 'name', 1);
  });

  it('lets the planner override the CRS: no detection, and rows that land far away are flagged', async () => {
    const read = await readUpload({ name: 'ccs.zip', bytes: shapefileZip('shp7801', ['.prj']) }, { ...OPTIONS, layer: 'export/shp7801/point', crs: 'EPSG:32635' });
    expect(read.crs).toMatchObject({ value: 'EPSG:32635', by: 'override' });
    expect(read.rows).toHaveLength(3);
    expect(read.problems.map((p) => p.field)).toEqual(['geometry', 'geometry', 'geometry']);
    expect(read.problems[0].message).toMatch(/km outside the municipality/);
  });

  it('refuses a .prj that names КС1970', async () => {
    const files = Object.fromEntries(Object.entries(folder(file('shp7801'))).filter(([n]) => n.startsWith('point.')));
    files['point.prj'] = new TextEncoder().encode('PROJCS["KS1970_K5",GEOGCS["GCS_Krasovsky",DATUM["D_Krasovsky_1940",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Stereographic"],UNIT["Meter",1.0]]');
    const error = await refusal(readUpload({ name: 'old.zip', bytes: zipOf(files) }, OPTIONS));
    expect(error.code).toBe('crs_ks1970');
    expect(error.message).toContain('KS1970_K5');
    expect(error.message).toContain('BGS2005');
  });
});

describe('GeoPackage', () => {
  it('reads an EPSG:7801 GeoPackage by its srs_id', async () => {
    const read = await readUpload(upload('kazanlak.gpkg'), OPTIONS);
    expect(read).toMatchObject({ format: 'geopackage', layers: ['features'], layer: 'features', encoding: null });
    expect(read.crs).toMatchObject({ value: 'EPSG:7801', by: 'gpkg' });
    expect(read.columns).toEqual(['name', 'address', 'kind', 'budget', 'year']);
    expectFaithful(read);
  });

  it('refuses an SQLite file that is not a GeoPackage, and a .gpkg that is not SQLite', async () => {
    const path = file('plain.sqlite');
    execFileSync('python3', ['-c', `import sqlite3; c=sqlite3.connect(${JSON.stringify(path)}); c.execute('create table t(a)'); c.commit()`]);
    expect((await refusal(readUpload(upload('plain.gpkg', path), OPTIONS))).code).toBe('unreadable');
    expect((await refusal(readUpload({ name: 'x.gpkg', bytes: new TextEncoder().encode('not a database') }, OPTIONS))).message).toMatch(/not a GeoPackage/);
  });
});

describe('GeoJSON', () => {
  it('reads EPSG:3857 by its crs member, and without it by magnitude', async () => {
    const withCrs = await readUpload(upload('mercator.geojson'), OPTIONS);
    expect(withCrs.crs).toMatchObject({ value: 'EPSG:3857', by: 'geojson-crs' });
    expectFaithful(withCrs);

    const json = JSON.parse(readFileSync(file('mercator.geojson'), 'utf8'));
    delete json.crs;
    const bare = await readUpload({ name: 'm.geojson', bytes: new TextEncoder().encode(JSON.stringify(json)) }, OPTIONS);
    expect(bare.crs).toMatchObject({ value: 'EPSG:3857', by: 'magnitude' });
    expectFaithful(bare);
  });

  it('keeps nested properties as they are and detects CRS84', async () => {
    const json = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [25.39, 42.62] }, properties: { name: 'А', sources: [{ title: 'ПИРО' }] } }] };
    const read = await readUpload({ name: 'ours.geojson', bytes: new TextEncoder().encode(JSON.stringify(json)) }, OPTIONS);
    expect(read.rows[0].properties).toEqual({ name: 'А', sources: [{ title: 'ПИРО' }] });
    expect(read.crs).toMatchObject({ value: 'OGC:CRS84', by: 'magnitude' });
  });

  it('flags a row far from the municipality and still reads the others; refuses a mixed GeometryCollection row', async () => {
    const json = structuredClone(SOURCE) as { features: unknown[] };
    json.features.push({ type: 'Feature', properties: { name: 'София' }, geometry: { type: 'Point', coordinates: [23.3219, 42.6977] } });
    json.features.push({ type: 'Feature', properties: { name: 'смесено' }, geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [25.39, 42.62] }, { type: 'LineString', coordinates: [[25.39, 42.62], [25.4, 42.63]] }] } });
    const read = await readUpload({ name: 'far.geojson', bytes: new TextEncoder().encode(JSON.stringify(json)) }, OPTIONS);
    expect(read.rows).toHaveLength(6);
    expect(read.rows[5].properties.name).toBe('София');
    expect(read.problems).toHaveLength(2);
    expect(read.problems[0]).toMatchObject({ row: 6, field: 'geometry' });
    expect(read.problems[0].message).toMatch(/about \d+ km outside the municipality/);
    expect(read.problems[1]).toMatchObject({ row: 7, field: 'geometry' });
    expect(read.problems[1].message).toMatch(/mixes Point and LineString/);
  });

  it('refuses invalid JSON as unreadable', async () => {
    const error = await refusal(readUpload({ name: 'broken.geojson', bytes: new TextEncoder().encode('{"type": "FeatureCollection", ') }, OPTIONS));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('KML, KMZ and GPX', () => {
  it('reads a KML and the same as a KMZ', async () => {
    const kml = await readUpload(upload('kazanlak.kml'), OPTIONS);
    expect(kml.crs).toMatchObject({ value: 'OGC:CRS84', by: 'format' });
    expectFaithful(kml);
    const kmz = await readUpload({ name: 'kazanlak.kmz', bytes: zipOf({ 'doc.kml': new Uint8Array(readFileSync(file('kazanlak.kml'))) }) }, OPTIONS);
    expect(kmz.format).toBe('kmz');
    expectFaithful(kmz);
  });

  it('reads GPX waypoints and tracks', async () => {
    const waypoints = await readUpload(upload('waypoints.gpx'), OPTIONS);
    expect(waypoints.format).toBe('gpx');
    expectFaithful(waypoints, 'name', 3);
    const tracks = await readUpload(upload('tracks.gpx'), OPTIONS);
    expect(tracks.rows).toHaveLength(1);
    const line = byName.get('Път Казанлък – Шипка')!;
    expect(tracks.rows[0].properties.name).toBe('Път Казанлък – Шипка');
    const got = positionsOf(tracks.rows[0].geometry!);
    positionsOf(line.geometry).forEach((p, i) => expect(metres(got[i], p)).toBeLessThan(1));
  });

  it('never resolves an external entity', async () => {
    const kml = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&secret;</name><Point><coordinates>25.39,42.62</coordinates></Point></Placemark></kml>`;
    const error = await refusal(readUpload({ name: 'xxe.kml', bytes: new TextEncoder().encode(kml) }, OPTIONS));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('entity not found');
    expect(error.message).not.toContain('root:');
  });

  it('refuses XML that is not well-formed', async () => {
    const error = await refusal(readUpload({ name: 'bad.kml', bytes: new TextEncoder().encode('<kml><Placemark></kml>') }, OPTIONS));
    expect(error.code).toBe('unreadable');
  });
});

describe('tables', () => {
  it('reads an XLSX with a WKT column', async () => {
    const read = await readUpload(upload('kazanlak.xlsx'), OPTIONS);
    expect(read).toMatchObject({ format: 'xlsx', layers: ['SELECT'], layer: 'SELECT' });
    expect(read.crs).toMatchObject({ value: 'OGC:CRS84', by: 'magnitude' });
    expectFaithful(read);
  });

  it('reads a CSV with E/N columns in EPSG:7801', async () => {
    const text = readFileSync(file('en7801.csv'), 'utf8').replace(/^X,Y,/, 'E,N,');
    const read = await readUpload({ name: 'en.csv', bytes: new TextEncoder().encode(text) }, OPTIONS);
    expect(read.crs).toMatchObject({ value: 'EPSG:7801', by: 'magnitude' });
    expect(read.encoding).toMatchObject({ value: 'utf-8', by: 'utf-8-valid' });
    expectFaithful(read, 'name', 3);
  });

  it('reads a windows-1251 CSV without a BOM, semicolons and Bulgarian column names', async () => {
    const text = readFileSync(file('lonlat.csv'), 'utf8').replace(/^X;Y;/, 'Дължина;Ширина;');
    const read = await readUpload({ name: 'obekti.csv', bytes: new Uint8Array(iconv.encode(text, 'win1251')) }, OPTIONS);
    expect(read.encoding).toMatchObject({ value: 'windows-1251', by: 'fallback' });
    expect(read.columns.slice(0, 3)).toEqual(['Дължина', 'Ширина', 'name']);
    expectFaithful(read, 'name', 3);
  });

  it('detects latitude stored first (EPSG:4326 axis order), a row without coordinates has no geometry', async () => {
    const rows = POINTS.map((f) => `${f.geometry.coordinates[1]},${f.geometry.coordinates[0]},"${f.properties.name}"`);
    const csv = ['x,y,name', ...rows, ',,Без място'].join('\n');
    const read = await readUpload({ name: 'swapped.csv', bytes: new TextEncoder().encode(csv) }, OPTIONS);
    expect(read.crs).toMatchObject({ value: 'EPSG:4326', by: 'magnitude' });
    expectFaithful(read, 'name', 3);
    expect(read.rows[3]).toMatchObject({ row: 4, geometry: null, properties: { name: 'Без място' } });
  });

  it('numbers rows as the file counts them, blank lines included', async () => {
    const csv = 'lon,lat,name\n25.39,42.62,А\n\n25.40,42.63,Б\n';
    const read = await readUpload({ name: 'gaps.csv', bytes: new TextEncoder().encode(csv) }, OPTIONS);
    expect(read.rows.map((r) => r.row)).toEqual([1, 3]);
  });

  it('refuses КС1970-like coordinates with a message on how to convert them', async () => {
    const csv = 'X;Y;име\n4613479,192;9493233,633;точка 1\n4612000,5;9494100,25;точка 2\n';
    const error = await refusal(readUpload({ name: 'ks70.csv', bytes: new TextEncoder().encode(csv) }, OPTIONS));
    expect(error.code).toBe('crs_ks1970');
    expect(error.message).toContain('КС1970');
    expect(error.message).toMatch(/BGS2005.*АГКК/s);
  });

  it('refuses coordinates that fit no candidate CRS, naming the ranges seen', async () => {
    const csv = 'x,y\n1000,2000\n1100,2100\n';
    const error = await refusal(readUpload({ name: 'local.csv', bytes: new TextEncoder().encode(csv) }, OPTIONS));
    expect(error.code).toBe('crs_unknown');
    expect(error.message).toContain('x 1000…1100, y 2000…2100');
  });

  it('tells EPSG:7801 from EPSG:32635 in a CSV too, both ways', async () => {
    for (const code of ['EPSG:7801', 'EPSG:32635'] as const) {
      const rows = POINTS.map((f) => toCrs(f.geometry.coordinates as [number, number], code)).map(([a, b]) => (code === 'EPSG:7801' ? [b, a] : [a, b]).join(','));
      const read = await readUpload({ name: 'en.csv', bytes: new TextEncoder().encode(['easting,northing', ...rows].join('\n')) }, OPTIONS);
      expect(read.crs?.value).toBe(code);
    }
  });
});

describe('files that cannot be read', () => {
  it('refuses a broken zip, an unknown extension and an empty file', async () => {
    expect((await refusal(readUpload({ name: 'x.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]) }, OPTIONS))).code).toBe('unreadable');
    const unknown = await refusal(readUpload({ name: 'plan.docx', bytes: new TextEncoder().encode('hello') }, OPTIONS));
    expect(unknown.code).toBe('unsupported_format');
    expect(unknown.message).toContain('GeoPackage');
    const odd = await readUpload({ name: 'odd.geojson', bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[null,{"type":"Feature","geometry":{"type":"Point","coordinates":[25.39,42.62]},"properties":null}]}') }, OPTIONS);
    expect(odd.rows).toHaveLength(1);
    expect(odd.problems).toEqual([{ row: 1, field: 'geometry', message: 'not a feature' }]);
    expect((await refusal(readUpload({ name: 'e.geojson', bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[]}') }, OPTIONS))).code).toBe('empty');
  });

  it('refuses a zip that declares more than 200 MB unpacked before inflating anything', async () => {
    const bytes = zipOf({ 'a.shp': new Uint8Array(1000) });
    // The central directory's uncompressed size (offset 24 of its entry), as a zip bomb declares it.
    const view = new DataView(bytes.buffer);
    for (let at = bytes.length - 22; at >= 0; at--)
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 300 * 1024 * 1024, true);
        break;
      }
    const error = await refusal(readUpload({ name: 'bomb.zip', bytes }, OPTIONS));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('200 MB');
  });
});

describe('what a .prj and a .cpg name', () => {
  it('recognises EPSG codes, ESRI names and projection parameters', () => {
    const code = (wkt: string) => { const r = recogniseWkt(wkt); return r.kind === 'crs' ? r.code : r.kind; };
    expect(code('PROJCS["BGS2005 / CCS2005",GEOGCS["BGS2005",AUTHORITY["EPSG","7798"]],AUTHORITY["EPSG","7801"]]')).toBe('EPSG:7801');
    expect(code('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"],PROJECTION["Mercator_Auxiliary_Sphere"]]')).toBe('EPSG:3857');
    expect(code('PROJCS["WGS_1984_UTM_Zone_35N",GEOGCS["GCS_WGS_1984"],PROJECTION["Transverse_Mercator"]]')).toBe('EPSG:32635');
    expect(code('PROJCS["BGS2005_UTM_zone_35N",GEOGCS["GCS_BGS2005"]]')).toBe('EPSG:7800');
    expect(code('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')).toBe('OGC:CRS84');
    expect(code('PROJCS["Bulgaria_cadastre",GEOGCS["GCS_GRS80"],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["Central_Meridian",25.5],PARAMETER["Standard_Parallel_1",42.0]]')).toBe('EPSG:7801');
    for (const name of ['KS1970_K9', 'CS70 zone K3', 'Coordinate System 1970 K7', 'К-5', 'BGS_1970_K3', 'Координатна система 1970'])
      expect(code(`PROJCS["${name}",GEOGCS["Krasovsky"]]`), name).toBe('ks1970');
    expect(code('PROJCS["Pulkovo_1942_GK_Zone_5",GEOGCS["GCS_Pulkovo_1942"]]')).toBe('unknown');
  });

  it('reads the code pages writers put in a .cpg', () => {
    for (const text of ['1251', 'CP1251', 'cp 1251', 'windows-1251', 'ANSI 1251', 'Windows-1251\r\n']) expect(parseCodePage(text), text).toBe('windows-1251');
    for (const text of ['UTF-8', 'utf8', '65001']) expect(parseCodePage(text), text).toBe('utf-8');
    expect(parseCodePage('ISO-8859-5')).toBeNull();
  });
});
