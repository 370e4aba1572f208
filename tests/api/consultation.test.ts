// The consultation through the API, on the Kazanlak data: a contribution is invisible until a
// moderator approves it; a rejected or withdrawn one never appears anywhere public; the contact a
// citizen leaves never appears in any public answer (every public route, /ogc and the exports are
// scanned for it); the honeypot, the proof of work, the rate limits and the kill switch refuse
// without storing anything; and each staff action needs its role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../api/app.ts';
import { BENCH, post, proofFor, QUESTION } from '../helpers/contributions.ts';
import { editingOn } from '../helpers/editing.ts';
import { KAZANLAK } from '../helpers/fixtures.ts';
import { fingerprint, ORIGIN } from '../helpers/hostile.ts';

const LIMITS = { perAddress: 1000, perItem: 1000, windowMs: 3600_000 };
const t = await editingOn(KAZANLAK, 'consultation', { consultation: { proofBits: 4, limits: LIMITS } });
afterAll(() => t.store.close());
const request = (path: string, init?: RequestInit) => t.app.request(path, init);

/** Contacts no public answer may hold, and the words of contributions the public must never read. */
const SECRET = { published: 'published-contact-7Q@example.org', rejected: '+359 888 70 71 72', pending: 'pending-contact-9Z@example.org', withdrawn: 'withdrawn-contact-3K@example.org' };
const HIDDEN_TEXT = { rejected: 'Отхвърлен текст 51c7', pending: 'Чакащ текст 8a2e', withdrawn: 'Оттеглен текст 0d94' };

async function posted(body: Record<string, unknown>) {
  const res = await post(request, body);
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as { id: number; key: string; privateUrl: string; state: string };
}
const publicIds = async (query = '') => ((await t.json(`/api/contributions${query}`)).features as { id: number }[]).map((f) => f.id);

