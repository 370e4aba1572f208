// HTTP manners: validators and caching, compression and Accept-Encoding, CORS, read-only methods,
// JSON errors, security headers on every answer, and the web bundle as api/server.ts serves it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { negotiateEncoding } from '../../api/encoding.ts';
import { notFound } from '../../api/errors.ts';
import { contentSecurityPolicy, tileSource } from '../../api/security.ts';
import { serveWeb } from '../../api/static.ts';
import { apiOn, ORIGIN } from '../helpers/api.ts';
import { MINI, tempDir } from '../helpers/fixtures.ts';

const { store, get } = await apiOn(MINI, 'api-http');
afterAll(() => store.close());

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy'];
/** The security headers of an answer, by name. */
const securityOf = (res: Response) => Object.fromEntries(SECURITY.map((h) => [h, res.headers.get(h)]));
const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

describe('HTTP', () => {
  it('sends an ETag and Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const first = await get('/api/interventions?theme=water');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const again = await get('/api/interventions?theme=water', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const other = await get('/api/interventions?theme=health', { headers: { 'If-None-Match': etag } });
    expect(other.status).toBe(200);
  });

  it('does not cache errors', async () => {
    const res = await get('/api/interventions?theme=nope');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('says how long the app took, on every answer', async () => {
    const etag = (await get('/api/plan')).headers.get('etag')!;
    for (const [path, init] of [['/api/plan', {}], ['/ogc/collections', {}], ['/api/nope', {}], ['/api/interventions?theme=nope', {}], ['/api/plan', { headers: { 'If-None-Match': etag } }]] as const) {
      const res = await get(path, init);
      expect(res.headers.get('server-timing'), `${path} ${res.status}`).toMatch(/^app;dur=\d+(\.\d+)?$/);
    }
  });

  it('compresses when asked', async () => {
    const res = await get('/api/export/interventions.geojson', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(await new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))).text());
    expect(body.features).toHaveLength(7);
  });

  it('allows cross-origin reads', async () => {
    const res = await get('/api/interventions', { headers: { Origin: 'https://data.egov.bg' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await get('/api/interventions', { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBeLessThan(300);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s on a read-only path with 405 JSON and changes nothing', async (method) => {
    const res = await get('/api/themes', { method, body: '{}' });
    expect(res.status).toBe(405);
    expect((await res.json()).error.code).toBe('method_not_allowed');
    expect((await store.health()).interventions).toBe(7);
  });

  it.each(['/api/interventions', '/api/nope', '/ogc/collections', '/ogc'])('says which methods %s allows when it refuses one', async (path) => {
    const res = await get(path, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});

describe('Accept-Encoding', () => {
  // The list (not compressed below 1 KiB) and the streamed export go through different code.
  const LIST = '/api/interventions';
  const EXPORT = '/api/export/interventions.geojson';
  const codingOf = async (path: string, acceptEncoding: string) => {
    const res = await get(path, { headers: { 'Accept-Encoding': acceptEncoding } });
    expect(res.status).toBe(200);
    return res.headers.get('content-encoding') ?? 'identity';
  };

  it.each([LIST, EXPORT])('%s: gzip when asked, never when refused with q=0', async (path) => {
    expect(await codingOf(path, 'gzip')).toBe('gzip');
    expect(await codingOf(path, 'gzip;q=0')).toBe('identity');
    expect(await codingOf(path, 'gzip; q=0.0, identity')).toBe('identity');
    expect(await codingOf(path, 'gzip;q=0, *;q=0.5')).not.toBe('gzip');
    // Brotli is offered first, to pages and streamed downloads alike.
    expect(await codingOf(path, '*')).toBe('br');
    expect(await codingOf(path, 'identity')).toBe('identity');
  });

  it.each(['br', 'gzip'])('sends a page in %s as the same bytes it sends plain, and says it varies', async (coding) => {
    const plain = await get(`${LIST}?limit=5`);
    const coded = await get(`${LIST}?limit=5`, { headers: { 'Accept-Encoding': coding } });
    expect(coded.headers.get('content-encoding')).toBe(coding);
    expect(coded.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(coded.headers.get('etag')).toBe(plain.headers.get('etag'));
    const raw = Buffer.from(await coded.arrayBuffer());
    const decoded = coding === 'br' ? brotliDecompressSync(raw) : gunzipSync(raw);
    expect(decoded.toString()).toBe(await plain.text());
  });

  // RFC 9110 §12.1 lets a server either answer 406 or disregard the header when nothing it has is
  // acceptable; we disregard it (a 406 would be sent unencoded all the same), everywhere alike.
  it.each([LIST, EXPORT])('%s: identity when every coding is refused, identity included', async (path) => {
    expect(await codingOf(path, 'identity;q=0, *;q=0')).toBe('identity');
    expect(await codingOf(path, '*;q=0')).toBe('identity');
  });

  it('reads q-values, "*", identity and x-gzip as RFC 9110 does', () => {
    const both = ['br', 'gzip'] as const;
    expect(negotiateEncoding(undefined, both)).toBe('identity');
    expect(negotiateEncoding('', both)).toBe('identity');
    expect(negotiateEncoding('gzip, deflate, br', both)).toBe('br');
    expect(negotiateEncoding('gzip, br;q=0.9', both)).toBe('gzip');
    expect(negotiateEncoding('br;q=0, *', both)).toBe('gzip');
    expect(negotiateEncoding('BR;Q=0.5, GZIP;q=0.4', both)).toBe('br');
    expect(negotiateEncoding('x-gzip', both)).toBe('gzip');
    expect(negotiateEncoding('deflate', both)).toBe('identity');
    expect(negotiateEncoding('gzip;q=0, br;q=0', both)).toBe('identity');
    expect(negotiateEncoding('*;q=0', both)).toBeNull();
    expect(negotiateEncoding('identity;q=0', both)).toBeNull();
    expect(negotiateEncoding('identity;q=0, *;q=0', both)).toBeNull();
    expect(negotiateEncoding('*;q=0, identity', both)).toBe('identity');
  });
});

describe('security headers', () => {
  it.each([
    ['JSON', '/api/health', {}, 200],
    ['GeoJSON', '/api/interventions', {}, 200],
    ['a streamed export', '/api/export/interventions.geojson', { headers: { 'Accept-Encoding': 'gzip' } }, 200],
    ['an OGC HTML page', '/ogc/collections?f=html', {}, 200],
    ['the API docs', '/api/docs', {}, 200],
    ['a bad request', '/api/interventions?theme=nope', {}, 400],
    ['an unknown API path', '/api/nope', {}, 404],
    ['an unknown path', '/nope', {}, 404],
    ['a refused method', '/api/themes', { method: 'POST' }, 405],
    ['a write without a session', '/api/interventions', { method: 'POST' }, 401],
    ['a CORS preflight', '/api/interventions', { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } }, 204],
  ] as const)('are on %s', async (_, path, init, status) => {
    const res = await get(path, init as RequestInit);
    expect(res.status).toBe(status);
    expect(securityOf(res)).toEqual({
      'content-security-policy': expect.stringContaining("script-src 'self'"),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('are on a 304', async () => {
    const etag = (await get('/api/interventions?status=completed')).headers.get('etag')!;
    const res = await get('/api/interventions?status=completed', { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    expect(securityOf(res)['content-security-policy']).toContain("default-src 'self'");
    const any = await get('/api/plan', { headers: { 'If-None-Match': '*' } });
    expect(any.status).toBe(304);
    expect(securityOf(any)['x-content-type-options']).toBe('nosniff');
  });

  it('allow scripts, styles and connections from this server only, with no inline script or eval', async () => {
    const csp = directives((await get('/api/health')).headers.get('content-security-policy')!);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    // MapLibre's worker is a blob: URL; its images come as data: and blob: URLs.
    expect(csp.get('worker-src')).toEqual(['blob:']);
    expect(csp.get('child-src')).toEqual(['blob:']);
    expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
    for (const sources of csp.values()) expect(sources.filter((s) => /unsafe|^\*$|^https?:$/.test(s))).toEqual([]);
  });

  it("allow the OGC pages' one inline style sheet by its hash", async () => {
    const html = await (await get('/ogc/collections/interventions/items?f=html')).text();
    const sheets = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(sheets).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle=/);
    const hash = `'sha256-${createHash('sha256').update(sheets[0]).digest('base64')}'`;
    const csp = directives((await get('/api/health')).headers.get('content-security-policy')!);
    expect(csp.get('style-src')).toEqual(["'self'", hash]);
  });

  it("allow the online basemap's tile host for images and fetches, and nothing when it is off", () => {
    const osm = directives(contentSecurityPolicy({ id: 'osm', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], attribution: '', maxzoom: 19 }));
    expect(osm.get('img-src')).toContain('https://tile.openstreetmap.org');
    expect(osm.get('connect-src')).toEqual(["'self'", 'https://tile.openstreetmap.org']);
    const none = directives(contentSecurityPolicy(null));
    expect(none.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(none.get('connect-src')).toEqual(["'self'"]);
  });

  it.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.example.org/{z}/{x}/{y}.png', 'https://*.tile.example.org'],
    ['HTTP://Tiles.Example.org:8080/{z}/{x}/{y}.png?key=1', 'http://tiles.example.org:8080'],
    ['http://[::1]:8080/{z}/{x}/{y}.png', 'http://[::1]:8080'],
    ['/tiles/{z}/{x}/{y}.png', null],
    ['https://tiles.{region}.example.org/{z}/{x}/{y}.png', null],
    ["https://evil.example; script-src 'unsafe-inline'/{z}.png", null],
    ['https://user:pw@tiles.example.org/{z}.png', null],
    ['javascript:alert(1)', null],
  ])('take the tile source of %s as %s', (template, source) => {
    expect(tileSource(template)).toBe(source);
  });

  it('add Strict-Transport-Security when the public address is https, and only then', async () => {
    expect((await get('/api/health')).headers.get('strict-transport-security')).toBeNull();
    const https = createApp(store, { publicUrl: 'https://piro.example.bg' });
    const res = await https.request(`${ORIGIN}/api/nope`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});

describe('the web bundle', () => {
  // A small stand-in for dist/web: an index, a hashed script big enough to compress, a font.
  const root = tempDir('web');
  mkdirSync(join(root, 'assets'));
  const INDEX = '<!doctype html><title>map</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>';
  const SCRIPT = `console.log(${JSON.stringify('piro-map '.repeat(2000))});`;
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets/index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(root, 'assets/noto-sans-Xy.woff2'), new Uint8Array(2048).fill(7));
  const web = createApp(store, { publicUrl: ORIGIN });
  web.use('/*', serveWeb(root));
  web.notFound(notFound);
  const fetchWeb = (path: string, init?: RequestInit) => web.request(`${ORIGIN}${path}`, init);

  it('serves index.html at / whatever the query, revalidated every time, with the security headers', async () => {
    for (const path of ['/', '/?page=coverage&theme=water', '/index.html']) {
      const res = await fetchWeb(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      expect(await res.text()).toBe(INDEX);
      expect(securityOf(res)['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const etag = (await fetchWeb('/')).headers.get('etag')!;
    const again = await fetchWeb('/?page=coverage', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    expect(securityOf(again)['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets as immutable, brotli or gzip as the client prefers, and each with its own ETag', async () => {
    const path = '/assets/index-Ab12Cd34.js';
    const asked = async (acceptEncoding: string) => {
      const res = await fetchWeb(path, { headers: { 'Accept-Encoding': acceptEncoding } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-length')).toBe(String(body.length));
      return { coding: res.headers.get('content-encoding') ?? 'identity', etag: res.headers.get('etag'), body };
    };
    const br = await asked('gzip, deflate, br');
    expect(br.coding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gz = await asked('br;q=0.5, gzip');
    expect(gz.coding).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await asked('gzip;q=0, br;q=0');
    expect(plain.coding).toBe('identity');
    expect(plain.body.toString()).toBe(SCRIPT);
    expect((await asked('identity;q=0, *;q=0')).coding).toBe('identity');
    expect(new Set([br.etag, gz.etag, plain.etag]).size).toBe(3);
    const revalidated = await fetchWeb(path, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.etag! } });
    expect(revalidated.status).toBe(304);
  });

  it('does not compress what is compressed already', async () => {
    const res = await fetchWeb('/assets/noto-sans-Xy.woff2', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
  });

  it('answers HEAD like GET, without the body', async () => {
    const res = await fetchWeb('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await res.text()).toBe('');
  });

  it('refuses other methods with 405 and Allow, and answers unknown files with the JSON 404', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetchWeb('/', { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect((await res.json()).error.code).toBe('method_not_allowed');
    }
    for (const path of ['/nope.js', '/assets/index-00000000.js', '/assets/', '/assets/../index.html/x', '/..%2findex.html']) {
      const res = await fetchWeb(path);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
      expect(securityOf(res)['x-content-type-options']).toBe('nosniff');
    }
  });
});
