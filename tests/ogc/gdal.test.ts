// GDAL's OAPIF driver as the client, against the real server: what QGIS users will get.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const bin = (name: string) => ['/usr/bin', '/usr/local/bin'].map((d) => join(d, name)).find((p) => existsSync(p));
const ogrinfo = bin('ogrinfo');
const ogr2ogr = bin('ogr2ogr');
if (!ogrinfo || !ogr2ogr) console.warn('GDAL (ogrinfo, ogr2ogr) not found: the OAPIF client tests are skipped; apt-get install gdal-bin');

describe.skipIf(!ogrinfo || !ogr2ogr)('GDAL OAPIF client', () => {
  let server: RunningServer;
  let ogc: string;
  const gdal = (tool: string, args: string[]) =>
    execFileSync(tool, args, { encoding: 'utf8', env: { ...process.env, GDAL_HTTP_TIMEOUT: '30', CPL_DEBUG: 'OFF' } });

  beforeAll(async () => {
    server = await startServer();
    ogc = `OAPIF:${server.url.replace('localhost', '127.0.0.1')}/ogc`;
  });
  afterAll(async () => server?.stop());

  it('lists the collections', () => {
    const out = gdal(ogrinfo!, ['-ro', ogc]);
    for (const name of ['interventions', 'zones', 'settlements', 'settlement-areas', 'municipality']) expect(out).toMatch(new RegExp(`: ${name} \\(`));
  });

  it('reports the same feature count and extent as the API', async () => {
    const out = gdal(ogrinfo!, ['-ro', '-so', ogc, 'interventions']);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(out).toMatch(new RegExp(`Feature Count: ${health.interventions}\\b`));
    const { extent } = await (await fetch(`${server.url}/ogc/collections/interventions`)).json();
    const [minLon, minLat, maxLon, maxLat] = extent.spatial.bbox[0];
    expect(out).toContain(`Extent: (${minLon.toFixed(6)}, ${minLat.toFixed(6)}) - (${maxLon.toFixed(6)}, ${maxLat.toFixed(6)})`);
  });

  it('copies every feature with its attributes into a GeoPackage', () => {
    const gpkg = join(tempDir('gdal'), 'out.gpkg');
    gdal(ogr2ogr!, ['-f', 'GPKG', gpkg, ogc, 'interventions']);
    const summary = gdal(ogrinfo!, ['-ro', '-so', gpkg, 'interventions']);
    expect(summary).toMatch(/Feature Count: 86\b/);
    for (const field of ['title_bg', 'theme', 'status', 'locationAccuracy', 'budgetEur', 'sources']) expect(summary).toMatch(new RegExp(`^${field}: `, 'm'));
    const one = gdal(ogrinfo!, ['-ro', '-al', '-q', gpkg, '-where', "id = 'KZN-037'"]);
    expect(one).toContain('Реконструкция на водопроводна мрежа, с. Енина');
  });

  it('returns for a -spat bbox the same ids as /api/interventions?bbox=', async () => {
    const bbox = [25.3, 42.7, 25.36, 42.73];
    const out = gdal(ogrinfo!, ['-ro', '-al', '-q', ogc, 'interventions', '-spat', ...bbox.map(String)]);
    const gdalIds = [...out.matchAll(/^\s+id \(String\) = (\S+)$/gm)].map((m) => m[1]).sort();
    const api = await (await fetch(`${server.url}/api/interventions?bbox=${bbox.join(',')}`)).json();
    expect(gdalIds).toEqual(api.features.map((f: { id: string }) => f.id).sort());
    expect(gdalIds.length).toBeGreaterThan(0);
  });
});
