// Citizens' contributions (issue 17):
//   GET  /api/contributions/status | /challenge          open or closed, and a proof-of-work challenge
//   POST /api/contributions                              a question, comment or proposal → 202, pending
//   GET  /api/contributions                              the published ones, GeoJSON (no contact, ever)
//   POST /api/contributions/{id}/mine | /withdraw        the contributor, with the private link's key
//   GET  /api/contributions/queue                        staff: moderation and answering queues
//   POST /api/contributions/{id}/approve|reject|merge    moderator
//   POST /api/contributions/{id}/answer                  publisher
//   POST /api/contributions/closures                     moderator: the kill switch
// A refused post (honeypot, proof, limits, closure, bad field) is a 4xx and stores nothing.
import { createHmac } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { newSessionToken, tokenHash } from '../../data/accounts.ts';
import { ContributionRefused, type PostLimits } from '../../data/contributions.ts';
import { startOfDay, endOfDay } from '../../geo/calendar.ts';
import {
  AnswerInput,
  Challenge,
  ClosureTarget,
  CONTRIBUTION_KINDS,
  CONTRIBUTION_LIMITS,
  CONTRIBUTION_STATES,
  ContributionCollection,
  ContributionKey,
  ConsultationStatus,
  Merge,
  NewContribution,
  OwnContribution,
  Posted,
  Rejection,
  StaffContribution,
  type ContributionGeometry,
} from '../../geo/contribution.ts';
import { EKATTE, InterventionId, THEMES } from '../../geo/index.ts';
import { geometryProblems, normaliseGeometry } from '../../geo/normalise.ts';
import { pointInGeometry, positionsOf, representativePoint, type Areal } from '../../geo/spatial.ts';
import { requireRole, type AppEnv } from '../auth.ts';
import { limitBody, parseBody, readJson } from '../body.ts';
import { issueChallenge, proofProblem } from '../challenge.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { day, ids, oneOf, param, parseQuery, text } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';
import { addressOf } from './auth.ts';

export interface ConsultationOptions {
  /** leading zero bits of the proof of work (CONTRIBUTION_PROOF_BITS, default 16: see README, Consultation) */
  proofBits: number;
  limits: PostLimits;
  /** proxies whose X-Forwarded-For to believe, for the per-address limit: the auth options' (TRUST_PROXY) */
  trustProxy: number;
}

export function consultationOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<ConsultationOptions, 'trustProxy'> {
  const number = (name: string, fallback: number, max: number) => {
    const raw = env[name] ?? String(fallback);
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < 0 || n > max) throw new Error(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
    return n;
  };
  return {
    proofBits: number('CONTRIBUTION_PROOF_BITS', 16, 24),
    limits: { perAddress: number('CONTRIBUTION_LIMIT_PER_ADDRESS', 10, 1e6), perItem: number('CONTRIBUTION_LIMIT_PER_ITEM', 50, 1e6), windowMs: 3600_000 },
  };
}

