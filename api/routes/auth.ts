// Signing in and out, and the accounts admins manage:
//   POST /api/auth/login {email, password}   sets the HttpOnly session cookie
//   POST /api/auth/logout                    ends the session
//   GET  /api/auth/me                        who is signed in, and until when
//   GET/POST /api/users, PATCH /api/users/{id}   (admin)
// A wrong password, an unknown email and a disabled account get the same answer after the same work.
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { hashPassword, newSessionToken, verifyPassword } from '../../data/accounts.ts';
import { Account, AccountChange, Login, Me, NewAccount, ROLES } from '../../geo/editing.ts';
import { requireRole, SESSION_COOKIE, type AppEnv } from '../auth.ts';
import { localLoginGuard, type LoginGuard } from '../login-guard.ts';
import { limitBody, parseBody, readJson } from '../body.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';

export interface AuthOptions {
  /** how long a session lasts; default SESSION_HOURS (8), a working day */
  sessionTtlMs: number;
  /** failed logins per account and per address within the window before 429 */
  perAccount: number;
  perAddress: number;
  windowMs: number;
  /**
   * Proxies in front of the server whose X-Forwarded-For to believe (TRUST_PROXY, default 0).
   * Behind one reverse proxy every client would otherwise share its address, and 20 failures by
   * anyone would lock everyone out.
   */
  trustProxy: number;
  /** where failed sign-ins are counted; default this process (api/login-guard.ts) */
  guard?: LoginGuard;
}

/** Password checks at once: libuv's thread pool has 4 threads, and fs and zlib need them too. */
const MAX_CHECKS = 4;

export function authOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthOptions {
  const hours = Number(env.SESSION_HOURS ?? '8');
  if (!(hours > 0 && hours <= 24 * 30)) throw new Error(`SESSION_HOURS must be a number of hours from 0 to 720, not "${env.SESSION_HOURS}"`);
  const proxies = (env.TRUST_PROXY ?? '0').trim();
  if (!/^\d$/.test(proxies)) throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (0 to 9), not "${env.TRUST_PROXY}"`);
  return { sessionTtlMs: hours * 3600_000, perAccount: 5, perAddress: 20, windowMs: 15 * 60_000, trustProxy: Number(proxies) };
}

/**
 * The client's address: the socket's, or behind `trustProxy` proxies the entry of X-Forwarded-For
 * the nearest trusted proxy wrote (entries further left are the client's word, and forgeable).
 */
export function addressOf(c: Context, trustProxy: number): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socket = incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return (hops[hops.length - trustProxy] ?? socket).slice(0, 100);
}

const noStore = { 'Cache-Control': 'no-store' };

export function authRoutes(deps: Deps, options: AuthOptions) {
  const r = new Hono<AppEnv>();
  // Paths, not '*': mounted at /api, a '*' middleware would also hold every other /api route to this limit.
  for (const path of ['/auth/*', '/users', '/users/*']) r.use(path, limitBody(64 * 1024));
  const guard = options.guard ?? localLoginGuard(options);
  /** password checks running now; more wait for nobody, they are refused */
  let checking = 0;

  r.post('/auth/login', async (c) => {
    parseQuery(c.req.url, []);
    const { email, password } = parseBody(Login, await readJson(c));
    const accountKey = email.trim().toLowerCase();
    const address = addressOf(c, options.trustProxy);
    // Each check costs 32 MiB and tens of milliseconds on the thread pool the whole server shares.
    if (checking >= MAX_CHECKS) throw new ApiError(503, 'busy', 'too many sign-ins at once; try again in a second', null, { 'Retry-After': '1' });
    // Counted as failed before the slow check, so guesses sent at once cannot all pass the limit.
    const at = performance.timeOrigin + performance.now(); // fractions of a millisecond: this attempt's own mark
    const wait = await guard.attempt(accountKey, address, at);
    if (wait > 0) throw new ApiError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${wait} s`, { retryAfter: wait }, { 'Retry-After': String(wait) });
    checking++;
    let found: Awaited<ReturnType<typeof deps.store.accountForLogin>>;
    let ok: boolean;
    try {
      found = await deps.store.accountForLogin(accountKey);
      ok = (await verifyPassword(password, found?.passwordHash ?? null)) && found !== null && !found.account.disabled;
    } finally {
      checking--;
    }
    if (!ok || !found) throw new ApiError(401, 'login_failed', 'the email or the password is wrong');
    await guard.passed(accountKey, address, at);
    const { token, hash } = newSessionToken();
    const expiresAt = new Date(Date.now() + options.sessionTtlMs).toISOString();
    await deps.store.createSession(found.account.id, hash, expiresAt, address);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.publicUrl().startsWith('https://'),
      path: '/',
      maxAge: Math.floor(options.sessionTtlMs / 1000),
    });
    return c.json({ account: found.account, sessionExpiresAt: expiresAt }, 200, noStore);
  });

  r.post('/auth/logout', async (c) => {
    parseQuery(c.req.url, []);
    const hash = c.get('sessionHash');
    if (hash) await deps.store.revokeSession(hash);
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: deps.publicUrl().startsWith('https://') });
    return c.body(null, 204, noStore);
  });

  r.get('/auth/me', (c) => {
    parseQuery(c.req.url, []);
    const { account, expiresAt } = requireRole(c, ROLES);
    return c.json({ account, sessionExpiresAt: expiresAt }, 200, { 'Cache-Control': 'private, no-store' });
  });

  r.get('/users', async (c) => {
    requireRole(c, 'admin');
    parseQuery(c.req.url, []);
    return c.json({ accounts: await deps.store.accounts() }, 200, { 'Cache-Control': 'private, no-store' });
  });

  r.post('/users', async (c) => {
    const { account: admin } = requireRole(c, 'admin');
    parseQuery(c.req.url, []);
    const input = parseBody(NewAccount, await readJson(c));
    const account = await deps.store.createAccount({ email: input.email, role: input.role, passwordHash: await hashPassword(input.password) }, admin.id);
    return c.json(account, 201, noStore);
  });

  r.patch('/users/:id', async (c) => {
    const { account: admin } = requireRole(c, 'admin');
    parseQuery(c.req.url, []);
    const id = Number(c.req.param('id'));
    if (!/^\d{1,12}$/.test(c.req.param('id'))) throw new ApiError(400, 'invalid_id', 'account ids are whole numbers');
    const change = parseBody(AccountChange, await readJson(c));
    const account = await deps.store.updateAccount(id, change, admin.id);
    if (!account) throw new ApiError(404, 'not_found', `no account ${id}`);
    return c.json(account, 200, noStore);
  });
  return r;
}

