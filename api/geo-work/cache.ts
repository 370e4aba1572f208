// Answers of the heavy routes, kept per store revision and canonical parameters: the same question
// at the same revision is computed once, and questions asked while it is being computed wait for
// that one computation instead of starting their own. A new revision gives new keys, so nothing
// stale is served; old entries fall out as the least recently used. Failures are not kept.
export class ResultCache {
  private entries = new Map<string, Promise<unknown>>();

  constructor(private readonly max = 32) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const held = this.entries.get(key);
    if (held) {
      this.entries.delete(key);
      this.entries.set(key, held);
      return held as Promise<T>;
    }
    const made = compute();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}

/** A key that does not depend on the order in which the parameters were given. */
export function resultKey(revision: number, op: string, params: Record<string, unknown>): string {
  return JSON.stringify([revision, op, sorted(params)]);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => [k, sorted((value as Record<string, unknown>)[k])]);
}
