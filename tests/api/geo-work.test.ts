// The coverage geometry on real worker threads: the same answers as in the thread, other clients
// served while it computes, a full queue refused with Retry-After, a computation past the time
// limit stopped without losing the pool, inputs past the size limit refused before any work, and
// one computation per question and store revision. "Still computing" is held by a test worker
// (tests/helpers/gated-geo-worker.ts) until the test releases it: these tests check order, never time.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createGeoPool, geoWorkLimits, type GeoPool } from '../../api/geo-work/index.ts';
import { defaultWorkers } from '../../api/geo-work/limits.ts';
import { ORIGIN } from '../helpers/api.ts';
import { KAZANLAK, seededStore } from '../helpers/fixtures.ts';
import { startServer } from '../helpers/server.ts';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await store.close();
});

// Loading Turf in a worker takes a moment: the real server and the pools start loading at once.
const realServer = startServer({ GEO_WORKERS: '1' });
realServer.catch(() => {}); // reported by the test that awaits it
cleanup.push(() => realServer.then((server) => server.stop(), () => {}));
const pool = createGeoPool(geoWorkLimits({ GEO_WORKERS: '1' }));
pool.warm();
cleanup.push(() => pool.close());
// one worker, one place in the queue, and no time limit that a slow machine could reach
const held = gatedPool({ GEO_WORKERS: '1', GEO_QUEUE: '1', GEO_TIMEOUT_MS: '120000' });
// a time limit of one second, which the held coverage work never meets
const timed = gatedPool({ GEO_WORKERS: '1', GEO_QUEUE: '1', GEO_TIMEOUT_MS: '1000' });

const { store } = await seededStore(KAZANLAK, 'geo-work');
const direct = createApp(store, { publicUrl: ORIGIN });
const pooled = createApp(store, { publicUrl: ORIGIN, work: pool });

/** Waits for a state the test cannot be told about directly (a worker started, a task queued). */
async function until(what: string, ok: () => boolean) {
  for (let i = 0; i < 1500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`gave up waiting until ${what}`);
}

/** A pool of the gated test worker: its coverage work waits for `permit()`. */
function gatedPool(env: Record<string, string>) {
  const started = new SharedArrayBuffer(4);
  const permits = new SharedArrayBuffer(4);
  const work = createGeoPool(geoWorkLimits(env), { worker: new URL('../helpers/gated-geo-worker.ts', import.meta.url), workerData: { started, permits } });
  work.warm();
  cleanup.push(() => work.close());
  return {
    work,
    started: () => Atomics.load(new Int32Array(started), 0),
    permit(n = 1) {
      Atomics.add(new Int32Array(permits), 0, n);
      Atomics.notify(new Int32Array(permits), 0);
    },
  };
}

/** The app on a real HTTP server in this process, on a free port. */
async function listen(work: GeoPool): Promise<string> {
  const app = createApp(store, { publicUrl: ORIGIN, work });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0 }, () => resolve(s));
  });
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

const withoutTime = (body: { generated?: string }) => ({ ...body, generated: undefined });

describe('the limits', () => {
  it('come from the environment, with defaults, and a bad value names its variable', () => {
    expect(geoWorkLimits({})).toEqual({ workers: defaultWorkers(), queue: 16, timeoutMs: 20_000, maxVertices: 1000 });
    expect(geoWorkLimits({ GEO_WORKERS: '3', GEO_QUEUE: '0', GEO_TIMEOUT_MS: '500', GEO_MAX_VERTICES: '50' })).toEqual({ workers: 3, queue: 0, timeoutMs: 500, maxVertices: 50 });
    expect([1, 2, 3, 8, 64].map((cores) => defaultWorkers(cores))).toEqual([1, 1, 2, 4, 4]);
    expect(() => geoWorkLimits({ GEO_WORKERS: '0' })).toThrow(/GEO_WORKERS=0/);
    expect(() => geoWorkLimits({ GEO_TIMEOUT_MS: '2s' })).toThrow(/GEO_TIMEOUT_MS/);
  });
});