const LIST_PARAMS = [
  param('kind', oneOf(CONTRIBUTION_KINDS.ids), `Comma-separated kinds: ${CONTRIBUTION_KINDS.ids.join(', ')}.`, 'proposal'),
  param('theme', oneOf(THEMES.ids), `Comma-separated themes (a proposal's category): ${THEMES.ids.join(', ')}.`, 'public_space'),
  param('intervention', text(40).pipe(InterventionId), 'The intervention the contributions are about.', 'KZN-001'),
  param('measure', text(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids are letters, digits, dot, dash, underscore'), 'The measure the contributions are about (named directly).'),
  param('settlement', ids(EKATTE, 'ЕКАТТЕ codes'), 'Comma-separated ЕКАТТЕ codes of settlements.'),
  param('answered', z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'), 'true: only those the municipality has answered; false: only those waiting for an answer.'),
  param('located', z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'), 'true: only those with a place (the map layer).'),
  param('from', day('a day'), 'Posted on or after this day (YYYY-MM-DD, Sofia time).', '2026-01-01'),
  param('to', day('a day'), 'Posted on or before this day (YYYY-MM-DD, Sofia time).', '2026-12-31'),
  param('download', z.enum(['1', 'true'], 'must be 1 or true'), 'Send as a file (Content-Disposition: attachment).'),
] as const;

const QUEUE_PARAMS = [
  param('state', z.enum(CONTRIBUTION_STATES.ids, `allowed values are ${CONTRIBUTION_STATES.ids.join(', ')}`), 'Only contributions in this state (default: pending).', 'pending'),
  param('answered', z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'), 'true: answered only; false: unanswered only.'),
] as const;

const ID_PARAM = [{ name: 'id', description: 'the contribution’s number', example: '1' }];
const StaffQueue = z.object({ contributions: z.array(StaffContribution) });
const ClosureChange = z.object({ target: ClosureTarget, closed: z.boolean() }).strict();
const tags = ['consultation'];

export const CONTRIBUTION_ROUTES: RouteDoc[] = [
  { path: '/api/contributions/status', summary: 'Whether contributions are open (everywhere, and which items are closed), and the proof of work a post needs', tags, response: { type: 'application/json', schema: ConsultationStatus, description: 'the status' } },
  { path: '/api/contributions/challenge', summary: 'A proof-of-work challenge for one post: find a nonce whose SHA-256 of "challenge:nonce" starts with `bits` zero bits', tags, response: { type: 'application/json', schema: Challenge, description: 'a fresh challenge, good for one post within two hours' } },
  {
    method: 'post', path: '/api/contributions', summary: 'Post a question, comment or proposal. No account: a display name and an optional contact that is never published. It waits for moderation; the answer holds a private link to follow or withdraw it',
    description: `Limits: text ${CONTRIBUTION_LIMITS.text} characters with at most ${CONTRIBUTION_LIMITS.links} links, a drawn area of at most ${CONTRIBUTION_LIMITS.vertices} positions inside the municipality; posts per address and per item per hour (429 with Retry-After). The field "website" must stay empty.`,
    tags, requestBody: { type: 'application/json', schema: NewContribution, description: 'the contribution' }, response: { type: 'application/json', schema: Posted, description: 'received, waiting for moderation', status: 202 }, errors: [403, 409, 413, 415, 429],
  },
  { path: '/api/contributions', summary: 'The published contributions as GeoJSON, newest first (unlocated ones with geometry null); nothing personal beyond the display name', tags, query: LIST_PARAMS, response: { type: 'application/geo+json', schema: ContributionCollection, description: 'a FeatureCollection' } },
  { method: 'post', path: '/api/contributions/{id}/mine', summary: 'The contributor’s own view (state, reason of a rejection, answer), with the key of the private link', tags, pathParams: ID_PARAM, requestBody: { type: 'application/json', schema: ContributionKey, description: 'the key' }, response: { type: 'application/json', schema: OwnContribution, description: 'the contribution' }, errors: [404] },
  { method: 'post', path: '/api/contributions/{id}/withdraw', summary: 'The contributor withdraws it: it leaves every public list and its words and contact are erased', tags, pathParams: ID_PARAM, requestBody: { type: 'application/json', schema: ContributionKey, description: 'the key' }, response: { type: 'application/json', schema: OwnContribution, description: 'the contribution, withdrawn' }, errors: [404] },
  { path: '/api/contributions/queue', summary: 'Staff: contributions in a state, oldest first, with the contact (moderators, publishers)', tags, query: QUEUE_PARAMS, role: ['moderator', 'publisher'], response: { type: 'application/json', schema: StaffQueue, description: 'the queue' }, errors: [401, 403] },
  { method: 'post', path: '/api/contributions/{id}/approve', summary: 'Publish a pending contribution', tags, pathParams: ID_PARAM, role: 'moderator', response: { type: 'application/json', schema: StaffContribution, description: 'the contribution' }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/contributions/{id}/reject', summary: 'Reject a pending (or take down a published) contribution, with a reason category the contributor is told', tags, pathParams: ID_PARAM, role: 'moderator', requestBody: { type: 'application/json', schema: Rejection, description: 'the reason' }, response: { type: 'application/json', schema: StaffContribution, description: 'the contribution' }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/contributions/{id}/merge', summary: 'Merge a duplicate into a published contribution, which counts it', tags, pathParams: ID_PARAM, role: 'moderator', requestBody: { type: 'application/json', schema: Merge, description: 'the published contribution it repeats' }, response: { type: 'application/json', schema: StaffContribution, description: 'the contribution' }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/contributions/{id}/answer', summary: 'The municipality’s public answer to a published contribution, with the interventions it led to (again: replaces it)', tags, pathParams: ID_PARAM, role: 'publisher', requestBody: { type: 'application/json', schema: AnswerInput, description: 'the answer' }, response: { type: 'application/json', schema: StaffContribution, description: 'the contribution' }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/contributions/closures', summary: 'The kill switch: close or reopen contributions everywhere (target *) or for one intervention or measure', tags, role: 'moderator', requestBody: { type: 'application/json', schema: ClosureChange, description: 'what to close or reopen' }, response: { type: 'application/json', schema: ConsultationStatus, description: 'the status' }, errors: [401, 403] },
];

function refused(error: unknown): never {
  if (!(error instanceof ContributionRefused)) throw error;
  const status = { rate_limited: 429, closed: 403, replayed: 409, not_found: 404, conflict: 409 } as const;
  const retry = (error.details as { retryAfter?: number } | null)?.retryAfter;
  throw new ApiError(status[error.code], error.code, error.message, error.details, retry ? { 'Retry-After': String(retry) } : {});
}

const idOf = (c: Context) => {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1) throw new ApiError(404, 'not_found', `no contribution "${raw.slice(0, 50)}": ids are positive whole numbers`);
  return Number(raw);
};

const noStore = { 'Cache-Control': 'no-store' };

/** The place checked and normalised: valid, small, inside the municipality; and the settlement whose land holds it. */
async function placeOf(deps: Deps, raw: ContributionGeometry): Promise<{ geometry: ContributionGeometry; settlement: string | null }> {
  const bad = (message: string, status: 400 | 413 = 400): never => {
    throw new ApiError(status, status === 413 ? 'too_large' : 'invalid_body', message, [{ path: 'geometry', message }]);
  };
  const positions = raw.type === 'Point' ? 1 : raw.coordinates.reduce((n, ring) => n + ring.length, 0);
  if (positions > CONTRIBUTION_LIMITS.vertices) bad(`the area has ${positions} positions; at most ${CONTRIBUTION_LIMITS.vertices} are accepted`, 413);
  const problems = geometryProblems(raw);
  if (problems.length) bad(problems.join('; '));
  let geometry: ContributionGeometry;
  try {
    geometry = normaliseGeometry(raw, 'contribution') as ContributionGeometry;
  } catch (error) {
    return bad(((error as { problems?: string[] }).problems ?? [(error as Error).message]).join('; '));
  }
  const outline = ((await deps.store.layer('municipality'))?.features ?? []).map((f) => f.geometry).filter((g): g is Areal => g?.type === 'Polygon' || g?.type === 'MultiPolygon');
  if (outline.length && !positionsOf(geometry).every((p) => outline.some((o) => pointInGeometry([p[0], p[1]], o)))) bad('the place lies outside the municipality');
  const point = representativePoint(geometry);
  const area = (await deps.store.settlementAreas()).find((a) => pointInGeometry(point, a.geometry));
  return { geometry, settlement: area?.properties.ekatte ?? null };
}

export function contributionRoutes(deps: Deps, options: ConsultationOptions) {
  const r = new Hono<AppEnv>();
  r.use('/contributions', limitBody(64 * 1024));
  r.use('/contributions/*', limitBody(64 * 1024));

  r.get('/contributions/status', async (c) => {
    parseQuery(c.req.url, []);
    const closed = await deps.store.closures();
    return c.json({ open: !closed.some((x) => x.target === '*'), closed, proofBits: options.proofBits });
  });

  r.get('/contributions/challenge', async (c) => {
    parseQuery(c.req.url, []);
    return c.json({ challenge: issueChallenge(await deps.store.consultationSecret()), bits: options.proofBits }, 200, noStore);
  });

  r.post('/contributions', async (c) => {
    parseQuery(c.req.url, []);
    const body = parseBody(NewContribution, await readJson(c), 'the contribution does not have the expected fields');
    // The honeypot: people never see the field; a bot that fills it is told no more than a person with a typo.
    if (body.website) throw new ApiError(400, 'invalid_body', 'the contribution does not have the expected fields', [{ path: 'website', message: 'leave this field empty' }]);
    const secret = await deps.store.consultationSecret();
    const proof = proofProblem(secret, body.proof, options.proofBits);
    if (proof) throw new ApiError(400, 'invalid_proof', proof, [{ path: 'proof', message: proof }]);
    let settlement: string | null = null;
    let geometry: ContributionGeometry | null = null;
    if (body.interventionId) {
      const item = await deps.store.getIntervention(body.interventionId);
      if (!item) throw new ApiError(400, 'invalid_body', `no published intervention ${body.interventionId}`, [{ path: 'interventionId', message: 'no such published intervention' }]);
      settlement = item.properties.settlement;
    }
    if (body.measureId && !(await deps.snapshot()).known.measure.has(body.measureId))
      throw new ApiError(400, 'invalid_body', `no measure ${body.measureId} in the plan`, [{ path: 'measureId', message: 'no such measure' }]);
    if (body.geometry) ({ geometry, settlement } = await placeOf(deps, body.geometry));
    const { token: key, hash: keyHash } = newSessionToken();
    const address = addressOf(c, options.trustProxy);
    try {
      const { id, state } = await deps.store.addContribution(
        {
          kind: body.kind,
          text: body.text,
          displayName: body.displayName,
          contact: body.contact ?? null,
          interventionId: body.interventionId ?? null,
          measureId: body.measureId ?? null,
          theme: body.theme ?? null,
          geometry,
          settlement,
          keyHash,
          addressHash: createHmac('sha256', secret).update(address).digest('base64url'),
          challenge: body.proof.challenge,
        },
        options.limits,
        new Date().toISOString(),
      );
      // The key rides in the fragment, which browsers never send to a server, nor in a Referer.
      return c.json({ id, state, key, privateUrl: `${deps.publicUrl()}/?page=contribution&item=${id}#key=${key}` }, 202, noStore);
    } catch (error) {
      refused(error);
    }
  });

  r.get('/contributions', async (c) => {
    const q = parseQuery(c.req.url, LIST_PARAMS);
    const { known } = await deps.snapshot();
    const unknown = (parameter: string, values: string[]) => {
      if (values.length) throw new ApiError(400, 'invalid_parameter', `query parameter "${parameter}": unknown ${parameter} ${values.slice(0, 5).join(', ')}`, { parameter, unknown: values.slice(0, 20) });
    };
    unknown('settlement', (q.settlement ?? []).filter((s) => !known.settlement.has(s)));
    unknown('measure', q.measure && !known.measure.has(q.measure) ? [q.measure] : []);
    unknown('intervention', q.intervention && !(await deps.store.getIntervention(q.intervention)) ? [q.intervention] : []);
    if (q.from && q.to && q.from > q.to) throw new ApiError(400, 'invalid_parameter', `query parameter "from": from (${q.from}) is after to (${q.to})`, { parameter: 'from' });
    const features = await deps.store.publishedContributions({
      kind: q.kind,
      theme: q.theme,
      interventionId: q.intervention,
      measureId: q.measure,
      settlement: q.settlement,
      answered: q.answered,
      located: q.located,
      since: q.from ? startOfDay(q.from) : undefined,
      until: q.to ? endOfDay(q.to) : undefined,
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/geo+json' };
    if (q.download) headers['Content-Disposition'] = 'attachment; filename="piro-contributions.geojson"';
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }), 200, headers);
  });

  r.get('/contributions/queue', async (c) => {
    // Moderators moderate, publishers answer: both read the queues; an editor does neither.
    requireRole(c, ['moderator', 'publisher']);
    const q = parseQuery(c.req.url, QUEUE_PARAMS);
    return c.json({ contributions: await deps.store.staffContributions({ state: q.state ?? 'pending', answered: q.answered }) }, 200, noStore);
  });

  r.post('/contributions/closures', async (c) => {
    const session = requireRole(c, 'moderator');
    parseQuery(c.req.url, []);
    const change = parseBody(ClosureChange, await readJson(c));
    const closed = await deps.store.setClosure(change.target, change.closed, session.account.id);
    return c.json({ open: !closed.some((x) => x.target === '*'), closed, proofBits: options.proofBits });
  });

  r.post('/contributions/:id/:action', async (c) => {
    const action = c.req.param('action');
    const staff = { approve: 'moderator', reject: 'moderator', merge: 'moderator', answer: 'publisher' } as const;
    if (action === 'mine' || action === 'withdraw') {
      parseQuery(c.req.url, []);
      const id = idOf(c);
      const { key } = parseBody(ContributionKey, await readJson(c));
      const own = action === 'mine' ? await deps.store.ownContribution(id, tokenHash(key)) : await deps.store.withdrawContribution(id, tokenHash(key));
      if (!own) throw new ApiError(404, 'not_found', `no contribution ${id} with this key; check the private link`);
      return c.json(own, 200, noStore);
    }
    if (!(action in staff)) throw new ApiError(404, 'not_found', `no action "${action.slice(0, 50)}"; use mine, withdraw, approve, reject, merge or answer`);
    const session = requireRole(c, staff[action as keyof typeof staff]);
    parseQuery(c.req.url, []);
    const id = idOf(c);
    const actor = session.account.id;
    try {
      switch (action) {
        case 'approve':
          return c.json(await deps.store.approveContribution(id, actor));
        case 'reject':
          return c.json(await deps.store.rejectContribution(id, parseBody(Rejection, await readJson(c)).reason, actor));
        case 'merge':
          return c.json(await deps.store.mergeContribution(id, parseBody(Merge, await readJson(c)).into, actor));
        default: {
          const answer = parseBody(AnswerInput, await readJson(c));
          for (const [i, linked] of answer.interventionIds.entries())
            if (!(await deps.store.getIntervention(linked))) throw new ApiError(400, 'invalid_body', `no published intervention ${linked}`, [{ path: `interventionIds.${i}`, message: 'no such published intervention' }]);
          return c.json(await deps.store.answerContribution(id, answer, actor));
        }
      }
    } catch (error) {
      refused(error);
    }
  });

  return r;
}
