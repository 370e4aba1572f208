// HTTP manners: validators and caching, compression, CORS, read-only methods, JSON errors.
import { afterAll, describe, expect, it } from 'vitest';
import { apiOn } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';

const { store, get } = await apiOn(MINI, 'api-http');
afterAll(() => store.close());

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

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405 JSON and changes nothing', async (method) => {
    const res = await get('/api/interventions', { method, body: '{}' });
    expect(res.status).toBe(405);
    expect((await res.json()).error.code).toBe('method_not_allowed');
    expect((await store.health()).interventions).toBe(7);
  });
});
