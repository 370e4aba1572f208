// `asOf` and `changedSince` on every public read. A request that names either is answered by the
// same public routers built over a view of the past (data/views.ts) instead of the present store,
// so no route has a second code path. Anything else that names them — a write, a staff read — is
// refused: the past is read-only and public.
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { today } from '../geo/calendar.ts';
import { Views, type View } from '../data/views.ts';
import type { Store } from '../data/store.ts';
import type { Deps } from './deps.ts';
import { ApiError, onError } from './errors.ts';
import { parseQuery, VIEW_PARAMS } from './params.ts';
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
export function pastReads(deps: Deps, build: (deps: Deps) => Hono, prefix: string): MiddlewareHandler {
  const apps = new WeakMap<Store, Hono>();
  return async (c, next) => {
    const view = viewOf(c.req.url);
    if (!view) return next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      throw new ApiError(400, 'invalid_parameter', 'asOf and changedSince read the published past; a write takes neither');
    const store = await deps.views.get(view);
    let app = apps.get(store);
    if (!app) {
      app = new Hono();
      app.route(prefix, build({ ...deps, store, snapshot: snapshots(store) }));
      app.all('*', () => {
        throw new ApiError(400, 'invalid_parameter', 'asOf and changedSince apply to the public reads (interventions, plan, zones, coverage, exports, /ogc); this path does not take them');
      });
      app.onError(onError);
      apps.set(store, app);
    }
    return app.fetch(c.req.raw, c.env);
  };
}

export { Views };
