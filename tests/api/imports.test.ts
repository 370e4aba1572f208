// Importing files through the API: upload → preview (nothing written) → mapping → commit (all
// accepted rows as drafts in one transaction) → publication as for any change. A file exported from
// the map comes back unchanged, the same list imported twice changes nothing, a bad row is listed
// and the others kept, a commit over data that changed since the preview or one that fails half way
// writes nothing. Real SQLite files, real sessions, requests through the app.
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../helpers/hostile.ts';
import { editingOn } from '../helpers/editing.ts';
import { ORIGIN } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';
import { databaseWrite, TEST_ENGINE } from '../helpers/database.ts';
import type { Role } from '../../geo/editing.ts';
import { ImportCommitted, ImportPreview } from '../../geo/import-preview.ts';

type Editing = Awaited<ReturnType<typeof editingOn>>;

/** A multipart upload as a browser's form sends it. */
function upload(t: Editing, who: Role | null, name: string, content: string | Uint8Array, fields: Record<string, string> = { into: 'interventions' }) {
  const form = new FormData();
  form.set('file', new Blob([content as BlobPart]), name);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const headers: Record<string, string> = { Origin: ORIGIN };
  if (who) headers.Cookie = `piro_session=${t.cookies.get(who)}`;
  return t.app.request(`${ORIGIN}/api/imports`, { method: 'POST', headers, body: form });
}

const commit = (t: Editing, id: string, who: Role = 'editor') => t.send(who, 'POST', `/api/imports/${id}/commit`);

/** A project list as a municipality keeps it: Bulgarian headers, a semicolon, no ids. */
const LIST = [
  'Наименование;Тема;Статус;Статус към;Статус (текст);Място;Точност;Основание;Финансиране;Източник;Вид;lon;lat',
  'Нов парк „Изток“;Обществени пространства и паркове;Идея;2026;предложение на кмета;кв. Изток;site;по скица на общината;municipal-budget;https://example.org/park;project;25.40;42.62',
  'Ремонт на читалище;Няма такава тема;Идея;2026;x;ул. „Искра“;site;по адрес;municipal-budget;https://example.org/chitalishte;project;25.39;42.63',
  'Детска площадка;Образование;Планиран;2026-05;в бюджета;кв. Розова долина;site;по адрес;municipal-budget;https://example.org/play;project;25.41;42.61',
].join('\n');

