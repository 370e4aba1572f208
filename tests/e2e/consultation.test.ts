// The consultation end to end, in headless Chromium against the real server and its SQLite file,
// with no network beyond the server: a signed-out citizen proposes a bench at a point in Шипка
// (the browser does the proof of work); a moderator approves it on the moderation page; a
// publisher answers it there; the citizen's private link shows the answer; the proposals layer
// shows the point (a click on it opens the card) and lists it for the keyboard. Then another
// proposal, with an area drawn on the map.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffContribution } from '../../geo/contribution.ts';
import type { Position } from '../../geo/geojson.ts';
import { signedArea } from '../../geo/topology.ts';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';

const SHOTS = join(TMP, 'screenshots');
/** Near the square of Шипка, inside its land, and a little off the village's own marker. */
const SHIPKA = { lon: 25.335, lat: 42.711 };
const BENCH = 'Пейка на площада в Шипка, на сянка до паметника';
const CONTACT = 'maria.e2e@example.org';
const ANSWER = 'Пейката е включена в ремонта на площада през пролетта.';
const PARK = 'Малък парк с пейки около площада в Шипка';
/** Offsets from the map's centre in pixels, counter-clockwise on screen: a quadrilateral. */
const QUAD: [number, number][] = [
  [-120, 90],
  [130, 100],
  [110, -90],
  [-100, -110],
];
/** The same corners in an order whose edges cross. */
const BOW_TIE: [number, number][] = [QUAD[0], QUAD[2], QUAD[1], QUAD[3]];


