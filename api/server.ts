// `npm start`: makes sure the database is built from data/, then serves the API and the built web
// app on PORT (default 8787).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from '../data/build.ts';
import { databasePath, datasetDir } from '../data/paths.ts';
import { Store } from '../data/store.ts';
import { createApp } from './app.ts';
import { notFound } from './errors.ts';

const port = Number(process.env.PORT ?? 8787);
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

const built = ensureDatabase(datasetDir(), databasePath());
const store = new Store(databasePath(), { readonly: true });
const app = createApp(store);

if (existsSync(webRoot)) {
  app.use('/*', serveStatic({ root: webRoot }));
} else {
  console.warn(`no web bundle at ${webRoot}; run "npm run web:build" to serve the map`);
}
app.notFound(notFound);

const server = serve({ fetch: app.fetch, port }, (info) => {
  const h = store.health();
  console.log(
    `piro-map on http://localhost:${info.port} — database ${built} (${databasePath()}): ` +
      `${h.interventions} interventions, ${h.zones} zones, ${h.settlements} settlements`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    store.close();
    process.exit(0);
  });