describe('import through the API', () => {
  it('a GeoJSON exported from the map comes back unchanged, and its commit writes nothing', async () => {
    const t = await editingOn(MINI, 'import-roundtrip');
    const exported = await (await t.send(null, 'GET', '/api/export/interventions.geojson')).text();
    const before = (await fingerprint(t.path));
    const res = await upload(t, 'editor', 'interventions.geojson', exported);
    expect(res.status).toBe(201);
    const preview = ImportPreview.parse(await res.json());
    expect(preview.file.format).toBe('geojson');
    // Our own export maps onto itself, field by field.
    expect(preview.mapping.columns).toMatchObject({ id: 'id', 'title.bg': 'title.bg', 'summary.bg': 'summary.bg', sources: 'sources', planLinks: 'planLinks' });
    expect(preview.mappingFrom).toBe('guessed');
    expect(preview.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
    expect(preview.counts.unchanged).toBe(preview.counts.rows);
    const done = await commit(t, preview.id);
    expect(done.status).toBe(200);
    expect(ImportCommitted.parse(await done.json()).items).toEqual([]);
    // Only the batch itself is new: no revision, no audit entry, no published change.
    const after = (await fingerprint(t.path));
    for (const table of ['revision', 'audit', 'intervention', 'zone', 'meta']) expect(after.rows[table], table).toBe(before.rows[table]);
  });

  it('a project list: a bad row is listed and the others kept; nothing is written before the commit; the same list again changes nothing', async () => {
    const t = await editingOn(MINI, 'import-list');
    const before = (await fingerprint(t.path));
    const res = await upload(t, 'editor', 'списък.csv', LIST);
    expect(res.status).toBe(201);
    const preview = (await res.json()) as any;
    expect(preview.counts).toEqual({ rows: 3, create: 2, update: 0, unchanged: 0, refused: 1 });
    expect(preview.problems).toContainEqual({ row: 2, field: 'theme', message: expect.stringContaining('"Няма такава тема" is none of') });
    expect(preview.rows.map((r: any) => r.label)).toEqual(['Нов парк „Изток“', 'Ремонт на читалище', 'Детска площадка']);
    expect(preview.features.features).toHaveLength(3);
    // The preview's dry run wrote nothing that stays: the content and the history are as they were.
    const previewed = (await fingerprint(t.path));
    for (const table of ['revision', 'audit', 'intervention']) expect(previewed.rows[table], table).toBe(before.rows[table]);

    const done = await commit(t, preview.id);
    expect(done.status).toBe(200);
    const { items } = (await done.json()) as any;
    expect(items.map((i: any) => i.state)).toEqual(['draft', 'draft']);
    const ids = items.map((i: any) => i.item);
    const draft = await t.head(`/api/interventions/${ids[0]}`);
    expect(draft.record.properties.title.bg).toBe('Нов парк „Изток“');
    expect(draft.record.properties.theme).toBe('public_space');
    expect(draft.record.geometry).toEqual({ type: 'Point', coordinates: [25.4, 42.62] });
    // Drafts are not public until published.
    expect((await t.send(null, 'GET', `/api/interventions/${ids[0]}`)).status).toBe(404);
    const history = (await (await t.send('editor', 'GET', `/api/interventions/${ids[0]}/history`)).json()) as any;
    expect(history.revisions.at(-1).reason).toBe(`import of списък.csv (${preview.id})`);

    // The same list again: its rows are found by title, and nothing would change.
    const again = (await (await upload(t, 'editor', 'списък.csv', LIST)).json()) as any;
    expect(again.mappingFrom).toBe('remembered');
    expect(again.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 2, refused: 1 });
    expect(again.rows.filter((r: any) => r.action === 'unchanged').map((r: any) => r.id)).toEqual(ids);

    // Published, it is on the public map.
    const published = await t.send('publisher', 'POST', `/api/interventions/${ids[0]}/publish`, { ifMatch: draft.etag });
    expect(published.status).toBe(200);
    expect((await t.send(null, 'GET', `/api/interventions/${ids[0]}`)).status).toBe(200);
  });

  it('a row whose geometry cannot be read is a refused row, counted with the others', async () => {
    const t = await editingOn(MINI, 'import-unread');
    const mixed = { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [25.4, 42.62] }, { type: 'LineString', coordinates: [[25.4, 42.62], [25.41, 42.63]] }] };
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [25.4, 42.62] }, properties: { name: 'Чешма' } },
        { type: 'Feature', geometry: mixed, properties: { name: 'Смесена геометрия' } },
      ],
    });
    const preview = ImportPreview.parse(await (await upload(t, 'editor', 'mixed.geojson', file)).json());
    expect(preview.counts.rows).toBe(2);
    expect(preview.rows.map((r) => [r.row, r.action])).toEqual([[1, 'refused'], [2, 'refused']]);
    expect(preview.problems.filter((p) => p.row === 2).map((p) => p.field)).toEqual(['geometry']);
  });

  it('the mapping and defaults: a planner fills what the file lacks, and a committed upload is not committed twice', async () => {
    const t = await editingOn(MINI, 'import-mapping');
    const csv = 'Обект,X,Y\nСпирка „Център“,25.395,42.62\n';
    const preview = (await (await upload(t, 'editor', 'спирки.csv', csv)).json()) as any;
    expect(preview.counts.refused).toBe(1);
    expect(preview.problems.map((p: any) => p.field)).toContain('theme');
    const mapping = {
      columns: { 'title.bg': 'Обект' },
      defaults: { kind: 'project', theme: 'transport', status: 'idea', statusAsOf: '2026', statusText: 'предложение', locationText: 'гр. Казанлък', locationAccuracy: 'site', locationBasis: 'GPS', funding: ['unknown'], sources: [{ url: 'https://example.org/stops', supports: 'the stop list' }] },
    };
    const res = await t.send('editor', 'PATCH', `/api/imports/${preview.id}`, { body: { mapping } });
    expect(res.status).toBe(200);
    const mapped = (await res.json()) as any;
    expect(mapped.mappingFrom).toBe('planner');
    expect(mapped.counts).toMatchObject({ create: 1, refused: 0 });
    expect((await commit(t, preview.id)).status).toBe(200);
    const twice = await commit(t, preview.id);
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as any).error.code).toBe('committed');
  });

  it('a change made between the preview and the commit refuses the whole commit', async () => {
    const t = await editingOn(MINI, 'import-stale');
    const exported = (await (await t.send(null, 'GET', '/api/export/interventions.geojson')).json()) as any;
    exported.features[0].properties.summary = { bg: 'ново описание', en: null };
    exported.features[1].properties.summary = { bg: 'още едно', en: null };
    const preview = (await (await upload(t, 'editor', 'edited.geojson', JSON.stringify(exported))).json()) as any;
    expect(preview.counts.update).toBe(2);
    // Someone edits the second item in the editor meanwhile.
    const id = exported.features[1].id;
    const head = await t.head(`/api/interventions/${id}`);
    expect((await t.send('editor', 'PATCH', `/api/interventions/${id}`, { body: { properties: { locationText: 'changed meanwhile' } }, ifMatch: head.etag })).status).toBe(200);
    const before = (await fingerprint(t.path));
    const res = await commit(t, preview.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe('changed');
    expect((await fingerprint(t.path)).content).toBe(before.content);
    // Previewed again, the commit goes through over the new head.
    const again = (await (await t.send('editor', 'GET', `/api/imports/${preview.id}`)).json()) as any;
    expect(again.counts.update).toBe(2);
    expect((await commit(t, preview.id)).status).toBe(200);
  });

  it('a commit that fails half way leaves the store exactly as it was', async () => {
    const t = await editingOn(MINI, 'import-fault');
    const preview = (await (await upload(t, 'editor', 'списък.csv', LIST)).json()) as any;
    expect(preview.counts.create).toBe(2);
    // A fault in the database itself, on the second draft the commit writes (the preview's dry run has no reason).
    await databaseWrite(
      t.path,
      TEST_ENGINE === 'sqlite'
        ? `CREATE TRIGGER injected_fault BEFORE INSERT ON revision WHEN NEW.reason LIKE 'import of%' AND (SELECT count(*) FROM revision WHERE reason LIKE 'import of%') >= 1
           BEGIN SELECT RAISE(ABORT, 'injected fault'); END`
        : `CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
             IF NEW.reason LIKE 'import of%' AND (SELECT count(*) FROM revision WHERE reason LIKE 'import of%') >= 1 THEN RAISE EXCEPTION 'injected fault'; END IF;
             RETURN NEW; END $$;
           CREATE TRIGGER injected_fault BEFORE INSERT ON revision FOR EACH ROW EXECUTE FUNCTION injected_fault();`,
    );
    const before = (await fingerprint(t.path));
    const res = await commit(t, preview.id);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toMatch(/injected fault|at .*\.ts/);
    const after = (await fingerprint(t.path));
    expect(after.content).toBe(before.content);
    expect(after.file).toBe(before.file);
  });

  it('imports into a reference layer: editors preview, publishers commit, and the layer is served', async () => {
    const t = await editingOn(MINI, 'import-layer');
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [25.39, 42.62] }, properties: { име: 'Чешма „Балкан“' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [25.4, 42.63] }, properties: { име: 'Чешма „Роза“' } },
      ],
    });
    const preview = (await (await upload(t, 'editor', 'чешми.geojson', geojson, { into: 'layer:fountains' })).json()) as any;
    expect(preview.counts.refused).toBe(2);
    const mapping = { columns: { 'name.bg': 'име' }, defaults: { source: 'Община Казанлък, опис на чешмите', licence: 'public data', accuracy: 'GPS, ±10 m' } };
    const mapped = (await (await t.send('editor', 'PATCH', `/api/imports/${preview.id}`, { body: { mapping } })).json()) as any;
    expect(mapped.counts).toMatchObject({ create: 2, refused: 0 });
    expect((await commit(t, preview.id, 'editor')).status).toBe(403);
    // The batch is the uploader's: a publisher commits their own upload.
    const own = (await (await upload(t, 'publisher', 'чешми.geojson', geojson, { into: 'layer:fountains', title: 'Чешми' })).json()) as any;
    expect((await t.send('publisher', 'PATCH', `/api/imports/${own.id}`, { body: { mapping } })).status).toBe(200);
    expect((await commit(t, own.id, 'publisher')).status).toBe(200);
    const catalogue = (await t.json('/api/layers')) as any[];
    expect(catalogue.find((l) => l.name === 'fountains')).toMatchObject({ title: { bg: 'Чешми' }, onMap: true });
    const layer = (await t.json('/api/layers/fountains')) as any;
    expect(layer.features.map((f: any) => f.properties.name.bg)).toEqual(['Чешма „Балкан“', 'Чешма „Роза“']);
    // The same file again: unchanged.
    const again = (await (await upload(t, 'publisher', 'чешми.geojson', geojson, { into: 'layer:fountains' })).json()) as any;
    expect(again.counts).toMatchObject({ unchanged: 2, create: 0 });
    // A layer exported from the map comes back unchanged, its ids and other properties kept.
    const rivers = await (await t.send(null, 'GET', '/api/export/layers/rivers.geojson')).text();
    const riversBack = (await (await upload(t, 'publisher', 'rivers.geojson', rivers, { into: 'layer:rivers' })).json()) as any;
    expect(riversBack.counts.unchanged).toBe(riversBack.counts.rows);
    expect(riversBack.counts.rows).toBeGreaterThan(0);
    // The map's own layers are not replaced by an import.
    const guarded = (await (await upload(t, 'publisher', 'чешми.geojson', geojson, { into: 'layer:municipality' })).json()) as any;
    expect(guarded.counts.refused).toBe(2);
  });

  it('who may: nobody signed in gets 401; another account never sees an upload', async () => {
    const t = await editingOn(MINI, 'import-who');
    expect((await upload(t, null, 'a.csv', LIST)).status).toBe(401);
    // A form posted from another site with the planner's cookie (CSRF), or with a parameter no route declares: refused, nothing kept.
    const before = (await fingerprint(t.path));
    const form = new FormData();
    form.set('file', new Blob([LIST]), 'a.csv');
    form.set('into', 'interventions');
    const foreign = await t.app.request(`${ORIGIN}/api/imports`, { method: 'POST', headers: { Origin: 'https://evil.example', Cookie: `piro_session=${t.cookies.get('editor')}` }, body: form });
    expect(foreign.status).toBe(403);
    const undeclared = await t.app.request(`${ORIGIN}/api/imports?into=zones`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: `piro_session=${t.cookies.get('editor')}` }, body: form });
    expect(undeclared.status).toBe(400);
    expect((await fingerprint(t.path)).content).toBe(before.content);
    const preview = (await (await upload(t, 'editor', 'a.csv', LIST)).json()) as any;
    expect((await t.send('publisher', 'GET', `/api/imports/${preview.id}`)).status).toBe(404);
    expect((await commit(t, preview.id, 'admin')).status).toBe(404);
    expect((await t.send(null, 'GET', `/api/imports/${preview.id}`)).status).toBe(401);
  });
});