export const AUTH_ROUTES: RouteDoc[] = [
  { method: 'post', path: '/api/auth/login', summary: 'Sign in: sets the HttpOnly session cookie. Failed attempts are limited per account and per address (429 with Retry-After)', tags: ['accounts'], requestBody: { type: 'application/json', schema: Login, description: 'email and password' }, response: { type: 'application/json', schema: Me, description: 'the account and when the session ends' }, errors: [401, 403, 415, 429] },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out: ends the session', tags: ['accounts'], response: { type: 'application/json', description: 'signed out (204, no body)', status: 204 }, errors: [403] },
  { path: '/api/auth/me', summary: 'The signed-in account and when its session ends', tags: ['accounts'], role: ROLES, response: { type: 'application/json', schema: Me, description: 'the account' }, errors: [401] },
  { path: '/api/users', summary: 'Every account (admin)', tags: ['accounts'], role: 'admin', response: { type: 'application/json', schema: z.object({ accounts: z.array(Account) }), description: 'accounts' }, errors: [401, 403] },
  { method: 'post', path: '/api/users', summary: 'Create an account (admin)', tags: ['accounts'], role: 'admin', requestBody: { type: 'application/json', schema: NewAccount, description: 'the new account; the password has at least 12 characters' }, response: { type: 'application/json', schema: Account, description: 'the account', status: 201 }, errors: [401, 403, 409, 415] },
  { method: 'patch', path: '/api/users/{id}', summary: 'Change the role of an account or disable it (admin); disabling ends its sessions', tags: ['accounts'], role: 'admin', requestBody: { type: 'application/json', schema: AccountChange, description: 'role, disabled or both' }, pathParams: [{ name: 'id', description: 'account id' }], response: { type: 'application/json', schema: Account, description: 'the account' }, errors: [401, 403, 404, 409, 415] },
];
