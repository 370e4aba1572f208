// The consultation's side of the HTTP API, as a citizen calls it: public reads, the status of the
// kill switch, and a post that first earns its proof of work (geo/proof-of-work.ts).
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Challenge, ConsultationStatus, NewContribution, Posted } from '../../geo/contribution.ts';
import { solveProof } from '../../geo/proof-of-work.ts';
import { get } from '../app/api.ts';
import { call, Refused } from '../editor/client.ts';

export { Refused };

/** What the form sends, before the proof is added. */
export type Draft = Omit<z.input<typeof NewContribution>, 'proof'>;

/** The public list's query: the layer's filters, shared by the list, the map and the download. */
export interface ContributionQuery {
  intervention?: string;
  located?: boolean;
  kind?: string;
  answered?: 'true' | 'false';
}

export function contributionsUrl(q: ContributionQuery, download = false): string {
  const p = new URLSearchParams();
  if (q.intervention) p.set('intervention', q.intervention);
  if (q.located) p.set('located', 'true');
  if (q.kind) p.set('kind', q.kind);
  if (q.answered) p.set('answered', q.answered);
  if (download) p.set('download', '1');
  const text = p.toString();
  return `/api/contributions${text ? `?${text}` : ''}`;
}

/**
 * Challenge, proof, post. A challenge is good for one post: when the server says it was spent
 * (409 replayed, e.g. a double submit raced us), one fresh challenge is worth a second try.
 */
export async function postContribution(draft: Draft, signal?: AbortSignal): Promise<Posted> {
  for (let attempt = 0; ; attempt++) {
    const { challenge, bits } = await get<Challenge>('/api/contributions/challenge', signal);
    const nonce = await solveProof(challenge, bits, signal);
    try {
      return (await call<Posted>('POST', '/api/contributions', { body: { ...draft, proof: { challenge, nonce } } })).body;
    } catch (e) {
      if (attempt === 0 && e instanceof Refused && e.status === 409 && e.code === 'replayed') continue;
      throw e;
    }
  }
}

/** Whether contributions are closed everywhere or for `target` (`intervention:{id}`, `measure:{id}`). */
export function isClosed(status: ConsultationStatus, target?: string): boolean {
  return !status.open || status.closed.some((c) => c.target === '*' || (target !== undefined && c.target === target));
}

/**
 * A public read that follows `url`, dropping superseded answers. Not `useFetch`: the consultation
 * lives in the present, so no asOf of the page's view goes along.
 */
export function useRead<T>(url: string | null): { data?: T; error: boolean } {
  const [result, setResult] = useState<{ url: string | null; data?: T; error: boolean }>({ url: null, error: false });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    get<T>(url, controller.signal).then(
      (data) => setResult({ url, data, error: false }),
      (e: Error) => e.name !== 'AbortError' && setResult({ url, error: true }),
    );
    return () => controller.abort();
  }, [url]);
  return result.url === url ? result : { error: false };
}

export const useConsultationStatus = () => useRead<ConsultationStatus>('/api/contributions/status');
