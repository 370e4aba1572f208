// The planners' editor end to end, in headless Chromium against the real server and its SQLite
// file, with no network beyond the server: an editor moves a point and saves a draft the public
// does not see; a publisher reviews the diff with both places on the map and publishes; the public
// map, list, detail and export follow; the history reverts. A line drawn with the mouse, a stale
// second editor's conflict, and the role gates.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../geo/index.ts';
import { geodesicDistance } from '../../geo/spatial.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { emailOf, PASSWORD, signIn, staffServer } from '../helpers/staff.ts';

const SHOTS = join(TMP, 'screenshots');

describe.skipIf(!hasChromium)('the planners’ editor', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** published interventions, as the public API lists them */
  let published: { id: string; geometry: Geometry | null; properties: Record<string, unknown> }[];

  beforeAll(async () => {
    server = await staffServer();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    published = (await (await fetch(`${server.url}/api/interventions?limit=1000`)).json()).features;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  /** uncaught errors in any page of the test: a crash React swallowed into a blank pane shows here */
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** A page that may only talk to the server, in a context of its own (its own cookies). */
  async function open(path: string, viewport = { width: 1366, height: 850 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    if (path) await page.goto(server.url + path);
    return page;
  }

  const publicApi = async (path: string) => (await fetch(`${server.url}${path}`)).json();
  const pointOf = (g: Geometry | null) => (g?.type === 'Point' ? (g.coordinates as [number, number]) : null);

  /** Signs in through the form, as a planner does. */
  async function signInWithForm(page: Page, email: string) {
    await page.goto(`${server.url}/?page=signin`);
    await page.getByLabel('Имейл').fill(email);
    await page.getByLabel('Парола').fill(PASSWORD);
    await page.getByRole('button', { name: 'Вход', exact: true }).click();
    await page.getByText(`Влезли сте като ${email}`).waitFor();
  }

  async function openEditor(page: Page, id: string) {
    await page.goto(`${server.url}/?page=edit&item=${id}`);
    await page.locator('.draw-map[data-ready="true"] canvas').waitFor({ timeout: 30_000 });
    // terra-draw draws the geometry once the map is ready; give it a frame.
    await page.waitForTimeout(500);
  }

  /** Drags from the middle of the drawing map by dx pixels east (the point sits in the middle). */
  async function dragMiddle(page: Page, dx: number) {
    const box = (await page.locator('.draw-map canvas').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.click(x, y);
    await page.waitForTimeout(200);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y, { steps: 12 });
    await page.mouse.up();
  }

  it('moves a point as a draft the public does not see; a publisher publishes it; the history reverts it', async () => {
    const item = published.find((f) => f.geometry?.type === 'Point' && f.properties.locationAccuracy !== 'site')!;
    const before = pointOf(item.geometry)!;

    const editor = await open('');
    await signInWithForm(editor, emailOf('editor'));
    await openEditor(editor, item.id);
    // The editor opens a point at zoom 15: 1.76 m a pixel at this latitude (512-px tiles), so 114 px is 200 m.
    await dragMiddle(editor, 114);
    const typed = editor.locator('#f-geometry');
    await expect.poll(() => typed.inputValue()).not.toBe(`POINT (${before[0]} ${before[1]})`);
    await editor.getByLabel('Точност на мястото').selectOption('site');
    await editor.getByLabel('Откъде е мястото (основание) — на български').fill('Сградата, посочена в договора за строителство.');
    await editor.getByLabel('Причина за промяната (вижда се в историята)').fill('точното място по договора');
    await editor.screenshot({ path: join(SHOTS, 'editor-1366.png') });
    await editor.getByRole('button', { name: 'Запиши чернова' }).click();
    await editor.getByTestId('outcome').getByText('Записано като ревизия 2').waitFor();

    const draft = (await editor.evaluate(async (id) => (await fetch(`/api/interventions/${id}`)).json(), item.id)) as { geometry: Geometry; properties: { locationAccuracy: string; locationBasis: unknown; positionSource?: string | null } };
    // The basis was researched in English; the planner's Bulgarian words replace it as the original.
    expect(draft.properties.locationBasis).toEqual({ bg: 'Сградата, посочена в договора за строителство.', en: null, original: 'bg' });
    // Where the old point came from does not say where the new one does.
    expect(draft.properties.positionSource).toBeNull();
    const moved = pointOf(draft.geometry)!;
    const metres = geodesicDistance(before, moved);
    expect(metres).toBeGreaterThan(170);
    expect(metres).toBeLessThan(230);
    expect(draft.properties.locationAccuracy).toBe('site');

    // The public, signed out in another context, still sees the old place, on the map and in the API.
    const citizen = await open(`/?sel=${item.id}`);
    await citizen.locator('.detail h2').waitFor();
    await expect.poll(() => citizen.locator('.detail').textContent()).not.toContain('Точно място');
    expect(await citizen.locator('.detail').textContent()).not.toContain('Последна промяна');
    expect(pointOf((await publicApi(`/api/interventions/${item.id}`)).geometry)).toEqual(before);
    // A signed-in editor's public map shows the public state too, not the draft.
    expect(await editor.evaluate(async (id) => (await (await fetch(`/api/interventions?limit=1000`, { credentials: 'omit' })).json()).features.find((f: { id: string }) => f.id === id).geometry.coordinates, item.id)).toEqual(before);

    // The publisher sees the diff and both places, and publishes.
    const publisher = await open('');
    await signInWithForm(publisher, emailOf('publisher'));
    await publisher.goto(`${server.url}/?page=review`);
    const entry = publisher.locator(`.review-item[data-item="${item.id}"]`);
    await entry.locator('.compare-map[data-ready="true"] canvas').waitFor({ timeout: 30_000 });
    await expect.poll(() => entry.locator('tr[data-path="properties.locationAccuracy"] td.now').textContent()).toBe('Точно място');
    await expect.poll(() => entry.textContent()).toContain('точното място по договора');
    await publisher.waitForTimeout(500);
    await publisher.screenshot({ path: join(SHOTS, 'review-1366.png') });
    await entry.getByRole('button', { name: `Публикувай ${item.id}` }).click();
    await publisher.getByText('Няма чернови за преглед.').waitFor();

    // The public map, list, detail and export show the new place.
    expect(pointOf((await publicApi(`/api/interventions/${item.id}`)).geometry)).toEqual(moved);
    expect(pointOf((await publicApi('/api/interventions?limit=1000')).features.find((f: { id: string }) => f.id === item.id).geometry)).toEqual(moved);
    const exported = await publicApi('/api/export/interventions.geojson');
    expect(pointOf(exported.features.find((f: { id: string }) => f.id === item.id).geometry)).toEqual(moved);
    // The editor's own browser offers the way back into the form from the public detail.
    await editor.goto(`${server.url}/?sel=${item.id}`);
    await editor.getByRole('link', { name: `Редактирай ${item.id}` }).waitFor();
    await citizen.reload();
    await citizen.locator('.detail h2').waitFor();
    expect(await citizen.getByRole('link', { name: `Редактирай ${item.id}` }).count()).toBe(0);
    await expect.poll(() => citizen.locator('.detail').textContent()).toContain('Точно място');
    // …and says, discreetly, that it changed today; it did not say so before publication.
    await expect.poll(() => citizen.locator('.detail').textContent()).toContain('Последна промяна');

    // History lists both revisions; a revert of the first, published, brings the old place back.
    await publisher.goto(`${server.url}/?page=history&kind=intervention&item=${item.id}`);
    await publisher.locator('li[data-revision="2"]').waitFor();
    await expect.poll(() => publisher.locator('li[data-revision]').count()).toBe(2);
    await expect.poll(() => publisher.locator('li[data-revision="2"]').textContent()).toContain(emailOf('editor'));
    await publisher.getByLabel('Защо се връща').fill('грешно място');
    await publisher.getByRole('button', { name: 'Върни тази версия (Ревизия 1)' }).click();
    await publisher.getByText('Върнато като нова чернова 3').waitFor();
    await publisher.goto(`${server.url}/?page=review`);
    await publisher.getByRole('button', { name: `Публикувай ${item.id}` }).click();
    await publisher.getByText('Няма чернови за преглед.').waitFor();
    expect(pointOf((await publicApi(`/api/interventions/${item.id}`)).geometry)).toEqual(before);
  }, 180_000);

  it('saves a line drawn with the mouse as a valid LineString, after naming the problems first', async () => {
    const item = published.find((f) => f.geometry === null && f.properties.locationAccuracy === 'municipality')!;
    const page = await open('');
    await signIn(page.context(), server, 'editor');
    await openEditor(page, item.id);
    await page.getByRole('button', { name: 'Линия' }).click();
    const box = (await page.locator('.draw-map canvas').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.click(x - 80, y + 20);
    await page.waitForTimeout(150);
    await page.mouse.click(x, y - 30);
    await page.waitForTimeout(150);
    await page.mouse.dblclick(x + 90, y + 10);
    await page.getByRole('button', { name: 'Премести / оформи' }).waitFor();
    // Still "whole municipality": the server's own check, run in the page, names the field.
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    const problems = page.locator('.problems');
    await problems.waitFor();
    await expect.poll(() => problems.textContent()).toContain('Геометрия на картата');
    await page.getByLabel('Точност на мястото').selectOption('street');
    await page.getByLabel('Откъде е мястото (основание) — на български').fill('Улицата, по която минава трасето.');
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.getByTestId('outcome').getByText('Записано като ревизия 2').waitFor();
    const saved = (await page.evaluate(async (id) => (await fetch(`/api/interventions/${id}`)).json(), item.id)) as { geometry: Geometry };
    expect(saved.geometry.type).toBe('LineString');
    expect((saved.geometry.coordinates as number[][]).length).toBeGreaterThanOrEqual(3);
    for (const c of saved.geometry.coordinates as number[][]) for (const v of c) expect(Math.round(v * 1e6) / 1e6).toBe(v);
  }, 120_000);

  it('gives an item a line by keyboard alone, typed as well-known text, and the map draws it', async () => {
    const item = published.filter((f) => f.geometry === null && f.properties.locationAccuracy === 'municipality').at(-1)!;
    const page = await open('');
    await signIn(page.context(), server, 'editor');
    await openEditor(page, item.id);
    await page.locator('#f-geometry').focus();
    await page.keyboard.type('LINESTRING (25.391 42.618, 25.395 42.619, 25.398 42.621)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByLabel('Точност на мястото').selectOption('street');
    await page.getByLabel('Откъде е мястото (основание) — на български').fill('Трасето по проекта.');
    await page.locator('#change-reason').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('outcome').getByText('Записано като ревизия 2').waitFor();
    const saved = await page.evaluate(async (id) => (await fetch(`/api/interventions/${id}`)).json(), item.id);
    expect(saved.geometry).toEqual({ type: 'LineString', coordinates: [[25.391, 42.618], [25.395, 42.619], [25.398, 42.621]] });
    // A text that is not a geometry is named, and changes nothing.
    await page.locator('#f-geometry').fill('LINESTRING (25.39 42.6');
    await page.getByRole('button', { name: 'Приложи текста към картата' }).click();
    await page.locator('#geometry-wkt-problems').getByText('ends early').waitFor();
  }, 120_000);

  it('creates a new intervention at the settlement centre, said to be approximate, under the next free id', async () => {
    const page = await open('');
    await signIn(page.context(), server, 'editor');
    await page.goto(`${server.url}/?page=edit&item=new`);
    await page.locator('.draw-map[data-ready="true"] canvas').waitFor({ timeout: 30_000 });
    const id = await page.getByLabel('Код', { exact: true }).inputValue();
    const highest = Math.max(...published.map((f) => Number(f.id.split('-')[1])));
    expect(Number(id.split('-')[1])).toBeGreaterThan(highest);
    await page.getByLabel('Заглавие (български)').fill('Нова детска площадка');
    await page.getByLabel('Населено място').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Центърът на населеното място' }).click();
    expect(await page.getByLabel('Точност на мястото').inputValue()).toBe('settlement');
    await expect.poll(() => page.getByLabel('Откъде е мястото (основание)').inputValue()).toContain('точното място не е известно');
    await page.getByLabel('Местоположение с думи').fill('В населеното място');
    await page.getByLabel('Статус с думи').fill('Идея от обществено обсъждане');
    await page.getByLabel('Адрес (URL) 1').fill('https://example.org/obsazhdane');
    await page.getByLabel('Какво потвърждава').fill('идеята');
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.getByTestId('state-line').getByText(/^Чернова \(1\)/).waitFor();
    expect(new URL(page.url()).searchParams.get('item')).toBe(id);
    const head = await page.evaluate(async (x) => (await fetch(`/api/interventions/${x}`)).json(), id);
    expect(head.geometry.type).toBe('Point');
    expect(head.properties.locationAccuracy).toBe('settlement');
    expect((await fetch(`${server.url}/api/interventions/${id}`)).status).toBe(404);
  }, 120_000);

  it('shows a stale second editor the conflict, keeps what they typed, and saves the merge', async () => {
    const item = published.filter((f) => f.geometry?.type === 'Point').at(-1)!;
    const first = await open('');
    const second = await open('');
    await signIn(first.context(), server, 'editor');
    await signIn(second.context(), server, 'publisher');
    await openEditor(first, item.id);
    await openEditor(second, item.id);
    await first.getByLabel('Заглавие (английски)').fill('Their English title');
    await first.getByRole('button', { name: 'Запиши чернова' }).click();
    await first.getByTestId('outcome').getByText('Записано като ревизия').waitFor();

    await second.getByLabel('Заглавие (английски)').fill('My English title');
    await second.getByLabel('Статус с думи').fill('Моят текст за статуса');
    await second.getByRole('button', { name: 'Запиши чернова' }).click();
    const conflict = second.locator('.conflict');
    await conflict.waitFor();
    await expect.poll(() => conflict.textContent()).toContain('Their English title');
    await expect.poll(() => conflict.textContent()).toContain('My English title');
    await expect.poll(() => second.getByLabel('Статус с думи').inputValue()).toBe('Моят текст за статуса');
    await second.screenshot({ path: join(SHOTS, 'conflict-1366.png') });
    // Typed after the conflict appeared: the merge keeps it too.
    await second.getByLabel('Период с думи').fill('късно въведено');
    await conflict.getByRole('button', { name: 'Обедини и продължи' }).click();
    await second.getByRole('button', { name: 'Запиши чернова' }).click();
    await second.getByTestId('outcome').getByText('Записано като ревизия').waitFor();
    const head = await second.evaluate(async (id) => (await fetch(`/api/interventions/${id}`)).json(), item.id);
    expect(head.properties.title.en).toBe('My English title');
    expect(head.properties.statusText).toBe('Моят текст за статуса');
    expect(head.properties.periodText).toBe('късно въведено');
  }, 120_000);

  it('redraws a zone as a polygon and changes a plan item, both as drafts', async () => {
    const zone = (await publicApi('/api/zones')).features.find((z: { geometry: unknown }) => z.geometry);
    const goal = (await publicApi('/api/plan')).goals[0];
    const page = await open('');
    await signIn(page.context(), server, 'editor');
    await page.goto(`${server.url}/?page=zone&item=${zone.id}`);
    await page.locator('.draw-map[data-ready="true"] canvas').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Многоъгълник' }).click();
    const box = (await page.locator('.draw-map canvas').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    for (const [dx, dy] of [[-60, -40], [60, -40], [70, 50], [-50, 60], [-60, -40]]) {
      await page.mouse.click(x + dx, y + dy);
      await page.waitForTimeout(150);
    }
    // A boundary drawn by hand is schematic, and its old basis no longer holds: the check asks for one.
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.locator('.problems').getByText('Откъде е границата').waitFor();
    await page.getByLabel('Откъде е границата').fill('Начертана на ръка по описанието на границата.');
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.getByTestId('outcome').getByText('Записано като ревизия').waitFor();
    const head = await page.evaluate(async (id) => (await fetch(`/api/zones/${id}`)).json(), zone.id);
    expect(head.geometry.type).toBe('Polygon');
    expect(head.geometry.coordinates[0]).toHaveLength(5);
    expect(head.properties.geometryAccuracy).toBe('schematic');

    await page.goto(`${server.url}/?page=plan&item=${goal.id}`);
    await page.getByLabel('Код в плана (напр. 1.2.3)').fill('СЦ 1');
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.getByTestId('outcome').getByText('Записано като ревизия 2').waitFor();
    expect((await page.evaluate(async (id) => (await fetch(`/api/plan/items/${id}`)).json(), goal.id)).code).toBe('СЦ 1');
    expect((await publicApi('/api/plan')).goals[0].code).toBe(goal.code);
  }, 120_000);

  it('refuses pages to those without the role, with a message and a way to sign in', async () => {
    // A citizen's visit asks nothing about sessions.
    const citizen = await open('');
    const asked: string[] = [];
    citizen.on('request', (r) => void (r.url().includes('/api/auth/') && asked.push(r.url())));
    await citizen.goto(`${server.url}/`);
    await citizen.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(asked).toEqual([]);

    const nobody = await open('/?page=review');
    await expect.poll(() => nobody.getByRole('alert').textContent()).toContain('Влезте');
    await nobody.getByRole('link', { name: 'Към входа' }).click();
    await nobody.getByLabel('Имейл').waitFor();
    await nobody.getByLabel('Имейл').fill(emailOf('editor'));
    await nobody.getByLabel('Парола').fill('wrong password');
    await nobody.getByRole('button', { name: 'Вход', exact: true }).click();
    await expect.poll(() => nobody.locator('.form-error').textContent()).toBe('Имейлът или паролата са грешни.');

    const editor = await open('');
    await signIn(editor.context(), server, 'editor');
    await editor.goto(`${server.url}/?page=review`);
    await editor.getByText('Само публикуващ може да публикува или отхвърля.').waitFor();
    await expect.poll(() => editor.getByRole('button', { name: /^Публикувай/ }).count()).toBe(0);
  }, 60_000);

  it('lays the editor out on a phone', async () => {
    const item = published.find((f) => f.geometry?.type === 'Point')!;
    const page = await open('', { width: 390, height: 844 });
    await signIn(page.context(), server, 'editor');
    await openEditor(page, item.id);
    await page.screenshot({ path: join(SHOTS, 'editor-390.png'), fullPage: false });
    const form = (await page.locator('.editor-form').boundingBox())!;
    expect(form.width).toBeLessThanOrEqual(390);
  }, 60_000);
});
