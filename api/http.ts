// HTTP manners for every GET: CORS (anyone may read), compression, and validators for caches.
// The data only changes with a new build, so an ETag made of the dataset hash and the URL is exact
// without reading the body, which also works for streamed exports.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export function cacheValidators(datasetHash: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const tag = `W/"${createHash('sha1').update(datasetHash).update(url.pathname).update(url.search).digest('base64url').slice(0, 27)}"`;
    await next();
    // Only a successful answer has a representation a validator can match (RFC 9110 §13.1.2).
    const match = c.req.header('if-none-match');
    if (c.res.status === 200 && match && match.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
      c.res = new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': 'public, max-age=60' } });
      return;
    }
    if (c.res.status === 200) {
      c.res.headers.set('ETag', tag);
      c.res.headers.set('Cache-Control', 'public, max-age=60');
      c.res.headers.append('Vary', 'Accept-Encoding');
    } else if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
