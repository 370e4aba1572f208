// Posting citizens' contributions in tests the way a browser does: a challenge, the proof of work
// (with few bits, so a test spends microseconds on it), then the post.
import type { Store } from '../../data/store.ts';
import type { ContributionGeometry } from '../../geo/contribution.ts';
import { solveProof } from '../../geo/proof-of-work.ts';

type Point = Extract<ContributionGeometry, { type: 'Point' }>;
import { ORIGIN } from './api.ts';

type Request = (path: string, init?: RequestInit) => Promise<Response> | Response;

/** A contribution that passes every check, on an intervention of the Kazanlak data. */
export const QUESTION = { kind: 'question', text: 'Кога започва ремонтът?', displayName: 'Иван', interventionId: 'KZN-001' };
/** A proposal of a bench at the square of Шипка. */
export const BENCH = { kind: 'proposal', text: 'Пейка на площада в Шипка, до паметника', displayName: 'Мария', theme: 'public_space', geometry: { type: 'Point', coordinates: [25.3331, 42.7121] } };

export async function proofFor(request: Request): Promise<{ challenge: string; nonce: string }> {
  const { challenge, bits } = (await (await request(`${ORIGIN}/api/contributions/challenge`)).json()) as { challenge: string; bits: number };
  return { challenge, nonce: await solveProof(challenge, bits) };
}

/** Posts `body` with a fresh proof (unless it carries its own), from our own origin. */
export async function post(request: Request, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  const proof = body.proof ?? (await proofFor(request));
  return request(`${ORIGIN}/api/contributions`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers }, body: JSON.stringify({ ...body, proof }) });
}

/**
 * One published proposal, written straight through the store (as the API would after a moderator's
 * approval), for suites that walk every collection and route and need a contribution to be there.
 */
export async function publishedContribution(store: Store): Promise<number> {
  const moderator = await store.createAccount({ email: 'fixture-moderator@example.org', role: 'moderator', passwordHash: 'scrypt$1$1$1$x$y' }, null);
  const { id } = await store.addContribution(
    { kind: 'proposal', text: BENCH.text, displayName: BENCH.displayName, contact: 'fixture-contact@example.org', interventionId: null, measureId: null, theme: 'public_space', geometry: BENCH.geometry as Point, settlement: '83199', keyHash: 'fixture', addressHash: 'fixture', challenge: 'fixture' },
    { perAddress: 1, perItem: 1, windowMs: 1 },
    new Date().toISOString(),
  );
  await store.approveContribution(id, moderator.id);
  return id;
}
