// Every page of the public app through axe-core (WCAG 2.0 and 2.1, A and AA) in Chromium against
// the real server, on a laptop and on a phone: a serious or critical violation fails the test.
// A page is one line in PAGES; `{intervention}` in a path becomes the id of a published item.
import type { Browser } from 'playwright-core';
import type { Role } from '../../geo/editing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';
import { BENCH, post, QUESTION } from '../helpers/contributions.ts';
import { ORIGIN } from '../helpers/api.ts';

interface A11yPage {
  name: string;
  path: string;
  /** present once the page shows its data */
  ready: string;
  /** signed in with this role (the planners' pages) */
  role?: Role;
}

const MAP_READY = '.map[data-ready="true"] canvas';
const LIST = '.items .item';
const TABLE = '[data-testid="coverage-table"] tbody tr[data-key]';

const PAGES: A11yPage[] = [
  { name: 'map', path: '/', ready: LIST },
  { name: 'map, item open', path: '/?sel={intervention}', ready: '.detail h2' },
  { name: 'map, English', path: '/?lang=en', ready: LIST },
  { name: 'map, citizens’ contributions', path: '/?voices=1', ready: '#tab-button-voices' },
  { name: 'a contribution’s private page', path: '/?page=contribution&item={contribution}#key={key}', ready: '[data-testid="own-state"]' },
  { name: 'coverage', path: '/?page=coverage', ready: TABLE },
  { name: 'coverage, gaps', path: '/?page=coverage&gap=', ready: '[data-testid="access"]' },
  { name: 'coverage, English', path: '/?page=coverage&lang=en', ready: TABLE },
  { name: 'sign-in', path: '/?page=signin', ready: '#signin-email' },
  { name: 'editor page refused', path: '/?page=review', ready: '.notice' },
  { name: 'editor home', path: '/?page=editor', ready: '.editor-list li', role: 'editor' },
  { name: 'edit an intervention', path: '/?page=edit&item={intervention}', ready: '.draw-map[data-ready="true"] canvas', role: 'editor' },
  { name: 'edit an intervention, English', path: '/?page=edit&item={intervention}&lang=en', ready: '.draw-map[data-ready="true"] canvas', role: 'editor' },
  { name: 'new intervention', path: '/?page=edit&item=new', ready: '#f-properties-id', role: 'editor' },
  { name: 'edit a plan item', path: '/?page=plan&item={planItem}', ready: '#f-code', role: 'editor' },
  { name: 'edit a zone', path: '/?page=zone&item={zone}', ready: '.draw-map[data-ready="true"] canvas', role: 'editor' },
  { name: 'review with a draft', path: '/?page=review', ready: '.compare-map[data-ready="true"] canvas', role: 'publisher' },
  { name: 'history', path: '/?page=history&kind=intervention&item={intervention}', ready: 'li[data-revision]', role: 'publisher' },
  { name: 'import, upload', path: '/?page=import', ready: '#import-file', role: 'editor' },
  { name: 'moderation', path: '/?page=moderation', ready: 'li.contribution', role: 'moderator' },
  { name: 'moderation, answers', path: '/?page=moderation', ready: 'li.contribution', role: 'publisher' },
  { name: 'import, preview shown', path: '/?page=import&item={import}', ready: '.import-map[data-ready="true"] canvas', role: 'editor' },
  { name: 'import, preview shown, English', path: '/?page=import&item={import}&lang=en', ready: '.import-map[data-ready="true"] canvas', role: 'editor' },
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
    server = await staffServer();
    browser = await launchBrowser();
    const items = await (await fetch(`${server.url}/api/interventions?limit=1000`)).json();
    const point = items.features.find((f: { geometry: { type: string } | null }) => f.geometry?.type === 'Point');
    tokens.intervention = point.id;
    tokens.planItem = (await (await fetch(`${server.url}/api/plan`)).json()).goals[0].id;
    tokens.zone = (await (await fetch(`${server.url}/api/zones`)).json()).features[0].id;
    // A draft to review: the item's English title and its point, changed by an editor.
    const context = await browser.newContext();
    await signIn(context, server, 'editor');
    const head = await context.request.get(`${server.url}/api/interventions/${tokens.intervention}`);
    const changed = await context.request.patch(`${server.url}/api/interventions/${tokens.intervention}`, {
      data: { geometry: { type: 'Point', coordinates: [point.geometry.coordinates[0] + 0.0005, point.geometry.coordinates[1]] }, properties: { title: { en: 'A draft for the review page' } } },
      headers: { Origin: server.url, 'If-Match': head.headers().etag, 'Content-Type': 'application/merge-patch+json' },
    });
    if (changed.status() !== 200) throw new Error(`draft: ${changed.status()} ${await changed.text()}`);
    // An upload to preview on the import page, the editor's own: rows to create and a refused one.
    const csv = [
      'Наименование;Тема;Статус;Статус към;Статус (текст);Място;Точност;Основание;Финансиране;Източник;Вид;lon;lat',
      'Нов парк „Изток“;Обществени пространства и паркове;Идея;2026;предложение;кв. Изток;site;по скица;municipal-budget;https://example.org/park;project;25.40;42.62',
      'Ремонт на читалище;Няма такава тема;Идея;2026;x;ул. „Искра“;site;по адрес;municipal-budget;https://example.org/ch;project;25.39;42.63',
    ].join('\n');
    const uploaded = await context.request.post(`${server.url}/api/imports`, {
      multipart: { file: { name: 'списък.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }, into: 'interventions' },
      headers: { Origin: server.url },
    });
    if (uploaded.status() !== 201) throw new Error(`import: ${uploaded.status()} ${await uploaded.text()}`);
    tokens.import = (await uploaded.json()).id;
    await context.close();
    // Two citizens' contributions: one waiting for a moderator, one published for the layer and the answers.
    const send = (path: string, init?: RequestInit) => fetch(path.replace(ORIGIN, server.url), init);
    const waiting = await (await post(send, { ...BENCH, contact: 'a11y@example.org' }, { Origin: server.url })).json();
    [tokens.contribution, tokens.key] = [String(waiting.id), waiting.key];
    const published = await (await post(send, QUESTION, { Origin: server.url })).json();
    const moderator = await browser.newContext();
    await signIn(moderator, server, 'moderator');
    await moderator.request.post(`${server.url}/api/contributions/${published.id}/approve`, { headers: { Origin: server.url } });
    await moderator.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe.each(VIEWPORTS)('$name', ({ name: device, ...options }) => {
    it.each(PAGES)('$name', async ({ name, path, ready, role }) => {
      const { page } = await offlinePage(browser, server.url, options);
      try {
        if (role) await signIn(page.context(), server, role);
        await page.goto(server.url + path.replace(/\{(\w+)\}/g, (_, key: string) => tokens[key]));
        if (!path.includes('page=') || path.includes('page=coverage')) await page.locator(MAP_READY).waitFor({ timeout: 30_000 });
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