describe.skipIf(!hasChromium)('citizens propose, the municipality answers', () => {
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  let privateUrl = '';

  beforeAll(async () => {
    // Fewer bits than the default, so the test waits for no proof: the browser's work is the same code.
    server = await staffServer({ CONTRIBUTION_PROOF_BITS: '10' });
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

  /** A page of its own (its own cookies) that may only talk to the server. */
  async function open(path: string): Promise<Page> {
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1366, height: 850 } });
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    if (path) await page.goto(server.url + path);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `consultation-${name}.png`) });

  it('a signed-out citizen proposes a bench at a point in Шипка, and keeps a private link', async () => {
    const page = await open(`/?map=16/${SHIPKA.lat}/${SHIPKA.lon}`);
    await page.getByTestId('propose-start').click();
    await page.getByTestId('propose-centre').click();
    await expect.poll(() => page.getByTestId('propose-placed').textContent()).toContain('42.711');
    await page.getByLabel('Категория').selectOption('public_space');
    await page.getByLabel('Текст').fill(BENCH);
    await page.getByLabel('Име, което да се публикува').fill('Мария');
    await page.getByLabel('Имейл или телефон (по желание)').fill(CONTACT);
    await shot(page, '1-proposal');
    await page.getByRole('button', { name: 'Изпрати' }).click();
    await page.getByTestId('voice-posted').waitFor({ timeout: 30_000 });
    privateUrl = (await page.getByTestId('private-link').getAttribute('href'))!;
    expect(privateUrl).toMatch(new RegExp(`^${server.url}/\\?page=contribution&item=\\d+#key=[A-Za-z0-9_-]{43}$`));
    await shot(page, '2-posted');
    // Not public before a moderator approves it.
    expect((await (await fetch(`${server.url}/api/contributions`)).json()).features).toEqual([]);
  });

  it('a moderator approves it on the moderation page, and sees the contact the public never does', async () => {
    const page = await open('');
    await signIn(page.context(), server, 'moderator');
    await page.goto(`${server.url}/?page=moderation`);
    const item = page.locator('li.contribution').filter({ hasText: BENCH });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain(CONTACT);
    await shot(page, '3-queue');
    await item.getByRole('button', { name: /Одобри/ }).click();
    await expect.poll(() => page.getByTestId('moderation-status').textContent()).toMatch(/одобрен/);
    const published = (await (await fetch(`${server.url}/api/contributions`)).json()).features;
    expect(published).toHaveLength(1);
    expect(published[0].properties).toMatchObject({ kind: 'proposal', theme: 'public_space', settlement: '83199', text: BENCH });
    expect(JSON.stringify(published)).not.toContain(CONTACT);
  });

  it('a publisher answers it in public', async () => {
    const page = await open('');
    await signIn(page.context(), server, 'publisher');
    await page.goto(`${server.url}/?page=moderation`);
    const item = page.locator('li.contribution').filter({ hasText: BENCH });
    await item.waitFor();
    await item.getByLabel('Отговор на общината (публичен)').fill(ANSWER);
    await item.getByRole('button', { name: /Публикувай отговора/ }).click();
    await expect.poll(async () => (await (await fetch(`${server.url}/api/contributions?answered=true`)).json()).features.length).toBe(1);
    await shot(page, '4-answered');
  });

  it('the citizen’s private link shows the answer', async () => {
    const page = await open('');
    await page.goto(privateUrl);
    const own = page.getByTestId('own-contribution');
    await own.waitFor();
    await expect.poll(() => own.textContent()).toContain(ANSWER);
    expect(await page.getByTestId('own-state').textContent()).toMatch(/Публикуван/);
    await shot(page, '5-private');
  });

  it('the proposals layer shows the point, and lists it for the keyboard', async () => {
    const page = await open(`/?map=16/${SHIPKA.lat}/${SHIPKA.lon}&voices=1`);
    await page.getByRole('tab', { name: 'Приноси' }).click();
    const list = page.getByTestId('voices-list');
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain('Пейка на площада');
    // The map is centred on the point: a click there opens the bubble's card.
    const canvas = page.locator('canvas.maplibregl-canvas');
    await page.waitForFunction(() => document.querySelector('.maplibregl-canvas') !== null);
    await page.waitForTimeout(1500);
    await shot(page, '6-layer');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.getByTestId('voice-detail');
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => card.textContent()).toContain(ANSWER);
    expect(await card.textContent()).toContain('Шипка');
    await shot(page, '7-card');
  });

  // A proposal with an area: a self-crossing one first (the server refuses it, beside the form), then
  // a quadrilateral drawn by clicks (one extra point taken back): a closed counter-clockwise ring with
  // six decimals, in the moderators' queue as a Polygon in Шипка.
  it('draws an area around the square of Шипка by clicks on the map, and sends it', async () => {
    const page = await open(`/?map=15/${SHIPKA.lat}/${SHIPKA.lon}`);
    await page.locator('.map[data-ready="true"]').waitFor();
    await page.getByTestId('propose-start').click();
    await page.getByLabel('Област').check();
    const status = page.getByTestId('propose-placed');
    await expect.poll(() => status.textContent()).toContain('Поставени точки: 0');
    const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
    const draw = async (offsets: [number, number][]) => {
      for (const [dx, dy] of offsets) {
        const before = Number((await status.textContent())!.match(/\d+/)![0]);
        await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
        await expect.poll(() => status.textContent()).toContain(`Поставени точки: ${before + 1}`);
      }
    };
    const posts: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/contributions')) posts.push(r.postDataJSON());
    });

    await page.getByLabel('Категория').selectOption('public_space');
    await page.getByLabel('Текст').fill(PARK);
    await page.getByLabel('Име, което да се публикува').fill('Иван');

    // Edges that cross: the server says no, beside the form, and keeps nothing.
    await draw(BOW_TIE);
    await page.getByRole('button', { name: 'Изпрати' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    await shot(page, 'area-1-refused');
    expect(await refusal.textContent()).toContain('Не е изпратено');
    expect(await page.getByLabel('Текст').inputValue()).toBe(PARK);

    await page.getByRole('button', { name: 'Изчисти' }).click();
    await expect.poll(() => status.textContent()).toContain('Поставени точки: 0');
    await draw(QUAD);
    await draw([[0, 150]]);
    await page.getByRole('button', { name: 'Премахни последната точка' }).click();
    await expect.poll(() => status.textContent()).toContain('Поставени точки: 4');
    expect(await status.textContent()).toContain('Областта е очертана');
    await page.waitForTimeout(300);
    await shot(page, 'area-2-drawn');

    await page.getByRole('button', { name: 'Изпрати' }).click();
    await page.getByTestId('voice-posted').waitFor({ timeout: 30_000 });
    await shot(page, 'area-3-posted');

    expect(posts).toHaveLength(2);
    const sent = (posts[1] as { geometry: { type: string; coordinates: Position[][] } }).geometry;
    expect(sent.type).toBe('Polygon');
    const ring = sent.coordinates[0];
    expect(ring).toHaveLength(QUAD.length + 1);
    expect(ring.at(-1)).toEqual(ring[0]);
    expect(signedArea(ring)).toBeGreaterThan(0);
    for (const n of ring.flat()) expect(Math.round(n * 1e6) / 1e6).toBe(n);

    // The moderators' queue holds it, as sent, in Шипка; the refused one is nowhere.
    const staff = await open('');
    await signIn(staff.context(), server, 'moderator');
    const res = await staff.context().request.get(`${server.url}/api/contributions/queue`);
    expect(res.status()).toBe(200);
    const queue = ((await res.json()) as { contributions: StaffContribution[] }).contributions;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ kind: 'proposal', theme: 'public_space', settlement: '83199', text: PARK, state: 'pending' });
    expect(queue[0].geometry).toEqual(sent);
  });
});
