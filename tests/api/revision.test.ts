// A change in the store is visible on the next request: the revision moves, so ETags change and
// everything the API derived from the data (known ids, labels, extents, the plan) is read again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reseed } from '../../data/seed.ts';
import { apiOn } from '../helpers/api.ts';
import { copyDataset, MINI } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(MINI, 'revision');
afterAll(() => store.close());

/** A copy of the mini dataset with one title changed and a zone added. */
function changedDataset(): string {
  const dir = copyDataset(MINI, 'changed');
  const edit = (file: string, change: (json: any) => void) => {
    const path = join(dir, file);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    change(data);
    writeFileSync(path, JSON.stringify(data));
  };
  edit('interventions.geojson', (d) => (d.features[0].properties.title.en = 'Changed title'));
  edit('zones.geojson', (d) => d.features.push({ ...structuredClone(d.features[0]), id: 'TEST-Z9', properties: { ...d.features[0].properties, id: 'TEST-Z9' } }));
  return dir;
}

describe('after a change in the store', () => {
  it('answers with new ETags and new content, and refreshes what it derived', async () => {
    const urls = ['/api/interventions', '/api/interventions/TST-001', '/api/zones', '/api/facets', '/ogc/collections/zones'];
    const before = new Map<string, string>();
    for (const url of urls) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      before.set(url, res.headers.get('etag')!);
      // Held and unchanged: 304 before any work.
      expect((await get(url, { headers: { 'If-None-Match': before.get(url)! } })).status, url).toBe(304);
    }
    expect((await get('/api/interventions?zone=TEST-Z9')).status).toBe(400);
    const revision = (await json('/api/health')).revision;

    await reseed(store, changedDataset());

    expect((await json('/api/health')).revision).toBe(revision + 1);
    for (const url of urls) {
      const res = await get(url, { headers: { 'If-None-Match': before.get(url)! } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('etag'), url).not.toBe(before.get(url));
    }
    expect((await json('/api/interventions/TST-001')).properties.title.en).toBe('Changed title');
    // Known ids, facet labels and OGC collections come from the new revision.
    expect((await get('/api/interventions?zone=TEST-Z9')).status).toBe(200);
    expect((await json('/api/facets')).facets.zone.map((v: { value: string }) => v.value)).toContain('TEST-Z9');
    expect((await json('/api/zones')).features.map((f: { id: string }) => f.id)).toContain('TEST-Z9');
    expect((await get('/ogc/collections/zones/items/TEST-Z9')).status).toBe(200);
  });
});
