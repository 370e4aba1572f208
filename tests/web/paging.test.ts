// The web app pages through the API's list instead of taking the first 1000 items, and says when it
// stops short of everything that matches.
import { describe, expect, it } from 'vitest';
import { loadPages, type PageLike } from '../../web/app/paging.ts';
import { truncationNote } from '../../web/list/truncation.ts';

/** A fake API over `n` items that pages like ours: absolute `next` links built from the request URL. */
function fakeApi(n: number, origin = 'http://localhost:8787') {
  const asked: string[] = [];
  const get = async (path: string): Promise<PageLike<number>> => {
    asked.push(path);
    const url = new URL(path, origin);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1000);
    const features = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i);
    const links = [{ rel: 'self', href: url.toString() }];
    if (offset + limit < n) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + limit));
      next.searchParams.set('limit', String(limit));
      links.push({ rel: 'next', href: next.toString() });
    }
    return { numberMatched: n, features, links };
  };
  return { get, asked };
}

describe('loading every page', () => {
  it('follows next links until every match is loaded, in order', async () => {
    const api = fakeApi(2345);
    const loaded = await loadPages('/api/interventions?theme=water&limit=1000', api.get);
    expect(loaded).toMatchObject({ numberMatched: 2345, complete: true });
    expect(loaded.features).toEqual(Array.from({ length: 2345 }, (_, i) => i));
    expect(api.asked).toEqual([
      '/api/interventions?theme=water&limit=1000',
      '/api/interventions?theme=water&limit=1000&offset=1000',
      '/api/interventions?theme=water&limit=1000&offset=2000',
    ]);
  });

  it('asks its own origin, whatever host the server wrote into the link', async () => {
    const api = fakeApi(30, 'http://internal-host:8787');
    await loadPages('/api/interventions?limit=10', api.get);
    expect(api.asked.every((u) => u.startsWith('/api/interventions?'))).toBe(true);
    expect(api.asked).toHaveLength(3);
  });

  it('stops at the ceiling and says it did not load everything', async () => {
    const api = fakeApi(12_345);
    const loaded = await loadPages('/api/interventions?limit=1000', api.get, 10_000);
    expect(loaded).toMatchObject({ numberMatched: 12_345, complete: false });
    expect(loaded.features).toHaveLength(10_000);
    expect(api.asked).toHaveLength(10);
  });

  it('keeps no more than the ceiling when it is not a whole number of pages', async () => {
    const loaded = await loadPages('/api/interventions?limit=20', fakeApi(100).get, 50);
    expect(loaded.features).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(loaded.complete).toBe(false);
  });

  it('is complete with one page and with none', async () => {
    expect(await loadPages('/api/interventions?limit=1000', fakeApi(86).get)).toMatchObject({ numberMatched: 86, complete: true });
    expect(await loadPages('/api/interventions?limit=1000', fakeApi(0).get)).toEqual({ numberMatched: 0, features: [], complete: true });
  });

  it('does not loop on an empty page, and a server that stops early is reported as incomplete', async () => {
    let calls = 0;
    const loaded = await loadPages<number>('/api/interventions', async () => {
      calls++;
      return calls === 1
        ? { numberMatched: 5, features: [1, 2], links: [{ rel: 'next', href: '/api/interventions?offset=2' }] }
        : { numberMatched: 5, features: [], links: [{ rel: 'next', href: '/api/interventions?offset=2' }] };
    });
    expect(calls).toBe(2);
    expect(loaded).toEqual({ numberMatched: 5, features: [1, 2], complete: false });
  });
});

describe('the list note when not everything is loaded', () => {
  // Bulgarian groups thousands with a no-break space.
  const note = (...args: Parameters<typeof truncationNote>) => truncationNote(...args)?.replace(/\u00a0/g, ' ') ?? null;

  it('says nothing when every match is shown', () => {
    expect(truncationNote('bg', 86, 86, false)).toBeNull();
    expect(truncationNote('en', 0, 0, true)).toBeNull();
  });

  it('says "N of M" and what helps, in both languages', () => {
    expect(note('bg', 10_000, 12_345, true)).toBe('Показани са 10 000 от 12 345. Стеснете филтрите или приближете картата.');
    expect(note('en', 10_000, 12_345, true)).toBe('Showing 10,000 of 12,345. Narrow the filters or zoom in.');
  });

  it('says to follow the map view when zooming alone would not help', () => {
    expect(note('bg', 10_000, 12_345, false)).toMatch(/^Показани са 10 000 от 12 345\. .*„Само в обхвата на картата“/);
    expect(note('en', 10_000, 12_345, false)).toMatch(/^Showing 10,000 of 12,345\. .*“Only in the map view”/);
  });
});
