// A small proof of work before a citizen's post, instead of a third-party CAPTCHA: the server hands
// out a signed challenge, the browser finds a nonce whose SHA-256 with it starts with `bits` zero
// bits (2^bits tries on average: under a second for one post in a browser, README › Consultation,
// and that again for every post of a flood), and the
// server checks it with one hash. Pure JavaScript SHA-256 (@noble/hashes), so it works on a page
// served over plain http too, where browsers withhold crypto.subtle.
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Whether `nonce` proves the work `challenge` asks for. */
export function proofHolds(challenge: string, nonce: string, bits: number): boolean {
  return leadingZeroBits(sha256(encoder.encode(`${challenge}:${nonce}`))) >= bits;
}

/**
 * Finds a nonce, yielding to the page every few thousand tries so that typing and the map stay
 * responsive while it works.
 */
export async function solveProof(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (proofHolds(challenge, nonce, bits)) return nonce;
    if (n % 4096 === 4095) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}
