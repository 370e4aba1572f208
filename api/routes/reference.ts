// The reference data beside the interventions: municipalities, zones, settlements, themes and base layers.
import { Hono } from 'hono';
import { z } from 'zod';
import { featureOf, LayerCollection, MasterPlanZoneTypes, MUNICIPALITY_CODE, Municipality, MultiPolygon, Polygon, SettlementCollection, THEMES, ZoneCollection } from '../../geo/index.ts';
import { masterPlanZoneTypes } from '../../data/master-plan-types.ts';
import { LayerEntry, ThemeEntry } from '../../geo/responses.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { param, parseQuery } from '../params.ts';
import { geojson } from '../responses.ts';
import type { RouteDoc } from '../route-doc.ts';

const LAYERS_INCLUDE = param('include', z.literal('features', 'the only value is features'), 'features: each layer with its features (the whole base map in one request).', 'features');

const MunicipalityFeature = featureOf(Municipality.omit({ bbox: true }), z.union([Polygon, MultiPolygon])).extend({ bbox: Municipality.shape.bbox });

export const REFERENCE_ROUTES: RouteDoc[] = [
  {
    path: '/api/municipalities',
    summary: 'The municipalities held: ЕКАТТЕ (= LAU) and NUTS 3 codes, names, province, the plan held for each and its count of interventions, and the box of the boundary',
    description: 'The codes are what `municipality=` takes on /api and /ogc. One municipality with its boundary is /api/municipalities/{code}.',
    tags: ['reference'],
    response: { type: 'application/json', schema: z.array(Municipality), description: 'municipalities, by code' },
  },
  {
    path: '/api/municipalities/{code}',
    summary: 'One municipality as a GeoJSON Feature: its boundary, with the same facts as the list',
    tags: ['reference'],
    pathParams: [{ name: 'code', description: 'ЕКАТТЕ municipality code (= LAU code) from /api/municipalities', example: 'SZR12' }],
    response: { type: 'application/geo+json', schema: MunicipalityFeature, description: 'the municipality and its boundary' },
    errors: [400, 404],
  },
  { path: '/api/zones', summary: 'Zones the plan acts on; a zone whose extent is unpublished has geometry null', tags: ['reference'], response: { type: 'application/geo+json', schema: ZoneCollection, description: 'zones' } },
  {
    path: '/api/master-plan/zone-types',
    summary: 'The zone types of a master plan (ОУП, Наредба № 7): code, Bulgarian and English name, group, article, map colour, with sources',
    description:
      'The vocabulary a master-plan zone (kind oup_land_use in /api/zones) takes its `masterPlanType` code from, and the map legend of the master-plan layer. It is the national nomenclature, the same for every municipality; which zones a municipality has published is /api/zones.',
    tags: ['reference'],
    response: { type: 'application/json', schema: MasterPlanZoneTypes, description: 'the zone-type vocabulary' },
  },
  { path: '/api/settlements', summary: 'The settlements of the municipality with ЕКАТТЕ code and population', tags: ['reference'], response: { type: 'application/geo+json', schema: SettlementCollection, description: 'settlement points' } },
  { path: '/api/themes', summary: 'The themes with labels, map colour and how many interventions each has', tags: ['reference'], response: { type: 'application/json', schema: z.array(ThemeEntry), description: 'themes' } },
  {
    path: '/api/layers',
    summary: 'The base layers with title, attribution and licence; with include=features, each with its features too',
    description: 'With `include=features` the whole base map comes in one answer, as the web app loads it before its first drawing.',
    tags: ['layers'],
    query: [LAYERS_INCLUDE],
    response: { type: 'application/json', schema: z.array(LayerEntry.extend({ features: LayerCollection.shape.features.optional() })), description: 'layer catalogue' },
  },
  {
    path: '/api/layers/{name}',
    summary: 'One base layer as GeoJSON',
    tags: ['layers'],
    pathParams: [{ name: 'name', description: 'layer name from /api/layers (every dataset has a "municipality" layer)', example: 'municipality' }],
    response: { type: 'application/geo+json', schema: LayerCollection, description: 'the layer' },
    errors: [404],
  },
];

export function referenceRoutes(deps: Deps) {
  const r = new Hono();
  const noQuery = (url: string) => parseQuery(url, []);
  r.get('/municipalities', async (c) => {
    noQuery(c.req.url);
    const all = [...(await deps.snapshot()).municipalities.values()].map((m) => m.summary);
    return c.json(all.sort((a, b) => (a.code < b.code ? -1 : 1)));
  });
  r.get('/municipalities/:code', async (c) => {
    noQuery(c.req.url);
    const code = c.req.param('code');
    if (!MUNICIPALITY_CODE.test(code))
      throw new ApiError(400, 'invalid_parameter', `path parameter "code": a municipality code is the ЕКАТТЕ one, three capitals and two digits (SZR12), not "${code.slice(0, 100)}"`, { parameter: 'code' });
    const held = (await deps.snapshot()).municipalities;
    const m = held.get(code);
    if (!m) throw new ApiError(404, 'not_found', `no municipality ${code} is held here`, { code, allowed: [...held.keys()].slice(0, 300) });
    const { bbox, ...properties } = m.summary;
    return geojson(c, { type: 'Feature', id: code, bbox, geometry: m.boundary.geometry, properties });
  });
  r.get('/zones', async (c) => {
    noQuery(c.req.url);
    return geojson(c, { type: 'FeatureCollection', features: (await deps.snapshot()).zones });
  });
  r.get('/master-plan/zone-types', (c) => {
    noQuery(c.req.url);
    return c.json(masterPlanZoneTypes());
  });
  r.get('/settlements', async (c) => {
    noQuery(c.req.url);
    return geojson(c, { type: 'FeatureCollection', features: (await deps.snapshot()).settlements });
  });
  r.get('/themes', async (c) => {
    noQuery(c.req.url);
    const counts = new Map((await deps.store.aggregate('theme')).map((row) => [row.key, row.count]));
    return c.json(THEMES.ids.map((id) => ({ id, ...THEMES.table[id], count: counts.get(id) ?? 0 })));
  });
  r.get('/layers', async (c) => {
    const q = parseQuery(c.req.url, [LAYERS_INCLUDE]);
    const base = deps.publicUrl();
    const entries: LayerEntry[] = (await deps.snapshot()).layers.map((info) => ({
      ...info,
      href: `${base}/api/layers/${info.name}`,
      export: `${base}/api/export/layers/${info.name}.geojson`,
    }));
    if (!q.include) return c.json(entries);
    const withFeatures = await Promise.all(entries.map(async (e) => ({ ...e, features: (await deps.store.layer(e.name))?.features ?? [] })));
    return c.json(withFeatures);
  });
  r.get('/layers/:name', async (c) => {
    noQuery(c.req.url);
    const layer = await layerOr404(deps, c.req.param('name'));
    return geojson(c, { type: 'FeatureCollection', name: layer.info.name, attribution: layer.info.attribution, licence: layer.info.licence, features: layer.features });
  });
  return r;
}

export async function layerOr404(deps: Deps, name: string) {
  const layer = await deps.store.layer(name);
  if (!layer)
    throw new ApiError(404, 'not_found', `no layer "${name.slice(0, 100)}"`, {
      name: name.slice(0, 100),
      allowed: (await deps.snapshot()).layers.map((l) => l.name),
    });
  return layer;
}