describe('a contribution from post to answer', () => {
  let bench: Awaited<ReturnType<typeof posted>>;
  beforeAll(async () => {
    bench = await posted({ ...BENCH, contact: SECRET.published });
  });

  it('is received as pending, with a private link on the public address, and is invisible until approved', async () => {
    expect(bench.state).toBe('pending');
    expect(bench.privateUrl).toBe(`${ORIGIN}/?page=contribution&item=${bench.id}#key=${bench.key}`);
    expect(await publicIds()).not.toContain(bench.id);
    expect((await t.json('/api/consultation/stats')).all.published).toBe(0);
    const mine = await request(`${ORIGIN}/api/contributions/${bench.id}/mine`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: bench.key }) });
    expect(await mine.json()).toMatchObject({ id: bench.id, state: 'pending', text: BENCH.text, settlement: '83199' });
  });

  it('is found in the moderators’ queue with its contact, and published when one approves it', async () => {
    const queue = await (await t.send('moderator', 'GET', '/api/contributions/queue')).json();
    expect(queue.contributions.find((c: { id: number }) => c.id === bench.id)).toMatchObject({ contact: SECRET.published, state: 'pending' });
    expect((await t.send('moderator', 'POST', `/api/contributions/${bench.id}/approve`)).status).toBe(200);
    expect(await publicIds('?kind=proposal&located=true&theme=public_space&settlement=83199')).toContain(bench.id);
    expect(await publicIds('?kind=question')).not.toContain(bench.id);
  });

  it('is answered in public by a publisher, linked to the interventions it led to, and counted', async () => {
    const answer = await t.send('publisher', 'POST', `/api/contributions/${bench.id}/answer`, { body: { text: 'Пейката е включена в ремонта на площада.', interventionIds: ['KZN-001'] } });
    expect(answer.status, await answer.clone().text()).toBe(200);
    const feature = (await t.json('/api/contributions?answered=true')).features.find((f: { id: number }) => f.id === bench.id);
    expect(feature.properties.answer).toMatchObject({ text: 'Пейката е включена в ремонта на площада.', interventionIds: ['KZN-001'] });
    expect(feature.properties.daysToAnswer).toBe(0);
    expect(feature.properties).not.toHaveProperty('contact');
    const stats = await t.json('/api/consultation/stats');
    expect(stats.all).toEqual({ published: 1, answered: 1, unanswered: 0, medianDaysToAnswer: 0 });
    expect(stats.settlements).toContainEqual({ settlement: '83199', published: 1, answered: 1, unanswered: 0, medianDaysToAnswer: 0 });
    // For GIS tools, a layer of its own in /ogc, flat: the answer beside the words.
    const ogc = await t.json(`/ogc/collections/contributions/items`);
    expect(ogc.features.find((f: { id: string }) => f.id === String(bench.id)).properties).toMatchObject({ kind: 'proposal', answer: 'Пейката е включена в ремонта на площада.', answerInterventions: 'KZN-001' });
    const atom = await (await t.get('/api/consultation/answers.atom')).text();
    expect(atom).toContain('Пейката е включена в ремонта на площада.');
    // The citizen's own view shows the answer too.
    const mine = await request(`${ORIGIN}/api/contributions/${bench.id}/mine`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: bench.key }) });
    expect((await mine.json()).answer.text).toBe('Пейката е включена в ремонта на площада.');
  });

  it('counts a question on an intervention under the intervention’s measures', async () => {
    const q = await posted(QUESTION);
    await t.send('moderator', 'POST', `/api/contributions/${q.id}/approve`);
    const item = await t.json('/api/interventions/KZN-001');
    const measures = item.properties.planLinks.filter((l: { level: string }) => l.level === 'measure').map((l: { id: string }) => l.id);
    const stats = await t.json('/api/consultation/stats');
    for (const m of measures.length ? measures : [null]) expect(stats.measures.find((row: { measureId: string | null }) => row.measureId === m)?.unanswered).toBeGreaterThanOrEqual(1);
    expect(await publicIds('?intervention=KZN-001')).toContain(q.id);
  });

  it('merges a duplicate into a published contribution, which counts it; the duplicate is not listed', async () => {
    const dup = await posted({ ...BENCH, text: 'Още една пейка в Шипка, моля' });
    const merged = await t.send('moderator', 'POST', `/api/contributions/${dup.id}/merge`, { body: { into: bench.id } });
    expect(merged.status).toBe(200);
    expect(await publicIds()).not.toContain(dup.id);
    expect((await t.json('/api/contributions')).features.find((f: { id: number }) => f.id === bench.id).properties.mergedCount).toBe(1);
    expect((await t.send('moderator', 'POST', `/api/contributions/${bench.id}/merge`, { body: { into: bench.id } })).status).toBe(409);
  });

});

