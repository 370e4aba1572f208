// `npm start` end to end: the real server seeds its database, answers the API and serves the
// web app (which tests/e2e/map.test.ts drives in Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAZANLAK } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

describe('the running server', () => {
  it('answers /api/health with the counts of the dataset it was seeded from', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const read = (file: string) => JSON.parse(readFileSync(join(KAZANLAK, file), 'utf8')).features.length;
    expect(await res.json()).toMatchObject({
      status: 'ok',
      interventions: read('interventions.geojson'),
      settlements: read('settlements.geojson'),
      revision: 1,
      changedSinceSeed: false,
    });
  });

  it('serves the web app at /', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('answers an unknown API path with JSON, never HTML', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
