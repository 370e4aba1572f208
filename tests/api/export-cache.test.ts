// The whole GeoJSON export kept as a file per store revision (api/export-cache.ts): the first
// download streams from the store while the file is made, later ones come from the file with their
// length, in gzip when asked, equal to the streamed bytes but for the time they were generated; a
// publication makes the file stale at once; filtered exports and views of the past are never kept.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI, tempDir } from '../helpers/fixtures.ts';
import { editingOn } from '../helpers/editing.ts';

const dir = join(tempDir('export-cache'), 'exports');
const t = await editingOn(MINI, 'export-cache', { exportCache: dir });
afterAll(() => t.store.close());

const WHOLE = '/api/export/interventions.geojson';
const cache = () => readdirSync(dir).filter((n) => !n.startsWith('.'));
const settled = async () => {
  // The file is made in the background; wait until it is in place.
  for (let i = 0; i < 200 && cache().length < 2; i++) await new Promise((r) => setTimeout(r, 10));
};
const withoutTime = (text: string) => text.replace(/"generated":"[^"]+"/, '"generated":"…"');

describe('the kept export', () => {
  it('streams the first download, then sends the same bytes from a file, plain and gzipped', async () => {
    const first = await t.get(WHOLE);
    expect(first.headers.get('content-length')).toBeNull(); // streamed from the store
    const streamed = await first.text();
    await settled();
    expect(cache()).toEqual(expect.arrayContaining([expect.stringMatching(/^interventions-[0-9a-f]{16}-\d+\.geojson$/), expect.stringMatching(/\.geojson\.gz$/)]));

    const plain = await t.get(WHOLE);
    expect(plain.headers.get('content-length')).toBe(String(Buffer.byteLength(await plain.clone().text())));
    expect(plain.headers.get('content-disposition')).toMatch(/^attachment; filename="interventions-\d{4}-\d\d-\d\d\.geojson"$/);
    expect(plain.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(withoutTime(await plain.text())).toBe(withoutTime(streamed));

    const zipped = await t.get(WHOLE, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const zippedBytes = Buffer.from(await zipped.arrayBuffer());
    expect(zipped.headers.get('content-length')).toBe(String(zippedBytes.length));
    expect(withoutTime(gunzipSync(zippedBytes).toString())).toBe(withoutTime(streamed));
    // A client that takes only brotli: a small file is compressed like any answer (a large one is
    // sent as it is, never read whole into memory: api/compress.ts).
    const br = await t.get(WHOLE, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    // The plain file's length must not stay on the compressed answer (a client would wait for the rest).
    expect(br.headers.get('content-length') ?? String(brBytes.length)).toBe(String(brBytes.length));
    expect(withoutTime(brotliDecompressSync(brBytes).toString())).toBe(withoutTime(streamed));
  });

  it('keeps no filtered export and no view of the past', async () => {
    for (const path of [`${WHOLE}?theme=water`, `${WHOLE}?sort=budget`, `${WHOLE}?crs=EPSG:4326`, `${WHOLE}?asOf=2026-01-01`]) {
      const res = await t.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-length'), path).toBeNull();
    }
  });

  it('sends nothing stale after a publication, and keeps only the newest file', async () => {
    const path = '/api/interventions/TST-004';
    const draft = await t.send('editor', 'PATCH', path, { body: { properties: { statusText: 'kept-export check' } }, ifMatch: (await t.head(path)).etag });
    expect(draft.status).toBe(200);
    const published = await t.send('publisher', 'POST', `${path}/publish`, { ifMatch: (await draft.json()).etag });
    expect(published.status).toBe(200);
    const after = await t.get(WHOLE);
    expect(after.headers.get('content-length')).toBeNull();
    expect(await after.text()).toContain('kept-export check');
    const before = cache();
    for (let i = 0; i < 200 && cache().join() === before.join(); i++) await new Promise((r) => setTimeout(r, 10));
    await settled();
    expect(cache()).toHaveLength(2);
    expect(await (await t.get(WHOLE)).text()).toContain('kept-export check');
  });

  it('streams from the store, never fails, where the file cannot be made', async () => {
    // A directory that cannot be made: its parent is a file.
    const file = join(tempDir('export-cache-broken'), 'a-file');
    writeFileSync(file, '');
    const broken = await editingOn(MINI, 'export-cache-broken', { exportCache: join(file, 'exports') });
    for (let i = 0; i < 3; i++) {
      const res = await broken.get(WHOLE);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBeNull();
      expect((await res.json()).features).toHaveLength(7);
      await new Promise((r) => setTimeout(r, 50));
    }
    broken.store.close();
  });
});