describe('what the public never sees', () => {
  const ids: Record<keyof typeof HIDDEN_TEXT, number> = { rejected: 0, pending: 0, withdrawn: 0 };
  beforeAll(async () => {
    const rejected = await posted({ ...QUESTION, text: HIDDEN_TEXT.rejected, contact: SECRET.rejected });
    const reject = await t.send('moderator', 'POST', `/api/contributions/${rejected.id}/reject`, { body: { reason: 'offensive' } });
    expect(reject.status).toBe(200);
    ids.rejected = rejected.id;
    ids.pending = (await posted({ ...BENCH, text: HIDDEN_TEXT.pending, contact: SECRET.pending })).id;
    const withdrawn = await posted({ ...BENCH, text: HIDDEN_TEXT.withdrawn, contact: SECRET.withdrawn });
    await t.send('moderator', 'POST', `/api/contributions/${withdrawn.id}/approve`);
    const res = await request(`${ORIGIN}/api/contributions/${withdrawn.id}/withdraw`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: withdrawn.key }) });
    expect((await res.json()).state).toBe('withdrawn');
    ids.withdrawn = withdrawn.id;
  });

  it('the contributor learns the reason of a rejection through the private link only', async () => {
    const staff = await (await t.send('moderator', 'GET', '/api/contributions/queue?state=rejected')).json();
    expect(staff.contributions.find((c: { id: number }) => c.id === ids.rejected).rejectReason).toBe('offensive');
    expect((await request(`${ORIGIN}/api/contributions/${ids.rejected}/mine`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: 'x'.repeat(43) }) })).status).toBe(404);
  });

  it('a withdrawal erases the words and the contact from the store', async () => {
    const row = await t.store.staffContribution(ids.withdrawn);
    expect(row).toMatchObject({ state: 'withdrawn', text: '', contact: null, geometry: null });
  });

  it('no public route, /ogc page or export holds a contact, or the words of an unpublished contribution', async () => {
    const urls = new Set<string>(['/ogc', '/ogc/collections', '/api/consultation/report.csv', '/api/consultation/report.html', '/api/consultation/report.json?from=2020-01-01', '/api/contributions?download=1']);
    for (const route of PUBLIC_ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => route.pathParams?.find((p) => p.name === name)?.example ?? 'KZN-001');
      urls.add(path);
      for (const p of route.query ?? []) if (p.example) urls.add(`${path}?${p.name}=${encodeURIComponent(p.example)}`);
    }
    for (const c of (await t.json('/ogc/collections')).collections as { id: string }[]) urls.add(`/ogc/collections/${c.id}/items?limit=1000`);
    const needles = [...Object.values(SECRET), ...Object.values(HIDDEN_TEXT)];
    let scanned = 0;
    for (const url of urls) {
      const res = await t.get(url);
      if (res.status !== 200) continue;
      const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
      scanned++;
      for (const needle of needles) expect(body.includes(needle), `${url} holds "${needle}"`).toBe(false);
    }
    expect(scanned).toBeGreaterThan(30);
  });

  it('the record of the period counts them (never their words) and says why the rejected were rejected', async () => {
    const report = await t.json('/api/consultation/report.json?from=2020-01-01');
    expect(report.byState).toMatchObject({ rejected: 1, pending: 1, withdrawn: 1, published: 2, merged: 1 });
    expect(report.rejectedBy.offensive).toBe(1);
    expect(report.received).toBe(6);
    const bytes = Buffer.from(await (await t.get('/api/consultation/report.csv?from=2020-01-01')).arrayBuffer());
    // A byte-order mark, so that Excel reads the Cyrillic as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('id,posted,kind,category,settlement,intervention,measure,display_name,text,duplicates_merged,answer,answered,days_to_answer,answer_interventions');
    expect(csv).toContain('Шипка');
    const html = await (await t.get('/api/consultation/report.html?from=2020-01-01')).text();
    expect(html).toContain('Отговор на общината');
  });
});

