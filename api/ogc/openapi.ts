// The OpenAPI 3.0 document of /ogc (the OAS 3.0 conformance class), with every collection's paths
// spelt out so that each declares exactly the query parameters the server accepts there.
import { z } from 'zod';
import { VIEW_PARAMS, type Param } from '../params.ts';
import type { Collection } from './collections.ts';
import { ITEM_PARAMS, itemsParams, PAGE_ONLY } from './params.ts';

function parameter(p: Param, examples: Record<string, string>) {
  const schema = z.toJSONSchema(p.schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  delete schema.$schema;
  return { name: p.name, in: 'query', required: false, description: p.description, style: 'form', explode: false, schema, ...((examples[p.name] ?? p.example) ? { example: examples[p.name] ?? p.example } : {}) };
}

const errors = {
  400: { description: 'bad input: an undeclared parameter or an invalid value', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  404: { description: 'no such resource', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};

function operation(examples: Record<string, string>, operationId: string, summary: string, params: readonly Param[], content: Record<string, object>, pathParams: string[] = []) {
  return {
    get: {
      operationId,
      summary,
      parameters: [
        ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...params.map((p) => parameter(p, examples)),
      ],
      responses: { 200: { description: summary, content }, ...errors },
    },
  };
}

const json = { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } };
const geojson = { 'application/geo+json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } };

export function ogcOpenApi(collections: Collection[], base: string, examples: Record<string, string> = {}) {
  const get = (...args: Parameters<typeof operation> extends [unknown, ...infer R] ? R : never) => operation(examples, ...args);
  const paths: Record<string, unknown> = {
    '/ogc': get('getLandingPage', 'Landing page', PAGE_ONLY, json),
    '/ogc/conformance': get('getConformance', 'Conformance classes', PAGE_ONLY, json),
    '/ogc/api': get('getApi', 'This API definition', PAGE_ONLY, { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } }),
    '/ogc/collections': get('getCollections', 'Feature collections', PAGE_ONLY, json),
  };
  for (const col of collections) {
    const id = col.id.replace(/[^A-Za-z0-9]/g, '_');
    paths[`/ogc/collections/${col.id}`] = get(`describe_${id}`, `Collection ${col.id}`, PAGE_ONLY, json);
    // The published past (api/views.ts): `datetime` keeps its OGC meaning (the intervention's period).
    paths[`/ogc/collections/${col.id}/items`] = get(`items_${id}`, `Features of ${col.id}`, [...itemsParams(col.filterable), ...VIEW_PARAMS], geojson);
    paths[`/ogc/collections/${col.id}/items/{featureId}`] = get(`item_${id}`, `One feature of ${col.id}`, [...ITEM_PARAMS, ...VIEW_PARAMS], geojson, ['featureId']);
    if (col.filterable)
      paths[`/ogc/collections/${col.id}/queryables`] = get(`queryables_${id}`, `Queryables of ${col.id}`, PAGE_ONLY, { 'application/schema+json': { schema: { type: 'object' } } });
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'piro-map OGC API – Features',
      version: '1.0.0',
      description: 'The plan, its interventions, zones and base layers for GIS clients (QGIS, GDAL). Part 1 Core, Part 2 CRS by reference, Part 3 queryables and CQL2 text.',
      license: { name: 'MIT (code); data: see /api/sources' },
    },
    servers: [{ url: new URL(base).origin }],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
  };
}
