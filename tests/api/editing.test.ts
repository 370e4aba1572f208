// The write API as planners use it: signing in, what each role may do, two editors on one item,
// drafts that stay off the public map until published, history and revert, references and limits,
// the audit log. Real SQLite files, real sessions, requests through the app (tests/helpers/editing.ts).
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../data/accounts.ts';
import { WriteResult, History, ReviewQueue, ROLES, roleAllows, type Role } from '../../geo/editing.ts';
import { apiOn, ORIGIN } from '../helpers/api.ts';
import { editingOn, emailOf, newIntervention as intervention, newPlanItem, PASSWORD } from '../helpers/editing.ts';
import { join } from 'node:path';
import { loadDataset } from '../../data/dataset.ts';
import { dumpStore } from '../../data/dump.ts';
import { reseed, SeedRefused } from '../../data/seed.ts';
import { MINI, tempDir } from '../helpers/fixtures.ts';
import { databaseQuery, databaseWrite, TEST_ENGINE } from '../helpers/database.ts';

const patchJson = 'application/merge-patch+json';
const measure = (id: string) => newPlanItem('measure', id, { priorityId: 'P1', parentLinkConfidence: 'inferred' });
const zone = (id: string) => ({
  type: 'Feature',
  id,
  geometry: { type: 'Polygon', coordinates: [[[25.38, 42.61], [25.4, 42.61], [25.4, 42.63], [25.38, 42.63], [25.38, 42.61]]] },
  properties: {
    id,
    name: { bg: 'Нова зона', en: null },
    kind: 'piro_impact',
    definedBy: 'test',
    description: { bg: null, en: null },
    boundaryText: null,
    geometryAccuracy: 'schematic',
    geometryBasis: 'drawn for the test',
    confidence: 'inferred',
    confidenceNote: null,
    population: null,
    sources: [{ url: 'https://example.org/zone', supports: 'the zone' }],
  },
});

