// Request bodies of the write routes: JSON only, bounded in bytes and in nesting, and the
// If-Match and reason that come with a change. Everything wrong is a 4xx that names it.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** A body larger than this is refused before it is read to the end. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** GeoJSON nests 6 deep at most (MultiPolygon coordinates inside a Feature); records a little more. */
const MAX_DEPTH = 16;
const JSON_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json'];

export function limitBody(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'body_too_large', `the body is larger than ${maxBytes} bytes`, { limit: maxBytes });
    },
  });
}

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, d);
    if (d > MAX_DEPTH) return d;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** The JSON body; 415 for another media type, 400 for text that is not JSON or nests too deep. */
export async function readJson(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!JSON_TYPES.includes(type))
    throw new ApiError(415, 'unsupported_media_type', `send the body as JSON (Content-Type: ${JSON_TYPES.join(', ')}), not ${type ? `"${type.slice(0, 100)}"` : 'without a Content-Type'}`, {
      accepted: JSON_TYPES,
    });
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (depthOf(value) > MAX_DEPTH) throw new ApiError(400, 'invalid_json', `the body nests deeper than ${MAX_DEPTH} levels`);
  return value;
}

/** The body as `schema` reads it, or a 400 listing each field that is wrong. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, message = 'the body does not have the expected fields'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, 'invalid_body', message, result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  return result.data;
}

/** The tags of If-Match; 428 when it is missing or "*", which would overwrite changes nobody has seen. */
export function ifMatch(c: Context): string[] {
  const header = c.req.header('if-match');
  if (!header || header.trim() === '*')
    throw new ApiError(428, 'precondition_required', 'send If-Match with the ETag of the revision you changed (GET the item first); "*" is not accepted');
  return header.split(',').map((t) => t.trim()).filter(Boolean);
}

/** Why the change was made: the `reason` query parameter, else the X-Change-Reason header (percent-encoded UTF-8). */
export function reasonOf(c: Context, fromQuery: string | undefined): string | null {
  if (fromQuery !== undefined) return fromQuery.trim() || null;
  const header = c.req.header('x-change-reason');
  if (header === undefined) return null;
  let text: string;
  try {
    text = decodeURIComponent(header);
  } catch {
    throw new ApiError(400, 'invalid_header', 'X-Change-Reason must be percent-encoded UTF-8');
  }
  if (text.length > 1000 || /[\u0000-\u001f\u007f]/.test(text)) throw new ApiError(400, 'invalid_header', 'X-Change-Reason: at most 1000 characters, no control characters');
  return text.trim() || null;
}
