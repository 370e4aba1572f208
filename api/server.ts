// `npm start`: opens the store (seeding it from DATASET_DIR the first time only: afterwards the
// database is the truth), then serves the API and the built web app on PORT (default 8787), with
// one worker process per core (WORKERS; api/cluster.ts) and, in each, the coverage geometry on a
// pool of worker threads (GEO_WORKERS, GEO_QUEUE, GEO_TIMEOUT_MS).
import { serve } from '@hono/node-server';
import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../data/open.ts';
import { databasePath, datasetDir } from '../data/paths.ts';
import { filesDiffer, seedIfEmpty } from '../data/seed.ts';
import { createApp, publicUrlFromEnv } from './app.ts';
import { clearExportCache } from './export-cache.ts';
import { superviseWorkers, workerCountFromEnv, type Listening } from './cluster.ts';
import { notFound } from './errors.ts';
import { stallTimeoutFromEnv } from './http.ts';
import { serveWeb } from './static.ts';
import { createCountPool, createGeoPool, geoWorkLimits, type CountPool } from './geo-work/index.ts';
import { SqliteStore } from '../data/sqlite/store.ts';
import { serveLoginGuard, sharedLoginGuard } from './login-guard.ts';
import { authOptionsFromEnv } from './routes/auth.ts';

const requestedPort = Number(process.env.PORT ?? 8787);
const workers = workerCountFromEnv();

/**
 * EXPORT_CACHE_DIR: where the whole GeoJSON export is kept per revision (api/export-cache.ts);
 * by default beside the SQLite file (piro.sqlite.exports), or for a PostgreSQL store in the
 * system's temporary directory, named after the database; one directory per store; emptied when
 * the server starts; empty switches it off.
 */
function exportCacheDir(): string | undefined {
  const url = process.env.DATABASE_URL;
  const beside = url ? join(tmpdir(), `piro-map-exports-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`) : `${databasePath()}.exports`;
  const dir = process.env.EXPORT_CACHE_DIR ?? beside;
  return dir.trim() ? dir : undefined;
}

/** Opens the store once, bringing its schema forward and seeding it when empty; what happened, in words. */
async function prepareStore(): Promise<string> {
  const store = await openStore();
  const seeded = await seedIfEmpty(store, datasetDir());
  // Kept exports were made by the code and schema of the last run (api/export-cache.ts).
  const exports = exportCacheDir();
  if (exports) clearExportCache(exports);
  if (seeded === 'kept' && (await filesDiffer(store, datasetDir())))
    console.log(`note: ${datasetDir()} differs from the dataset the store was seeded with; the store is the truth ("npm run data:seed" loads the files)`);
  await store.close();
  return `store ${seeded === 'seeded' ? 'seeded from the dataset' : 'opened'}`;
}

/** Half the size at which the nine counts of an unfiltered /api/facets took 2.3 s cold (100 000 items). */
const COUNT_THREAD_FROM = 50_000;

/** Serves in this process; a worker reports where it listens to the primary, which says it once. */
async function serveHere(said: string | null) {
  const stallMs = stallTimeoutFromEnv();
  const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
  const limits = geoWorkLimits();
  const store = await openStore();
  let publicUrl = publicUrlFromEnv(process.env, requestedPort);
  const work = createGeoPool(limits);
  work.warm();
  // SQLite counts on this process's thread; from COUNT_THREAD_FROM items a worker thread with its
  // own read connection keeps a facet over a large store from holding up the tiles and lists
  // meanwhile. Below it a count takes milliseconds, and the thread would only cost memory and
  // the CPU of its start, when every other part of the server starts too.
  let counts: CountPool | null = null;
  if (store instanceof SqliteStore && (await store.health()).interventions >= COUNT_THREAD_FROM) {
    counts = createCountPool(store.path);
    store.countWith(counts.aggregate);
  }
  const guard = cluster.isWorker ? sharedLoginGuard() : undefined;
  const app = createApp(store, { publicUrl: () => publicUrl, work, auth: guard ? { guard } : undefined, exportCache: exportCacheDir() });

  if (existsSync(webRoot)) {
    app.use('/*', serveWeb(webRoot));
  } else if (!cluster.isWorker || cluster.worker?.id === 1) {
    console.warn(`no web bundle at ${webRoot}; run "npm run web:build" to serve the map`);
  }
  app.notFound(notFound);

  const server = serve({ fetch: app.fetch, port: requestedPort }, async (info) => {
    // With PORT=0 the port is known only now (the same one in every worker); PUBLIC_URL, when set, wins.
    publicUrl = publicUrlFromEnv(process.env, info.port);
    const h = await store.health();
    const summary =
      `${h.engine} store, revision ${h.revision}: ${h.interventions} interventions, ${h.zones} zones, ${h.settlements} settlements; ` +
      `coverage geometry on ${limits.workers} worker thread(s) per process, at most ${limits.queue} waiting, ${limits.timeoutMs / 1000} s and ${limits.maxVertices} vertices each` +
      (counts ? '; counts on a worker thread of their own' : '');
    if (cluster.isWorker) process.send!({ type: 'listening', port: info.port, summary } satisfies Listening);
    else console.log(`piro-map on http://localhost:${info.port} — ${said}; ${summary}`);
  });
  // A response that makes no progress (a client that stopped reading) is ended after this long.
  server.setTimeout(stallMs);

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      server.close();
      void Promise.all([work.close(), counts?.close()])
        .then(() => store.close())
        .then(() => process.exit(0));
    });
}

if (cluster.isWorker) {
  await serveHere(null);
} else if (workers === 1) {
  const said = await prepareStore();
  await serveHere(said);
} else {
  const said = await prepareStore();
  serveLoginGuard(authOptionsFromEnv());
  superviseWorkers(workers, ({ port, summary }) => console.log(`piro-map on http://localhost:${port} — ${said}; ${workers} worker processes; ${summary}`));
}
