// HTTP manners for every GET: validators for caches. An ETag made of the store revision, the URL
// and the Accept header is exact without reading the body (which also works for streamed exports),
// and a request that already holds it is answered 304 before anything is computed.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../data/store.ts';
import { today } from '../geo/calendar.ts';
import type { AppEnv } from './auth.ts';

const CACHE = 'public, max-age=60';

export function cacheValidators(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // A signed-in answer may hold drafts: never shared, never validated by the public tag.
    if (c.get('session')) {
      await next();
      // no-transform, where a handler asks for it, keeps an ETag strong (see editorRead).
      const keep = /no-transform/.test(c.res.headers.get('Cache-Control') ?? '') ? ', no-transform' : '';
      c.res.headers.set('Cache-Control', `private, no-store${keep}`);
      c.res.headers.append('Vary', 'Cookie');
      return;
    }
    const url = new URL(c.req.url);
    // Citizens' contributions change without a change of content: their reads key on both, and on
    // the day (a record of the period "to today" grows a day at midnight). Tested on the decoded
    // path the router matches, so /api/%63ontributions is keyed the same.
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // Not decodable: the router will not match a consultation route with it either.
    }
    const consultation = /^\/api\/(contributions|consultation)(\/|$)|^\/ogc\/collections\/contributions(\/|$)/.test(path);
    const revision = consultation ? `${await store.revision()}.${await store.consultationRevision()}.${today()}` : await store.revision();
    const tag = `W/"${createHash('sha1').update(`${revision}\0${url.pathname}\0${url.search}\0${c.req.header('accept') ?? ''}`).digest('base64url').slice(0, 27)}"`;
    const match = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim());
    // The same URL at the same revision gives the same answer, so a held tag needs no work. "*"
    // matches any current representation, so only a successful answer can be 304 (RFC 9110 §13.1.2).
    if (match.includes(tag)) return new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': CACHE, Vary: 'Accept, Accept-Encoding, Cookie' } });
    await next();
    // An answer that must never be reused (a proof-of-work challenge) gets no validator either.
    if (/no-store/.test(c.res.headers.get('Cache-Control') ?? '')) return;
    if (c.res.status === 200 && match.includes('*')) {
      c.res = new Response(null, { status: 304, headers: { ETag: tag, 'Cache-Control': CACHE, Vary: 'Accept, Accept-Encoding, Cookie' } });
      return;
    }
    if (c.res.status === 200) {
      c.res.headers.set('ETag', tag);
      c.res.headers.set('Cache-Control', CACHE);
      // The same URL answers a signed-in editor differently (drafts), so caches key on the cookie too.
      c.res.headers.append('Vary', 'Accept, Accept-Encoding, Cookie');
    } else if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

/**
 * Server-Timing on every answer: how long the app took to make it, not to send it (a streamed
 * download's time is to its first byte). Browsers' devtools show it, and the bench tells the
 * server's share of a request from the client's.
 */
export function serverTiming(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    try {
      c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
    } catch {
      // A response with immutable headers (securityHeaders copies those): no timing on it.
    }
  };
}

/**
 * STALL_TIMEOUT_MS (default a minute): how long a connection may make no progress, nothing read
 * from the client nor written to it, before the server closes it. A client that stops reading a
 * large export stalls the server's writes; this ends it. 0 switches it off.
 */
export function stallTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.STALL_TIMEOUT_MS ?? '60000';
  const ms = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(ms)) throw new Error(`STALL_TIMEOUT_MS must be a whole number of milliseconds, not "${text}"`);
  return ms;
}
