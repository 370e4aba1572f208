// HTTP manners for every GET: validators for caches. An ETag made of the store revision, the URL
// and the Accept header is exact without reading the body (which also works for streamed exports),
// and a request that already holds it is answered 304 before anything is computed.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../data/store.ts';

const CACHE = 'public, max-age=60';

export function cacheValidators(store: Store): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const revision = await store.revision();
    const tag = `W/"${createHash('sha1').update(`${revision}\0${url.pathname}\0${url.search}\0${c.req.header('accept') ?? ''}`).digest('base64url').slice(0, 27)}"`;
    const match = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim());
    // The same URL at the same revision gives the same answer, so a held tag needs no work. "*"
    // matches any current representation, so only a successful answer can be 304 (RFC 9110 §13.1.2).
    if (match.includes(tag)) return new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': CACHE, Vary: 'Accept, Accept-Encoding' } });
    await next();
    if (c.res.status === 200 && match.includes('*')) {
      c.res = new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': CACHE, Vary: 'Accept, Accept-Encoding' } });
      return;
    }
    if (c.res.status === 200) {
      c.res.headers.set('ETag', tag);
      c.res.headers.set('Cache-Control', CACHE);
      c.res.headers.append('Vary', 'Accept, Accept-Encoding');
    } else if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