describe('abuse resistance: refused, and nothing stored', () => {
  /** The store as a refused post must leave it. */
  const unchanged = async (res: Response | Promise<Response>, status: number, code: string) => {
    const before = (await fingerprint(t.path));
    const answer = await res;
    const body = await answer.json();
    expect(answer.status, JSON.stringify(body)).toBe(status);
    expect(body.error.code).toBe(code);
    expect((await fingerprint(t.path))).toEqual(before);
    return body;
  };

  it('a filled honeypot', async () => {
    await unchanged(post(request, { ...QUESTION, website: 'http://spam.example' }), 400, 'invalid_body');
  });

  it('a proof that does not hold, a forged or spent challenge', async () => {
    const { challenge } = await proofFor(request);
    // A nonce that fails with 4 bits: try until one does.
    let nonce = 0;
    const { proofHolds } = await import('../../geo/proof-of-work.ts');
    while (proofHolds(challenge, String(nonce), 4)) nonce++;
    await unchanged(post(request, { ...QUESTION, proof: { challenge, nonce: String(nonce) } }), 400, 'invalid_proof');
    await unchanged(post(request, { ...QUESTION, proof: { challenge: challenge.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), nonce: '0' } }), 400, 'invalid_proof');
    const proof = await proofFor(request);
    expect((await post(request, { ...QUESTION, proof })).status).toBe(202);
    await unchanged(post(request, { ...QUESTION, proof }), 409, 'replayed');
  });

  it('more links than a citizen needs, text past its limit, a place outside the municipality, an unknown item', async () => {
    await unchanged(post(request, { ...QUESTION, text: 'https://a.example https://b.example https://c.example' }), 400, 'invalid_body');
    await unchanged(post(request, { ...QUESTION, text: 'я'.repeat(2001) }), 400, 'invalid_body');
    await unchanged(post(request, { ...BENCH, geometry: { type: 'Point', coordinates: [23.32, 42.69] } }), 400, 'invalid_body');
    await unchanged(post(request, { ...QUESTION, interventionId: 'KZN-999' }), 400, 'invalid_body');
    await unchanged(post(request, { ...BENCH, theme: undefined }), 400, 'invalid_body');
  });

  it('the kill switch, everywhere and for one item', async () => {
    const close = (target: string, closed: boolean) => t.send('moderator', 'POST', '/api/contributions/closures', { body: { target, closed } });
    expect((await (await close('intervention:KZN-001', true)).json()).closed).toEqual([expect.objectContaining({ target: 'intervention:KZN-001' })]);
    await unchanged(post(request, QUESTION), 403, 'closed');
    expect((await post(request, BENCH)).status).toBe(202);
    await close('intervention:KZN-001', false);
    expect((await (await close('*', true)).json()).open).toBe(false);
    await unchanged(post(request, BENCH), 403, 'closed');
    expect((await t.json('/api/contributions/status')).open).toBe(false);
    await close('*', false);
    expect((await post(request, BENCH)).status).toBe(202);
  });
});

describe('rate limits', async () => {
  const limited = await editingOn(KAZANLAK, 'consultation-limits', { consultation: { proofBits: 2, limits: { perAddress: 2, perItem: 3, windowMs: 3600_000 } } });
  afterAll(() => limited.store.close());
  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const send = (body: Record<string, unknown>, address: string) => post((p, i) => limited.app.request(p, i), body, from(address));

  it('per address, then per item; a refused post stores nothing and says when to try again', async () => {
    // Behind one trusted proxy the address is the proxy's entry of X-Forwarded-For.
    const proxied = await editingOn(KAZANLAK, 'consultation-proxy', { auth: { trustProxy: 1 }, consultation: { proofBits: 2, limits: { perAddress: 2, perItem: 3, windowMs: 3600_000 } } });
    const sendVia = (body: Record<string, unknown>, address: string) => post((p, i) => proxied.app.request(p, i), body, from(address));
    expect((await sendVia(BENCH, '203.0.113.1')).status).toBe(202);
    expect((await sendVia(BENCH, '203.0.113.1')).status).toBe(202);
    const before = (await fingerprint(proxied.path));
    const third = await sendVia(BENCH, '203.0.113.1');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fingerprint(proxied.path))).toEqual(before);
    expect((await sendVia(BENCH, '203.0.113.2')).status).toBe(202);
    // Per item: three on KZN-001 from three addresses, then the fourth is refused whoever sends it.
    for (const a of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await sendVia(QUESTION, a)).status).toBe(202);
    expect((await sendVia(QUESTION, '198.51.100.4')).status).toBe(429);
    proxied.store.close();
    // Without a trusted proxy, the header is the client's word and is not believed.
    expect((await send(BENCH, '192.0.2.1')).status).toBe(202);
    expect((await send(BENCH, '192.0.2.2')).status).toBe(202);
    expect((await send(BENCH, '192.0.2.3')).status).toBe(429);
  });
});

