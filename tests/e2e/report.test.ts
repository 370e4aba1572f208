// The annual report's page in Chromium: it renders its tables and its map figure under the
// Content-Security-Policy, prints to A4 (page.pdf) and, with print media, no table is wider than
// the printable width of an A4 page. The screenshots and the PDF are left under /tmp to look at.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../geo/calendar.ts';
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/** A4 less the report's print margins (12 mm each side, api/report/style.ts), in CSS pixels at 96 dpi. */
const A4_PRINTABLE_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);
const YEAR = 2024;

describe.skipIf(!hasChromium)('the annual report page', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer({ BASEMAP: 'none' });
    browser = await launchBrowser();
    ({ page } = await offlinePage(browser, server.url, { viewport: { width: 1200, height: 900 } }));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders the tree, the lists and the map figure, styled, with no CSP complaint', async () => {
    const report = await (await fetch(`${server.url}/api/reports/annual/${YEAR}.json`)).json();
    await page.goto(`${server.url}/api/reports/annual/${YEAR}.html`);
    await expect.poll(() => page.locator('[data-testid="tree"] tbody tr').count()).toBeGreaterThan(3);
    // Styled by the sheet the CSP lets in: a fixed table layout.
    expect(await page.locator('[data-testid="tree"]').evaluate((t) => getComputedStyle(t).tableLayout)).toBe('fixed');
    expect(await page.locator('[data-testid="as-of"]').textContent()).toContain('31.12.2024');
    const total = page.locator('[data-testid="tree"] tr.sum td');
    expect(await total.nth(7).textContent()).toBe(String(report.tree.total.count));
    // One mark per located intervention, each with its title for a hover or a screen reader.
    expect(await page.locator('figure.map > svg > g').count()).toBe(report.located.length);
    expect(await page.locator('figure.map ul.legend li').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="started"] tbody tr').count()).toBe(report.started.length);
    await page.screenshot({ path: `/tmp/report-${YEAR}-screen.png`, fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('prints to A4 without a table wider than the page', async () => {
    await page.setViewportSize({ width: A4_PRINTABLE_PX, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${server.url}/api/reports/annual/${YEAR}.html`);
    await page.locator('[data-testid="tree"]').waitFor();
    const overflow = await page.evaluate((limit) => {
      const out: string[] = [];
      for (const table of document.querySelectorAll('table')) {
        const box = table.getBoundingClientRect();
        if (box.right > limit + 0.5 || table.scrollWidth > table.clientWidth + 1) out.push(`${table.dataset.testid}: ${box.right} > ${limit}`);
        for (const cell of table.querySelectorAll('td, th')) if (cell.scrollWidth > cell.clientWidth + 1) out.push(`${table.dataset.testid} cell "${cell.textContent?.slice(0, 40)}": ${cell.scrollWidth} > ${cell.clientWidth}`);
      }
      if (document.documentElement.scrollWidth > limit + 0.5) out.push(`page: ${document.documentElement.scrollWidth} > ${limit}`);
      return out;
    }, A4_PRINTABLE_PX);
    expect(overflow).toEqual([]);
    await page.screenshot({ path: `/tmp/report-${YEAR}-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(`/tmp/report-${YEAR}.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'screen' });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('reports the current year as of today, and in English on request', async () => {
    const year = today().slice(0, 4);
    await page.goto(`${server.url}/api/reports/annual/${year}.html?lang=en`);
    const asOf = await page.locator('[data-testid="as-of"]').textContent();
    expect(asOf).toContain('The year is not over yet');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
