// Who is asking, and may they: the session cookie read on every /api request, role checks for the
// routes that need one, the CSRF rule for writes that carry the cookie, the CORS policy (anyone
// may read; only the public address may send credentials), and the login rate limit.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { tokenHash, type SessionAccount } from '../data/accounts.ts';
import { roleAllows, type Role } from '../geo/editing.ts';
import type { Deps } from './deps.ts';
import { ApiError } from './errors.ts';

export interface AppEnv {
  Variables: { session: SessionAccount | null; sessionHash: string | null };
}

export const SESSION_COOKIE = 'piro_session';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Methods that change nothing: no CSRF check, no write routes. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the session cookie; an unknown, expired or revoked token is as good as none. */
export function sessions(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const hash = token && TOKEN.test(token) ? tokenHash(token) : null;
    c.set('sessionHash', hash);
    c.set('session', hash ? await deps.store.session(hash, new Date().toISOString()) : null);
    await next();
  };
}

/** The signed-in account, when its role allows `role` (or one of several): 401 without a session, 403 otherwise. */
export function requireRole(c: Context<AppEnv>, role: Role | readonly Role[]): SessionAccount {
  const session = c.get('session');
  if (!session) throw new ApiError(401, 'unauthenticated', 'sign in first: POST /api/auth/login', null, { 'WWW-Authenticate': `Cookie realm="piro-map", cookie-name="${SESSION_COOKIE}"` });
  const roles = typeof role === 'string' ? [role] : role;
  if (!roles.some((r) => roleAllows(session.account.role, r)))
    throw new ApiError(403, 'forbidden', `this needs the ${roles.join(' or ')} role; you are signed in as ${session.account.role}`, { needed: roles.length === 1 ? roles[0] : roles, role: session.account.role });
  return session;
}

export const publicOrigin = (deps: Deps) => new URL(deps.publicUrl()).origin;

/**
 * CSRF: a write that carries the session cookie must come from a page of our own address, which
 * the browser says in Origin (it always sends Origin on POST, PATCH and DELETE, and a page cannot
 * forge it). Without the cookie there is nothing to forge. A login from another site's page is
 * refused as well, so nobody can sign a visitor into an account of theirs.
 */
export function sameOrigin(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const own = publicOrigin(deps);
    const hasCookie = getCookie(c, SESSION_COOKIE) !== undefined;
    if ((hasCookie || origin !== undefined) && origin !== own)
      throw new ApiError(403, 'cross_origin', origin === undefined
        ? `a write with a session cookie must carry the header Origin: ${own}`
        : `writes are accepted only from ${own}, not from ${origin.slice(0, 200)}`, { expected: own });
    await next();
  };
}

const EXPOSE = 'ETag, Link, Location, Content-Crs, Content-Disposition, Retry-After';

/**
 * CORS: reads are open to every origin without credentials (Access-Control-Allow-Origin: *, so a
 * browser never hands another site a signed-in answer); the public address alone may send the
 * cookie, and only it is told that writes exist.
 */
export function corsPolicy(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const credentialed = origin !== undefined && origin === publicOrigin(deps);
    const allow: Record<string, string> = credentialed
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' }
      : { 'Access-Control-Allow-Origin': '*' };
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      return new Response(null, {
        status: 204,
        headers: {
          ...allow,
          'Access-Control-Allow-Methods': credentialed ? 'GET, HEAD, POST, PATCH, DELETE' : 'GET, HEAD',
          'Access-Control-Allow-Headers': credentialed ? 'Content-Type, If-Match, If-None-Match, X-Change-Reason' : 'If-None-Match',
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      });
    }
    await next();
    for (const [name, value] of Object.entries(allow)) c.res.headers.set(name, value);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSE);
    // Always: an answer without Origin must not be served from a cache to PUBLIC_URL's page, or back.
    c.res.headers.append('Vary', 'Origin');
  };
}

/**
 * CORS for /ogc, which is read-only and anonymous: every origin, no credentials. The headers are set
 * on the answer after it is made (as corsPolicy does), never on a response made before it: Hono
 * then rebuilds the handler's response around a stream, which cost a sixth of a bbox page's time.
 */
export function readOnlyCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      const asked = c.req.header('access-control-request-headers');
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          ...(asked ? { 'Access-Control-Allow-Headers': asked, Vary: 'Access-Control-Request-Headers' } : {}),
          'Access-Control-Max-Age': '600',
        },
      });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSE);
  };
}

/**
 * Failed logins per key (an account, an address) in a sliding window. Kept in memory: a refused
 * login must change nothing in the store, and a restart forgetting the count is acceptable.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until `key` may try again, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length < this.limit ? 0 : Math.ceil((recent[0] + this.windowMs - now) / 1000);
  }

  /** Counts an attempt as failed (before it is checked, so attempts sent at once count at once). */
  fail(key: string, now = Date.now()) {
    const recent = this.recent(key, now);
    // Moved to the end, so the eviction below forgets quiet keys first, never one under attack.
    this.failures.delete(key);
    this.failures.set(key, [...recent, now]);
    // Bounded memory under a flood of made-up accounts: forget the oldest keys first.
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(key: string) {
    this.failures.delete(key);
  }

  /** Takes back the attempt `fail` counted at `at`, when it turned out right. */
  forgive(key: string, at: number) {
    const kept = (this.failures.get(key) ?? []).filter((t) => t !== at);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
  }
}