describe('roles and CSRF on the staff routes', () => {
  it('each action needs its role: 401 signed out, 403 for the wrong role', async () => {
    const id = (await posted(QUESTION)).id;
    expect((await t.send(null, 'POST', `/api/contributions/${id}/approve`)).status).toBe(401);
    expect((await t.send('editor', 'POST', `/api/contributions/${id}/approve`)).status).toBe(403);
    expect((await t.send('publisher', 'POST', `/api/contributions/${id}/approve`)).status).toBe(403);
    expect((await t.send('editor', 'GET', '/api/contributions/queue')).status).toBe(403);
    expect((await t.send('publisher', 'GET', '/api/contributions/queue?state=published&answered=false')).status).toBe(200);
    expect((await t.send('moderator', 'POST', `/api/contributions/${id}/answer`, { body: { text: 'x', interventionIds: [] } })).status).toBe(403);
    expect((await t.send('moderator', 'POST', '/api/interventions/KZN-001/publish')).status).toBe(403);
    // Answering waits for publication.
    expect((await t.send('publisher', 'POST', `/api/contributions/${id}/answer`, { body: { text: 'x', interventionIds: [] } })).status).toBe(409);
    // A cookie write from another site's page.
    const csrf = await t.send('moderator', 'POST', `/api/contributions/${id}/approve`, { headers: { Origin: 'https://evil.example' } });
    expect(csrf.status).toBe(403);
    expect((await t.store.staffContribution(id))!.state).toBe('pending');
    expect((await t.send('admin', 'POST', `/api/contributions/${id}/approve`)).status).toBe(200);
    // A moderator reads the plan as the public does (not the editors' drafts), without a refusal.
    const item = await t.send('moderator', 'GET', '/api/interventions/KZN-001');
    expect(item.status).toBe(200);
    expect(await item.json()).not.toHaveProperty('editing');
  });

  it('a published contribution taken down sends its duplicates back to the queue', async () => {
    const target = await posted({ ...BENCH, text: 'Чешма на площада' });
    await t.send('moderator', 'POST', `/api/contributions/${target.id}/approve`);
    const dup = await posted({ ...BENCH, text: 'И аз искам чешма там' });
    await t.send('moderator', 'POST', `/api/contributions/${dup.id}/merge`, { body: { into: target.id } });
    expect((await t.send('moderator', 'POST', `/api/contributions/${target.id}/reject`, { body: { reason: 'not_municipal' } })).status).toBe(200);
    expect(await t.store.staffContribution(dup.id)).toMatchObject({ state: 'pending', mergedInto: null });
    expect((await t.send('moderator', 'POST', `/api/contributions/${dup.id}/reject`, { body: { reason: 'not_municipal' } })).status).toBe(200);
  });

  it('the public list is cached per consultation revision: an approval shows at once', async () => {
    const first = await t.get('/api/contributions');
    const tag = first.headers.get('etag')!;
    expect((await t.get('/api/contributions', { headers: { 'If-None-Match': tag } })).status).toBe(304);
    const id = (await posted(QUESTION)).id;
    await t.send('moderator', 'POST', `/api/contributions/${id}/approve`);
    expect((await t.get('/api/contributions', { headers: { 'If-None-Match': tag } })).status).toBe(200);
    // The same list by a percent-encoded path, which the router decodes, is keyed the same way.
    const encoded = await t.get('/api/%63ontributions');
    const id2 = (await posted(QUESTION)).id;
    await t.send('moderator', 'POST', `/api/contributions/${id2}/approve`);
    expect((await t.get('/api/%63ontributions', { headers: { 'If-None-Match': encoded.headers.get('etag')! } })).status).toBe(200);
    // A view of the past holds the plan's history only: no contributions layer is offered there.
    const past = await t.json('/ogc/collections?asOf=2024-12-31');
    expect(past.collections.map((c: { id: string }) => c.id)).not.toContain('contributions');
    // Asked of the past anyway, the 404 says which past.
    const missing = await t.get('/ogc/collections/contributions/items?asOf=2024-12-31');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('no collection "contributions" as of 2024-12-31');
    const challenge = await t.get('/api/contributions/challenge');
    expect(challenge.headers.get('etag')).toBeNull();
    expect(challenge.headers.get('cache-control')).toBe('no-store');
  });
});
