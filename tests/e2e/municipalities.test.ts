// Two municipalities' plans on one server (tests/fixtures/pair), end to end in headless Chromium:
// a link naming a municipality opens on its plan, its boundary and its items only; without one the
// map spans both, and the filter panel offers each municipality with its count, by keyboard too.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { PAIR, TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const SHOTS = join(TMP, 'screenshots');

describe.skipIf(!hasChromium)('a store of several municipalities in the web app', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DATASET_DIR: PAIR, BASEMAP: 'none' });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}${path}`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  const listIds = (page: Page) => page.locator('.item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));

  it('opens on the named municipality: its plan in the title, its items in the list, its boundary in view', async () => {
    const page = await open('/?municipality=SZR22');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ПИРО Мъглиж (тест)');
    await expect.poll(() => listIds(page)).toEqual(['MG-001', 'MG-002']);
    const url = new URL(page.url());
    expect(url.searchParams.get('municipality')).toBe('SZR22');
    // The map's centre (the URL's map=zoom/lat/lon once it has settled) is inside Мъглиж's box, east of Kazanlak's.
    await expect.poll(() => new URL(page.url()).searchParams.get('map')).not.toBeNull();
    const [, lat, lon] = new URL(page.url()).searchParams.get('map')!.split('/').map(Number);
    expect(lon).toBeGreaterThan(25.45);
    expect(lon).toBeLessThan(25.65);
    expect(lat).toBeGreaterThan(42.53);
    expect(lat).toBeLessThan(42.7);
    await page.screenshot({ path: join(SHOTS, 'municipality-szr22.png') });
  });

  it('offers each municipality in the filters with its count, and choosing one by keyboard narrows the list and the plan', async () => {
    const page = await open('/');
    await page.getByRole('tab', { name: 'Филтри' }).click();
    const group = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Община$/ }) });
    await expect.poll(() => group.locator('.option').allTextContents()).toEqual(['Община Казанлък7', 'Община Мъглиж2']);
    const maglizh = group.getByRole('checkbox', { name: 'Община Мъглиж' });
    await maglizh.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('municipality')).toBe('SZR22');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ПИРО Мъглиж (тест)');
    await page.getByRole('tab', { name: /^Списък/ }).click();
    await expect.poll(() => listIds(page)).toEqual(['MG-001', 'MG-002']);
  });

  it('opens a link naming a municipality no plan here has on all of them, and drops the code', async () => {
    const page = await open('/?municipality=SZR99');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ПИРО на 2 общини');
    await expect.poll(() => new URL(page.url()).searchParams.get('municipality')).toBeNull();
    await expect.poll(() => listIds(page)).toHaveLength(9);
  });
});