describe('bad uploads get a 4xx that names the problem and change nothing', () => {
  it.each([
    ['a file in an unknown format', 'план.pdf', '%PDF-1.7', {}, 415, 'unsupported_format'],
    ['JSON that is not JSON', 'a.geojson', '{"type": "FeatureCollection", ', {}, 400, 'unreadable'],
    ['an unknown target', 'a.csv', LIST, { into: 'roads' }, 400, 'invalid_body'],
    ['an unknown CRS', 'a.csv', LIST, { into: 'interventions', crs: 'EPSG:2154' }, 400, 'invalid_body'],
    ['an unknown encoding', 'a.csv', LIST, { into: 'interventions', encoding: 'koi8-r' }, 400, 'invalid_body'],
    ['coordinates in КС1970', 'ks.csv', 'name,x,y\nчешма,4723456.12,9512345.67\n', {}, 422, 'crs_ks1970'],
  ])('%s', async (_, name, content, fields, status, code) => {
    const t = await editingOn(MINI, `import-bad-${code}-${status}`);
    const before = (await fingerprint(t.path));
    const res = await upload(t, 'editor', name as string, content as string, { into: 'interventions', ...(fields as Record<string, string>) });
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe(code);
    if (code === 'crs_ks1970') expect(body.error.message).toMatch(/КС1970|1970/);
    expect((await fingerprint(t.path)).content).toBe(before.content);
  });

  it('a body that is not multipart, a form without a file, an oversized file', async () => {
    const t = await editingOn(MINI, 'import-bad-body');
    expect((await t.send('editor', 'POST', '/api/imports', { body: { into: 'interventions' } })).status).toBe(415);
    const form = new FormData();
    form.set('into', 'interventions');
    const noFile = await t.app.request(`${ORIGIN}/api/imports`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: `piro_session=${t.cookies.get('editor')}` }, body: form });
    expect(noFile.status).toBe(400);
    const big = await upload(t, 'editor', 'big.csv', new Uint8Array(26 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect((await t.send('editor', 'PATCH', '/api/imports/nope', { body: {} })).status).toBe(404);
  });
});
