// The write API as the editor calls it: the session cookie goes along (same origin), the ETag of
// what the planner started from goes back as If-Match, the reason as X-Change-Reason, and a refusal
// comes back as one value naming the status, the code and the problems by field.
import type { Problem } from '../../geo/editing.ts';
import type { ErrorBody } from '../../geo/responses.ts';

export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The problems by field, when the server listed them (a 400 or 422 on a record). */
  get problems(): Problem[] {
    return Array.isArray(this.details) ? (this.details as Problem[]).filter((p) => typeof p?.path === 'string') : [];
  }
}

export interface Answer<T> {
  status: number;
  body: T;
  etag: string | null;
}

export interface CallOptions {
  body?: unknown;
  /** the ETag the change is based on */
  etag?: string | null;
  reason?: string;
}

/** One API call; resolves with the answer, rejects with Refused (or a network TypeError). */
export async function call<T>(method: string, url: string, { body, etag, reason }: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  if (etag) headers['If-Match'] = etag;
  // Header values are Latin-1: the reason travels percent-encoded in the query instead.
  const target = reason?.trim() ? `${url}${url.includes('?') ? '&' : '?'}reason=${encodeURIComponent(reason.trim())}` : url;
  const res = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const error = (parsed as ErrorBody | null)?.error;
    throw new Refused(res.status, error?.code ?? 'http_error', error?.message ?? `${res.status}`, error?.details ?? null);
  }
  return { status: res.status, body: parsed as T, etag: res.headers.get('etag') };
}

/** The collection path of each kind in the API. */
export const BASE = { intervention: '/api/interventions', 'plan-item': '/api/plan/items', zone: '/api/zones' } as const;
export const itemUrl = (kind: keyof typeof BASE, id: string, step = '') => `${BASE[kind]}/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;
