// The views section of `npm run bench`: what a read of the published past costs. The first read of
// a day builds a view (the content of that day, rebuilt from the revisions and the progress entries,
// loaded into a SQLite database in memory: data/views.ts); later reads of the same day reuse it.
// In-process through the app, on a copy of each database; figures only.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { openStore } from '../../data/open.ts';
import { tempDir } from '../helpers/fixtures.ts';
import type { Prepared } from './datasets.ts';
import { int, ms, table } from './format.ts';

const ORIGIN = 'http://localhost';

export interface ViewTimed {
  dataset: string;
  read: string;
  ms: number;
  rssMb: number;
  matched: number;
}

export async function measureViews(p: Prepared): Promise<ViewTimed[]> {
  const db = join(tempDir('bench-views'), 'piro.sqlite');
  for (const suffix of ['', '-wal']) if (existsSync(p.db + suffix)) copyFileSync(p.db + suffix, db + suffix);
  const store = await openStore({ DB_PATH: db });
  const out: ViewTimed[] = [];
  try {
    const app = createApp(store, { publicUrl: ORIGIN });
    const read = async (name: string, path: string) => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const res = await app.request(`${ORIGIN}${path}`);
      const body = (await res.json()) as { numberMatched?: number };
      const took = performance.now() - started;
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      out.push({ dataset: p.name, read: name, ms: took, rssMb: (process.memoryUsage().rss - rss) / 1024 / 1024, matched: body.numberMatched ?? 0 });
    };
    await read('facets, today', '/api/facets');
    await read('facets as of 2025-12-31 (builds the view)', '/api/facets?asOf=2025-12-31');
    await read('facets as of 2025-12-31 (again)', '/api/facets?asOf=2025-12-31');
    await read('page of 100 as of 2025-12-31', '/api/interventions?asOf=2025-12-31&limit=100');
    await read('changed since 2024-12-31 (builds two days)', '/api/facets?changedSince=2024-12-31');
    return out;
  } finally {
    await store.close();
  }
}

export function printViews(timed: ViewTimed[]) {
  table(
    ['dataset', 'read', 'ms', 'RSS growth MB', 'matched'],
    timed.map((t) => [t.dataset, t.read, ms(t.ms), t.rssMb.toFixed(0), int(t.matched)]),
    [2, 3, 4],
  );
}
