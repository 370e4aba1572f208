// A child process that writes through the real app until it is killed, for the crash test
// (tests/data/crash.test.ts). It opens the store at the path it is given (seeding it from the mini
// fixture when it was never seeded), makes sure an editor and a publisher exist, signs both in
// through POST /api/auth/login, and then loops: drafts, publications, rejections, creations,
// deletions, unpublications and reverts of interventions, zones and plan items, chosen by a seeded
// generator.
//
// Each line on stdout is one JSON object, written with fs.writeSync before the next request, so the
// parent has every line the moment it was written even if the process is killed right after:
//   {"t":"try", ...}      a write is about to be sent (its `n` and everything the checker needs)
//   {"t":"ack", ...}      the write was answered 2xx: from now on it must be in the database
//   {"t":"refused", ...}  the write was answered 4xx: it must have left no trace
// Every write carries a reason `loop r<run> n<n>` (also for drafts), which the store keeps in the
// revision and in the audit record, so the checker can tell which attempt wrote which rows.
//
//   node --import tsx tests/helpers/write-loop.ts <database> [run] [seed]
// With LOOP_WAIT=1 it loads its modules, then waits for a line on stdin before it opens the file.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createApp } from '../../api/app.ts';
import { hashPassword } from '../../data/accounts.ts';
import { loadDataset } from '../../data/dataset.ts';
import { openStore } from '../../data/open.ts';
import { seedIfEmpty } from '../../data/seed.ts';
import type { Role } from '../../geo/editing.ts';
import { MINI } from './fixtures.ts';

export const LOOP_ORIGIN = 'http://localhost';
export const LOOP_PASSWORD = 'a long crash-test password';
export const loopEmail = (role: Role) => `loop-${role}@example.org`;
export const tagOf = (run: number, n: number) => `loop r${run} n${n}`;
/** Interventions the loop creates: the run and a counter, so runs never collide. */
export const createdId = (run: number, k: number) => `TST-9${String(run).padStart(3, '0')}${String(k).padStart(3, '0')}`;

export type LoopKind = 'intervention' | 'zone' | 'plan-item';
/** `create-many` posts a FeatureCollection: one transaction for all its records. */
export type LoopOp = 'update' | 'delete' | 'create' | 'create-many' | 'publish' | 'reject' | 'unpublish' | 'revert';

/** What the loop prints; `t` says which. */
export type LoopLine =
  | { t: 'start'; run: number; pid: number }
  | { t: 'opened'; seeded: 'seeded' | 'kept' }
  | { t: 'try-account'; role: Role }
  | { t: 'ack-account'; role: Role; id: number }
  | { t: 'try-login'; role: Role }
  | { t: 'ack-login'; role: Role }
  | { t: 'ready'; run: number }
  | { t: 'try'; n: number; op: LoopOp; kind: LoopKind; id: string; ids?: string[]; expected: number | null; field?: string; value?: unknown; revertsTo?: number }
  | { t: 'ack'; n: number; op: LoopOp; kind: LoopKind; id: string; revision: number; state: string; published: number | null }
  | { t: 'refused'; n: number; status: number; code: string };

