// Two municipalities' plans on one server (tests/fixtures/pair), end to end in headless Chromium:
// a link naming a municipality opens on its plan, its boundary and its items only; without one the
// map spans both, and the filter panel offers each municipality with its count, by keyboard too.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { PAIR, TMP } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';
import { generateDataset } from '../bench/generate.ts';
import type { Municipality } from '../../geo/index.ts';

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

  it('shows the plan filter of one municipality only, and lets go of its goals once a second is chosen', async () => {
    const page = await open('/?municipality=SZR22&goal=MG-G1');
    await page.getByRole('tab', { name: /^Филтри/ }).click();
    const planGroup = page.locator('fieldset', { has: page.locator('legend', { hasText: /^План/ }) });
    await expect.poll(() => planGroup.getByRole('checkbox', { checked: true }).count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Община Казанлък' }).check();
    await expect.poll(() => planGroup.textContent()).toContain('Изберете една община');
    await planGroup.getByRole('button', { name: 'Премахни избраните цели и приоритети (1)' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('goal')).toBeNull();
    expect(new URL(page.url()).searchParams.get('municipality')).toBe('SZR22,SZR12');
  });

  it('opens a link naming a municipality no plan here has on all of them, and drops the code', async () => {
    const page = await open('/?municipality=SZR99');
    await expect.poll(() => page.locator('h1').textContent()).toBe('ПИРО на 2 общини');
    await expect.poll(() => new URL(page.url()).searchParams.get('municipality')).toBeNull();
    await expect.poll(() => listIds(page)).toHaveLength(9);
  });
});

// The bench's generated national dataset (265 municipalities, each with its plan), small: a region
// is chosen with its province's box, and the map, the list and the plan filter follow.
describe.skipIf(!hasChromium)('a national store in the web app', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const dir = join(mkdtempSync(join(TMP, 'e2e-national-')), 'dataset');
    generateDataset(dir, 400);
    server = await startServer({ DATASET_DIR: dir, BASEMAP: 'none' });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('chooses a province by keyboard: its municipalities in the URL, their items in the list, the map on them, the plan filter waiting for one', { timeout: 90_000 }, async () => {
    const all = (await (await fetch(`${server.url}/api/municipalities`)).json()) as Municipality[];
    const varna = all.filter((m) => m.plan && m.province.bg === 'Варна');
    expect(varna.length).toBeGreaterThan(1);
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Филтри' }).click();
    const planGroup = page.locator('fieldset', { has: page.locator('legend', { hasText: /^План/ }) });
    await expect.poll(() => planGroup.textContent()).toContain('Изберете една община');
    const province = page.getByRole('checkbox', { name: 'област Варна' });
    await province.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => (new URL(page.url()).searchParams.get('municipality') ?? '').split(',').sort()).toEqual(varna.map((m) => m.code).sort());
    await expect.poll(() => page.locator('h1').textContent()).toBe(`ПИРО на ${varna.length} общини`);
    // Its municipalities are ticked under it, and no other.
    const group = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Община$/ }) });
    const ticked = group.locator('.tree-children .option', { has: page.locator('input:checked') }).locator('.label');
    expect((await ticked.allTextContents()).sort()).toEqual(varna.map((m) => m.name.bg).sort());
    const expected = (await (await fetch(`${server.url}/api/interventions?municipality=${varna.map((m) => m.code).join(',')}&limit=1`)).json()) as { numberMatched: number };
    await page.getByRole('tab', { name: /^Списък/ }).click();
    await expect.poll(() => page.locator('[data-testid="result-count"]').textContent()).toBe(String(expected.numberMatched));
    // The map moved to the province: its centre lies in the box of its municipalities.
    const box = varna.reduce(([w, s, e, n], m) => [Math.min(w, m.bbox[0]), Math.min(s, m.bbox[1]), Math.max(e, m.bbox[2]), Math.max(n, m.bbox[3])], [180, 90, -180, -90]);
    await expect
      .poll(() => {
        const [, lat, lon] = (new URL(page.url()).searchParams.get('map') ?? '0/0/0').split('/').map(Number);
        return lon > box[0] && lon < box[2] && lat > box[1] && lat < box[3];
      })
      .toBe(true);
    await page.screenshot({ path: join(SHOTS, 'national-province-varna.png') });
  });
});

