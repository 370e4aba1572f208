// The one way the web app reads the API, in a module of its own with no other imports: the first
// reads start from the page's entry (web/main.tsx) before the app's code has arrived.
import type { ErrorBody } from '../../geo/responses.ts';

/** A refusal from the API, as its error body names it (busy, time_limit, too_large …). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** seconds, from Retry-After, when the server says when to try again */
    readonly retryAfter: number | null,
    /** the API's own words, to show when no better ones are at hand */
    readonly said: string | null = null,
  ) {
    super(`${status} ${code}`);
  }
}

export async function get<T>(url: string, signal?: AbortSignal): Promise<T> {
  // Without the cookie: the public pages show what citizens see, never a signed-in editor's drafts.
  const res = await fetch(url, { signal, credentials: 'omit', headers: { Accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiFailure(res.status, body?.error.code ?? 'http_error', Number.isFinite(retry) && retry > 0 ? retry : null, body?.error.message ?? null);
  }
  return res.json() as Promise<T>;
}
