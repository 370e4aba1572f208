// `npm start` end to end: the real server builds its database, answers the API and serves the
// page, which a real Chromium renders with no outside network.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

describe('the running server', () => {
  it('answers /api/health with the counts of the Kazanlak dataset', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', interventions: 86, settlements: 20 });
  });

  it('answers an unknown API path with JSON, never HTML', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe.skipIf(!hasChromium)('the page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('loads offline and shows the counts from the API', async () => {
    const { page, blocked } = await offlinePage(browser, server.url);
    await page.goto(server.url);
    await expect.poll(() => page.locator('#counts dd').first().textContent()).toBe('86');
    expect(await page.locator('html').getAttribute('lang')).toBe('bg');
    mkdirSync(TMP, { recursive: true });
    await page.screenshot({ path: join(TMP, 'start.png') });
    expect(blocked).toEqual([]);
  });
});