describe.skipIf(!hasChromium)('the editor in a store of several plans', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await staffServer({ DATASET_DIR: PAIR });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('gives a new item the municipality shown, and offers links to the plan of the municipality chosen only', async () => {
    const goals = async (code: string) => ((await (await fetch(`${server.url}/api/plan?municipality=${code}`)).json()).goals as { id: string }[]).map((g) => g.id);
    const [maglizh, kazanlak] = [await goals('SZR22'), await goals('SZR12')];
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1366, height: 900 } });
    await signIn(page.context(), server, 'editor');
    await page.goto(`${server.url}/?page=edit&item=new&municipality=SZR22`);
    const municipality = page.getByLabel('Община (код по ЕКАТТЕ)');
    await expect.poll(() => municipality.inputValue(), { timeout: 30_000 }).toBe('SZR22');
    const offered = () => page.locator('#f-properties-planLinks-pick option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    await expect.poll(offered).toEqual(expect.arrayContaining(maglizh));
    expect((await offered()).filter((id) => kazanlak.includes(id))).toEqual([]);
    await municipality.selectOption('SZR12');
    await expect.poll(offered).toEqual(expect.arrayContaining(kazanlak));
    expect((await offered()).filter((id) => maglizh.includes(id))).toEqual([]);
  });

  it('puts a new goal in the plan shown, and says so', async () => {
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1366, height: 900 } });
    await signIn(page.context(), server, 'editor');
    await page.goto(`${server.url}/?page=plan&item=new&municipality=SZR22`);
    await page.getByText('Новата позиция влиза в ПИРО Мъглиж (тест).').waitFor({ timeout: 30_000 });
    await page.getByLabel('Ниво', { exact: true }).selectOption('goal');
    await page.getByLabel('Код', { exact: true }).fill('MG-G7');
    await page.getByLabel('Заглавие (български)').fill('Нова цел');
    await page.getByLabel('Адрес (URL) 1').fill('https://example.org/plan');
    await page.getByLabel('Какво потвърждава').fill('целта');
    await page.getByRole('button', { name: 'Запиши чернова' }).click();
    await page.getByTestId('state-line').getByText(/^Чернова \(1\)/).waitFor();
    const head = await page.evaluate(async () => (await fetch('/api/plan/items/MG-G7')).json());
    expect(head).toMatchObject({ level: 'goal', id: 'MG-G7', municipality: 'SZR22' });
  }, 120_000);

  it('starts a new item in the municipality chosen on the map, not in the one the page opened on', async () => {
    const { page } = await offlinePage(browser, server.url, { viewport: { width: 1366, height: 900 } });
    await signIn(page.context(), server, 'editor');
    await page.goto(`${server.url}/?municipality=SZR22`);
    await page.getByRole('tab', { name: 'Филтри' }).click();
    const group = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Община$/ }) });
    await group.getByRole('checkbox', { name: 'Община Казанлък' }).check();
    await group.getByRole('checkbox', { name: 'Община Мъглиж' }).uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('municipality')).toBe('SZR12');
    await expect.poll(() => page.locator('h1').textContent()).not.toBe('ПИРО Мъглиж (тест)');
    // Into the editor without a reload: the map page does not ask who is signed in, the sign-in link does.
    await page.getByRole('link', { name: 'Вход за служители' }).click();
    await page.getByRole('link', { name: 'Редактор' }).click();
    await page.getByRole('link', { name: 'Нова интервенция' }).click();
    await expect.poll(() => page.getByLabel('Община (код по ЕКАТТЕ)').inputValue(), { timeout: 30_000 }).toBe('SZR12');
  });
});
