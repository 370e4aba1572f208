// The citizen map end to end, in headless Chromium against the real server, with every request
// that does not go to the server blocked (the online basemap must drop out by itself).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THEMES } from '../../geo/index.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const SHIPKA = { longitude: 25.3329, latitude: 42.7123 };

describe.skipIf(!hasChromium)('the citizen map', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(TMP, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** `before` may add routes of its own (they take precedence) before the page loads. */
  async function open(
    path = '/',
    options: Parameters<Browser['newContext']>[0] = {},
    before?: (page: Page) => Promise<unknown>,
  ): Promise<{ page: Page; blocked: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await before?.(page);
    await page.goto(`${server.url}${path}`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="result-count"]').waitFor();
    return { page, blocked };
  }

  const listIds = (page: Page) => page.locator('.item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
  const api = async (path: string) => (await fetch(`${server.url}${path}`)).json();

  /** Pixels of the map canvas in the theme colours or the cluster blue: markers actually drawn. */
  async function markerPixels(page: Page): Promise<number> {
    const png = PNG.sync.read(await page.locator('.map canvas').screenshot());
    const colours = ['#1f5fa8', ...THEMES.ids.map((id) => THEMES.table[id].colour)].map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    let n = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (colours.some(([cr, cg, cb]) => Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 24)) n++;
    }
    return n;
  }

  it('loads with no outside network and shows the municipality, settlement labels and markers', async () => {
    const started = Date.now();
    const { page, blocked } = await open('/');
    await page.locator('.cluster-count').first().waitFor({ timeout: 20_000 });
    const firstMarkersMs = Date.now() - started;
    await expect.poll(() => markerPixels(page), { timeout: 10_000 }).toBeGreaterThan(200);
    expect(await page.locator('.settlement-label.town').allTextContents()).toEqual(expect.arrayContaining(['Казанлък', 'Шипка', 'Крън']));
    const health = await api('/api/health');
    expect(await page.locator('.settlement-label').count()).toBe(health.settlements);
    // The street basemap was tried, refused (no network here) and dropped, and the page says so.
    expect(blocked.every((u) => u.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
    await expect.poll(() => page.locator('.offline-note').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="result-count"]').textContent()).toBe(String(health.interventions));
    await page.screenshot({ path: join(TMP, 'map-desktop.png') });
    console.log(`[e2e] navigation to first drawn markers: ${firstMarkersMs} ms`);
  });

  it('asks for the reference data from the entry, before the app asks for its list, the list before the map, and the base map and zones as tiles', async () => {
    const asked: { path: string; at: number }[] = [];
    const { page } = await open('/', {}, async (p) => {
      p.on('request', (r) => asked.push({ path: new URL(r.url()).pathname + new URL(r.url()).search, at: Date.now() }));
    });
    await page.locator('.cluster-count').first().waitFor({ timeout: 20_000 });
    const plan = asked.find((r) => r.path === '/api/plan')!;
    const list = asked.find((r) => r.path.startsWith('/api/interventions?'))!;
    const tile = asked.find((r) => r.path.startsWith('/api/tiles/interventions/'))!;
    // The entry starts the reference reads before it loads the app, which asks for the list.
    expect(plan.at).toBeLessThanOrEqual(list.at);
    // The list is asked as the app starts, not after the map it sits beside.
    expect(list.at).toBeLessThanOrEqual(tile.at);
    // The layers' names and attribution, not their features: the map draws them from the base tiles.
    expect(asked.filter((r) => r.path.startsWith('/api/layers'))).toEqual([expect.objectContaining({ path: '/api/layers' })]);
    expect(asked.some((r) => r.path.startsWith('/api/tiles/base/'))).toBe(true);
    expect(asked.some((r) => r.path.startsWith('/api/tiles/zones/'))).toBe(true);
    // Asked once each: the app took the answers started early rather than asking again.
    expect(asked.filter((r) => r.path === list.path)).toHaveLength(1);
    expect(asked.filter((r) => r.path === '/api/plan')).toHaveLength(1);
  });

  it('lists what is near a point in Shipka first, by distance, and puts the point in the URL', async () => {
    const { page } = await open('/', { geolocation: SHIPKA, permissions: ['geolocation'] });
    await page.getByRole('button', { name: /Близо до мен/ }).click();
    await expect.poll(() => page.url()).toContain('near=25.3329,42.7123');
    await expect.poll(async () => (await page.locator('.item .distance').allTextContents()).length).toBeGreaterThan(3);
    const distances = (await page.locator('.item .distance').allTextContents()).map((t) => {
      const n = Number(t.replace(/[^\d,.]/g, '').replace(',', '.'));
      return t.includes('км') ? n * 1000 : n;
    });
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const facts = await page.locator('.item .item-facts').allTextContents();
    expect(facts.slice(0, 3).every((t) => t.includes('Шипка'))).toBe(true);
    const expected = await api('/api/interventions?near=25.3329,42.7123&radius=5000&limit=1000');
    expect(await listIds(page)).toEqual(expected.features.map((f: { id: string }) => f.id));
    await page.screenshot({ path: join(TMP, 'map-near-shipka.png') });
  });

  it('moves each count with its cluster when the filter changes, to where a fresh load of that view puts it', async () => {
    // A cluster keeps its cell of the tile grid when the filter changes, but its centre moves.
    // Each count and where it is drawn. The fresh load opens on the view the URL keeps (map=zoom/lat/lon, rounded),
    // so a position may differ from the first page's by the rounding: under a pixel, which the transform can round to one.
    const counts = (page: Page) =>
      page.locator('.cluster-count').evaluateAll((els) =>
        els.map((e) => ({ n: e.textContent, at: /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec((e as HTMLElement).style.transform)!.slice(1).map(Number) })).sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]),
      );
    const same = (a: { n: string | null; at: number[] }[], b: { n: string | null; at: number[] }[]) =>
      a.length === b.length && a.every((x, i) => x.n === b[i].n && Math.abs(x.at[0] - b[i].at[0]) <= 1 && Math.abs(x.at[1] - b[i].at[1]) <= 1);
    const { page } = await open('/');
    await page.locator('.cluster-count').first().waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await page.getByRole('checkbox', { name: /Транспорт и улици/ }).check();
    await expect.poll(() => page.url()).toContain('theme=transport');
    const url = new URL(page.url());
    const { page: fresh } = await open(`${url.pathname}${url.search}`);
    await fresh.locator('.cluster-count').first().waitFor({ timeout: 20_000 });
    await expect.poll(async () => same(await counts(page), await counts(fresh)), { timeout: 15_000 }).toBe(true);
  });

  it('applies a filter to markers, list, counts and URL, and a reload restores the same view', async () => {
    const { page } = await open('/');
    const before = await markerPixels(page);
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await page.getByRole('checkbox', { name: /Водоснабдяване и канализация/ }).check();
    await expect.poll(() => page.url()).toContain('theme=water');
    const expected = (await api('/api/interventions?theme=water&limit=1000')).features.map((f: { id: string }) => f.id);
    await page.getByRole('tab', { name: 'Списък' }).click();
    await expect.poll(() => page.locator('[data-testid="result-count"]').textContent()).toBe(String(expected.length));
    expect(await listIds(page)).toEqual(expected);
    await expect.poll(() => markerPixels(page)).toBeLessThan(before);
    const url = page.url();
    await page.reload();
    await page.locator('.map[data-ready="true"]').waitFor();
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(page.url()).toBe(url);
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('theme=water');
  });

  it('empties the budget box on "clear all" and restores it with back, empties it with forward', async () => {
    const { page } = await open('/');
    await page.getByRole('tab', { name: 'Филтри' }).click();
    const min = page.locator('.filters .budget input').first();
    await min.fill('100000');
    await min.press('Enter');
    await expect.poll(() => page.url()).toContain('minBudget=100000');
    const filtered = (await api('/api/interventions?minBudget=100000&limit=1000')).numberMatched;
    await page.getByRole('button', { name: 'Изчисти всички филтри' }).click();
    await expect.poll(() => page.url()).not.toContain('minBudget');
    expect(await min.inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => page.url()).toContain('minBudget=100000');
    await expect.poll(() => min.inputValue()).toBe('100000');
    await page.getByRole('tab', { name: 'Списък' }).click();
    await expect.poll(() => page.locator('[data-testid="result-count"]').textContent()).toBe(String(filtered));
    await page.goForward();
    await expect.poll(() => page.url()).not.toContain('minBudget');
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await expect.poll(() => min.inputValue()).toBe('');
  });

  it('pages through the API instead of showing only its first page', async () => {
    // Pages of 20 instead of 1000, so the 86 items take five pages and every `next` link is followed.
    const asked: string[] = [];
    const { page } = await open('/', {}, (p) =>
      p.route(/\/api\/interventions\?/, (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', '20');
        asked.push(url.search);
        return route.continue({ url: url.toString() });
      }),
    );
    const expected = (await api('/api/interventions?limit=1000')).features.map((f: { id: string }) => f.id);
    await expect.poll(() => listIds(page)).toEqual(expected);
    expect(await page.locator('[data-testid="result-count"]').textContent()).toBe(String(expected.length));
    expect(asked.filter((q) => q.includes('offset=')).length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 20) - 1);
    expect(await page.locator('[data-testid="list-truncated"]').count()).toBe(0);
  });

  it('says "N of M" in the list when more match than it was given', async () => {
    // The server here claims more matches than it hands out and offers no next page: the app must not
    // pass the shortfall over in silence.
    const { page } = await open('/', {}, (p) =>
      p.route(/\/api\/interventions\?/, async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.numberMatched = 12_345;
        body.links = body.links.filter((l: { rel: string }) => l.rel !== 'next');
        return route.fulfill({ response, json: body });
      }),
    );
    const shown = (await api('/api/interventions?limit=1000')).features.length;
    const note = page.locator('[data-testid="list-truncated"]');
    await note.waitFor();
    const plain = async () => (await note.textContent())!.replace(/\u00a0/g, ' ');
    expect(await plain()).toBe(`Показани са ${shown} от 12 345. Стеснете филтрите или включете „Само в обхвата на картата“ и приближете картата.`);
    expect(await page.locator('.item').count()).toBe(shown);
    await page.getByRole('checkbox', { name: 'Само в обхвата на картата' }).check();
    await expect.poll(plain).toMatch(/^Показани са \d+ от 12 345\. Стеснете филтрите или приближете картата\.$/);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(plain).toMatch(/^Showing \d+ of 12,345\. Narrow the filters or zoom in\.$/);
  });

  it('draws a long list a step at a time, and "show more" reaches every item', async () => {
    // The 86 items served five times over under new ids: 430 in all, more than one step of 200.
    const { page } = await open('/', {}, (p) =>
      p.route(/\/api\/interventions\?/, async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.features = [0, 1, 2, 3, 4].flatMap((copy) => body.features.map((f: { id: string }) => ({ ...f, id: `${f.id}-${copy}` })));
        body.numberMatched = body.numberReturned = body.features.length;
        return route.fulfill({ response, json: body });
      }),
    );
    const items = page.locator('.item');
    await expect.poll(() => items.count()).toBe(200);
    const more = page.getByRole('button', { name: 'Покажи още 200 (от 230 останали)' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count()).toBe(400);
    await page.getByRole('button', { name: 'Покажи още 30 (от 30 останали)' }).click();
    await expect.poll(() => items.count()).toBe(430);
    expect(await page.locator('.list-more').count()).toBe(0);
    expect(await page.locator('[data-testid="result-count"]').textContent()).toBe('430');
  });

  it('downloads a GeoJSON whose ids equal the filtered list', async () => {
    const { page } = await open('/?status=in_progress,completed&q=kazanlak');
    await expect.poll(async () => (await listIds(page)).length).toBeGreaterThan(0);
    const ids = await listIds(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
    expect(download.suggestedFilename()).toMatch(/^interventions-\d{4}-\d{2}-\d{2}\.geojson$/);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file.features.map((f: { id: string }) => f.id)).toEqual(ids);
  });

  it('reaches the list by keyboard; Enter opens the detail and moves the map to the item', async () => {
    const { page } = await open('/');
    const mapBefore = new URL(page.url()).searchParams.get('map');
    let focused = '';
    for (let i = 0; i < 40 && !focused.startsWith('item'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.className ?? '');
    }
    expect(focused).toMatch(/^item/);
    // Tab on to the first item that has a place, then open it.
    for (let i = 0; i < 20; i++) {
      const located = await page.evaluate(() => !document.activeElement?.querySelector('.badge.unlocated'));
      if (located) break;
      await page.keyboard.press('Tab');
    }
    const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    expect(page.url()).toContain(`sel=${id}`);
    // The URL follows the map at every moveend, and the first change after the page opened may be
    // the initial fit rather than the move to the item: wait for where the map comes to rest.
    const zoomInUrl = () => Number(new URL(page.url()).searchParams.get('map')?.split('/')[0] ?? NaN);
    await expect.poll(zoomInUrl, { timeout: 10_000 }).toBeGreaterThanOrEqual(13.9);
    expect(new URL(page.url()).searchParams.get('map')).not.toBe(mapBefore);
    expect(await page.locator('.detail').textContent()).toContain('Източници');
    await page.screenshot({ path: join(TMP, 'map-detail.png') });
  });

  it('says in the detail when a published item last changed, in the UI language, and nothing for one as in the dataset', async () => {
    // The seeded server has no publications: the list answer is given one, at a fixed instant.
    const updated = '2026-12-05T18:31:02.123Z';
    let changed = '';
    let seeded = '';
    const { page } = await open('/', { timezoneId: 'Europe/Sofia' }, (p) =>
      p.route(
        (url) => url.pathname === '/api/interventions',
        async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          if (body.features.length > 1) {
            changed ||= body.features[0].id;
            seeded ||= body.features[1].id;
            for (const f of body.features) if (f.id === changed) f.updated = updated;
          }
          await route.fulfill({ response, json: body });
        },
      ),
    );
    // The line under the detail; the timeline's entries have dates of their own.
    const line = page.locator('.detail p.last-updated');
    await page.locator(`.item[data-id="${changed}"]`).click();
    await expect.poll(() => line.textContent()).toBe('Последна промяна: 5 декември 2026 г.');
    expect(await line.locator('time').getAttribute('datetime')).toBe(updated);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => line.textContent()).toBe('Last updated: 5 December 2026');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.locator(`.item[data-id="${seeded}"]`).click();
    await expect.poll(() => page.locator('#detail-title').isVisible()).toBe(true);
    expect(await page.locator('.detail .last-updated').count()).toBe(0);
  });

  it('names itself after the plan, in the tab and the heading', async () => {
    const plan = await api('/api/plan');
    const { page } = await open('/');
    expect(await page.locator('h1').textContent()).toBe(plan.shortTitle.bg);
    expect(await page.title()).toBe(plan.shortTitle.bg);
    await page.getByRole('link', { name: 'Покритие' }).click();
    await expect.poll(() => page.title()).toBe(`Покритие на плана — ${plan.shortTitle.bg}`);
  });

  it('switches the interface to English', async () => {
    const plan = await api('/api/plan');
    const { page } = await open('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(plan.shortTitle.en);
    expect(await page.title()).toBe(plan.shortTitle.en);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(page.url()).toContain('lang=en');
    expect(await page.locator('.settlement-label.town').allTextContents()).toEqual(expect.arrayContaining(['Kazanlak', 'Shipka']));
  });

  it('shows the mobile layout at 390×844 without sideways scrolling', async () => {
    const { page } = await open('/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const layout = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      mapTop: document.querySelector('.map-area')!.getBoundingClientRect().top,
      panelTop: document.querySelector('.panel')!.getBoundingClientRect().top,
      widest: Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)),
    }));
    expect(layout.scroll).toBeLessThanOrEqual(layout.width);
    expect(layout.panelTop).toBeGreaterThan(layout.mapTop);
    await page.screenshot({ path: join(TMP, 'map-mobile.png') });
  });
});
