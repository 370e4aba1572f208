// axe-core in a real page: what blocks (serious and critical violations of WCAG 2.0/2.1 A and AA)
// comes back as readable strings for the assertion; what a human should look at (lesser
// violations, checks axe could not decide, e.g. contrast over the map canvas) is printed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING: (ImpactValue | undefined)[] = ['serious', 'critical'];

/** The browser build of axe-core; `context.addInitScript({ path: AXE_PATH })` loads it before the page does. */
export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let source: string | undefined;

export interface AxeOptions {
  /** CSS selectors to check instead of the whole document */
  include?: string[];
  /** CSS selectors to leave out */
  exclude?: string[];
  /** names the page in what is printed */
  label?: string;
}

/** Runs axe on the page as it is now; returns the serious and critical violations, one string each. */
export async function axeViolations(page: Page, { include, exclude, label = page.url() }: AxeOptions = {}): Promise<string[]> {
  // The app's CSP forbids inline scripts, so no addScriptTag; evaluate runs through the DevTools
  // protocol, which the CSP does not govern. Skipped when an init script already loaded axe.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate((source ??= readFileSync(AXE_PATH, 'utf8')));
  const results = await page.evaluate(
    ({ include, exclude, options }) =>
      (window as unknown as { axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> } }).axe.run(include || exclude ? { include: include ?? [], exclude: exclude ?? [] } : document, options),
    { include, exclude, options: { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations', 'incomplete'] } satisfies RunOptions },
  );
  const lesser = results.violations.filter((v) => !BLOCKING.includes(v.impact));
  const undecided = results.incomplete.filter((v) => BLOCKING.includes(v.impact));
  if (lesser.length) console.log(`axe, ${label}: violations below serious, to look at\n${lesser.map(describe).join('\n')}`);
  if (undecided.length) console.log(`axe, ${label}: serious checks axe could not decide, to look at\n${undecided.map(describe).join('\n')}`);
  return results.violations.filter((v) => BLOCKING.includes(v.impact)).map(describe);
}

function describe(r: Result): string {
  const targets = r.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join('; ').trim()})` : ''}`);
  if (r.nodes.length > 8) targets.push(`    … and ${r.nodes.length - 8} more`);
  return `  ${r.id} [${r.impact}] ${r.help} (${r.helpUrl})\n${targets.join('\n')}`;
}
