// `asOf` and `changedSince` on every public read. A request that names either is answered by the
// same public routers built over a view of the past (data/views.ts) instead of the present store,
// so no route has a second code path. Anything else that names them — a write, a staff read — is
// refused: the past is read-only and public.
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { today } from '../geo/calendar.ts';
import { Views, type View } from '../data/views.ts';
import type { Store } from '../data/store.ts';
import type { AppEnv } from './auth.ts';
import type { Deps } from './deps.ts';
import { ApiError, onError } from './errors.ts';
import { parseQuery, VIEW_PARAMS } from './params.ts';
import type { RouteDoc } from './route-doc.ts';
import { snapshots } from './snapshot.ts';

/** The view a request names, checked; null when it names none. */
export function viewOf(url: string): View | null {
  const query = new URL(url).searchParams;
  if (!query.has('asOf') && !query.has('changedSince')) return null;
  const q = parseQuery(`http://x/?${new URLSearchParams([...query].filter(([k]) => k === 'asOf' || k === 'changedSince'))}`, VIEW_PARAMS);
  const now = today();
  for (const name of ['asOf', 'changedSince'] as const)
    if (q[name] && q[name] > now)
      throw new ApiError(400, 'invalid_parameter', `query parameter "${name}": ${q[name]} is after today (${now}); the future is not on record`, { parameter: name, value: q[name] });
  const view = { asOf: q.asOf ?? null, changedSince: q.changedSince ?? null };
  if (view.changedSince && view.changedSince >= (view.asOf ?? now))
    throw new ApiError(400, 'invalid_parameter', `query parameter "changedSince": ${view.changedSince} is not before asOf (${view.asOf ?? `today, ${now}`})`, { parameter: 'changedSince', value: view.changedSince });
  return view;
}

/**
 * Hands a request that names a view to `build(deps of the view)`, a router of the public reads
 * mounted at the same paths; the routers of each view store are built once and kept with it.
 */
export function pastReads(deps: Deps, build: (deps: Deps) => Hono, prefix: string): MiddlewareHandler<AppEnv> {
  const apps = new WeakMap<Store, Hono>();
  return async (c, next) => {
    const query = new URL(c.req.url).searchParams;
    if (!query.has('asOf') && !query.has('changedSince')) return next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Without a session a write is refused for that first (401/405), as every write is.
      if (!c.get('session')) return next();
      throw new ApiError(400, 'invalid_parameter', 'asOf and changedSince read the published past; a write takes neither');
    }
    const view = viewOf(c.req.url)!;
    const store = await deps.views.get(view);
    let app = apps.get(store);
    if (!app) {
      app = new Hono();
      app.route(prefix, build({ ...deps, store, snapshot: snapshots(store), past: true }));
      app.all('*', (c) => {
        const parameter = new URL(c.req.url).searchParams.has('asOf') ? 'asOf' : 'changedSince';
        throw new ApiError(400, 'unknown_parameter', `this path does not take "${parameter}": asOf and changedSince apply to the public reads (interventions, plan, zones, coverage, exports, /ogc)`, { parameter });
      });
      app.onError(onError);
      apps.set(store, app);
    }
    const answer = await app.fetch(c.req.raw, c.env);
    if (answer.status !== 404 || c.req.method !== 'GET') return answer;
    // "No such item" in the past says which past: the item may well exist today.
    const body = (await answer.json()) as { error: { message: string } };
    const when = `${view.asOf ? `as of ${view.asOf}` : 'today'}${view.changedSince ? `, among the changes after ${view.changedSince}` : ''}`;
    body.error.message = `${body.error.message} ${when}`;
    return c.json(body, 404, { 'Cache-Control': answer.headers.get('Cache-Control') ?? 'no-store' });
  };
}

/** The route documents of the public reads, each with asOf and changedSince. */
export function withPast(routes: RouteDoc[]): RouteDoc[] {
  return routes.map((r) => ((r.method ?? 'get') === 'get' ? { ...r, query: [...(r.query ?? []), ...VIEW_PARAMS] } : r));
}

export { Views };
