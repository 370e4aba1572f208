// The reference data beside the interventions: zones, settlements, themes and base layers.
import { Hono } from 'hono';
import { z } from 'zod';
import { LayerCollection, LayerInfo, SettlementCollection, THEMES, ZoneCollection } from '../../geo/index.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../params.ts';
import { geojson } from '../responses.ts';
import type { RouteDoc } from '../route-doc.ts';

const Theme = z.object({
  id: z.string(),
  label: z.object({ bg: z.string(), en: z.string() }),
  colour: z.string(),
  count: z.number().int(),
});

const LayerEntry = LayerInfo.extend({ href: z.string(), export: z.string() });

export const REFERENCE_ROUTES: RouteDoc[] = [
  { path: '/api/zones', summary: 'Zones the plan acts on; a zone whose extent is unpublished has geometry null', tags: ['reference'], response: { type: 'application/geo+json', schema: ZoneCollection, description: 'zones' } },
  { path: '/api/settlements', summary: 'The settlements of the municipality with ЕКАТТЕ code and population', tags: ['reference'], response: { type: 'application/geo+json', schema: SettlementCollection, description: 'settlement points' } },
  { path: '/api/themes', summary: 'The themes with labels, map colour and how many interventions each has', tags: ['reference'], response: { type: 'application/json', schema: z.array(Theme), description: 'themes' } },
  { path: '/api/layers', summary: 'The base layers with title, attribution and licence', tags: ['layers'], response: { type: 'application/json', schema: z.array(LayerEntry), description: 'layer catalogue' } },
  {
    path: '/api/layers/{name}',
    summary: 'One base layer as GeoJSON',
    tags: ['layers'],
    pathParams: [{ name: 'name', description: 'layer name from /api/layers', example: 'municipality' }],
    response: { type: 'application/geo+json', schema: LayerCollection, description: 'the layer' },
    errors: [404],
  },
];

export function referenceRoutes(store: Store) {
  const r = new Hono();
  const noQuery = (url: string) => parseQuery(url, []);
  r.get('/zones', (c) => {
    noQuery(c.req.url);
    return geojson(c, { type: 'FeatureCollection', features: store.zones() });
  });
  r.get('/settlements', (c) => {
    noQuery(c.req.url);
    return geojson(c, { type: 'FeatureCollection', features: store.settlements() });
  });
  r.get('/themes', (c) => {
    noQuery(c.req.url);
    const counts = new Map(store.aggregate('theme').map((row) => [row.key, row.count]));
    return c.json(THEMES.ids.map((id) => ({ id, ...THEMES.table[id], count: counts.get(id) ?? 0 })));
  });
  r.get('/layers', (c) => {
    noQuery(c.req.url);
    const base = new URL(c.req.url).origin;
    return c.json(
      store.layers().map((info) => ({ ...info, href: `${base}/api/layers/${info.name}`, export: `${base}/api/export/layers/${info.name}.geojson` })),
    );
  });
  r.get('/layers/:name', (c) => {
    noQuery(c.req.url);
    const layer = layerOr404(store, c.req.param('name'));
    return geojson(c, { type: 'FeatureCollection', name: layer.info.name, attribution: layer.info.attribution, licence: layer.info.licence, features: layer.features });
  });
  return r;
}

export function layerOr404(store: Store, name: string) {
  const layer = store.layer(name);
  if (!layer)
    throw new ApiError(404, 'not_found', `no layer "${name.slice(0, 100)}"`, { name: name.slice(0, 100), allowed: store.layers().map((l) => l.name) });
  return layer;
}
