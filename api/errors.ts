// One error shape for every failure: { error: { code, message, details } }. Bad input is a 4xx that
// says what is wrong; anything unexpected is logged on the server and answered without internals.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AccountRefused } from '../data/accounts.ts';
import { EditRefused } from '../data/editing.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    /** headers the answer carries, e.g. Retry-After on a 503 */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

/** The HTTP status of each refusal of the store's editing. */
const REFUSED: Record<EditRefused['code'], ContentfulStatusCode> = {
  invalid: 400,
  too_large: 413,
  not_found: 404,
  exists: 409,
  deleted: 409,
  in_use: 409,
  nothing_pending: 409,
  references: 409,
  stale: 412,
};

export function onError(err: Error, c: Context) {
  if (err instanceof EditRefused) {
    const code = err.code === 'invalid' ? 'invalid_body' : err.code;
    return c.json(errorBody(code, err.message, err.details), REFUSED[err.code], { 'Cache-Control': 'no-store' });
  }
  if (err instanceof AccountRefused) return c.json(errorBody(err.code, err.message), 409, { 'Cache-Control': 'no-store' });
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  if (err instanceof HTTPException) {
    const status = err.status;
    return c.json(errorBody(status === 400 ? 'bad_request' : 'http_error', err.message || 'request not accepted'), status);
  }
  console.error(err);
  return c.json(errorBody('internal', 'something went wrong on the server; it has been logged'), 500);
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', `no resource at ${c.req.path}`), 404);
}
