import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { Store } from '../../data/store.ts';
import { collect, seededStore, MINI } from '../helpers/fixtures.ts';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = (await seededStore(MINI, 'api-health')).store;
  app = createApp(store);
});
afterAll(() => store.close());

describe('GET /api/health', () => {
  it('answers 200 JSON with the counts of interventions, zones and settlements', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ status: 'ok', interventions: 7, located: 5, zones: 2, settlements: 3 });
  });

  it('answers an unknown path with a 404 JSON error', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no resource at /api/nothing-here', details: null } });
  });
});
