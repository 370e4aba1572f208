// The OpenAPI document validates, and it declares exactly the parameters each endpoint accepts.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../api/app.ts';
import { apiOn } from '../helpers/api.ts';
import { KAZANLAK } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(KAZANLAK, 'api-openapi');
afterAll(() => store.close());

/** The path with its parameters' documented examples (an id and a layer name of this dataset where there are none). */
const example = (path: string, parameters: { name: string; in: string; example?: string }[]) =>
  path.replace(/\{(\w+)\}/g, (_, n: string) => parameters.find((p) => p.in === 'path' && p.name === n)?.example ?? ({ id: 'KZN-001', name: 'municipality' } as Record<string, string>)[n] ?? n);

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = await json('/api/openapi.json');
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
  });

  it('lists every route, and every declared query parameter is accepted by its route', async () => {
    const document = await json('/api/openapi.json');
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(API_ROUTES.map((r) => r.path))].sort());
    for (const [path, item] of Object.entries<any>(document.paths)) {
      // The public reads; the routes that need a session are held to their contract in tests/api/editing.test.ts.
      if (!item.get || item.get.security) continue;
      for (const p of item.get.parameters.filter((p: { in: string }) => p.in === 'query')) {
        // An unknown parameter is a 400 "unknown_parameter"; a declared one must never be.
        const res = await get(`${example(path, item.get.parameters)}?${p.name}=${encodeURIComponent(p.example ?? 'x')}`);
        const body = res.status === 400 ? await res.json() : null;
        expect(body?.error.code, `${path} ${p.name}`).not.toBe('unknown_parameter');
      }
      // …and a parameter it does not declare is refused.
      const res = await get(`${example(path, item.get.parameters)}?undeclared=1`);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe('unknown_parameter');
    }
  }, 120_000); // each coverage route computes geometry for every example: slow on a busy 2-core machine

  it('gives working examples for the documented parameters', async () => {
    const res = await get('/api/interventions?bbox=25.30,42.58,25.45,42.66&theme=water,transport&sort=-budget&limit=100');
    expect(res.status).toBe(200);
  });
});

describe('GET /api/docs', () => {
  it('serves an interactive page whose scripts and styles come from this server', async () => {
    const res = await get('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith('/api/docs/')).toBe(true);
      expect((await get(asset)).status, asset).toBe(200);
    }
  });
});
