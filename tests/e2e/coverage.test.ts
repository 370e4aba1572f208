// The planner's coverage view in Chromium: the metric recolours the map and re-sorts the table, and
// the CSV download holds what the table shows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('the coverage view', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ BASEMAP: 'none' });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.goto(`${server.url}/?page=coverage`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const tableKeys = () => page.locator('[data-testid="coverage-table"] tbody tr[data-key]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key!));
  const canvasHash = async () => createHash('sha1').update(await page.locator('.map canvas').screenshot()).digest('hex');
  const api = async (path: string) => (await fetch(`${server.url}${path}`)).json();

  it('lists every settlement, sorted by the metric', async () => {
    const settlements = (await api('/api/settlements')).features.length;
    // The first coverage answer waits for the geometry worker to start.
    await expect.poll(async () => (await tableKeys()).length, { timeout: 30_000 }).toBe(settlements);
    const { rows } = await api('/api/coverage?by=settlement');
    const byCount = rows.filter((r: { key: string | null }) => r.key).sort((a: { count: number }, b: { count: number }) => b.count - a.count);
    expect((await tableKeys())[0]).toBe(byCount[0].key);
  });

  it('recolours the map and re-sorts the table when the metric changes', async () => {
    await page.waitForTimeout(500);
    const before = { keys: await tableKeys(), map: await canvasHash() };
    await page.getByTestId('metric').selectOption('perResident');
    await expect.poll(() => page.url()).toContain('metric=perResident');
    const { rows } = await api('/api/coverage?by=settlement');
    const expected = rows
      .filter((r: { key: string | null }) => r.key)
      .sort((a: { budgetPerResident: number }, b: { budgetPerResident: number }) => b.budgetPerResident - a.budgetPerResident)
      .map((r: { key: string }) => r.key);
    await expect.poll(tableKeys).toEqual(expected);
    expect(expected).not.toEqual(before.keys);
    await expect.poll(canvasHash, { timeout: 10_000 }).not.toBe(before.map);
    await page.screenshot({ path: join(TMP, 'coverage.png') });
  });

  it('downloads a CSV that matches the table', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('coverage-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^coverage-by-settlement-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    const csv = new Map(lines.slice(1).map((l) => l.split(',')).filter((c) => c[0]).map((c) => [c[0], c]));
    const keys = await tableKeys();
    expect([...csv.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const count = await page.locator(`tr[data-key="${key}"] td`).nth(1).textContent();
      expect(csv.get(key)![header.indexOf('count')], key).toBe(count!.trim());
    }
  });

  it('shows the gaps for a theme and how many residents they leave out', async () => {
    await page.getByLabel(/Покажи места, далеч от интервенции/).check();
    // Computed on a worker thread that may still be starting on a busy machine.
    await expect.poll(() => page.getByTestId('access').isVisible(), { timeout: 30_000 }).toBe(true);
    const { total } = await api('/api/coverage/access?distance=2000');
    expect((await page.getByTestId('access').textContent())!.replace(/\s/g, '')).toContain(String(total.beyond));
  });

  // A refused computation, and a refused read of the settlements the map shades (which would
  // otherwise leave an empty map): each said in words, with the wait the server asks for.
  for (const [what, path, wait] of [
    ['a computation', '/api/coverage?', '7'],
    ['the settlements it shades', '/api/layers/settlement-areas', '5'],
  ] as const)
    it(`says so, in words, when the server refuses ${what}`, async () => {
      const refused = await browser.newPage();
      await refused.route('**/*', (route) => {
        const url = route.request().url();
        if (!url.startsWith(server.url)) return route.abort();
        if (url.includes(path))
          return route.fulfill({ status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': wait }, body: JSON.stringify({ error: { code: 'busy', message: 'busy', details: null } }) });
        return route.continue();
      });
      await refused.goto(`${server.url}/?page=coverage`);
      await expect.poll(() => refused.getByTestId('coverage-refused').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`след ${wait} с`));
      await refused.close();
    });
});
