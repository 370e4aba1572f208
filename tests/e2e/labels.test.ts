// Bulgarian first and honest labels, end to end in headless Chromium against the real server: the
// Bulgarian detail of an item researched in English reads in Bulgarian (translations marked), the
// English detail in English; a title we composed says so; a pin at a settlement's centre says it
// marks the settlement; and the pile of items on Kazanlak's centre point is one marker whose list,
// opened from the keyboard, holds every one of them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulgarianMissing, type Intervention } from '../../geo/index.ts';
import { stackPoints } from '../../geo/stacks.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const SHOTS = join(TMP, 'screenshots');
/** The town hall's renovation: a descriptive title, a town-centre pin, an estimated status date. */
const SAMPLE = 'KZN-024';

describe.skipIf(!hasChromium)('Bulgarian words and honest labels', () => {
  let server: RunningServer;
  let browser: Browser;
  let sample: Intervention;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    sample = await (await fetch(`${server.url}/api/interventions/${SAMPLE}`)).json();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.goto(`${server.url}${path}`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it('reads the detail in Bulgarian, with the translations marked and no English prose', async () => {
    const page = await open(`/?sel=${SAMPLE}`);
    const detail = page.locator('.detail');
    await detail.locator('#detail-title').waitFor();
    expect(await detail.locator('#detail-title').textContent()).toBe(sample.properties.title.bg);
    // Nothing in the detail is English: no part in another language, and every fact reads as Bulgarian.
    expect(await detail.locator('[lang="en"]').count()).toBe(0);
    const facts = await detail.locator('dd').evaluateAll((dds) =>
      dds.map((dd) => {
        const copy = dd.cloneNode(true) as HTMLElement;
        for (const a of copy.querySelectorAll('a')) a.remove(); // a source's host name is not prose
        return copy.textContent ?? '';
      }),
    );
    for (const text of facts) expect(bulgarianMissing(text), text).toBeNull();
    const summary = sample.properties.summary;
    expect(await detail.textContent()).toContain(summary.bg!);
    expect(await detail.locator('.translated').first().textContent()).toContain('превод от английски');
    // The labels that say what the evidence is.
    expect(await detail.locator('.title-kind').textContent()).toContain('Описателно заглавие');
    expect(await detail.locator('.pin-note').first().textContent()).toBe('Тази точка бележи населеното място, не самия обект.');
    expect(await detail.locator('.badge.estimated').first().textContent()).toBe('датата е наша оценка');
    await page.screenshot({ path: join(SHOTS, 'labels-detail-bg.png'), fullPage: true });
  });

  it('reads the same detail in English, in the original words', async () => {
    const page = await open(`/?sel=${SAMPLE}&lang=en`);
    const detail = page.locator('.detail');
    await detail.locator('#detail-title').waitFor();
    expect(await detail.locator('#detail-title').textContent()).toBe(sample.properties.title.en);
    const text = (await detail.textContent())!;
    expect(text).toContain(sample.properties.summary.en!);
    const basis = sample.properties.locationBasis as { en: string };
    expect(text).toContain(basis.en);
    expect(await detail.locator('.title-kind').textContent()).toContain('Descriptive title');
    expect(await detail.locator('.pin-note').first().textContent()).toBe('This pin marks the settlement, not the site.');
    // The original is not marked; only the Bulgarian published wording appears, tagged as Bulgarian.
    expect(await detail.locator('dd .translated').count()).toBe(0);
  });

  it('shows the pile on Kazanlak’s centre as one marker whose list, opened by keyboard, holds all its items', async () => {
    const all = (await (await fetch(`${server.url}/api/interventions?limit=1000`)).json()).features as Intervention[];
    const pile = stackPoints(all).stacks[0];
    const kazanlak = (await (await fetch(`${server.url}/api/settlements`)).json()).features.find((s: { id: string }) => s.id === '35167');
    expect(pile.at).toEqual(kazanlak.geometry.coordinates);
    expect(pile.features.length).toBeGreaterThanOrEqual(35);

    const [lon, lat] = pile.at;
    const page = await open(`/?map=15.00/${lat}/${lon}`);
    const marker = page.locator('button.stack-count', { hasText: new RegExp(`^${pile.features.length}$`) });
    await marker.waitFor({ timeout: 20_000 });
    expect(await marker.getAttribute('aria-label')).toBe(`${pile.features.length} обекта на едно място: покажи списъка`);
    await marker.focus();
    await page.keyboard.press('Enter');
    const chooser = page.locator('.maplibregl-popup');
    await chooser.locator('.chooser button').first().waitFor();
    expect(await chooser.locator('.chooser-title').textContent()).toBe(`${pile.features.length} обекта на това място`);
    expect(await chooser.locator('.chooser-note').textContent()).toContain('Точката бележи населеното място');
    const titles = await chooser.locator('.chooser button').allTextContents();
    expect([...titles].sort()).toEqual(pile.features.map((f) => f.properties.title.bg).sort());
    // The list has the focus, and choosing from it opens the item.
    expect(await page.evaluate(() => document.activeElement?.closest('.chooser') !== null)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'labels-pile.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(titles[0]);
  });
});
