// The app with one signed-in session per role, for the write API's suites. Accounts are made
// through the store (as `npm run user:add` does) and signed in through POST /api/auth/login, so
// every request below carries a real session cookie and the Origin a browser would send.
import type { AppOptions } from '../../api/app.ts';
import { hashPassword } from '../../data/accounts.ts';
import { ROLES, type Role } from '../../geo/editing.ts';
import { apiOn, ORIGIN } from './api.ts';

export const PASSWORD = 'a long test password';
export const emailOf = (role: Role) => `${role}@example.org`;

export interface Send {
  body?: unknown;
  /** raw body text, sent as it is */
  raw?: string;
  ifMatch?: string;
  headers?: Record<string, string>;
  /** default application/json when there is a body */
  contentType?: string;
}

export async function editingOn(dataset: string, name: string, options: AppOptions = {}) {
  const api = await apiOn(dataset, name, options);
  const login = async (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    api.app.request(`${ORIGIN}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  const cookieOf = (res: Response) => /piro_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;
  const cookies = new Map<Role, string>();
  for (const role of ROLES) {
    await api.store.createAccount({ email: emailOf(role), role, passwordHash: await hashPassword(PASSWORD) }, null);
    const token = cookieOf(await login(emailOf(role)));
    if (!token) throw new Error(`could not sign in as ${role}`);
    cookies.set(role, token);
  }
  /** A request as `who` (a role, a raw cookie value, or null for nobody), from our own origin. */
  const send = (who: Role | string | null, method: string, path: string, init: Send = {}) => {
    const headers: Record<string, string> = { Origin: ORIGIN, ...init.headers };
    const cookie = who === null ? null : (cookies.get(who as Role) ?? who);
    if (cookie) headers.Cookie = `piro_session=${cookie}`;
    if (init.ifMatch !== undefined) headers['If-Match'] = init.ifMatch;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
    return api.app.request(`${ORIGIN}${path}`, { method, headers, body });
  };
  /** The head of an item as an editor reads it, with its ETag. */
  const head = async (path: string) => {
    const res = await send('editor', 'GET', path);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    const { editing, ...record } = (await res.json()) as Record<string, unknown>;
    return { record: record as any, etag: res.headers.get('etag')!, editing: editing as { revision: number; state: string; published: number | null } };
  };
  return { ...api, cookies, login, cookieOf, send, head };
}

/** A plan item of `level` with no parent, as an editor would first write it; `extra` sets or overrides fields. */
export const newPlanItem = (level: 'goal' | 'priority' | 'measure', id: string, extra: Record<string, unknown> = {}) => ({
  level,
  id,
  code: null,
  title: { bg: `Нова позиция ${id}`, en: null },
  summary: { bg: null, en: null },
  confidence: 'inferred',
  confidenceNote: 'test',
  sources: [{ url: 'https://example.org/plan', supports: 'the item' }],
  ...(level === 'priority' ? { goalId: null, parentLinkConfidence: null } : level === 'measure' ? { priorityId: null, parentLinkConfidence: null } : {}),
  ...extra,
});

/**
 * A new intervention as the write API takes it: a site in Kazanlak linked to the mini fixture's
 * goal G2; `properties` and `geometry` replace what they name.
 */
export const newIntervention = (id: string, title = 'Нов обект', { properties = {}, geometry }: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } } = {}) => ({
  type: 'Feature',
  id,
  geometry: geometry ?? { type: 'Point', coordinates: [25.39, 42.62] },
  properties: {
    id,
    title: { bg: title, en: null },
    summary: { bg: null, en: null },
    kind: 'project',
    programmeId: null,
    theme: 'water',
    secondaryThemes: [],
    planLinks: [{ level: 'goal', id: 'G2', confidence: 'inferred' }],
    planLinkNote: null,
    settlement: null,
    outsideMunicipality: false,
    locationText: 'ул. Тестова',
    locationAccuracy: 'site',
    locationBasis: 'drawn from the council decision map',
    budgetAmount: null,
    budgetCurrency: null,
    budgetEur: null,
    budgetNote: null,
    funding: ['municipal-budget'],
    fundingText: null,
    startYear: 2025,
    endYear: null,
    periodText: null,
    periodInferred: false,
    status: 'planned',
    statusAsOf: '2026',
    statusText: 'planned',
    sources: [{ url: 'https://example.org/decision', supports: 'the project' }],
    ...properties,
  },
});
