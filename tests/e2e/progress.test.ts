// Progress entries end to end, in headless Chromium against the real server and its SQLite file:
// an editor adds a dated entry (completed, 100 %, an amount paid in leva, a source) in the form's
// "Напредък" section and saves a draft; the publisher reads the new entry in the review, not a JSON
// blob, and publishes; the public detail then says "Завършен" and draws the entry on its timeline
// with its source, and the list's badge follows. Screenshots of both screens go to /tmp.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../geo/calendar.ts';
import { axeViolations } from '../helpers/axe.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, staffServer } from '../helpers/staff.ts';

const SOURCE = 'https://example.org/kazanlak/priemane-na-obekta';

describe.skipIf(!hasChromium)('progress entries, from the editor to the public timeline', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await staffServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function open(viewport = { width: 1366, height: 850 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    return page;
  }

  it('an entry added in the editor, reviewed and published, is the item’s status and a mark on its timeline', async () => {
    const listed = (await (await fetch(`${server.url}/api/interventions?limit=1000`)).json()).features as { id: string; geometry: unknown; properties: { status: string; progress: unknown[] } }[];
    // One the list shows on its first page, not completed yet.
    const item = listed.slice(0, 10).find((f) => f.geometry && f.properties.status !== 'completed')!;
    const entriesBefore = item.properties.progress.length;
    const day = today();

    const editor = await open();
    await signIn(editor.context(), server, 'editor');
    await editor.goto(`${server.url}/?page=edit&item=${item.id}`);
    await editor.locator('#progress-add').waitFor();
    // The status is the latest entry's, shown, not chosen.
    expect(await editor.locator('#f-properties-status').getAttribute('readonly')).not.toBeNull();
    await editor.getByRole('button', { name: 'Добави запис' }).click();
    const entry = editor.locator('.progress-form');
    await entry.waitFor();
    // The new entry's date field has the focus; "today" fills it.
    await expect.poll(() => editor.evaluate(() => document.activeElement?.id)).toBe(`f-properties-progress-${entriesBefore}-date`);
    await entry.getByRole('button', { name: 'Датата: днес' }).click();
    expect(await entry.getByLabel('Дата на записа').inputValue()).toBe(day);
    await entry.getByLabel('Статус към датата').selectOption('completed');
    await entry.getByLabel('Изпълнение в %').fill('100');
    const paid = entry.locator('fieldset.money', { hasText: 'Изплатена сума' });
    await paid.getByLabel('Сума, както е публикувана').fill('1955830');
    await paid.getByLabel('Валута').selectOption('BGN');
    // The euro figure is computed, never typed.
    await expect.poll(() => paid.locator('output').textContent()).toMatch(/^1\s000\s000 €$/);
    await entry.getByLabel('Бележка').fill('Обектът е приет с протокол.');
    await entry.getByLabel('Адрес (URL) 1').fill(SOURCE);
    await entry.getByLabel('Какво потвърждава').fill('протокол за приемане на обекта');
    // The record's status follows the new, latest entry at once.
    await expect.poll(() => editor.locator('#f-properties-status').inputValue()).toContain('Завършен');
    await expect.poll(() => editor.locator('#f-properties-statusText').inputValue()).toBe('Обектът е приет с протокол.');
    await editor.locator('.progress-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await editor.screenshot({ path: '/tmp/progress-editor-1366.png' });
    await entry.locator('fieldset.money').first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await editor.screenshot({ path: '/tmp/progress-editor-form-1366.png' });
    expect(await axeViolations(editor, { include: ['.record-form'], label: 'progress entry form' })).toEqual([]);
    await entry.getByRole('button', { name: 'Готово' }).click();
    // Back on the entry's own button, for a keyboard user.
    await expect.poll(() => editor.evaluate(() => document.activeElement?.id)).toBe(`progress-edit-${entriesBefore}`);
    await expect.poll(() => editor.locator('.progress-entries > li').count()).toBe(entriesBefore + 1);
    await editor.getByLabel('Причина за промяната').fill('обектът е завършен');
    await editor.getByRole('button', { name: 'Запиши чернова' }).click();
    await editor.getByTestId('outcome').getByText('Записано като ревизия 2').waitFor();

    // On a phone, the section stays within the screen.
    const phone = await open({ width: 390, height: 844 });
    await signIn(phone.context(), server, 'editor');
    await phone.goto(`${server.url}/?page=edit&item=${item.id}`);
    await phone.locator('#progress-add').waitFor();
    await phone.locator(`#progress-edit-${entriesBefore}`).click();
    await phone.locator('.progress-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await phone.screenshot({ path: '/tmp/progress-editor-390.png' });
    expect((await phone.locator('.progress-section').boundingBox())!.width).toBeLessThanOrEqual(390);

    // The public still sees the old status; the publisher reads the new entry in words.
    expect((await (await fetch(`${server.url}/api/interventions/${item.id}`)).json()).properties.status).toBe(item.properties.status);
    const publisher = await open();
    await signIn(publisher.context(), server, 'publisher');
    await publisher.goto(`${server.url}/?page=review`);
    const review = publisher.locator(`.review-item[data-item="${item.id}"]`);
    await review.waitFor();
    const added = review.locator('tr[data-path="properties.progress"] td.now');
    await expect.poll(() => added.textContent()).toContain(`+ ${day} Завършен, 100 %`);
    expect(await added.textContent()).toContain(SOURCE);
    expect(await added.textContent()).not.toContain('{');
    await expect.poll(() => review.locator('tr[data-path="properties.status"] td.now').textContent()).toBe('Завършен');
    await review.getByRole('button', { name: `Публикувай ${item.id}` }).click();
    await publisher.getByText('Няма чернови за преглед.').waitFor();

    // The public detail: the status, and the timeline with the new entry and its source.
    const citizen = await open();
    await citizen.goto(`${server.url}/?sel=${item.id}`);
    const detail = citizen.locator('.detail');
    await detail.locator('h2').waitFor();
    await expect.poll(() => detail.locator('.item-meta .badge.status').textContent()).toContain('Завършен');
    const timeline = detail.getByTestId('timeline');
    await expect.poll(() => timeline.locator('svg.timeline-chart g[data-status]').count()).toBe(entriesBefore + 1);
    expect(await timeline.locator('svg.timeline-chart g[data-status]').last().getAttribute('data-status')).toBe('completed');
    expect(await timeline.locator('svg.timeline-chart').getAttribute('aria-label')).toContain('Завършен');
    const last = timeline.locator('.timeline-entries > li').last();
    expect(await last.locator('time').getAttribute('datetime')).toBe(day);
    expect(await last.textContent()).toContain('Изпълнение: 100 %');
    expect(await last.textContent()).toMatch(/Изплатено: 1\s000\s000\s€ \(1\s955\s830\sлв\. както е публикувано\)/);
    expect(await last.getByRole('link', { name: 'example.org' }).getAttribute('href')).toBe(SOURCE);
    await timeline.scrollIntoViewIfNeeded();
    await timeline.screenshot({ path: '/tmp/progress-timeline-1366.png' });
    expect(await axeViolations(citizen, { include: ['.detail'], label: 'detail with a timeline' })).toEqual([]);
    // The list's badge changed with it.
    await detail.getByRole('button', { name: 'Към списъка' }).click();
    await expect.poll(() => citizen.locator(`.items .item[data-id="${item.id}"] .badge.status`).textContent()).toContain('Завършен');

    const narrow = await open({ width: 390, height: 844 });
    await narrow.goto(`${server.url}/?sel=${item.id}`);
    await narrow.locator('.detail [data-testid="timeline"]').waitFor();
    await narrow.locator('.detail [data-testid="timeline"]').scrollIntoViewIfNeeded();
    await narrow.screenshot({ path: '/tmp/progress-timeline-390.png' });
    expect((await narrow.locator('.detail [data-testid="timeline"] svg.timeline-chart').boundingBox())!.width).toBeLessThanOrEqual(390);

    // In English too: the words, the dates to their precision, the amounts.
    await narrow.goto(`${server.url}/?sel=${item.id}&lang=en`);
    const english = narrow.locator('.detail [data-testid="timeline"]');
    await english.waitFor();
    await expect.poll(() => english.textContent()).toContain('Progress entries, oldest first');
    expect(await english.locator('.timeline-entries > li').last().textContent()).toMatch(/Paid: €1,000,000 \(BGN\s?1,955,830 as published\)/);
    await english.screenshot({ path: '/tmp/progress-timeline-en-390.png' });
  }, 180_000);
});
