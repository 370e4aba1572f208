// Every page of the public app through axe-core (WCAG 2.0 and 2.1, A and AA) in Chromium against
// the real server, on a laptop and on a phone: a serious or critical violation fails the test.
// A page is one line in PAGES; `{intervention}` in a path becomes the id of a published item.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

interface A11yPage {
  name: string;
  path: string;
  /** present once the page shows its data */
  ready: string;
}

const MAP_READY = '.map[data-ready="true"] canvas';
const LIST = '.items .item';
const TABLE = '[data-testid="coverage-table"] tbody tr[data-key]';

const PAGES: A11yPage[] = [
  { name: 'map', path: '/', ready: LIST },
  { name: 'map, item open', path: '/?sel={intervention}', ready: '.detail h2' },
  { name: 'map, English', path: '/?lang=en', ready: LIST },
  { name: 'coverage', path: '/?page=coverage', ready: TABLE },
  { name: 'coverage, gaps', path: '/?page=coverage&gap=', ready: '[data-testid="access"]' },
  { name: 'coverage, English', path: '/?page=coverage&lang=en', ready: TABLE },
];

const VIEWPORTS = [
  { name: 'laptop', viewport: { width: 1366, height: 850 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let server: RunningServer;
  let browser: Browser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ BASEMAP: 'none' });
    browser = await launchBrowser();
    const items = await (await fetch(`${server.url}/api/interventions?limit=1`)).json();
    tokens.intervention = items.features[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe.each(VIEWPORTS)('$name', ({ name: device, ...options }) => {
    it.each(PAGES)('$name', async ({ name, path, ready }) => {
      const { page } = await offlinePage(browser, server.url, options);
      try {
        await page.goto(server.url + path.replace(/\{(\w+)\}/g, (_, key: string) => tokens[key]));
        await page.locator(MAP_READY).waitFor({ timeout: 30_000 });
        // The coverage computations wait for the geometry worker to start.
        await page.locator(ready).first().waitFor({ timeout: 30_000 });
        const violations = await axeViolations(page, { label: `${name} (${device})` });
        expect(violations, `${name} (${device}), ${path}:\n${violations.join('\n')}`).toEqual([]);
      } finally {
        await page.close();
      }
    }, 60_000);
  });
});
