// Proof-of-work challenges (geo/proof-of-work.ts): "v1.{issued ms}.{random}.{HMAC}", signed with
// the store's consultation secret, so any worker process can check a challenge another issued,
// and nothing is written until a post spends one (the store refuses a second post with it).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { proofHolds } from '../geo/proof-of-work.ts';
import type { ProofOfWork } from '../geo/contribution.ts';

/** How long a challenge may be worked on and posted: long enough to write a careful comment. */
export const CHALLENGE_TTL_MS = 2 * 3600_000;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function issueChallenge(secret: string, now = Date.now()): string {
  const body = `v1.${now}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${sign(secret, body)}`;
}

/** Why a proof does not hold, or null when it does. */
export function proofProblem(secret: string, proof: ProofOfWork, bits: number, now = Date.now()): string | null {
  const m = /^(v1\.(\d{13})\.[A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(proof.challenge);
  if (!m) return 'the challenge is not one this server issued; GET /api/contributions/challenge';
  const expected = Buffer.from(sign(secret, m[1]));
  if (!timingSafeEqual(expected, Buffer.from(m[3]))) return 'the challenge is not one this server issued; GET /api/contributions/challenge';
  const age = now - Number(m[2]);
  if (age < -60_000 || age > CHALLENGE_TTL_MS) return 'the challenge has expired; GET /api/contributions/challenge for a new one';
  if (!proofHolds(proof.challenge, proof.nonce, bits)) return `the nonce does not prove the work: SHA-256 of "challenge:nonce" must start with ${bits} zero bits`;
  return null;
}