describe('signing in', async () => {
  const t = await editingOn(MINI, 'auth', { auth: { perAccount: 3, perAddress: 6 } });

  it('sets an HttpOnly, SameSite=Lax session cookie, never Secure on http, and answers who is signed in', async () => {
    const res = await t.login(emailOf('editor'));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^piro_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await t.send(t.cookieOf(res), 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.account).toMatchObject({ email: emailOf('editor'), role: 'editor', disabled: false });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
    expect(me.headers.get('cache-control')).toBe('private, no-store');
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const s = await editingOn(MINI, 'auth-https', { publicUrl: 'https://karta.kazanlak.bg' });
    const res = await s.app.request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://karta.kazanlak.bg' },
      body: JSON.stringify({ email: emailOf('editor'), password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('keeps passwords only as scrypt hashes', async () => {
    const hashes = (await databaseQuery(t.path, 'SELECT password FROM account')).map(([h]) => h as string);
    expect(hashes).toHaveLength(ROLES.length);
    for (const h of hashes) {
      expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(h).not.toContain(PASSWORD);
    }
  });

  it('never takes a password with a trailing NUL for the password (HMAC pads scrypt keys with zeros)', async () => {
    const res = await t.login(emailOf('editor'), `${PASSWORD}\u0000`);
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await res.json()).error.details[0].path).toBe('password');
  });

  it('ends the session on logout', async () => {
    const token = t.cookieOf(await t.login(emailOf('publisher')))!;
    expect((await t.send(token, 'GET', '/api/auth/me')).status).toBe(200);
    const out = await t.send(token, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/piro_session=;.*Max-Age=0/);
    expect((await t.send(token, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('ends sessions when they expire', async () => {
    const s = await editingOn(MINI, 'auth-expiry', { auth: { sessionTtlMs: 1500 } });
    const token = s.cookieOf(await s.login(emailOf('editor')))!;
    expect((await s.send(token, 'GET', '/api/auth/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await s.send(token, 'GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });

  it('answers a wrong password, an unknown email and a disabled account identically', async () => {
    const s = await editingOn(MINI, 'auth-same');
    await s.store.createAccount({ email: 'gone@example.org', role: 'editor', passwordHash: await hashPassword(PASSWORD) }, null);
    const gone = (await s.store.accountByEmail('gone@example.org'))!;
    const goneSession = s.cookieOf(await s.login('gone@example.org'))!;
    const disable = await s.send('admin', 'PATCH', `/api/users/${gone.id}`, { body: { disabled: true } });
    expect(disable.status).toBe(200);
    expect((await s.send(goneSession, 'GET', '/api/auth/me')).status).toBe(401);
    const answers = await Promise.all([
      s.login(emailOf('editor'), 'not the password'),
      s.login('nobody@example.org', PASSWORD),
      s.login('gone@example.org', PASSWORD),
    ]);
    const bodies = await Promise.all(answers.map(async (r) => `${r.status} ${await r.text()}`));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe('401 {"error":{"code":"login_failed","message":"the email or the password is wrong","details":null}}');
    for (const r of answers) expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('limits failed sign-ins per account, then per address, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await t.login(emailOf('admin'), 'wrong')).status).toBe(401);
    const locked = await t.login(emailOf('admin'), PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address still signs in, until the address has failed 6 times.
    expect((await t.login(emailOf('editor'))).status).toBe(200);
    for (let i = 0; i < 3; i++) await t.login(`nobody${i}@example.org`, 'wrong');
    const byAddress = await t.login(emailOf('editor'));
    expect(byAddress.status).toBe(429);
    expect((await byAddress.json()).error.code).toBe('too_many_attempts');
  });

  it('counts guesses sent at once before checking them, so a burst cannot pass the limit', async () => {
    const s = await editingOn(MINI, 'auth-burst', { auth: { perAccount: 3, perAddress: 100 } });
    const answers = await Promise.all(Array.from({ length: 12 }, () => s.login(emailOf('admin'), 'wrong')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.every((x) => [401, 429, 503].includes(x))).toBe(true);
    expect((await s.login(emailOf('admin'))).status).toBe(429);
  });

  it('counts failures per client behind TRUST_PROXY proxies, and ignores X-Forwarded-For without it', async () => {
    const behind = await editingOn(MINI, 'auth-proxy', { auth: { trustProxy: 1, perAddress: 2, perAccount: 100 } });
    const from = (address: string, forged = '') => ({ 'X-Forwarded-For': `${forged}${address}` });
    for (let i = 0; i < 2; i++) expect((await behind.login(emailOf('editor'), 'wrong', from('203.0.113.1'))).status).toBe(401);
    expect((await behind.login(emailOf('editor'), PASSWORD, from('203.0.113.1'))).status).toBe(429);
    // Another client behind the same proxy, even one that writes the first address in front.
    expect((await behind.login(emailOf('editor'), PASSWORD, from('203.0.113.2', '203.0.113.1, '))).status).toBe(200);
    const direct = await editingOn(MINI, 'auth-direct', { auth: { perAddress: 2, perAccount: 100 } });
    for (const address of ['203.0.113.1', '203.0.113.2']) await direct.login(emailOf('editor'), 'wrong', from(address));
    expect((await direct.login(emailOf('editor'), PASSWORD, from('203.0.113.3'))).status).toBe(429);
  });

  it('refuses a cookie write without our Origin, and a login from another site (CSRF)', async () => {
    const { etag } = await t.head('/api/interventions/TST-001');
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }]) {
      const res = await t.send('editor', 'PATCH', '/api/interventions/TST-001', { body: { properties: { statusText: 'csrf' } }, ifMatch: etag, headers });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('cross_origin');
    }
    const noOrigin = await t.app.request(`${ORIGIN}/api/interventions/TST-001`, {
      method: 'PATCH',
      headers: { Cookie: `piro_session=${t.cookies.get('editor')}`, 'If-Match': etag, 'Content-Type': 'application/json' },
      body: JSON.stringify({ properties: { statusText: 'csrf' } }),
    });
    expect(noOrigin.status).toBe(403);
    expect((await t.head('/api/interventions/TST-001')).etag).toBe(etag);
    const login = await t.login(emailOf('editor'), PASSWORD, { Origin: 'https://evil.example' });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('lets only PUBLIC_URL send credentials across origins; anyone may read', async () => {
    const own = await t.app.request(`${ORIGIN}/api/interventions/TST-001`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PATCH' } });
    expect(own.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(own.headers.get('access-control-allow-credentials')).toBe('true');
    expect(own.headers.get('access-control-allow-methods')).toContain('PATCH');
    const other = await t.app.request(`${ORIGIN}/api/interventions/TST-001`, { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'PATCH' } });
    expect(other.headers.get('access-control-allow-origin')).toBe('*');
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    expect(other.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    const read = await t.app.request(`${ORIGIN}/api/interventions`, { headers: { Origin: 'https://x.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('roles: every write route for every role', async () => {
  const t = await editingOn(MINI, 'roles');
  let n = 0;
  const fresh = () => String(++n).padStart(3, '0');
  const json = async (res: Response) => {
    if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  };
  /** A draft by the editor on an existing item, for the publisher's steps to act on. */
  const drafted = async (path: string, patch: unknown) => (await json(await t.send('editor', 'PATCH', path, { body: patch, ifMatch: (await t.head(path)).etag }))).etag as string;

  const KINDS = [
    { base: '/api/interventions', id: 'TST-004', make: () => intervention(`TST-8${fresh()}`), patch: () => ({ properties: { statusText: `checked ${fresh()}` } }) },
    { base: '/api/plan/items', id: 'M1', make: () => measure(`M-${fresh()}`), patch: () => ({ title: { bg: `Мярка ${fresh()}` } }) },
    { base: '/api/zones', id: 'TEST-Z1', make: () => zone(`TEST-R${fresh()}`), patch: () => ({ properties: { boundaryText: `граница ${fresh()}` } }) },
  ];
  /** `run` may set the stage first, as the editor or publisher; that refused requests change nothing is tests/api/write-bad-input.test.ts. */
  /** `needs`: the role the route asks for, or 'any' (every signed-in account, a moderator's too) */
  type Case = { route: string; needs: Role | 'any'; run: (who: Role | null) => Response | Promise<Response> };
  const cases: Case[] = KINDS.flatMap(({ base, id, make, patch }) => [
    { route: `POST ${base}`, needs: 'editor', run: (who) => t.send(who, 'POST', base, { body: make() }) },
    { route: `PATCH ${base}/{id}`, needs: 'editor', run: async (who) => t.send(who, 'PATCH', `${base}/${id}`, { body: patch(), ifMatch: (await t.head(`${base}/${id}`)).etag, contentType: patchJson }) },
    {
      route: `DELETE ${base}/{id}`,
      needs: 'editor',
      run: async (who) => {
        const created = await json(await t.send('editor', 'POST', base, { body: make() }));
        return t.send(who, 'DELETE', `${base}/${created.item}`, { ifMatch: created.etag });
      },
    },
    { route: `GET ${base}/{id}/history`, needs: 'editor', run: (who) => t.send(who, 'GET', `${base}/${id}/history`) },
    { route: `POST ${base}/{id}/publish`, needs: 'publisher', run: async (who) => t.send(who, 'POST', `${base}/${id}/publish`, { ifMatch: await drafted(`${base}/${id}`, patch()) }) },
    { route: `POST ${base}/{id}/reject`, needs: 'publisher', run: async (who) => t.send(who, 'POST', `${base}/${id}/reject?reason=no`, { ifMatch: await drafted(`${base}/${id}`, patch()) }) },
    {
      route: `POST ${base}/{id}/revert`,
      needs: 'publisher',
      run: async (who) => {
        const etag = await drafted(`${base}/${id}`, patch());
        return t.send(who, 'POST', `${base}/${id}/revert?to=1&reason=back`, { ifMatch: etag });
      },
    },
    {
      route: `POST ${base}/{id}/unpublish`,
      needs: 'publisher',
      run: async (who) => {
        const created = await json(await t.send('editor', 'POST', base, { body: make() }));
        const published = await json(await t.send('publisher', 'POST', `${base}/${created.item}/publish`, { ifMatch: created.etag }));
        return t.send(who, 'POST', `${base}/${created.item}/unpublish?reason=withdrawn`, { ifMatch: published.etag });
      },
    },
  ]);
  cases.push(
    { route: 'GET /api/plan/items/{id}', needs: 'editor', run: (who) => t.send(who, 'GET', '/api/plan/items/G1') },
    { route: 'GET /api/zones/{id}', needs: 'editor', run: (who) => t.send(who, 'GET', '/api/zones/TEST-Z2') },
    { route: 'GET /api/review', needs: 'editor', run: (who) => t.send(who, 'GET', '/api/review') },
    { route: 'GET /api/auth/me', needs: 'any', run: (who) => t.send(who, 'GET', '/api/auth/me') },
    { route: 'GET /api/audit', needs: 'admin', run: (who) => t.send(who, 'GET', '/api/audit') },
    { route: 'GET /api/users', needs: 'admin', run: (who) => t.send(who, 'GET', '/api/users') },
    { route: 'POST /api/users', needs: 'admin', run: (who) => t.send(who, 'POST', '/api/users', { body: { email: `new${fresh()}@example.org`, role: 'editor', password: 'twelve chars or more' } }) },
    {
      route: 'PATCH /api/users/{id}',
      needs: 'admin',
      run: async (who) => {
        const account = await t.store.createAccount({ email: `x${fresh()}@example.org`, role: 'editor', passwordHash: 'scrypt$1$1$1$x$y' }, null);
        return t.send(who, 'PATCH', `/api/users/${account.id}`, { body: { role: 'publisher' } });
      },
    },
  );

  for (const c of cases)
    it(`${c.route}: 401 without a session, 403 below ${c.needs}, 2xx from ${c.needs} up`, async () => {
      for (const who of [null, ...ROLES] as const) {
        const res = await c.run(who);
        const allowed = who !== null && (c.needs === 'any' || roleAllows(who, c.needs));
        const expected = who === null ? 401 : allowed ? 'ok' : 403;
        const status = res.status >= 200 && res.status < 300 ? 'ok' : res.status;
        expect(status, `${c.route} as ${who ?? 'nobody'}: ${res.status} ${status === 'ok' ? '' : await res.clone().text()}`).toBe(expected);
      }
    });

  it('documents every write route with its security scheme, and the public reads stay public', async () => {
    const doc = await (await t.get('/api/openapi.json')).json();
    expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'piro_session' }));
    for (const c of cases) {
      const [method, path] = c.route.split(' ');
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect(op, c.route).toBeDefined();
      expect(op.security, c.route).toEqual([{ session: [] }]);
    }
    expect(doc.paths['/api/interventions'].get.security).toBeUndefined();
    expect(doc.paths['/api/interventions'].post.requestBody.content['application/geo+json']).toBeDefined();
    expect(doc.paths['/api/interventions/{id}'].patch.requestBody.content['application/merge-patch+json']).toBeDefined();
  });
});

describe('two editors on one item', async () => {
  const t = await editingOn(MINI, 'concurrency');
  await t.store.createAccount({ email: 'second@example.org', role: 'editor', passwordHash: await hashPassword(PASSWORD) }, null);
  const second = t.cookieOf(await t.login('second@example.org'))!;

  it('needs If-Match: 428 without it', async () => {
    const res = await t.send('editor', 'PATCH', '/api/interventions/TST-002', { body: { properties: { statusText: 'x' } } });
    expect(res.status).toBe(428);
    expect((await res.json()).error.code).toBe('precondition_required');
    const star = await t.send('editor', 'PATCH', '/api/interventions/TST-002', { body: { properties: { statusText: 'x' } }, ifMatch: '*' });
    expect(star.status).toBe(428);
  });

  it('gives the second of two writes over the same ETag a 412 with the current version, and loses nothing', async () => {
    const { etag } = await t.head('/api/interventions/TST-002');
    const first = await t.send('editor', 'PATCH', '/api/interventions/TST-002', { body: { properties: { statusText: 'first editor' } }, ifMatch: etag });
    expect(first.status).toBe(200);
    const secondTry = await t.send(second, 'PATCH', '/api/interventions/TST-002', { body: { properties: { locationText: 'second editor' } }, ifMatch: etag });
    expect(secondTry.status).toBe(412);
    const refused = await secondTry.json();
    expect(refused.error.code).toBe('stale');
    expect(refused.error.details.current.record.properties.statusText).toBe('first editor');
    // Redone over the current head, both changes are there.
    const again = await t.send(second, 'PATCH', '/api/interventions/TST-002', { body: { properties: { locationText: 'second editor' } }, ifMatch: refused.error.details.current.etag });
    expect(again.status).toBe(200);
    const { record } = await t.head('/api/interventions/TST-002');
    expect(record.properties).toMatchObject({ statusText: 'first editor', locationText: 'second editor' });
  });

  it('lets exactly one of two simultaneous writes over one ETag through', async () => {
    const { etag } = await t.head('/api/interventions/TST-003');
    const answers = await Promise.all(
      ['editor', second].map((who, i) => t.send(who, 'PATCH', '/api/interventions/TST-003', { body: { properties: { statusText: `writer ${i}` } }, ifMatch: etag })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = History.parse(await (await t.send('editor', 'GET', '/api/interventions/TST-003/history')).json());
    expect(history.revisions.map((r) => r.number)).toEqual([1, 2]);
  });

  it('answers a write with the new ETag, and a patch that changes nothing writes nothing', async () => {
    const { etag } = await t.head('/api/interventions/TST-004');
    const res = await t.send('editor', 'PATCH', '/api/interventions/TST-004', { body: { properties: { statusText: 'new words' } }, ifMatch: etag });
    const result = WriteResult.parse(await res.json());
    expect(res.headers.get('etag')).toBe(result.etag);
    expect(result.etag).not.toBe(etag);
    const same = await t.send('editor', 'PATCH', '/api/interventions/TST-004', { body: { properties: { statusText: 'new words' } }, ifMatch: result.etag });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(result.etag);
  });
});

describe('drafts and publication', async () => {
  const t = await editingOn(MINI, 'drafts');
  const publicViews = ['/api/interventions', '/api/interventions/TST-001', '/api/export/interventions.geojson', '/ogc/collections/interventions/items', '/api/coverage?by=settlement', '/api/facets', '/api/plan'];
  const snapshot = async () =>
    Promise.all(publicViews.map(async (path) => {
      const res = await t.get(path);
      // Exports and OGC pages say when they were made; that is not content.
      const body = (await res.text()).replace(/"(generated|timeStamp)":"[^"]+"/g, '');
      return { path, status: res.status, etag: res.headers.get('etag'), body };
    }));

  it('keeps drafts off every public view until they are published, then shows them everywhere with new ETags', async () => {
    const before = await snapshot();
    const revision = (await t.store.health()).revision;
    const { etag } = await t.head('/api/interventions/TST-001');
    const moved = await t.send('editor', 'PATCH', '/api/interventions/TST-001?reason=moved%20to%20the%20right%20plot', {
      body: { geometry: { type: 'Point', coordinates: [25.401, 42.621] }, properties: { title: { bg: 'Черновата' } } },
      ifMatch: etag,
    });
    expect(moved.status).toBe(200);
    const created = await t.send('editor', 'POST', '/api/interventions', { body: intervention('TST-900', 'Съвсем нов') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${ORIGIN}/api/interventions/TST-900`);

    expect(await snapshot()).toEqual(before);
    expect((await t.get('/api/interventions/TST-900')).status).toBe(404);
    expect((await t.get('/ogc/collections/interventions/items/TST-900')).status).toBe(404);
    expect((await t.get('/api/interventions?q=Черновата')).status).toBe(200);
    expect((await (await t.get('/api/interventions?q=Черновата')).json()).numberMatched).toBe(0);
    expect((await t.store.health()).revision).toBe(revision);

    // The editor sees the draft, marked as one; the public answer is not kept by shared caches.
    // A browser asks for gzip; the ETag must stay strong, or If-Match could never match it.
    const draft = await t.send('editor', 'GET', '/api/interventions/TST-001', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(draft.headers.get('cache-control')).toBe('private, no-store, no-transform');
    expect(draft.headers.get('content-encoding')).toBeNull();
    expect(draft.headers.get('etag')).toMatch(/^"\d+\.\d+"$/);
    expect((await draft.json()).editing).toEqual({ revision: 2, state: 'draft', published: 1 });
    expect((await t.get('/api/interventions/TST-001')).headers.get('vary')).toContain('Cookie');

    const queue = ReviewQueue.parse(await (await t.send('publisher', 'GET', '/api/review')).json());
    const entry = queue.items.find((i) => i.item === 'TST-001')!;
    expect(entry.changes.map((c) => c.path).sort()).toEqual(['geometry', 'properties.title.bg']);
    expect(entry.geometry).toEqual({ before: { type: 'Point', coordinates: expect.any(Array) }, after: { type: 'Point', coordinates: [25.401, 42.621] } });
    expect(entry.drafts[0]).toMatchObject({ author: emailOf('editor'), reason: 'moved to the right plot', action: 'update' });
    expect(queue.items.find((i) => i.item === 'TST-900')).toMatchObject({ published: null, deletes: false });

    for (const item of queue.items) {
      const res = await t.send('publisher', 'POST', `/api/interventions/${item.item}/publish`, { ifMatch: item.etag });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    expect((await t.store.health()).revision).toBe(revision + 2);
    const after = await snapshot();
    for (let i = 0; i < publicViews.length; i++) {
      expect(after[i].status, publicViews[i]).toBe(200);
      expect(after[i].etag, publicViews[i]).not.toBe(before[i].etag);
    }
    expect(after[0].body).toContain('TST-900');
    expect(after[1].body).toContain('Черновата');
    expect(after[2].body).toContain('TST-900');
    expect(after[3].body).toContain('TST-900');
    // /ogc sends the flat form the store keeps beside each item: rewritten by the publication.
    expect(after[3].body).toContain('"title_bg":"Черновата"');
    const cql = await (await t.get(`/ogc/collections/interventions/items?filter=${encodeURIComponent("title_bg = 'Черновата'")}`)).json();
    expect(cql.features.map((f: { id: string }) => f.id)).toEqual(['TST-001']);
    expect(after[4].body).not.toBe(before[4].body);
    expect((await t.get('/api/interventions/TST-900')).status).toBe(200);
    expect((await (await t.get('/api/interventions?q=Черновата')).json()).numberMatched).toBe(1);
    // Nobody's email reaches a public answer.
    for (const view of after) expect(view.body, view.path).not.toContain('@example.org');
  });

  it('publishes only what the publisher saw: a draft written after the review is a 412', async () => {
    const { etag } = await t.head('/api/interventions/TST-002');
    const one = await (await t.send('editor', 'PATCH', '/api/interventions/TST-002', { body: { properties: { statusText: 'one' } }, ifMatch: etag })).json();
    await t.send('editor', 'PATCH', '/api/interventions/TST-002', { body: { properties: { statusText: 'two' } }, ifMatch: one.etag });
    const res = await t.send('publisher', 'POST', '/api/interventions/TST-002/publish', { ifMatch: one.etag });
    expect(res.status).toBe(412);
  });

  it('rejects with a reason, and the public never saw the draft', async () => {
    const { etag, record } = await t.head('/api/interventions/TST-003');
    const draft = await (await t.send('editor', 'PATCH', '/api/interventions/TST-003', { body: { properties: { statusText: 'wrong' } }, ifMatch: etag })).json();
    expect((await t.send('publisher', 'POST', '/api/interventions/TST-003/reject', { ifMatch: draft.etag })).status).toBe(400);
    const rejected = await t.send('publisher', 'POST', '/api/interventions/TST-003/reject', { ifMatch: draft.etag, headers: { 'X-Change-Reason': encodeURIComponent('няма източник') } });
    expect(rejected.status).toBe(200);
    expect((await t.head('/api/interventions/TST-003')).record).toEqual(record);
    const history = History.parse(await (await t.send('editor', 'GET', '/api/interventions/TST-003/history')).json());
    expect(history.revisions.at(-1)).toMatchObject({ state: 'rejected', reviewer: emailOf('publisher'), reviewReason: 'няма източник' });
    expect((await t.send('publisher', 'POST', '/api/interventions/TST-003/publish', { ifMatch: (await t.head('/api/interventions/TST-003')).etag })).status).toBe(409);
  });
});

describe('history and revert', async () => {
  const t = await editingOn(MINI, 'history');
  const publishHead = async (path: string) => {
    const res = await t.send('publisher', 'POST', `${path}/publish`, { ifMatch: (await t.head(path)).etag });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  it.each([
    ['/api/interventions/TST-003', '/api/interventions/TST-003', { properties: { title: { bg: 'Променено' }, statusText: 'changed' }, geometry: { type: 'LineString', coordinates: [[25.39, 42.62], [25.4, 42.63]] } }],
    ['/api/zones/TEST-Z1', '/api/zones', { properties: { name: { bg: 'Друго име' } } }],
    ['/api/plan/items/M1', '/api/plan', { title: { bg: 'Друга мярка', en: null } }],
  ])('brings back %s byte for byte, as a reviewed revision', async (path, publicPath, patch) => {
    const original = await (await t.get(publicPath)).text();
    expect((await t.send('editor', 'PATCH', path, { body: patch, ifMatch: (await t.head(path)).etag, contentType: patchJson })).status).toBe(200);
    await publishHead(path);
    expect(await (await t.get(publicPath)).text()).not.toBe(original);

    const revert = await t.send('publisher', 'POST', `${path}/revert?to=1&reason=undo`, { ifMatch: (await t.head(path)).etag });
    expect(revert.status, await revert.clone().text()).toBe(200);
    expect(await (await t.get(publicPath)).text()).not.toBe(original); // a revert is a draft too
    await publishHead(path);
    const history = History.parse(await (await t.send('editor', 'GET', `${path}/history`)).json());
    // The record comes back byte for byte; an intervention also says when (its `updated`, beside the properties).
    expect(await (await t.get(publicPath)).text()).toBe(original.replace('"updated":null', `"updated":"${history.revisions.at(-1)!.reviewedAt}"`));

    expect(history.revisions.map((r) => [r.number, r.action, r.state])).toEqual([
      [1, 'seed', 'published'],
      [2, 'update', 'published'],
      [3, 'revert', 'published'],
    ]);
    expect(history.revisions[1]).toMatchObject({ author: emailOf('editor'), reviewer: emailOf('publisher'), basedOn: 1 });
    expect(history.revisions[1].changes.length).toBeGreaterThan(0);
    expect(history.revisions[2]).toMatchObject({ revertsTo: 1, reason: 'undo', document: history.revisions[0].document });
  });

  it('deletes as a revision: gone from the public view, restored by a revert', async () => {
    const original = await (await t.get('/api/interventions/TST-007')).text();
    const count = async () => (await (await t.get('/api/interventions')).json()).numberMatched;
    const total = await count();
    const del = await t.send('editor', 'DELETE', '/api/interventions/TST-007?reason=duplicate', { ifMatch: (await t.head('/api/interventions/TST-007')).etag });
    expect(del.status).toBe(200);
    const gone = await t.send('editor', 'GET', '/api/interventions/TST-007');
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('deleted');
    expect(await count()).toBe(total);
    const publish = await t.send('publisher', 'POST', '/api/interventions/TST-007/publish', { ifMatch: gone.headers.get('etag')! });
    expect(publish.status).toBe(200);
    expect(await count()).toBe(total - 1);
    expect((await t.get('/api/interventions/TST-007')).status).toBe(404);
    const revert = await t.send('publisher', 'POST', '/api/interventions/TST-007/revert?to=1', { ifMatch: (await publish.json()).etag });
    expect(revert.status).toBe(200);
    expect((await t.send('publisher', 'POST', '/api/interventions/TST-007/publish', { ifMatch: (await revert.json()).etag })).status).toBe(200);
    const restored = History.parse(await (await t.send('editor', 'GET', '/api/interventions/TST-007/history')).json()).revisions.at(-1)!.reviewedAt;
    expect(await (await t.get('/api/interventions/TST-007')).text()).toBe(original.replace('"updated":null', `"updated":"${restored}"`));
  });

  it('lets a rejected new item be created again, and a deleted draft of a new item be published as nothing', async () => {
    const first = await (await t.send('editor', 'POST', '/api/plan/items', { body: measure('M7') })).json();
    expect((await t.send('publisher', 'POST', '/api/plan/items/M7/reject?reason=typo', { ifMatch: first.etag })).status).toBe(200);
    expect((await t.send('editor', 'GET', '/api/plan/items/M7')).status).toBe(404);
    const again = await t.send('editor', 'POST', '/api/plan/items', { body: measure('M7') });
    expect(again.status).toBe(201);
    const deleted = await (await t.send('editor', 'DELETE', '/api/plan/items/M7', { ifMatch: (await again.json()).etag })).json();
    const plan = await (await t.get('/api/plan')).text();
    expect((await t.send('publisher', 'POST', '/api/plan/items/M7/publish', { ifMatch: deleted.etag })).status).toBe(200);
    expect((await t.get('/api/plan')).status).toBe(200);
    expect(JSON.parse(await (await t.get('/api/plan')).text()).measures).toEqual(JSON.parse(plan).measures);
  });

  it('takes an item off the map at once with unpublish, withdrawing the drafts nobody reviewed', async () => {
    const draft = await (await t.send('editor', 'PATCH', '/api/interventions/TST-004', { body: { properties: { statusText: 'never public' } }, ifMatch: (await t.head('/api/interventions/TST-004')).etag })).json();
    const res = await t.send('publisher', 'POST', '/api/interventions/TST-004/unpublish?reason=withdrawn%20by%20council', { ifMatch: draft.etag });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'published', published: null });
    expect((await t.get('/api/interventions/TST-004')).status).toBe(404);
    const history = History.parse(await (await t.send('editor', 'GET', '/api/interventions/TST-004/history')).json());
    expect(history.revisions.map((r) => [r.action, r.state])).toEqual([['seed', 'published'], ['update', 'rejected'], ['delete', 'published']]);
    expect(history.revisions[1].reviewReason).toBe('withdrawn with the item: withdrawn by council');
  });
});

describe('what is published is the dataset', async () => {
  const t = await editingOn(MINI, 'published-dataset');

  it('dumps as a valid dataset folder holding the published edits and not the drafts', async () => {
    for (const [base, body] of [['/api/plan/items', measure('M2')], ['/api/zones', zone('TEST-N2')], ['/api/interventions', intervention('TST-910')]] as const) {
      const created = await (await t.send('editor', 'POST', base, { body })).json();
      const published = await t.send('publisher', 'POST', `${base}/${created.item}/publish`, { ifMatch: created.etag });
      expect(published.status, await published.clone().text()).toBe(200);
    }
    await t.send('editor', 'POST', '/api/interventions', { body: intervention('TST-911') });
    const dir = join(tempDir('published-dump'), 'dataset');
    await dumpStore(t.store, dir);
    const { dataset, problems } = loadDataset(dir);
    expect(problems).toEqual([]);
    expect(dataset!.plans[0].measures.map((m) => m.id)).toEqual(['M1', 'M2']);
    expect(dataset!.zones.map((z) => z.id)).toContain('TEST-N2');
    const ids = dataset!.interventions.map((i) => i.id);
    expect(ids).toContain('TST-910');
    expect(ids).not.toContain('TST-911');
    // The new intervention lies in the new zone: the zone filter finds it.
    expect((await (await t.get('/api/interventions?zone=TEST-N2')).json()).features.map((f: { id: string }) => f.id)).toContain('TST-910');
  });

  it('answers exactly as a store seeded from its own dump: every derived row kept right by each publication', async () => {
    // A member's budget moves, a project leaves its programme, an item is deleted: net budgets, zones, search keys follow.
    const edits: [string, unknown][] = [
      ['/api/interventions/TST-006', { properties: { budgetAmount: 300000, budgetCurrency: 'EUR', budgetEur: 300000 } }],
      ['/api/interventions/TST-001', { geometry: { type: 'Point', coordinates: [25.385, 42.62] }, properties: { title: { bg: 'Преместен' } } }],
      // A zone redrawn (which interventions it holds follows) and a priority moved to another goal.
      ['/api/zones/TEST-Z1', { geometry: zone('X').geometry }],
      ['/api/plan/items/P1', { goalId: 'G2' }],
    ];
    for (const [path, patch] of edits) {
      const draft = await (await t.send('editor', 'PATCH', path, { body: patch, ifMatch: (await t.head(path)).etag })).json();
      expect((await t.send('publisher', 'POST', `${path}/publish`, { ifMatch: draft.etag })).status).toBe(200);
    }
    const gone = await t.send('publisher', 'POST', '/api/interventions/TST-002/unpublish?reason=test', { ifMatch: (await t.head('/api/interventions/TST-002')).etag });
    expect(gone.status).toBe(200);
    const dir = join(tempDir('reseeded'), 'dataset');
    await dumpStore(t.store, dir);
    // Row ids differ (a deleted item leaves a gap); every public answer must not. Nor must anything
    // but when each edited item was published (`updated`), which a dataset folder does not hold:
    // seeded from the dump, every item is as in the dataset.
    const fresh = await apiOn(dir, 'reseeded-store');
    const published = /"updated":"[^"]+"/g;
    for (const path of ['/api/interventions?limit=1000', '/api/interventions?zone=TEST-Z1', '/api/interventions?goal=G2', '/api/facets?zone=TEST-Z1', '/api/facets', '/api/plan', '/api/zones', '/api/coverage?by=zone', '/api/coverage?by=goal', '/api/export/interventions.geojson', '/api/export/interventions.csv', '/ogc/collections/interventions/items?limit=100', '/api/interventions?q=preme']) {
      const [edited, seeded] = await Promise.all([t.get(path), fresh.get(path)].map(async (r) => (await (await r).text()).replace(/"(generated|timeStamp)":"[^"]+"/g, '')));
      expect(seeded, path).not.toMatch(published);
      expect(edited.replace(published, '"updated":null'), path).toBe(seeded);
    }
    await fresh.store.close();
  });

  it('refuses to seed over drafts waiting for review, unless told to discard them', async () => {
    await expect(reseed(t.store, MINI)).rejects.toThrow(SeedRefused);
    const state = await t.store.seedState();
    await reseed(t.store, MINI, { discardChanges: true });
    expect(await t.store.pendingDrafts()).toBe(0);
    expect((await t.store.seedState()).revision).toBe(state.revision + 1);
    expect(await t.store.history('intervention', 'TST-910')).toBeNull();
  });
});

describe('what a record must be', async () => {
  const t = await editingOn(MINI, 'records');
  const problemsOf = async (res: Response) => {
    const body = await res.json();
    return { status: res.status, code: body.error?.code, paths: Array.isArray(body.error?.details) ? body.error.details.map((p: { path: string }) => p.path) : [] };
  };

  it('checks a body with the dataset schema, naming the path of each problem', async () => {
    const bad = intervention('TST-901');
    (bad.properties as Record<string, unknown>).status = 'finished-ish';
    bad.properties.sources = [{ url: 'javascript:alert(1)', supports: 'x' }];
    expect(await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: bad }))).toEqual({
      status: 400,
      code: 'invalid_body',
      paths: expect.arrayContaining(['properties.status', 'properties.sources.0.url']),
    });
  });

  it('checks references against the published plan and settlements', async () => {
    const bad = intervention('TST-902') as { properties: Record<string, unknown> };
    bad.properties.planLinks = [{ level: 'measure', id: 'M9', confidence: 'inferred' }];
    bad.properties.settlement = '99999';
    bad.properties.programmeId = 'TST-001';
    const res = await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: bad }));
    expect(res).toEqual({ status: 400, code: 'invalid_body', paths: ['properties.settlement', 'properties.planLinks.0.id', 'properties.programmeId'] });
    const outside = intervention('TST-903', undefined, { geometry: { type: 'Point', coordinates: [23.32, 42.69] } });
    expect(await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: outside }))).toMatchObject({ status: 400, paths: ['geometry'] });
  });

  it('refuses to delete what is still referred to', async () => {
    for (const [path, code] of [['/api/plan/items/G1', 'in_use'], ['/api/interventions/TST-005', 'in_use']]) {
      const res = await t.send('editor', 'DELETE', path, { ifMatch: (await t.head(path)).etag });
      expect(res.status, path).toBe(409);
      expect((await res.json()).error.code).toBe(code);
    }
  });

  it('normalises geometry as on import: 6 decimals, counter-clockwise exterior rings', async () => {
    const z = zone('TEST-N1');
    z.geometry.coordinates = [[[25.380000049, 42.61], [25.38, 42.63], [25.4, 42.63], [25.4, 42.61], [25.380000049, 42.61]]];
    expect((await t.send('editor', 'POST', '/api/zones', { body: z })).status).toBe(201);
    const { record } = await t.head('/api/zones/TEST-N1');
    expect(record.geometry.coordinates[0]).toEqual([[25.38, 42.61], [25.4, 42.61], [25.4, 42.63], [25.38, 42.63], [25.38, 42.61]]);
  });

  it('keeps ids: creating an existing id is a 409, a patch cannot change the id', async () => {
    expect((await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: intervention('TST-001') }))).status).toBe(409);
    const res = await t.send('editor', 'PATCH', '/api/interventions/TST-001', { body: { id: 'TST-999' }, ifMatch: (await t.head('/api/interventions/TST-001')).etag });
    expect(await problemsOf(res)).toEqual({ status: 400, code: 'invalid_body', paths: ['id'] });
  });

  it('limits items per request, vertices per geometry and body bytes with 413', async () => {
    const many = { type: 'FeatureCollection', features: Array.from({ length: 101 }, (_, i) => intervention(`TST-${String(100 + i)}`)) };
    expect((await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: many }))).code).toBe('too_many_items');
    const long = intervention('TST-904') as { geometry: unknown };
    long.geometry = { type: 'LineString', coordinates: Array.from({ length: 20_001 }, (_, i) => [25.3 + i * 1e-6, 42.6]) };
    expect((await problemsOf(await t.send('editor', 'POST', '/api/interventions', { body: long }))).status).toBe(413);
    const huge = await t.send('editor', 'POST', '/api/interventions', { raw: `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}` });
    expect(huge.status).toBe(413);
  });

  it('creates several in one transaction, or none', async () => {
    const two = { type: 'FeatureCollection', features: [intervention('TST-905'), intervention('TST-905')] };
    const res = await t.send('editor', 'POST', '/api/interventions', { body: two });
    expect(res.status).toBe(409);
    expect((await t.send('editor', 'GET', '/api/interventions/TST-905')).status).toBe(404);
    const ok = await t.send('editor', 'POST', '/api/interventions', { body: { type: 'FeatureCollection', features: [intervention('TST-906'), intervention('TST-907')] } });
    expect(ok.status).toBe(201);
    expect((await ok.json()).items.map((i: { item: string }) => i.item)).toEqual(['TST-906', 'TST-907']);
  });
});

describe('the audit log', async () => {
  const t = await editingOn(MINI, 'audit');

  it('records logins, account changes, drafts, publications and reverts, newest first, for admins only', async () => {
    const { etag } = await t.head('/api/interventions/TST-001');
    const draft = await (await t.send('editor', 'PATCH', '/api/interventions/TST-001', { body: { properties: { statusText: 'audited' } }, ifMatch: etag })).json();
    const published = await (await t.send('publisher', 'POST', '/api/interventions/TST-001/publish', { ifMatch: draft.etag })).json();
    await t.send('publisher', 'POST', '/api/interventions/TST-001/revert?to=1', { ifMatch: published.etag });
    const editor = (await t.store.accountByEmail(emailOf('editor')))!;
    await t.send('admin', 'PATCH', `/api/users/${editor.id}`, { body: { role: 'publisher' } });
    expect((await t.send('publisher', 'GET', '/api/audit')).status).toBe(403);
    const page = await (await t.send('admin', 'GET', '/api/audit?limit=5')).json();
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual(['account.role', 'draft.revert', 'publish', 'draft.update', 'login']);
    expect(page.entries[0]).toMatchObject({ actor: emailOf('admin'), subject: `account/${editor.id}`, detail: { from: 'editor', to: 'publisher' } });
    const older = await (await t.send('admin', 'GET', `/api/audit?before=${page.next}`)).json();
    // One sign-in per role; the admin's is on the first page.
    expect(older.entries.filter((e: { action: string }) => e.action === 'login')).toHaveLength(ROLES.length - 1);
    expect(older.next).toBeNull();
  });

  it('cannot be changed afterwards, by anyone', async () => {
    await expect(databaseWrite(t.path, "UPDATE audit SET action = 'nothing'")).rejects.toThrow(/append-only/);
    await expect(databaseWrite(t.path, 'DELETE FROM audit')).rejects.toThrow(/append-only/);
    if (TEST_ENGINE === 'postgis') await expect(databaseWrite(t.path, 'TRUNCATE audit')).rejects.toThrow(/append-only/);
  });

  it('creates one account when two admins create the same email at once', async () => {
    const body = { email: 'twice@example.org', role: 'editor', password: 'twelve chars or more' };
    const answers = await Promise.all([body, { ...body, email: 'TWICE@example.org' }].map((b) => t.send('admin', 'POST', '/api/users', { body: b })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('keeps at least one admin', async () => {
    const admin = (await t.store.accountByEmail(emailOf('admin')))!;
    const res = await t.send('admin', 'PATCH', `/api/users/${admin.id}`, { body: { role: 'editor' } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('last_admin');
  });
});
