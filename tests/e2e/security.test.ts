// The Content-Security-Policy in a real browser: the map (MapLibre's blob: worker, its canvas, the
// bundled fonts, React's styles), the API docs (Swagger UI) and the OGC pages all work under it
// with not one violation reported. And the built bundle as the real server sends it: hashed assets
// immutable and brotli-compressed when asked, index.html revalidated.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

describe.skipIf(!hasChromium)('pages under the Content-Security-Policy', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /**
   * `path` opened with nothing but the server reachable; every violation the page reports (the
   * securitypolicyviolation event, and the browser's "Refused to …" console messages) is collected.
   */
  async function open(path: string): Promise<{ page: Page; csp: string; violations: () => Promise<string[]> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (/^(data|blob):/.test(route.request().url()) || route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
    });
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status()).toBe(200);
    const csp = (await res!.allHeaders())['content-security-policy'];
    return {
      page,
      csp,
      violations: async () => [...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)), ...refused],
    };
  }

  it('the map loads, runs its worker and draws its markers', async () => {
    const { page, csp, violations } = await open('/');
    expect(csp).toContain('worker-src blob:');
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    // Cluster markers come out of the GeoJSON source, which MapLibre's blob: worker clusters.
    await page.locator('.cluster-count').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="result-count"]').textContent()).toBe('86');
    // Text set in the bundled font, loaded from /assets under default-src 'self'.
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans"', 'Казанлък'))).toBe(true);
    expect(await violations()).toEqual([]);
  });

  it('the coverage view draws its map and table', async () => {
    const { page, violations } = await open('/?page=coverage');
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('table tbody tr').first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it('Swagger UI renders the API document', async () => {
    const { page, csp, violations } = await open('/api/docs');
    expect(csp).toContain("script-src 'self'");
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    // Its stylesheet applied: an operation block is laid out as a bordered box.
    expect(await page.locator('.swagger-ui .opblock').first().evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
    expect(await violations()).toEqual([]);
  });

  it("an OGC page keeps its inline style sheet, allowed by hash, and its SVG map's colours", async () => {
    const { page, violations } = await open('/ogc/collections/interventions/items?f=html');
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
    expect(await page.locator('svg circle.f').first().evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(201, 42, 42)');
    expect(await violations()).toEqual([]);
  });
});

describe('the built web bundle', () => {
  const index = async () => {
    const res = await fetch(server.url);
    return { res, html: await res.text() };
  };

  it('index.html is revalidated on every use', async () => {
    const { res, html } = await index();
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    const again = await fetch(`${server.url}/?page=coverage`, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(html).toContain('<div id="root">');
  });

  it('a hashed asset is immutable, and brotli-compressed when the client asks for it', async () => {
    const { html } = await index();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    // fetch decodes the body itself; the headers say what was sent.
    const br = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const plain = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(br.headers.get('content-length'))).toBeLessThan(Number(plain.headers.get('content-length')) / 2);
    expect(await br.text()).toBe(await plain.text());
  });
});
