// The import section of `npm run bench`: a project list of N rows (10 000 by default) as a CSV with
// Bulgarian headers, uploaded, previewed and committed through the real app and store with a real
// session (in-process, app.request), on a copy of the database; then the same file again, which
// finds every row unchanged. Figures only: rows per second of each step and the memory it took.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { hashPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { tempDir } from '../helpers/fixtures.ts';
import type { Prepared } from './datasets.ts';
import { int, mb, ms, table } from './format.ts';

const ORIGIN = 'http://localhost';
const HEADER = 'Наименование;Тема;Статус;Статус към;Статус (текст);Място;Точност;Основание;Финансиране;Бюджет;Валута;Източник;Вид;lon;lat';

/** N rows of made-up projects inside Kazanlak town, each row different; deterministic. */
export function projectList(rows: number): string {
  const themes = ['Транспорт и улици', 'Образование', 'Спорт', 'Обществени пространства и паркове'];
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const lon = (25.38 + ((i * 7919) % 4000) / 100_000).toFixed(6);
    const lat = (42.61 + ((i * 104_729) % 2000) / 100_000).toFixed(6);
    lines.push(`Ремонт на обект № ${i + 1} „Изток“;${themes[i % themes.length]};Идея;2026;предложение;гр. Казанлък;site;по скица;municipal-budget;${1000 + i} 000,50;BGN;https://example.org/list;project;${lon};${lat}`);
  }
  return lines.join('\n');
}

export interface ImportTimed {
  step: string;
  rows: number;
  ms: number;
  rssMb: number;
  outcome: string;
}

export async function measureImport(p: Prepared, rows: number): Promise<ImportTimed[]> {
  const db = join(tempDir('bench-imports'), 'piro.sqlite');
  for (const suffix of ['', '-wal']) if (existsSync(p.db + suffix)) copyFileSync(p.db + suffix, db + suffix);
  const store = await openStore({ DB_PATH: db });
  try {
    const app = createApp(store, { publicUrl: ORIGIN });
    const email = 'importer@bench.example';
    if (!(await store.accountByEmail(email))) await store.createAccount({ email, role: 'editor', passwordHash: await hashPassword('bench password') }, null);
    const login = await app.request(`${ORIGIN}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'bench password' }) });
    const cookie = `piro_session=${/piro_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
    const csv = projectList(rows);
    const out: ImportTimed[] = [];
    const step = async (name: string, request: () => Response | Promise<Response>) => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const res = await request();
      const body = (await res.json()) as { counts?: Record<string, number>; items?: unknown[]; id?: string; error?: unknown };
      const took = performance.now() - started;
      if (res.status >= 300) throw new Error(`${name} → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      const c = body.counts ?? (body as { preview?: { counts: Record<string, number> } }).preview?.counts;
      out.push({ step: name, rows, ms: took, rssMb: (process.memoryUsage().rss - rss) / 1024 / 1024, outcome: c ? `${c.create} new, ${c.update} changed, ${c.unchanged} unchanged, ${c.refused} refused` : '' });
      return body;
    };
    const upload = () => {
      const form = new FormData();
      form.set('file', new Blob([csv]), 'списък.csv');
      form.set('into', 'interventions');
      return app.request(`${ORIGIN}/api/imports`, { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN }, body: form });
    };
    const first = await step('upload + preview', upload);
    await step('commit (drafts)', () => app.request(`${ORIGIN}/api/imports/${first.id}/commit`, { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN } }));
    await step('same file again (preview)', upload);
    return out;
  } finally {
    await store.close();
  }
}

export function printImports(dataset: string, timed: ImportTimed[], csvBytes: number) {
  console.log(`${dataset}: a CSV of ${int(timed[0]?.rows ?? 0)} rows, ${mb(csvBytes)}`);
  table(
    ['step', 'rows', 'ms', 'rows per s', 'RSS growth MB', 'outcome'],
    timed.map((t) => [t.step, int(t.rows), ms(t.ms), int((t.rows / t.ms) * 1000), t.rssMb.toFixed(0), t.outcome]),
    [1, 2, 3, 4],
  );
}
