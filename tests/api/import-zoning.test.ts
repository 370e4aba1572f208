// The master plan's zoning as a planning firm delivers it: a zipped Shapefile in BGS2005 / CCS2005
// with windows-1251 attributes and Latin field names, made here by GDAL from the synthetic test
// zoning (tests/fixtures/master-plan, never Kazanlak's). Imported into zones with the type code
// from its column, published, and joined: an intervention on the border of two zones lies in both,
// and a project list imported afterwards sees the zones of each row in its preview.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportPreview } from '../../geo/import-preview.ts';
import { ORIGIN } from '../helpers/api.ts';
import { editingOn } from '../helpers/editing.ts';
import { MINI, ROOT, tempDir } from '../helpers/fixtures.ts';

type Editing = Awaited<ReturnType<typeof editingOn>>;

function upload(t: Editing, name: string, content: Uint8Array | string, into: string) {
  const form = new FormData();
  form.set('file', new Blob([content as BlobPart]), name);
  form.set('into', into);
  return t.app.request(`${ORIGIN}/api/imports`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: `piro_session=${t.cookies.get('editor')}` }, body: form });
}

/** The synthetic zoning with flat attributes, as a Shapefile in EPSG:7801 and windows-1251, zipped. */
function zoningShapefile(): Uint8Array {
  const dir = tempDir('import-zoning');
  const fixture = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/master-plan/zoning.geojson'), 'utf8'));
  const flat = {
    type: 'FeatureCollection',
    features: fixture.features.map((f: any) => ({ type: 'Feature', geometry: f.geometry, properties: { ZONE_ID: f.id, CODE: f.properties.masterPlanType, NAME: f.properties.name.bg } })),
  };
  writeFileSync(join(dir, 'zoning.geojson'), JSON.stringify(flat));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:7801', '-lco', 'ENCODING=CP1251', join(dir, 'zoning.shp'), join(dir, 'zoning.geojson')], { stdio: 'pipe' });
  const parts = Object.fromEntries(readdirSync(dir).filter((f) => /^zoning\.(shp|shx|dbf|prj|cpg)$/.test(f)).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
  expect(Object.keys(parts).sort()).toEqual(['zoning.cpg', 'zoning.dbf', 'zoning.prj', 'zoning.shp', 'zoning.shx']);
  return zipSync(parts);
}

describe('the master-plan zoning imported from a Shapefile', () => {
  it('becomes master-plan zones with their Наредба № 7 codes, joined to interventions on publication and in import previews', async () => {
    const t = await editingOn(MINI, 'import-zoning');
    const uploaded = await upload(t, 'zoning.zip', zoningShapefile(), 'zones');
    expect(uploaded.status).toBe(201);
    const first = ImportPreview.parse(await uploaded.json());
    expect(first.file).toMatchObject({ format: 'shapefile', crs: { value: 'EPSG:7801', by: 'prj' }, encoding: { value: 'windows-1251', by: 'cpg' } });
    expect(first.mapping.columns).toMatchObject({ masterPlanType: 'CODE' });

    const mapping = {
      columns: { id: 'ZONE_ID', 'name.bg': 'NAME', masterPlanType: 'CODE' },
      defaults: {
        kind: 'oup_land_use',
        definedBy: 'SYNTHETIC TEST DATA — not the master plan of Kazanlak',
        confidence: 'inferred',
        geometryAccuracy: 'digitised',
        geometryBasis: 'test zoning converted from a Shapefile',
        sources: [{ url: 'https://example.org/test-zoning', supports: 'synthetic test zoning' }],
      },
    };
    const mapped = ImportPreview.parse(await (await t.send('editor', 'PATCH', `/api/imports/${first.id}`, { body: { mapping } })).json());
    expect(mapped.problems).toEqual([]);
    expect(mapped.counts).toMatchObject({ rows: 3, create: 3, refused: 0 });
    expect(mapped.rows.map((r) => r.label)).toEqual(['Жилищна зона А (тестова)', expect.stringMatching(/[А-Яа-я]/), expect.stringMatching(/[А-Яа-я]/)]);
    const committed = (await (await t.send('editor', 'POST', `/api/imports/${first.id}/commit`)).json()) as { items: { item: string; etag: string }[] };
    expect(committed.items).toHaveLength(3);
    for (const { item, etag } of committed.items) expect((await t.send('publisher', 'POST', `/api/zones/${item}/publish`, { ifMatch: etag })).status).toBe(200);

    // The zones are the fixture's squares (CCS2005 and back, within a centimetre), with their codes.
    const zones = (await t.json('/api/zones')) as { features: { id: string; geometry: { coordinates: number[][][] }; properties: { masterPlanType?: string } }[] };
    const zhm = zones.features.find((z) => z.id === 'TESTMP-ZHM1')!;
    expect(zhm.properties.masterPlanType).toBe('Жм');
    for (const [lon, lat] of zhm.geometry.coordinates[0]) {
      expect([25.37, 25.393]).toContainEqual(expect.closeTo(lon, 6));
      expect([42.61, 42.63]).toContainEqual(expect.closeTo(lat, 6));
    }
    // TST-001 lies on the shared border (longitude 25.393): in both zones.
    const item = (await t.json('/api/interventions/TST-001')) as { masterPlanZones: { id: string; code: string }[] };
    expect(item.masterPlanZones.map((z) => z.id).sort()).toEqual(['TESTMP-C1', 'TESTMP-ZHM1']);

    // A project list imported now: each row's preview names the zones it will lie in.
    const list = 'Наименование;lon;lat\nНов площад;25.38;42.62\nИзвън зоните;25.60;42.70\n';
    const preview = ImportPreview.parse(await (await upload(t, 'list.csv', list, 'interventions')).json());
    expect(preview.rows.map((r) => r.masterPlanZones)).toEqual([['TESTMP-ZHM1'], []]);
  });
});
