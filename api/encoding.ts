// Accept-Encoding as RFC 9110 §12.5.3 reads it: q-values, "*", and "identity" — so "gzip;q=0"
// means no gzip, and a client that lists nothing gets the body as it is. When the header refuses
// everything we have, identity too ("identity;q=0, *;q=0"), the answer is null, and callers send
// identity anyway: §12.1 lets a server disregard the header rather than answer 406, and a 406
// would itself have to be sent unencoded.
export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The best of `offered` that the header accepts (the first of `offered` among equal q-values, so
 * list them in our order of preference: ['br', 'gzip']); identity unless refused; null if that too.
 */
export function negotiateEncoding(header: string | undefined, offered: readonly Encoding[] = ['gzip']): Encoding | null {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [raw, ...params] = part.trim().toLowerCase().split(';');
    const name = raw.trim() === 'x-gzip' ? 'gzip' : raw.trim(); // §8.4.1.3: the same coding
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);
  }
  const weight = (e: string) => q.get(e) ?? (e === 'identity' ? undefined : q.get('*')) ?? 0;
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const e of offered) {
    const w = weight(e);
    if (w > bestQ) [best, bestQ] = [e, w];
  }
  if (best) return best;
  // identity is acceptable unless refused explicitly, or through "*;q=0" without naming it.
  const identity = q.get('identity') ?? (q.get('*') === 0 ? 0 : 1);
  return identity > 0 ? 'identity' : null;
}
