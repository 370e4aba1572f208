// A proposal with an area, end to end in headless Chromium against the real server: a signed-out
// citizen chooses „Област“, draws a self-crossing area first (the server refuses it and the refusal
// shows beside the form), clears it, draws a quadrilateral around the square of Шипка by clicks on
// the map (one extra point taken back), and sends it; the post is a closed, counter-clockwise ring
// with six decimals, and the moderators' queue holds it as a Polygon in Шипка.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffContribution } from '../../geo/contribution.ts';
import type { Position } from '../../geo/geojson.ts';
import { signedArea } from '../../geo/topology.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';

const SHOTS = join(TMP, 'screenshots');
/** Near the square of Шипка, inside its land, and a little off the village's own marker. */
const SHIPKA = { lon: 25.335, lat: 42.711 };
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

describe.skipIf(!hasChromium)('a citizen proposes an area', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
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

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    if (path) await page.goto(server.url + path);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `consultation-area-${name}.png`) });

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
    await shot(page, '1-refused');
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
    await shot(page, '2-drawn');

    await page.getByRole('button', { name: 'Изпрати' }).click();
    await page.getByTestId('voice-posted').waitFor({ timeout: 30_000 });
    await shot(page, '3-posted');

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
