// Import from a file in the editor, end to end (issue 12), in headless Chromium against the real
// server: GDAL makes a zipped Shapefile as a municipality's GIS office would (BGS2005 / CCS2005,
// EPSG:7801, names in windows-1251); an editor uploads it, sees what was detected and why, the
// Cyrillic names and the points on the map, fills what the file lacks with defaults, and saves the
// rows as drafts; a publisher publishes one from the review page, and the public map shows it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP, tempDir } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';
import type { Role } from '../../geo/editing.ts';

const SHOTS = join(TMP, 'screenshots');

const hasGdal = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Three places near Kazanlak, named in Bulgarian (typographic quotes included: they are in CP1251 too). */
const PLACES = [
  { name: 'Чешма „Розова долина“', lon: 25.38, lat: 42.615 },
  { name: 'Спирка „Шипченски проход“', lon: 25.41, lat: 42.63 },
  { name: 'Детска площадка „Изток“', lon: 25.435, lat: 42.642 },
];

/** The zipped Shapefile, made with GDAL: reprojected to EPSG:7801, attributes in windows-1251. */
function makeShapefile(): string {
  const dir = tempDir('import-shp');
  const geojson = join(dir, 'obekti.geojson');
  writeFileSync(
    geojson,
    JSON.stringify({
      type: 'FeatureCollection',
      features: PLACES.map((p, i) => ({ type: 'Feature', properties: { name: p.name, nomer: i + 1 }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
    }),
  );
  const shp = join(dir, 'obekti.shp');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:7801', '-lco', 'ENCODING=CP1251', shp, geojson]);
  const zip = join(dir, 'obekti.zip');
  execFileSync('zip', ['-j', '-q', zip, ...['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => join(dir, `obekti.${ext}`))]);
  return zip;
}

describe.skipIf(!hasChromium || !hasGdal)('import from a file in the editor', () => {
  let server: RunningServer;
  let browser: Browser;
  let zip: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    zip = makeShapefile();
    server = await staffServer();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** A page that may only talk to the server, signed in as `role` (or nobody). */
  async function open(role: Role | null, path: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    if (role) await signIn(context, server, role);
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    await page.goto(server.url + path);
    return page;
  }

  it('an editor imports a zipped Shapefile in EPSG:7801 as drafts; a publisher publishes one; the public map shows it', async () => {
    const editor = await open('editor', '/?page=editor');
    await editor.getByRole('link', { name: 'Импорт от файл' }).click();
    await editor.getByRole('heading', { name: 'Импорт от файл' }).waitFor();
    await editor.getByLabel(/^Файл \(GeoJSON/).setInputFiles(zip);
    await expect.poll(() => editor.locator('#import-file-drop').textContent()).toContain('obekti.zip');
    await editor.getByLabel('Какво съдържа').selectOption('interventions');
    await editor.getByRole('button', { name: 'Прегледай' }).click();

    // The preview: focus on its heading, the id in the URL, the detection and its reasons.
    const heading = editor.getByRole('heading', { name: 'Преглед на obekti.zip' });
    await heading.waitFor();
    await expect.poll(() => editor.evaluate(() => document.activeElement?.id)).toBe('preview-title');
    expect(new URL(editor.url()).searchParams.get('item')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await editor.getByTestId('format').textContent()).toContain('Shapefile');
    expect(await editor.getByTestId('crs-value').textContent()).toContain('EPSG:7801');
    expect(await editor.getByTestId('decided-crs').textContent()).toContain('от файла .prj на шейпфайла');
    expect(await editor.getByTestId('decided-crs').textContent()).toContain('BGS2005_CCS2005');
    expect(await editor.getByTestId('encoding-value').textContent()).toBe('windows-1251');
    expect(await editor.getByTestId('decided-encoding').textContent()).toContain('от файла .cpg');
    // The names read right (windows-1251, not mojibake), one row each; refused until the mapping says more.
    const labels = await editor.locator('[data-testid="import-rows"] tbody td.label').allTextContents();
    expect(labels).toEqual(PLACES.map((p) => p.name));
    expect(await editor.locator('[data-testid="import-rows"] tbody tr[data-action="refused"]').count()).toBe(3);
    expect(await editor.getByTestId('import-problems').textContent()).toMatch(/ред 1: theme: no column mapped and no default/);
    await expect.poll(() => editor.getByRole('status').first().textContent()).toContain('Прегледът е готов: 3 реда');
    // Read as UTF-8 instead, the names garble (the way a planner notices a wrong encoding); back to automatic, they read right.
    await editor.getByLabel('Друга кодировка').selectOption('utf-8');
    await expect.poll(() => editor.getByTestId('import-status').textContent()).toContain('Прегледът е обновен');
    expect(await editor.locator('[data-testid="decided-encoding"] [data-by]').getAttribute('data-by')).toBe('override');
    expect(await editor.locator('[data-testid="import-rows"] tbody td.label').first().textContent()).not.toBe(PLACES[0].name);
    await editor.getByLabel('Друга кодировка').selectOption('');
    await expect.poll(() => editor.locator('[data-testid="decided-encoding"] [data-by]').getAttribute('data-by')).toBe('cpg');
    expect(await editor.locator('[data-testid="import-rows"] tbody td.label').allTextContents()).toEqual(PLACES.map((p) => p.name));
    // The name column was guessed as the title; the mapping says it was guessed.
    expect(await editor.locator('#map-title-bg-column').inputValue()).toBe('name');
    expect(await editor.locator('.mapping-from').getAttribute('data-from')).toBe('guessed');
    // The map has all three (counted from what MapLibre holds, not from the answer).
    const map = editor.locator('.import-map[data-ready="true"]');
    await map.locator('canvas').waitFor({ timeout: 30_000 });
    await expect.poll(() => map.getAttribute('data-shown'), { timeout: 15_000 }).toBe('3');
    await editor.waitForTimeout(400);
    await editor.screenshot({ path: join(SHOTS, 'import-preview-1366.png') });
    // A row chosen by keyboard is the one ringed on the map.
    await editor.locator('[data-testid="import-rows"] tbody tr[data-row="1"]').focus();
    await editor.keyboard.press('ArrowDown');
    await expect.poll(() => editor.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.row)).toBe('2');
    expect(await editor.locator('tr[data-row="2"]').getAttribute('aria-selected')).toBe('true');
    await editor.waitForTimeout(400);
    await editor.screenshot({ path: join(SHOTS, 'import-row-chosen-1366.png') });

    // The defaults every row lacks, through the form as a planner fills it.
    await editor.locator('#map-kind-default').selectOption('project');
    await editor.locator('#map-theme-default').selectOption('tourism');
    await editor.locator('#map-locationText-default').fill('гр. Казанлък и околностите');
    await editor.locator('#map-locationAccuracy-default').selectOption('site');
    await editor.locator('#map-locationBasis-default').fill('GPS на общинския ГИС отдел');
    await editor.locator('#map-funding-default').selectOption(['municipal-budget']);
    await editor.locator('#map-status-default').selectOption('idea');
    await editor.locator('#map-statusAsOf-default').fill('2026');
    await editor.locator('#map-statusText-default').fill('предложение от ГИС отдела');
    await editor.locator('#map-sources-default').fill('https://example.org/gis/obekti');
    await editor.getByLabel('Източници: какво потвърждава източникът').fill('регистър на обектите');
    await editor.locator('#map-status-default').scrollIntoViewIfNeeded();
    await editor.screenshot({ path: join(SHOTS, 'import-mapping-1366.png') });
    await editor.getByRole('button', { name: 'Приложи' }).click();
    await expect.poll(() => editor.locator('[data-testid="import-counts"] li[data-action="create"] .count').textContent()).toBe('3');
    expect(await editor.locator('[data-testid="import-counts"] li[data-action="refused"] .count').textContent()).toBe('0');
    expect(await editor.locator('.mapping-from').getAttribute('data-from')).toBe('planner');
    // The form shows the defaults the server now holds.
    expect(await editor.locator('#map-statusAsOf-default').inputValue()).toBe('2026');
    await expect.poll(() => map.getAttribute('data-shown')).toBe('3');
    await editor.getByTestId('import-counts').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await editor.waitForTimeout(400);
    await editor.screenshot({ path: join(SHOTS, 'import-mapped-1366.png') });

    // Saved as drafts: the summary links to the review and to each draft.
    const save = editor.getByRole('button', { name: 'Запиши като чернови' });
    expect(await save.isEnabled()).toBe(true);
    await save.click();
    const summary = editor.getByTestId('import-committed');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Записани са 3 чернови');
    const draftLinks = summary.locator('ul a');
    expect(await draftLinks.count()).toBe(3);
    const first = (await draftLinks.first().getAttribute('href'))!;
    const id = new URLSearchParams(first.slice(1)).get('item')!;
    expect(first).toContain('page=edit');
    expect(await summary.getByRole('link', { name: 'Към прегледа и публикуването' }).count()).toBe(1);
    await editor.screenshot({ path: join(SHOTS, 'import-committed-1366.png') });
    // Drafts are not public yet.
    expect((await fetch(`${server.url}/api/interventions/${id}`)).status).toBe(404);

    // The publisher publishes the first from the review page.
    const publisher = await open('publisher', '/?page=review');
    const entry = publisher.locator(`.review-item[data-item="${id}"]`);
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.textContent()).toContain(PLACES[0].name);
    await entry.getByRole('button', { name: `Публикувай ${id}` }).click();
    await publisher.getByTestId('review-status').getByText(`${id}: Публикувано.`).waitFor();

    // The public map, signed out: in the list and in the detail, at the place the file gave.
    const citizen = await open(null, `/?sel=${id}`);
    await citizen.locator('.detail h2').waitFor({ timeout: 30_000 });
    expect(await citizen.locator('.detail h2').textContent()).toContain(PLACES[0].name);
    await citizen.screenshot({ path: join(SHOTS, 'import-public-1366.png') });
    await citizen.goto(`${server.url}/?q=${encodeURIComponent('Розова долина')}`);
    await citizen.locator('.items .item').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await citizen.locator('.items').textContent()) ?? '').toContain(PLACES[0].name);
    const published = await (await fetch(`${server.url}/api/interventions/${id}`)).json();
    const [lon, lat] = published.geometry.coordinates;
    expect(Math.abs(lon - PLACES[0].lon)).toBeLessThan(1e-5);
    expect(Math.abs(lat - PLACES[0].lat)).toBeLessThan(1e-5);
    for (const c of contexts.splice(0)) await c.close();
  }, 180_000);

  it('a change made between the preview and the commit: nothing written, a new preview offered, then the commit goes through', async () => {
    const editor = await open('editor', '/?page=import');
    const exported = await (await fetch(`${server.url}/api/export/interventions.geojson`)).json();
    const target = exported.features[0];
    target.properties.summary = { bg: 'Ново описание от файла', en: null };
    await editor.getByLabel(/^Файл \(GeoJSON/).setInputFiles({ name: 'iznos.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(exported)) });
    await editor.getByRole('button', { name: 'Прегледай' }).click();
    await editor.getByRole('heading', { name: 'Преглед на iznos.geojson' }).waitFor();
    await expect.poll(() => editor.locator('[data-testid="import-counts"] li[data-action="update"] .count').textContent()).toBe('1');
    expect(await editor.locator('.mapping-from').getAttribute('data-from')).toBe('guessed');
    // On a phone the page is one column: the map, then the rows.
    await editor.setViewportSize({ width: 390, height: 844 });
    await editor.locator('.import-map[data-ready="true"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await editor.waitForTimeout(400);
    await editor.screenshot({ path: join(SHOTS, 'import-preview-390.png') });
    await editor.setViewportSize({ width: 1366, height: 900 });
    // Someone changes the same item meanwhile.
    const other = await browser.newContext();
    contexts.push(other);
    await signIn(other, server, 'editor');
    const head = await other.request.get(`${server.url}/api/interventions/${target.id}`);
    const changed = await other.request.patch(`${server.url}/api/interventions/${target.id}`, {
      data: { properties: { locationText: 'променено междувременно' } },
      headers: { Origin: server.url, 'If-Match': head.headers().etag, 'Content-Type': 'application/merge-patch+json' },
    });
    expect(changed.status()).toBe(200);
    await editor.getByRole('button', { name: 'Запиши като чернови' }).click();
    const failure = editor.getByTestId('import-failure');
    await failure.waitFor();
    expect(await failure.getAttribute('data-code')).toBe('changed');
    expect(await failure.textContent()).toContain('Данните са променени, откакто направихте прегледа');
    await editor.screenshot({ path: join(SHOTS, 'import-changed-1366.png') });
    await failure.getByRole('button', { name: 'Прегледай отново' }).click();
    await failure.waitFor({ state: 'detached' });
    await expect.poll(() => editor.evaluate(() => document.activeElement?.id)).toBe('preview-title');
    await editor.getByRole('button', { name: 'Запиши като чернови' }).click();
    await editor.getByTestId('import-committed').waitFor();
    expect(await editor.getByTestId('import-committed').textContent()).toContain('Записани са 1 чернови');
    for (const c of contexts.splice(0)) await c.close();
  }, 120_000);

  it('a file in КС1970 is refused with the whole message, its code, and nothing written', async () => {
    const dir = tempDir('import-ks');
    const csv = join(dir, 'ks1970.csv');
    writeFileSync(csv, 'name,x,y\nчешма,4723456.12,9512345.67\n');
    const editor = await open('editor', '/?page=import');
    await editor.getByLabel(/^Файл \(GeoJSON/).setInputFiles(csv);
    await editor.getByRole('button', { name: 'Прегледай' }).click();
    const failure = editor.getByTestId('import-failure');
    await failure.waitFor();
    expect(await failure.getAttribute('data-code')).toBe('crs_ks1970');
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('422');
    expect(text).toContain('crs_ks1970');
    // In the planner's words first: the system named, and how to convert.
    expect(await failure.locator('.failure-explained').textContent()).toMatch(/КС1970.*БГС2005.*АГКК/);
    // The server's message says how to convert; the page shows all of it.
    const message = await editor.evaluate(async (origin) => {
      const form = new FormData();
      form.set('file', new Blob(['name,x,y\nчешма,4723456.12,9512345.67\n']), 'ks1970.csv');
      form.set('into', 'interventions');
      return (await (await fetch(`${origin}/api/imports`, { method: 'POST', body: form })).json()).error.message as string;
    }, server.url);
    expect(message.length).toBeGreaterThan(40);
    expect(await failure.locator('.failure-message').textContent()).toBe(message);
    expect(await editor.getByTestId('import-preview').count()).toBe(0);
    await editor.screenshot({ path: join(SHOTS, 'import-ks1970-1366.png') });
    for (const c of contexts.splice(0)) await c.close();
  }, 60_000);
  it('a reference layer a publisher imports is drawn on the public map and named in its legend', async () => {
    const publisher = await open('publisher', '/?page=editor');
    const headers = { Origin: server.url };
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: PLACES.map((p) => ({ type: 'Feature', properties: { name: p.name }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
    });
    const uploaded = await publisher.request.post(`${server.url}/api/imports`, { headers, multipart: { file: { name: 'чешми.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) }, into: 'layer:fountains', title: 'Чешми' } });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    const { id } = await uploaded.json();
    const mapping = { columns: { 'name.bg': 'name' }, defaults: { source: 'Община Казанлък, опис на чешмите (тестов)', licence: 'public data', accuracy: 'GPS, ±10 m' } };
    expect((await publisher.request.patch(`${server.url}/api/imports/${id}`, { headers, data: { mapping } })).status()).toBe(200);
    expect((await publisher.request.post(`${server.url}/api/imports/${id}/commit`, { headers })).status()).toBe(200);
    const layers = (await (await fetch(`${server.url}/api/layers`)).json()) as { name: string; onMap?: boolean }[];
    expect(layers.find((l) => l.name === 'fountains')?.onMap).toBe(true);
    expect(layers.find((l) => l.name === 'rivers')?.onMap).toBeUndefined();

    const citizen = await open(null, '/');
    await citizen.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    await citizen.locator('.legend summary').click();
    await expect(citizen.getByRole('list', { name: 'Справочни слоеве' }).textContent()).resolves.toContain('Чешми');
    await citizen.screenshot({ path: join(SHOTS, 'import-layer-on-map-1366.png') });
    for (const c of contexts.splice(0)) await c.close();
  }, 60_000);
});
