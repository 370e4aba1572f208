// The Hono application, composed from small routers. It takes a Store, so tests build the app on
// a database file of their own and call it through `app.request` without opening a port.
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import type { Store } from '../data/store.ts';
import { ApiError, notFound, onError } from './errors.ts';
import { KnownIds } from './filters.ts';
import { cacheValidators } from './http.ts';
import { basemapFromEnv } from './config.ts';
import { openApiDocument } from './openapi.ts';
import { parseQuery } from './params.ts';
import type { RouteDoc } from './route-doc.ts';
import { docsRoutes } from './routes/docs.ts';
import { COVERAGE_ROUTES, coverageRoutes } from './routes/coverage.ts';
import { EXPORT_ROUTES, exportRoutes } from './routes/export.ts';
import { INTERVENTION_ROUTES, interventionRoutes } from './routes/interventions.ts';
import { PLAN_ROUTES, planRoutes } from './routes/plan.ts';
import { REFERENCE_ROUTES, referenceRoutes } from './routes/reference.ts';
import { ogcRoutes } from './ogc/router.ts';

const CONFIG_ROUTE: RouteDoc = {
  path: '/api/config',
  summary: 'Settings for the web app: the optional online street basemap (null when switched off)',
  tags: ['service'],
  response: { type: 'application/json', description: 'settings' },
};

const HEALTH_ROUTE: RouteDoc = {
  path: '/api/health',
  summary: 'Liveness and the counts of what the store holds',
  tags: ['service'],
  response: { type: 'application/json', description: 'status and counts' },
};

export const API_ROUTES: RouteDoc[] = [HEALTH_ROUTE, CONFIG_ROUTE, ...INTERVENTION_ROUTES, ...PLAN_ROUTES, ...REFERENCE_ROUTES, ...EXPORT_ROUTES, ...COVERAGE_ROUTES];

/** GET-only manners shared by /api and /ogc: CORS, read-only methods, compression, validators. */
function readOnly(app: Hono, datasetHash: string) {
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link', 'Content-Crs', 'Content-Disposition'] }));
  app.use('*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method))
      throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here; this API is read-only`);
    await next();
  });
  app.use('*', compress());
  app.use('*', cacheValidators(datasetHash));
}

export function createOgc(store: Store) {
  const ogc = new Hono();
  readOnly(ogc, store.health().datasetHash);
  ogc.route('/', ogcRoutes(store, new KnownIds(store)));
  return ogc;
}

export function createApi(store: Store) {
  const known = new KnownIds(store);
  const health = store.health();
  const api = new Hono();
  readOnly(api, health.datasetHash);
  api.get('/health', (c) => {
    parseQuery(c.req.url, []);
    return c.json({ status: 'ok', ...store.health() });
  });
  const basemap = basemapFromEnv();
  api.get('/config', (c) => {
    parseQuery(c.req.url, []);
    return c.json({ basemap });
  });
  api.route('/interventions', interventionRoutes(store, known));
  api.route('/', planRoutes(store, known));
  api.route('/', referenceRoutes(store));
  api.route('/export', exportRoutes(store, known));
  api.route('/', coverageRoutes(store, known));
  const plan = store.plan();
  const document = openApiDocument(API_ROUTES, {
    title: 'piro-map API',
    version: '1.0.0',
    description: `The plan ${plan.shortTitle.bg ?? plan.id}: goals, priorities and measures, the interventions that carry it out, zones and base layers. Filters are plain query parameters shared by the list, facets and exports.`,
  });
  api.route('/', docsRoutes(document, store.sourcesMarkdown()));
  return api;
}

export function createApp(store: Store) {
  const app = new Hono();
  app.route('/api', createApi(store));
  app.route('/ogc', createOgc(store));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
