// The Hono application, composed from small routers over one Store. Tests build it on a database
// of their own and call it through `app.request` without opening a port; the server adds the web
// bundle and the worker pool.
import { Hono } from 'hono';
import { Config, Health } from '../geo/responses.ts';
import { DIRECT_WORK, type GeoWork } from '../data/coverage.ts';
import type { Store } from '../data/store.ts';
import type { Deps } from './deps.ts';
import { ApiError, notFound, onError } from './errors.ts';
import { cacheValidators, serverTiming } from './http.ts';
import { compressAnswers } from './compress.ts';
import { ExportCache } from './export-cache.ts';
import { corsPolicy, readOnlyCors, SAFE_METHODS, sameOrigin, sessions, type AppEnv } from './auth.ts';
import { AUTH_ROUTES, authOptionsFromEnv, authRoutes, type AuthOptions } from './routes/auth.ts';
import { EDITABLE, editRouteDocs, editRoutes, reviewRoutes } from './routes/edit.ts';
import { IMPORT_ROUTES, importRoutes } from './routes/imports.ts';
import { basemapFromEnv } from './config.ts';
import { securityHeaders } from './security.ts';

import { parseQuery } from './params.ts';
import type { RouteDoc } from './route-doc.ts';
import { docsRoutes } from './routes/docs.ts';
import { COVERAGE_ROUTES, coverageRoutes } from './routes/coverage.ts';
import { TILE_ROUTES, tileRoutes } from './routes/tiles.ts';
import { CHANGE_ROUTES, changeRoutes } from './routes/changes.ts';
import { EXPORT_ROUTES, exportRoutes } from './routes/export.ts';
import { INTERVENTION_ROUTES, interventionRoutes } from './routes/interventions.ts';
import { PLAN_ROUTES, planRoutes } from './routes/plan.ts';
import { REFERENCE_ROUTES, referenceRoutes } from './routes/reference.ts';
import { REPORT_ROUTES, reportRoutes } from './routes/reports.ts';
import { CONTRIBUTION_ROUTES, consultationOptionsFromEnv, contributionRoutes, type ConsultationOptions } from './routes/contributions.ts';
import { CONSULTATION_ROUTES, consultationRoutes } from './routes/consultation.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { snapshots } from './snapshot.ts';
import { pastReads, Views, withPast } from './views.ts';

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

export const API_ROUTES: RouteDoc[] = [
  ...SERVICE_ROUTES, ...withPast([...INTERVENTION_ROUTES, ...PLAN_ROUTES, ...REFERENCE_ROUTES, ...EXPORT_ROUTES, ...COVERAGE_ROUTES, ...TILE_ROUTES]), ...CHANGE_ROUTES, ...REPORT_ROUTES, ...CONTRIBUTION_ROUTES, ...CONSULTATION_ROUTES, ...AUTH_ROUTES, ...editRouteDocs(), ...IMPORT_ROUTES,
];

/** The public reads: no session, GET only (the suites that hold every public answer to its contract walk these). */
export const PUBLIC_ROUTES = API_ROUTES.filter((r) => !r.role && (r.method ?? 'get') === 'get');


function methodNotAllowed(method: string, what: string): never {
  throw new ApiError(405, 'method_not_allowed', `${method} is not allowed here; ${what}`, null, { Allow: 'GET, HEAD, OPTIONS' });
}

/** The public reads of /api: what a view of the past answers too (api/views.ts). */
function publicReads(deps: Deps) {
  const reads = new Hono();
  reads.route('/interventions', interventionRoutes(deps));
  reads.route('/', planRoutes(deps));
  reads.route('/', referenceRoutes(deps));
  reads.route('/export', exportRoutes(deps));
  reads.route('/', coverageRoutes(deps));
  reads.route('/', tileRoutes(deps));
  return reads;
}

function createOgc(deps: Deps) {
  const ogc = new Hono();
  ogc.use('*', readOnlyCors());
  ogc.use('*', async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) methodNotAllowed(c.req.method, 'OGC API – Features is read-only (edit through /api)');
    await next();
  });
  ogc.use('*', compressAnswers());
  ogc.use('*', cacheValidators(deps.store));
  ogc.use('*', pastReads(deps, ogcRoutes, '/ogc'));
  ogc.route('/', ogcRoutes(deps));
  return ogc;
}

function createApi(deps: Deps, auth: AuthOptions, consultation: ConsultationOptions) {
  const api = new Hono<AppEnv>();
  api.use('*', corsPolicy(deps));
  api.use('*', sessions(deps));
  api.use('*', sameOrigin(deps));
  api.use('*', compressAnswers());
  api.use('*', cacheValidators(deps.store));
  api.use('*', pastReads(deps, publicReads, '/api'));
  // Writes first: their paths share the collections' paths with the reads.
  api.route('/', authRoutes(deps, auth));
  for (const kind of EDITABLE) api.route(kind.base, editRoutes(deps, kind));
  api.route('/', reviewRoutes(deps));
  api.route('/imports', importRoutes(deps));
  api.get('/health', async (c) => {
    parseQuery(c.req.url, []);
    return c.json({ status: 'ok' as const, ...(await deps.store.health()) });
  });
  const basemap = basemapFromEnv();
  api.get('/config', (c) => {
    parseQuery(c.req.url, []);
    return c.json({ basemap });
  });
  api.route('/', publicReads(deps));
  api.route('/', changeRoutes(deps));
  api.route('/', reportRoutes(deps));
  api.route('/', contributionRoutes(deps, consultation));
  api.route('/', consultationRoutes(deps));
  api.route('/', docsRoutes(deps, API_ROUTES));
  // Whatever no route took: a read of nothing is a 404, any other method a 405.
  api.all('*', (c) => (SAFE_METHODS.has(c.req.method) ? notFound(c) : methodNotAllowed(c.req.method, 'this path is read-only')));
  return api;
}

export interface AppOptions {
  /** base of absolute links; default PUBLIC_URL, else http://localhost:PORT */
  publicUrl?: string | (() => string);
  /** where coverage geometry runs; default in this thread */
  work?: GeoWork;
  /** sessions and the login rate limit; default from the environment */
  auth?: Partial<AuthOptions>;
  /** citizens' contributions: the proof of work and the rate limits; default from the environment */
  consultation?: Partial<ConsultationOptions>;
  /** where the whole export is kept as a file per revision (api/export-cache.ts); none by default */
  exportCache?: string;
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
    views: new Views(store),
    exportCache: options.exportCache ? new ExportCache(options.exportCache, store) : undefined,
  };
  const app = new Hono();
  // First, so that it wraps everything after it: routers, errors, 404s and the web bundle.
  app.use('*', securityHeaders(deps.publicUrl));
  app.use('*', serverTiming());
  const auth = { ...authOptionsFromEnv(), ...options.auth };
  app.route('/api', createApi(deps, auth, { ...consultationOptionsFromEnv(), trustProxy: auth.trustProxy, ...options.consultation }));
  app.route('/ogc', createOgc(deps));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}


