// /api/interventions: the filtered list as GeoJSON with paging, and one intervention by id.
import { Hono } from 'hono';
import { z } from 'zod';
import { Intervention } from '../../geo/index.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../errors.ts';
import { toFilter, toPage, toSort, type KnownIds } from '../filters.ts';
import { FILTER_PARAMS, PAGE_PARAMS, parseQuery } from '../params.ts';
import { geojson, pageLinks, withDistance } from '../responses.ts';
import type { RouteDoc } from '../route-doc.ts';

export const InterventionPage = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  links: z.array(z.object({ href: z.string(), rel: z.string(), type: z.string() })),
  features: z.array(Intervention),
});

export const INTERVENTION_ROUTES: RouteDoc[] = [
  {
    path: '/api/interventions',
    summary: 'Interventions matching the filter, one page at a time',
    description:
      'A GeoJSON FeatureCollection. Items without a place have `geometry: null` and are part of every result that has no spatial filter. With `near`, items are sorted by true distance and carry `distance_m`.',
    tags: ['interventions'],
    query: [...FILTER_PARAMS, ...PAGE_PARAMS],
    response: { type: 'application/geo+json', schema: InterventionPage, description: 'a page of interventions' },
  },
  {
    path: '/api/interventions/{id}',
    summary: 'One intervention with every field and its sources',
    tags: ['interventions'],
    pathParams: [{ name: 'id', description: 'intervention id', example: 'KZN-001' }],
    response: { type: 'application/geo+json', schema: Intervention, description: 'the intervention' },
    errors: [404],
  },
];

export function interventionRoutes(store: Store, known: KnownIds) {
  const r = new Hono();
  r.get('/', (c) => {
    const q = parseQuery(c.req.url, [...FILTER_PARAMS, ...PAGE_PARAMS]);
    const filter = toFilter(q, known);
    const page = toPage(q);
    const { numberMatched, items } = store.interventions.query(filter, toSort(q, filter), page);
    return geojson(c, {
      type: 'FeatureCollection',
      numberMatched,
      numberReturned: items.length,
      links: pageLinks(c.req.url, page.offset, page.limit, numberMatched),
      features: items.map(withDistance),
    });
  });
  r.get('/:id', (c) => {
    parseQuery(c.req.url, []);
    const id = c.req.param('id');
    const feature = store.interventions.get(id);
    if (!feature) throw new ApiError(404, 'not_found', `no intervention with id "${id.slice(0, 100)}"`, { id: id.slice(0, 100) });
    return geojson(c, feature);
  });
  return r;
}
