// Headless Debian Chromium driven by playwright-core; every request that does not go to the test
// server is aborted, so a page that needs the internet fails here as it would offline.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page that may only talk to `origin`; what it tried to reach elsewhere is collected in `blocked`. */
export async function offlinePage(browser: Browser, origin: string, options: Parameters<Browser['newPage']>[0] = {}) {
  const page: Page = await browser.newPage(options);
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return { page, blocked };
}
