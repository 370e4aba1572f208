// The map as of a date, end to end in headless Chromium against the real server: a publisher
// retitles one intervention and takes another off the map today; a citizen sees today's state,
// moves "Към дата" back to yesterday and sees the state before (list, the features the map draws,
// the URL), keeps it over a reload and comes back with "Към днес". Also: what changed since the
// last report, a refused day in the API's words, the feed and report links, and axe on the banner.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../geo/calendar.ts';
import { dayBefore, dayText, lastReportDay } from '../../web/filters/days.ts';
import { axeViolations } from '../helpers/axe.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { TMP } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';

const SHOTS = join(TMP, 'screenshots');
const NEW_TITLE = 'Ново заглавие, публикувано днес';

interface Item {
  id: string;
  properties: { title: { bg: string } };
}

describe.skipIf(!hasChromium)('the map as of a date', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const now = today();
  const yesterday = dayBefore(now);
  /** the published list before today's changes, and the two items they touch */
  let before: Item[];
  let retitled: Item;
  let removed: Item;

  const api = async (path: string) => (await fetch(`${server.url}${path}`)).json();
  const ids = (items: Item[]) => items.map((f) => f.id);

  beforeAll(async () => {
    server = await staffServer();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    before = (await api('/api/interventions?limit=1000')).features;
    [retitled, removed] = before;

    // A publisher changes a title and publishes it, and takes another item off the map: both today.
    const context = await browser.newContext();
    contexts.push(context);
    await signIn(context, server, 'publisher');
    const headers = (etag: string) => ({ Origin: server.url, 'If-Match': etag });
    const head = async (id: string) => (await context.request.get(`${server.url}/api/interventions/${id}`)).headers().etag;
    const draft = await context.request.patch(`${server.url}/api/interventions/${retitled.id}?reason=e2e`, { data: { properties: { title: { bg: NEW_TITLE } } }, headers: headers(await head(retitled.id)) });
    expect(draft.status(), await draft.text()).toBe(200);
    const published = await context.request.post(`${server.url}/api/interventions/${retitled.id}/publish`, { headers: headers((await draft.json()).etag) });
    expect(published.status(), await published.text()).toBe(200);
    const unpublished = await context.request.post(`${server.url}/api/interventions/${removed.id}/unpublish?reason=e2e`, { headers: headers(await head(removed.id)) });
    expect(unpublished.status(), await unpublished.text()).toBe(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  /** The citizen map, talking only to the server; `requests` collects the API reads it makes. */
  async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const requests: string[] = [];
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    page.on('request', (r) => r.url().includes('/api/') && requests.push(r.url().slice(server.url.length)));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    await page.goto(`${server.url}${path}`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    return { page, requests };
  }

  const listIds = (page: Page) => page.locator('.item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
  const titleOf = (page: Page, id: string) => page.locator(`.item[data-id="${id}"] .item-title`).textContent();
  const count = (page: Page) => page.locator('[data-testid="result-count"]').textContent();
  const banner = (page: Page) => page.getByTestId('view-banner');
  /** the last read of `path` the page made */
  const last = (requests: string[], path: string) => requests.filter((u) => u.startsWith(path)).at(-1) ?? '';
  const asOfOf = (url: string) => new URL(url, 'http://x').searchParams.get('asOf');

  it('shows today’s change, yesterday’s state when the date goes back, keeps it over a reload, and comes back to today', async () => {
    const todayList = (await api('/api/interventions?limit=1000')).features as Item[];
    const yesterdayList = (await api(`/api/interventions?limit=1000&asOf=${yesterday}`)).features as Item[];
    // What the API says, by hand: yesterday had the removed item and the old title.
    expect(ids(todayList)).not.toContain(removed.id);
    expect(ids(yesterdayList)).toContain(removed.id);
    expect(yesterdayList.find((f) => f.id === retitled.id)!.properties.title.bg).toBe(retitled.properties.title.bg);

    const { page, requests } = await open('/');
    await expect.poll(() => count(page)).toBe(String(todayList.length));
    expect(await titleOf(page, retitled.id)).toBe(NEW_TITLE);
    expect(await listIds(page)).not.toContain(removed.id);
    expect(await banner(page).count()).toBe(0);

    await page.getByRole('tab', { name: 'Филтри' }).click();
    const asOf = page.getByLabel('Към дата');
    expect(await asOf.inputValue()).toBe(now);
    expect(await asOf.getAttribute('max')).toBe(now);
    expect(await asOf.getAttribute('min')).toBe(`${(await api('/api/plan')).period.startYear}-01-01`);
    await asOf.fill(yesterday);
    await expect.poll(() => page.url()).toContain(`asOf=${yesterday}`);
    await expect.poll(() => banner(page).textContent()).toContain(`Показано е публикуваното към ${dayText('bg', yesterday)}`);

    await page.getByRole('tab', { name: 'Списък' }).click();
    await expect.poll(() => count(page)).toBe(String(yesterdayList.length));
    await expect.poll(() => listIds(page)).toEqual(ids(yesterdayList));
    expect(await titleOf(page, retitled.id)).toBe(retitled.properties.title.bg);
    // The map draws what this read answers; facets, the plan tree and the downloads ask for the same day.
    expect(asOfOf(last(requests, '/api/interventions?'))).toBe(yesterday);
    expect(asOfOf(last(requests, '/api/facets?'))).toBe(yesterday);
    expect(asOfOf(last(requests, '/api/plan'))).toBe(yesterday);
    expect(asOfOf((await page.getByTestId('export-geojson').getAttribute('href'))!)).toBe(yesterday);
    await page.screenshot({ path: join(SHOTS, 'as-of-desktop.png') });

    const url = page.url();
    await page.reload();
    await page.locator('.map[data-ready="true"]').waitFor();
    await expect.poll(() => listIds(page)).toEqual(ids(yesterdayList));
    expect(page.url()).toBe(url);
    expect(await banner(page).isVisible()).toBe(true);
    expect(await titleOf(page, retitled.id)).toBe(retitled.properties.title.bg);

    await banner(page).getByRole('button', { name: 'Към днес' }).click();
    await expect.poll(() => page.url()).not.toContain('asOf=');
    await expect.poll(() => banner(page).count()).toBe(0);
    await expect.poll(() => listIds(page)).toEqual(ids(todayList));
    expect(await titleOf(page, retitled.id)).toBe(NEW_TITLE);
    expect(asOfOf(last(requests, '/api/interventions?'))).toBeNull();
  }, 90_000);

  it('shows only what changed since the last annual report, and everything again', async () => {
    const since = lastReportDay(now);
    const changed = (await api(`/api/interventions?limit=1000&changedSince=${since}`)).features as Item[];
    expect(ids(changed)).toContain(retitled.id);
    const { page, requests } = await open('/');
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await page.getByRole('button', { name: /от последния годишен отчет/ }).click();
    await expect.poll(() => page.url()).toContain(`changedSince=${since}`);
    expect(await page.getByLabel('Промени след').inputValue()).toBe(since);
    expect(await page.getByLabel('Промени след').getAttribute('max')).toBe(yesterday);
    await expect.poll(() => banner(page).textContent()).toContain(`променени след ${dayText('bg', since)}`);
    await page.getByRole('tab', { name: 'Списък' }).click();
    await expect.poll(() => listIds(page)).toEqual(ids(changed));
    expect(new URL(last(requests, '/api/interventions?'), 'http://x').searchParams.get('changedSince')).toBe(since);

    // Accessible on a laptop, with the banner and the date controls showing.
    await page.getByRole('tab', { name: 'Филтри' }).click();
    expect(await axeViolations(page, { exclude: ['.map canvas'], label: 'map with changedSince' })).toEqual([]);

    await banner(page).getByRole('button', { name: 'Покажи всички' }).click();
    await expect.poll(() => page.url()).not.toContain('changedSince');
    await page.getByRole('tab', { name: 'Списък' }).click();
    await expect.poll(() => count(page)).toBe(String((await api('/api/interventions?limit=1')).numberMatched));
  }, 60_000);

  it('says in the API’s words when it refuses a day, and "Към днес" recovers', async () => {
    const { page } = await open('/?asOf=2999-01-01');
    const alert = banner(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Сървърът не прие датата');
    expect(await alert.textContent()).toContain('2999-01-01 is after today');
    await alert.getByRole('button', { name: 'Към днес' }).click();
    await expect.poll(() => page.url()).not.toContain('asOf');
    await expect.poll(() => count(page)).toBe(String((await api('/api/interventions?limit=1')).numberMatched));
  });

  it('links the feed of what the filters select, and the annual report of a chosen year', async () => {
    const { page } = await open('/?theme=water&asOf=' + yesterday);
    await page.getByRole('tab', { name: 'Филтри' }).click();
    const feed = page.getByRole('link', { name: 'Следвай тези промени (Atom)' });
    expect(await feed.getAttribute('href')).toBe('/api/changes.atom?theme=water');
    expect(await feed.getAttribute('rel')).toBe('alternate');
    expect(await feed.getAttribute('type')).toBe('application/atom+xml');
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/api/changes.atom');

    const lastYear = Number(now.slice(0, 4)) - 1;
    const report = page.getByTestId('annual-report');
    expect(await report.getAttribute('href')).toBe(`/api/reports/annual/${lastYear}.html`);
    expect(await report.textContent()).toBe(`Годишен отчет за изпълнението за ${lastYear} г.`);
    const years = await page.getByLabel('Година на отчета').locator('option').allTextContents();
    expect(years[0]).toBe(String((await api('/api/plan')).period.startYear));
    expect(years.at(-1)).toBe(now.slice(0, 4));
    await page.getByLabel('Година на отчета').selectOption(years[0]);
    expect(await report.getAttribute('href')).toBe(`/api/reports/annual/${years[0]}.html`);
  });

  it('fits a phone: the banner, the date controls and the links, and axe passes', async () => {
    const { page } = await open(`/?asOf=${yesterday}&changedSince=${lastReportDay(yesterday)}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await banner(page).waitFor();
    await page.screenshot({ path: join(SHOTS, 'as-of-phone.png') });
    await page.getByRole('tab', { name: 'Филтри' }).click();
    await page.locator('.when').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'as-of-phone-controls.png') });
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, { exclude: ['.map canvas'], label: 'phone with asOf' })).toEqual([]);
  });
});
