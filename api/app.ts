// The Hono application, composed from small routers over one Store. Tests build it on a database
// of their own and call it through `app.request` without opening a port; the server adds the web
// bundle and the worker pool.
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { Config, Health } from '../geo/responses.ts';
import { DIRECT_WORK, type GeoWork } from '../data/coverage.ts';
import type { Store } from '../data/store.ts';
import type { Deps } from './deps.ts';
import { ApiError, notFound, onError } from './errors.ts';
import { cacheValidators } from './http.ts';
import { basemapFromEnv } from './config.ts';
import { securityHeaders } from './security.ts';

import { parseQuery } from './params.ts';
import type { RouteDoc } from './route-doc.ts';
import { docsRoutes } from './routes/docs.ts';
import { COVERAGE_ROUTES, coverageRoutes } from './routes/coverage.ts';
import { EXPORT_ROUTES, exportRoutes } from './routes/export.ts';
import { INTERVENTION_ROUTES, interventionRoutes } from './routes/interventions.ts';
import { PLAN_ROUTES, planRoutes } from './routes/plan.ts';
import { REFERENCE_ROUTES, referenceRoutes } from './routes/reference.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { snapshots } from './snapshot.ts';

const SERVICE_ROUTES: RouteDoc[] = [
  {
    path: '/api/health',
    summary: 'Liveness, the store engine and revision, and the counts of what the store holds',
    tags: ['service'],
    response: { type: 'application/json', schema: Health, description: 'status and counts' },
  },
  {
    path: '/api/config',
    summary: 'Settings for the web app: the optional online street basemap (null when switched off)',
    tags: ['service'],
    response: { type: 'application/json', schema: Config, description: 'settings' },
  },
];

export const API_ROUTES: RouteDoc[] = [...SERVICE_ROUTES, ...INTERVENTION_ROUTES, ...PLAN_ROUTES, ...REFERENCE_ROUTES, ...EXPORT_ROUTES, ...COVERAGE_ROUTES];

/** GET-only manners shared by /api and /ogc: CORS, read-only methods, compression, validators. */
function readOnly(app: Hono, store: Store) {
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link', 'Content-Crs', 'Content-Disposition', 'Retry-After'] }));
  app.use('*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      c.header('Allow', 'GET, HEAD, OPTIONS');
      throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here; this API is read-only`);
    }
    await next();
  });
  app.use('*', compress());
  app.use('*', cacheValidators(store));
}

function createOgc(deps: Deps) {
  const ogc = new Hono();
  readOnly(ogc, deps.store);
  ogc.route('/', ogcRoutes(deps));
  return ogc;
}

function createApi(deps: Deps) {
  const api = new Hono();
  readOnly(api, deps.store);
  api.get('/health', async (c) => {
    parseQuery(c.req.url, []);
    return c.json({ status: 'ok' as const, ...(await deps.store.health()) });
  });
  const basemap = basemapFromEnv();
  api.get('/config', (c) => {
    parseQuery(c.req.url, []);
    return c.json({ basemap });
  });
  api.route('/interventions', interventionRoutes(deps));
  api.route('/', planRoutes(deps));
  api.route('/', referenceRoutes(deps));
  api.route('/export', exportRoutes(deps));
  api.route('/', coverageRoutes(deps));
  api.route('/', docsRoutes(deps, API_ROUTES));
  return api;
}

export interface AppOptions {
  /** base of absolute links; default PUBLIC_URL, else http://localhost:PORT */
  publicUrl?: string | (() => string);
  /** where coverage geometry runs; default in this thread */
  work?: GeoWork;
}

export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env, port: number | string = env.PORT ?? 8787): string {
  return (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
}

export function createApp(store: Store, options: AppOptions = {}) {
  const base = options.publicUrl ?? publicUrlFromEnv();
  const deps: Deps = {
    store,
    snapshot: snapshots(store),
    publicUrl: typeof base === 'string' ? () => base.replace(/\/+$/, '') : base,
    work: options.work ?? DIRECT_WORK,
  };
  const app = new Hono();
  // First, so that it wraps everything after it: routers, errors, 404s and the web bundle.
  app.use('*', securityHeaders(deps.publicUrl));
  app.route('/api', createApi(deps));
  app.route('/ogc', createOgc(deps));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}


