// The master-plan layer end to end, in headless Chromium against the real server: before any
// zoning is published the legend says there is none; a publisher publishes the synthetic test
// zoning (tests/fixtures/master-plan, never Kazanlak's) through the write API; then the citizens'
// map offers the layer (off by default), its legend names each type by code and name from the
// served vocabulary, a zone is reached from the legend by keyboard, and an intervention's detail
// lists the zones it lies in.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../geo/calendar.ts';
import { dayBefore } from '../../web/filters/days.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';

const SHOTS = join(TMP, 'screenshots');
const fixture = JSON.parse(readFileSync(new URL('../fixtures/master-plan/zoning.geojson', import.meta.url), 'utf8'));

describe.skipIf(!hasChromium)('the master-plan layer on the citizens’ map', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await staffServer();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    staff = await browser.newContext();
    await signIn(staff, server, 'publisher');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    await page.goto(server.url + path);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  async function publishZoning() {
    const headers = { Origin: server.url };
    const created = await staff.request.post(`${server.url}/api/zones?reason=test%20zoning`, { data: fixture, headers });
    expect(created.status(), await created.text()).toBe(201);
    for (const { item, etag } of (await created.json()).items as { item: string; etag: string }[]) {
      const published = await staff.request.post(`${server.url}/api/zones/${item}/publish`, { headers: { ...headers, 'If-Match': etag } });
      expect(published.status(), await published.text()).toBe(200);
    }
  }

  it('says there is no zoning while none is published', async () => {
    const page = await open('/');
    await page.locator('.legend summary').click();
    await expect(page.getByTestId('master-plan-none').textContent()).resolves.toMatch(/още няма публикувани зони/);
    expect(await page.getByLabel('Устройствени зони (ОУП)').count()).toBe(0);
    await page.context().close();
  });

  it('offers the published zoning as a layer with its legend, and the detail names the zones an item lies in', async () => {
    await publishZoning();
    const list = await (await fetch(`${server.url}/api/interventions?masterPlanZone=${fixture.features.map((f: { id: string }) => f.id).join(',')}&limit=1000`)).json();
    const item = list.features[0] as { id: string; masterPlanZones: { id: string; code: string; name: { bg: string } }[] };
    expect(item, 'some intervention lies in the test zoning').toBeDefined();

    const page = await open(`/?sel=${item.id}`);
    await page.locator('.legend summary').click();
    const toggle = page.getByLabel('Устройствени зони (ОУП)', { exact: true });
    // Off by default; on, the legend lists each type by code and Bulgarian name from the vocabulary.
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.waitForURL(/oup=1/);
    const legend = page.locator('.legend-master-plan ul').first();
    const vocabulary = await (await fetch(`${server.url}/api/master-plan/zone-types`)).json();
    for (const code of ['Жм', 'Ц', 'Пп']) {
      const name = vocabulary.types.find((t: { code: string }) => t.code === code).name.bg;
      await expect(legend.textContent()).resolves.toContain(`${code} ${name}`);
    }
    expect(await page.locator('.master-plan-label:visible').count()).toBe(3);

    // The detail lists the item's zones with code and name.
    const detail = page.getByTestId('detail-master-plan');
    for (const zone of item.masterPlanZones) await expect(detail.textContent()).resolves.toContain(zone.name.bg);
    await expect(detail.textContent()).resolves.toContain(item.masterPlanZones[0].code);

    // The keyboard reaches each zone from the legend.
    const button = page.getByRole('button', { name: /Покажи Пп Производствена зона В/ });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SHOTS, 'master-plan-layer.png') });

    // In English, the legend follows.
    await page.goto(`${server.url}/?sel=${item.id}&oup=1&lang=en`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('.legend summary').click();
    await expect(page.locator('.legend-master-plan ul').first().textContent()).resolves.toContain('Жм');
    await expect(page.getByTestId('detail-master-plan').textContent()).resolves.toMatch(/Residential|Central|Production/);
    await page.screenshot({ path: join(SHOTS, 'master-plan-layer-en.png') });
    expect(pageErrors).toEqual([]);
  });

  it('labels the zones of the day shown: none the day before the zoning was published, all again today', async () => {
    const page = await open('/?oup=1');
    const labels = page.locator('.master-plan-label');
    await expect.poll(() => labels.count()).toBe(3);
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await page.getByLabel('Към дата').fill(dayBefore(today()));
    await expect.poll(() => labels.count()).toBe(0);
    await page.getByRole('button', { name: 'Към днес' }).click();
    await expect.poll(() => labels.count()).toBe(3);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
