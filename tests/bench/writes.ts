// The write section of `npm run bench`: what a planner's save and a publisher's publish cost, on a
// copy of each dataset's database (the benched files stay as they are). Through the real app and
// store with real sessions, in-process (app.request, no network): the figures are the work of the
// write path itself — validation, the transaction, the audit record, and on publish the rewrite of
// the published rows (zones, search keys, boxes, net budgets) and the store revision.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { hashPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { tempDir } from '../helpers/fixtures.ts';
import type { Prepared } from './datasets.ts';
import { int, mean, ms, percentile, table } from './format.ts';

const ORIGIN = 'http://localhost';

interface Timed {
  step: string;
  sorted: number[];
}

export async function measureWrites(p: Prepared, rounds: number): Promise<Timed[]> {
  const db = join(tempDir('bench-writes'), 'piro.sqlite');
  for (const suffix of ['', '-wal']) if (existsSync(p.db + suffix)) copyFileSync(p.db + suffix, db + suffix);
  const store = await openStore({ DB_PATH: db });
  try {
    const app = createApp(store, { publicUrl: ORIGIN });
    const cookie: Record<string, string> = {};
    for (const role of ['editor', 'publisher'] as const) {
      const email = `${role}@bench.example`;
      if (!(await store.accountByEmail(email))) await store.createAccount({ email, role, passwordHash: await hashPassword('bench password') }, null);
      const res = await app.request(`${ORIGIN}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'bench password' }) });
      cookie[role] = /piro_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
    }
    const send = async (role: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
      const started = performance.now();
      const res = await app.request(`${ORIGIN}${path}`, {
        method,
        headers: { Cookie: `piro_session=${cookie[role]}`, Origin: ORIGIN, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
      return { ms: performance.now() - started, etag: res.headers.get('etag')!, text };
    };
    const list = JSON.parse((await send('editor', 'GET', '/api/interventions?located=true&limit=1000')).text) as { features: { id: string }[] };
    const ids = list.features.map((f) => f.id);
    const times: Record<string, number[]> = { 'read head (editor)': [], 'save draft (PATCH)': [], publish: [], 'create (POST)': [], 'publish new': [] };
    for (let i = 0; i < rounds; i++) {
      const id = ids[(i * 7919) % ids.length];
      const head = await send('editor', 'GET', `/api/interventions/${id}`);
      times['read head (editor)'].push(head.ms);
      const draft = await send('editor', 'PATCH', `/api/interventions/${id}?reason=bench`, { 'If-Match': head.etag }, { properties: { statusText: `bench ${i}` } });
      times['save draft (PATCH)'].push(draft.ms);
      times.publish.push((await send('publisher', 'POST', `/api/interventions/${id}/publish`, { 'If-Match': draft.etag })).ms);
      if (i % 4 === 0) {
        const record = JSON.parse(head.text);
        delete record.editing;
        const newId = `BENCH-${String(900_000 + i)}`;
        const created = await send('editor', 'POST', '/api/interventions', {}, { ...record, id: newId, properties: { ...record.properties, id: newId, programmeId: null } });
        times['create (POST)'].push(created.ms);
        times['publish new'].push((await send('publisher', 'POST', `/api/interventions/${newId}/publish`, { 'If-Match': created.etag })).ms);
      }
    }
    return Object.entries(times).map(([step, values]) => ({ step, sorted: values.sort((a, b) => a - b) }));
  } finally {
    await store.close();
  }
}

export function printWrites(results: { dataset: string; timed: Timed[] }[]) {
  const rows = results.flatMap(({ dataset, timed }) =>
    timed.map((t) => [dataset, t.step, int(t.sorted.length), ms(percentile(t.sorted, 50)), ms(percentile(t.sorted, 95)), ms(percentile(t.sorted, 99)), ms(mean(t.sorted)), int(1000 / mean(t.sorted))]),
  );
  table(['dataset', 'step', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'per s'], rows, [2, 3, 4, 5, 6, 7]);
}
