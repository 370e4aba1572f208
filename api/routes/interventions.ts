// /api/interventions: the filtered list as GeoJSON with paging, and one intervention by id.
import { Hono } from 'hono';
import type { AppEnv } from '../auth.ts';
import { editorRead } from './edit.ts';
import { roleAllows } from '../../geo/editing.ts';
import { FoundIntervention, InterventionPage } from '../../geo/responses.ts';
import { publicHref, type Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { toFilter, toPage, toSort } from '../filters.ts';
import { FILTER_PARAMS, PAGE_PARAMS, parseQuery } from '../params.ts';
import { collectionText, GEOJSON, geojson, pageLinks } from '../responses.ts';
import type { RouteDoc } from '../route-doc.ts';

const LIST_PARAMS = [...FILTER_PARAMS, ...PAGE_PARAMS] as const;

export const INTERVENTION_ROUTES: RouteDoc[] = [
  {
    path: '/api/interventions',
    summary: 'Interventions matching the filter, one page at a time',
    description:
      'A GeoJSON FeatureCollection. Items without a place have `geometry: null` and are part of every result that has no spatial filter. With `near`, items are sorted by true distance and carry `distance_m`. Each feature carries `updated` beside its properties: when its published state last changed, null when it is as in the plan dataset.',
    tags: ['interventions'],
    query: [...LIST_PARAMS],
    response: { type: 'application/geo+json', schema: InterventionPage, description: 'a page of interventions' },
  },
  {
    path: '/api/interventions/{id}',
    summary: 'One intervention with every field and its sources',
    description: 'As published: `updated` (beside `properties`) says when that last changed, null when it is as in the plan dataset. A signed-in editor reads the latest revision instead, drafts included.',
    tags: ['interventions'],
    pathParams: [{ name: 'id', description: 'intervention id' }],
    response: { type: 'application/geo+json', schema: FoundIntervention, description: 'the intervention' },
    errors: [404],
  },
];

export function interventionRoutes(deps: Deps) {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const q = parseQuery(c.req.url, LIST_PARAMS);
    const filter = toFilter(q, (await deps.snapshot()).known);
    const page = toPage(q);
    const sort = toSort(q, filter);
    const self = publicHref(deps, c.req.url);
    // The store's Feature JSON is the answer's features as they are (with `distance_m` when near a
    // point): joined, not parsed and written again.
    const { numberMatched, features } = await deps.store.queryInterventionJson(filter, sort, page);
    const head: Omit<InterventionPage, 'features'> = {
      type: 'FeatureCollection',
      numberMatched,
      numberReturned: features.length,
      links: pageLinks(self, page.offset, page.limit, numberMatched),
    };
    return c.body(collectionText(head, features), 200, { 'Content-Type': GEOJSON });
  });
  r.get('/:id', async (c) => {
    parseQuery(c.req.url, []);
    const id = c.req.param('id');
    // Signed in, an editor reads the latest revision, a pending draft included; the public, and a
    // moderator (who does not edit the plan), what is published.
    const session = c.get('session');
    if (session && roleAllows(session.account.role, 'editor')) return editorRead(c, deps, 'intervention', id);
    const feature = await deps.store.getIntervention(id);
    if (!feature) throw new ApiError(404, 'not_found', `no intervention with id "${id.slice(0, 100)}"`, { id: id.slice(0, 100) });
    return geojson(c, feature);
  });
  return r;
}
