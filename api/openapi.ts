// The OpenAPI 3.1 document, generated from the routers' RouteDocs: parameters from the same Param
// table that validates requests, response bodies from the same zod schemas the data is checked with.
import { z } from 'zod';
import { SESSION_COOKIE } from './auth.ts';
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
  401: 'not signed in (or the session has ended): POST /api/auth/login',
  403: 'the role of the session may not do this, or a write with the session cookie came without our Origin (CSRF)',
  409: 'conflict: the item exists already, is deleted, is still referred to, or has no draft to review; an import was committed already, or its data changed since the preview',
  412: 'If-Match names another revision than the head: the body carries the current one to redo the change over',
  413: 'too large: the body, the file or the computation would exceed a size limit, named in the error',
  415: 'the body is not JSON (an import: not multipart/form-data, or a file format this map does not read)',
  422: 'the file cannot be imported as it is: no rows, or coordinates in a system this map cannot place (КС1970 among them: the message says how to convert)',
  428: 'If-Match is missing: send the ETag of the revision you changed',
  429: 'too many failed sign-ins; Retry-After says when to try again',
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
    const status = route.response.status ?? 200;
    const responses: Record<string, unknown> = {
      [status]: {
        description: route.response.description,
        ...(status === 204 ? {} : { content: { [route.response.type]: { schema: route.response.schema ? jsonSchema(route.response.schema, 'output') : {} } } }),
      },
    };
    for (const status of [400, ...(route.errors ?? [])])
      responses[status] = { description: ERROR_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const method = route.method ?? 'get';
    const name = route.path.replace(/^\/api\//, '').replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_');
    paths[route.path] = {
      ...(paths[route.path] as object),
      [method]: {
        operationId: method === 'get' ? name : `${method}_${name}`,
        summary: route.summary,
        description: route.role ? `${route.description ? `${route.description} ` : ''}Needs a session with ${typeof route.role === 'string' ? `the ${route.role} role (or one that may do what it may)` : `one of the roles ${route.role.join(', ')}`}; writes with the cookie carry Origin.` : route.description,
        tags: route.tags,
        parameters,
        ...(route.requestBody
          ? { requestBody: { required: true, description: route.requestBody.description, content: { [route.requestBody.type]: { schema: jsonSchema(route.requestBody.schema, 'input') } } } }
          : {}),
        ...(route.role ? { security: [{ session: [] }] } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT (code); data: see /api/sources', identifier: 'MIT' } },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the HttpOnly cookie POST /api/auth/login sets' } },
    },
  };
}