/** A line on stdout, written before anything else happens; a full pipe makes us wait, not lose it. */
function emit(line: LoopLine) {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/** mulberry32: small, seeded, good enough to choose operations. */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const PATHS: Record<LoopKind, string> = { intervention: '/api/interventions', zone: '/api/zones', 'plan-item': '/api/plan/items' };

async function main() {
  const [path, runArg = '0', seedArg = '1'] = process.argv.slice(2);
  if (!path) throw new Error('usage: write-loop.ts <database> [run] [seed]');
  const run = Number(runArg);
  const random = generator(Number(seedArg) ^ (run * 0x9e3779b9));
  // Started ahead of time (the imports take a second or two): wait for the word before touching the file.
  if (process.env.LOOP_WAIT === '1') {
    await new Promise((resolve) => process.stdin.once('data', resolve));
    process.stdin.destroy();
  }
  emit({ t: 'start', run, pid: process.pid });

  const store = await openStore({ DB_PATH: path });
  emit({ t: 'opened', seeded: await seedIfEmpty(store, MINI) });
  const app = createApp(store, { publicUrl: LOOP_ORIGIN });

  const cookies = new Map<Role, string>();
  for (const role of ['editor', 'publisher'] as const) {
    if (!(await store.accountByEmail(loopEmail(role)))) {
      emit({ t: 'try-account', role });
      const account = await store.createAccount({ email: loopEmail(role), role, passwordHash: await hashPassword(LOOP_PASSWORD) }, null);
      emit({ t: 'ack-account', role, id: account.id });
    }
    emit({ t: 'try-login', role });
    const res = await app.request(`${LOOP_ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: loopEmail(role), password: LOOP_PASSWORD }),
    });
    const token = /piro_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (res.status !== 200 || !token) throw new Error(`login as ${role} → ${res.status}: ${await res.text()}`);
    emit({ t: 'ack-login', role });
    cookies.set(role, token);
  }

  const send = (role: Role, method: string, url: string, init: { body?: unknown; ifMatch?: string } = {}) => {
    const headers: Record<string, string> = { Origin: LOOP_ORIGIN, Cookie: `piro_session=${cookies.get(role)}` };
    if (init.ifMatch) headers['If-Match'] = init.ifMatch;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return app.request(`${LOOP_ORIGIN}${url}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  };

  // What there is to edit: the fixture's items, and what earlier runs created (published or drafted).
  const { dataset } = loadDataset(MINI);
  if (!dataset) throw new Error('the mini fixture does not load');
  const templates = dataset.interventions.filter((i) => i.properties.kind === 'project');
  const pool = new Set(dataset.interventions.map((i) => i.id));
  const listed = (await (await send('editor', 'GET', '/api/interventions?limit=1000')).json()) as { features: { id: string }[] };
  for (const f of listed.features) pool.add(f.id);
  const review = (await (await send('editor', 'GET', '/api/review')).json()) as { items: { kind: string; item: string }[] };
  for (const r of review.items) if (r.kind === 'intervention') pool.add(r.item);
  const others: Record<Exclude<LoopKind, 'intervention'>, string[]> = {
    zone: dataset.zones.map((z) => z.id),
    'plan-item': [...dataset.plans[0].goals, ...dataset.plans[0].priorities, ...dataset.plans[0].measures].map((p) => p.id),
  };
  emit({ t: 'ready', run });

  let n = 0;
  let created = 0;
  /** Sends one write: `try` before, `ack` or `refused` after; anything else ends the loop. */
  const write = async (
    op: LoopOp,
    kind: LoopKind,
    id: string,
    expected: number | null,
    request: (reason: string) => Response | Promise<Response>,
    extra: { ids?: string[]; field?: string; value?: unknown; revertsTo?: number } = {},
  ) => {
    n += 1;
    emit({ t: 'try', n, op, kind, id, expected, ...extra });
    const res = await request(encodeURIComponent(tagOf(run, n)));
    const answer = (await res.json()) as { revision: number; state: string; published: number | null; items?: { revision: number; state: string }[]; error?: { code: string } };
    const body = answer.items ? { ...answer.items[0], published: null } : answer;
    if (res.status >= 200 && res.status < 300) emit({ t: 'ack', n, op, kind, id, revision: body.revision, state: body.state, published: body.published });
    else if (res.status >= 400 && res.status < 500) emit({ t: 'refused', n, status: res.status, code: answer.error?.code ?? '' });
    else throw new Error(`${op} ${kind} ${id} → ${res.status}: ${JSON.stringify(body)}`);
  };

  for (;;) {
    const roll = random.next();
    const kind: LoopKind = roll < 0.8 ? 'intervention' : roll < 0.9 ? 'zone' : 'plan-item';
    const base = PATHS[kind];

    const creating = kind === 'intervention' ? random.next() : 1;
    if (creating < 0.1 && created < 300) {
      // Now and then a collection of up to 40: one transaction that holds the file longer.
      const count = creating < 0.02 ? 5 + Math.floor(random.next() * 36) : 1;
      const ids = Array.from({ length: Math.min(count, 300 - created) }, () => createdId(run, created++));
      const records = ids.map((id) => {
        const template = structuredClone(random.pick(templates));
        return { ...template, id, properties: { ...template.properties, id, statusText: `created r${run}` } };
      });
      const body = ids.length === 1 ? records[0] : { type: 'FeatureCollection', features: records };
      await write(ids.length === 1 ? 'create' : 'create-many', kind, ids[0], null, (reason) => send('editor', 'POST', `${base}?reason=${reason}`, { body }), {
        ...(ids.length === 1 ? {} : { ids }),
        field: 'properties.statusText',
        value: `created r${run}`,
      });
      for (const id of ids) pool.add(id);
      continue;
    }
    const id = kind === 'intervention' ? random.pick([...pool]) : random.pick(others[kind]);
    const res = await send('editor', 'GET', `${base}/${id}`);
    const etag = res.headers.get('etag');
    const got = (await res.json()) as Record<string, any>;
    const revision = etag ? Number(/\.(\d+)"$/.exec(etag)![1]) : null;

    if (res.status === 404 && got.error?.code === 'deleted') {
      // A deletion, drafted or published: publish or reject the draft, or bring back the latest
      // revision that has a record.
      const choice = random.next();
      if (got.error.details.state === 'draft' && choice < 0.4) {
        await write('publish', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/publish?reason=${reason}`, { ifMatch: etag! }));
        continue;
      }
      if (got.error.details.state === 'draft' && choice < 0.6) {
        await write('reject', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/reject?reason=${reason}`, { ifMatch: etag! }));
        continue;
      }
      const history = (await (await send('editor', 'GET', `${base}/${id}/history`)).json()) as { revisions: { number: number; document: unknown }[] };
      const to = history.revisions.filter((r) => r.document !== null).at(-1)!.number;
      await write('revert', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/revert?to=${to}&reason=${reason}`, { ifMatch: etag! }), { revertsTo: to });
      continue;
    }
    if (res.status === 404) {
      // A creation whose every draft was rejected: nothing is left of it.
      pool.delete(id);
      continue;
    }
    if (res.status !== 200 || !etag) throw new Error(`GET ${base}/${id} → ${res.status}: ${JSON.stringify(got)}`);
    const { editing, ...record } = got;

    const choice = random.next();
    if (editing.state === 'draft' && choice < 0.5) {
      await write('publish', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/publish?reason=${reason}`, { ifMatch: etag }));
      continue;
    }
    if (editing.state === 'draft' && choice < 0.7) {
      await write('reject', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/reject?reason=${reason}`, { ifMatch: etag }));
      continue;
    }
    if (editing.state === 'published' && kind === 'intervention' && id.startsWith('TST-9') && choice < 0.1) {
      await write('unpublish', kind, id, revision, (reason) => send('publisher', 'POST', `${base}/${id}/unpublish?reason=${reason}`, { ifMatch: etag }));
      continue;
    }
    if (choice > 0.96) {
      // A deletion as a draft; refused (409) for what others still refer to: a programme, a goal with priorities.
      await write('delete', kind, id, revision, (reason) => send('editor', 'DELETE', `${base}/${id}?reason=${reason}`, { ifMatch: etag }));
      continue;
    }

    // A change as a draft: a different field now and then, so publication moves more than text.
    let field = 'properties.statusText';
    let value: unknown = `loop r${run} n${n + 1}`;
    let patch: Record<string, unknown> = { properties: { statusText: value } };
    const which = random.next();
    if (kind === 'zone') {
      field = 'properties.description.en';
      patch = { properties: { description: { en: value } } };
    } else if (kind === 'plan-item') {
      field = 'summary.en';
      patch = { summary: { en: value } };
    } else if (which < 0.2 && record.geometry?.type === 'Point') {
      const [lon, lat] = record.geometry.coordinates as [number, number];
      field = 'geometry.coordinates';
      value = [Math.round((lon + (n % 2 ? 1e-4 : -1e-4)) * 1e6) / 1e6, lat];
      patch = { geometry: { type: 'Point', coordinates: value } };
    } else if (which < 0.4) {
      // Unique across runs too: a patch that changes nothing is answered 200 without a revision.
      const eur = 1000 + run * 100_000 + n;
      field = 'properties.budgetEur';
      value = eur;
      patch = { properties: { budgetAmount: eur, budgetCurrency: 'EUR', budgetEur: eur } };
    }
    // Now and then over a revision that is no longer the head: refused (412), and must leave nothing.
    const stale = revision! > 1 && random.next() < 0.05;
    const over = stale ? revision! - 1 : revision;
    const ifMatch = stale ? etag.replace(/\.\d+"$/, `.${over}"`) : etag;
    await write('update', kind, id, over, (reason) => send('editor', 'PATCH', `${base}/${id}?reason=${reason}`, { body: patch, ifMatch }), { field, value });
  }
}

// Run only as a script: the test imports the names above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
