// `npm start`: opens the store (seeding it from DATASET_DIR the first time only: afterwards the
// database is the truth), then serves the API and the built web app on PORT (default 8787), with
// the coverage geometry on a pool of worker threads (GEO_WORKERS, GEO_QUEUE, GEO_TIMEOUT_MS).
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStore } from '../data/open.ts';
import { datasetDir } from '../data/paths.ts';
import { filesDiffer, seedIfEmpty } from '../data/seed.ts';
import { createApp, publicUrlFromEnv } from './app.ts';
import { notFound } from './errors.ts';
import { stallTimeoutFromEnv } from './http.ts';
import { serveWeb } from './static.ts';
import { createGeoPool, geoWorkLimits } from './geo-work/index.ts';

const requestedPort = Number(process.env.PORT ?? 8787);
const stallMs = stallTimeoutFromEnv();
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

const limits = geoWorkLimits();
const store = await openStore();
const seeded = await seedIfEmpty(store, datasetDir());
let publicUrl = publicUrlFromEnv(process.env, requestedPort);
const work = createGeoPool(limits);
work.warm();
const app = createApp(store, { publicUrl: () => publicUrl, work });

if (existsSync(webRoot)) {
  app.use('/*', serveWeb(webRoot));
} else {
  console.warn(`no web bundle at ${webRoot}; run "npm run web:build" to serve the map`);
}
app.notFound(notFound);

const server = serve({ fetch: app.fetch, port: requestedPort }, async (info) => {
  // With PORT=0 the port is known only now; PUBLIC_URL, when set, wins.
  publicUrl = publicUrlFromEnv(process.env, info.port);
  const h = await store.health();
  console.log(
    `piro-map on http://localhost:${info.port} — ${h.engine} store ${seeded === 'seeded' ? 'seeded from the dataset' : 'opened'}, revision ${h.revision}: ` +
      `${h.interventions} interventions, ${h.zones} zones, ${h.settlements} settlements; ` +
      `coverage geometry on ${limits.workers} worker thread(s), at most ${limits.queue} waiting, ${limits.timeoutMs / 1000} s and ${limits.maxVertices} vertices each`,
  );
  if (seeded === 'kept' && (await filesDiffer(store, datasetDir())))
    console.log(`note: ${datasetDir()} differs from the dataset the store was seeded with; the store is the truth ("npm run data:seed" loads the files)`);
});
// A response that makes no progress (a client that stopped reading) is ended after this long.
server.setTimeout(stallMs);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    void work
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
