// The OpenAPI 3.1 document, generated from the routers' RouteDocs: parameters from the same Param
// table that validates requests, response bodies from the same zod schemas the data is checked with.
import { z } from 'zod';
import type { RouteDoc } from './route-doc.ts';

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'bad input: an unknown parameter or an invalid value, named in the error',
  404: 'no such resource',
  413: 'too large: the computation would exceed a size limit, named in the error; narrow the filter',
  503: 'busy (with Retry-After), or the computation exceeded the time limit: the error code says which',
};

/** `examples` (by parameter name) come from the data; a parameter's own example is the fallback. */
export function openApiDocument(routes: RouteDoc[], info: { title: string; version: string; description: string }, examples: Record<string, string> = {}) {
  const paths: Record<string, unknown> = {};
  for (const route of routes) {
    const parameters = [
      ...(route.pathParams ?? []).map((p) => ({ name: p.name, in: 'path', required: true, description: p.description, example: examples[p.name] ?? p.example, schema: { type: 'string' } })),
      ...(route.query ?? []).map((p) => ({ name: p.name, in: 'query', required: false, description: p.description, example: examples[p.name] ?? p.example, schema: jsonSchema(p.schema, 'input') })),
    ];
    const responses: Record<string, unknown> = {
      200: {
        description: route.response.description,
        content: { [route.response.type]: { schema: route.response.schema ? jsonSchema(route.response.schema, 'output') : {} } },
      },
    };
    for (const status of [400, ...(route.errors ?? [])])
      responses[status] = { description: ERROR_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    paths[route.path] = {
      get: {
        operationId: route.path.replace(/^\/api\//, '').replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_'),
        summary: route.summary,
        description: route.description,
        tags: route.tags,
        parameters,
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT (code); data: see /api/sources', identifier: 'MIT' } },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Error: jsonSchema(ErrorBody, 'output') } },
  };
}