describe('the pool on the Kazanlak data', () => {
  it('answers coverage, access and gaps exactly as the work done in the thread', async () => {
    for (const path of ['/api/coverage?by=theme&status=completed', '/api/coverage?by=settlement&status=completed', '/api/coverage/access?theme=water', '/api/coverage/gaps.geojson?theme=water']) {
      const [inThread, inPool] = await Promise.all([direct.request(`${ORIGIN}${path}`), pooled.request(`${ORIGIN}${path}`)]);
      expect([path, inPool.status]).toEqual([path, 200]);
      expect(withoutTime(await inPool.json())).toEqual(withoutTime(await inThread.json()));
    }
    expect(pool.stats()).toMatchObject({ workers: 1, timedOut: 0, crashed: 0 });
  });

  it('answers other clients while a coverage computation is under way', async () => {
    const url = await listen(held.work);
    const finished: string[] = [];
    const before = held.started();
    const heavy = fetch(`${url}/api/coverage?by=zone&reach=111`).then((res) => (finished.push('coverage'), res));
    await until('the worker is computing', () => held.started() === before + 1);
    const [health, list] = await Promise.all([
      fetch(`${url}/api/health`).then((res) => (finished.push('health'), res)),
      fetch(`${url}/api/interventions?limit=10`).then((res) => (finished.push('interventions'), res)),
    ]);
    expect(health.status).toBe(200);
    expect(list.status).toBe(200);
    expect((await list.json()).features).toHaveLength(10);
    expect(finished).not.toContain('coverage');
    held.permit();
    expect((await heavy).status).toBe(200);
    expect(finished.at(-1)).toBe('coverage');
  });

  it('refuses work beyond a full queue with 503 busy and Retry-After, and answers again once it drains', async () => {
    const url = await listen(held.work);
    const before = held.started();
    const running = fetch(`${url}/api/coverage?by=zone&reach=201`);
    await until('the worker is computing', () => held.started() === before + 1);
    const waiting = fetch(`${url}/api/coverage?by=zone&reach=202`);
    await until('a task waits in the queue', () => held.work.stats().queued === 1);

    const refused = await fetch(`${url}/api/coverage?by=zone&reach=203`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/application\/json/);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 120).toBe(true);
    const { error } = await refused.json();
    expect(error.code).toBe('busy');
    expect(error.message).toMatch(/busy.*try again in \d+ s/);
    // the rest of the API is not part of the queue
    expect((await fetch(`${url}/api/health`)).status).toBe(200);

    held.permit(2);
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
    held.permit();
    expect((await fetch(`${url}/api/coverage?by=zone&reach=203`)).status).toBe(200);
  });

  it('stops a computation past GEO_TIMEOUT_MS with a clear error, and the pool works on', async () => {
    const url = await listen(timed.work);
    // The queue wait is limited too: wait for the thread to load, so the limit meets the work.
    await until('the worker is loaded', () => timed.work.stats().ready === 1);
    const stopped = await fetch(`${url}/api/coverage?by=zone&reach=301`); // never given a permit
    expect(stopped.status).toBe(503);
    const { error } = await stopped.json();
    expect(error).toMatchObject({ code: 'time_limit', details: { limitMs: 1000 } });
    expect(error.message).toMatch(/longer than the limit of 1 s.*theme.*settlement.*distance/);
    expect(timed.work.stats()).toMatchObject({ timedOut: 1, workers: 1 });

    await until('the replacement worker is loaded', () => timed.work.stats().ready === 1);
    expect((await fetch(`${url}/api/coverage/access?theme=water`)).status).toBe(200);
    timed.permit();
    expect((await fetch(`${url}/api/coverage?by=zone&reach=302`)).status).toBe(200);
  });

  it('refuses an input past GEO_MAX_VERTICES with 413 before any work', async () => {
    // never warmed: no worker thread is started unless a task is sent
    const small = createGeoPool(geoWorkLimits({ GEO_WORKERS: '1', GEO_MAX_VERTICES: '10' }));
    cleanup.push(() => small.close());
    const app = createApp(store, { publicUrl: ORIGIN, work: small });
    const located = await store.countInterventions({ located: true });
    expect(located).toBeGreaterThan(10);
    const res = await app.request(`${ORIGIN}/api/coverage/gaps.geojson`);
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'too_large', details: { limit: 10 } });
    // every located item has at least one vertex
    expect(error.details.vertices).toBeGreaterThanOrEqual(located);
    expect(error.message).toMatch(/more than the limit of 10.*theme/);
    expect(small.stats()).toMatchObject({ dispatched: 0, workers: 0 });
  });

  it('computes a question once per store revision, however often and in whatever order it is asked', async () => {
    const dispatched = () => pool.stats().dispatched;
    const gaps = '/api/coverage/gaps.geojson?theme=water&distance=1500';
    const before = dispatched();
    const answers = await Promise.all([pooled.request(`${ORIGIN}${gaps}`), pooled.request(`${ORIGIN}${gaps}`)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect((await pooled.request(`${ORIGIN}/api/coverage/gaps.geojson?distance=1500&theme=water`)).status).toBe(200);
    expect(dispatched() - before).toBe(1);

    // the table and its CSV are one question
    await pooled.request(`${ORIGIN}/api/coverage?by=zone&reach=700`);
    await (await pooled.request(`${ORIGIN}/api/coverage.csv?reach=700&by=zone`)).text();
    expect(dispatched() - before).toBe(2);

    // a change in the store is a new revision: the same question is computed again
    await store.seed(await store.dataset(), 'same content, new revision');
    expect((await pooled.request(`${ORIGIN}${gaps}`)).status).toBe(200);
    expect(dispatched() - before).toBe(3);
  });
});

describe('the real server', () => {
  it('starts its workers and answers the coverage questions as the thread does', async () => {
    const server = await realServer;
    expect(server.output()).toMatch(/coverage geometry on 1 worker thread/);
    for (const path of ['/api/coverage/access?theme=water', '/api/coverage/gaps.geojson?theme=water&distance=1000']) {
      const [res, inThread] = await Promise.all([fetch(`${server.url}${path}`), direct.request(`${ORIGIN}${path}`)]);
      expect([path, res.status]).toEqual([path, 200]);
      expect(withoutTime(await res.json())).toEqual(withoutTime(await inThread.json()));
    }
  });
});
