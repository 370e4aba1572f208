// Where the time goes, measured in-process on the generated database: the stages of the GeoJSON
// export, of a bbox page and of a nearby query, the facets with and without the indexes they lack,
// and the live (after-GC) memory of the real app while it streams an export. The stages mirror
// api/routes/export.ts, data/sqlite/query.ts and data/sqlite/aggregate.ts; the point is their
// relative cost, so a change there should be mirrored here.
import { copyFileSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { createApp } from '../../api/app.ts';
import { openStore } from '../../data/open.ts';
import { sqliteWhere as whereClause } from '../../data/sqlite/query.ts';
import { radiusBBox } from '../../data/filter-sql.ts';
import type { Geometry, Intervention, InterventionFilter, Theme } from '../../geo/index.ts';
import { rewind, roundGeometry } from '../../geo/normalise.ts';
import { distanceToGeometry } from '../../geo/spatial.ts';
import { mb, mean, ms, percentile, seconds, table } from './format.ts';

type BBox = [number, number, number, number];
const BATCH = 200;

const time = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
};

async function compressWeb(chunks: Uint8Array[]): Promise<number> {
  const stream = new Blob(chunks as BlobPart[]).stream().pipeThrough(new CompressionStream('gzip'));
  let bytes = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

// ------------------------------------------------------------------ export

export interface ExportFigures {
  /** median HTTP totals, for the share column */
  httpIdentityMs: number;
  httpGzipMs: number;
}

export async function profileExport(dbPath: string, http: ExportFigures) {
  const db = new Database(dbPath, { readonly: true });
  const stmt = db.prepare('SELECT feature FROM intervention i ORDER BY i.rowid');
  const encoder = new TextEncoder();
  const now = () => performance.now();

  // The loop of api/routes/export.ts (CRS84), each stage on its own clock; the best of two passes.
  let chunks: Uint8Array[] = [];
  const best = { sql: Infinity, parse: Infinity, geometry: Infinity, stringify: Infinity, batches: Infinity };
  for (let pass = 0; pass < 2; pass++) {
    const t = { sql: 0, parse: 0, geometry: 0, stringify: 0, batches: 0 };
    chunks = [];
    let batch: string[] = [];
    let last = now();
    for (const row of stmt.iterate() as Iterable<{ feature: string }>) {
      const a = now();
      const f = JSON.parse(row.feature) as Intervention;
      const b = now();
      const geometry = f.geometry ? rewind(roundGeometry(f.geometry as Geometry)) : null;
      const c = now();
      batch.push(JSON.stringify({ ...f, geometry }));
      const d = now();
      if (batch.length === BATCH) {
        chunks.push(encoder.encode(batch.join(',\n')));
        batch = [];
      }
      const e = now();
      t.sql += a - last;
      t.parse += b - a;
      t.geometry += c - b;
      t.stringify += d - c;
      t.batches += e - d;
      last = e;
    }
    if (batch.length) chunks.push(encoder.encode(batch.join(',\n')));
    for (const key of Object.keys(best) as (keyof typeof best)[]) best[key] = Math.min(best[key], t[key]);
  }
  // The stored feature is already RFC 7946 (the build refuses more than 6 decimals and wrong winding).
  let passthrough = Infinity;
  let stored: Uint8Array[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const started = now();
    stored = [];
    let batch: string[] = [];
    for (const row of stmt.iterate() as Iterable<{ feature: string }>) {
      batch.push(row.feature);
      if (batch.length === BATCH) {
        stored.push(encoder.encode(batch.join(',\n')));
        batch = [];
      }
    }
    if (batch.length) stored.push(encoder.encode(batch.join(',\n')));
    passthrough = Math.min(passthrough, now() - started);
  }
  const loop = best.sql + best.parse + best.geometry + best.stringify + best.batches;
  const bytes = chunks.reduce((s, c) => s + c.length, 0);
  let started = now();
  const webGzip = await compressWeb(chunks);
  const web = now() - started;
  const joined = Buffer.concat(chunks);
  const same = joined.equals(Buffer.concat(stored));
  stored = [];
  const [level1, gzip1] = time(() => gzipSync(joined, { level: 1 }).length);
  const [level6, gzip6] = time(() => gzipSync(joined, { level: 6 }).length);
  db.close();

  const share = (t: number, of: number) => `${((100 * t) / of).toFixed(0)} %`;
  const row = (name: string, t: number, identity: boolean, gzip: boolean, note = '') => [
    name,
    ms(t),
    identity ? share(t, http.httpIdentityMs) : '',
    gzip ? share(t, http.httpGzipMs) : '',
    note,
  ];
  table(
    ['stage (every row, best of two passes)', 'ms', 'of identity HTTP', 'of gzip HTTP', 'note'],
    [
      row('SQL: step the statement, read the stored feature', best.sql, true, true),
      row('JSON.parse of the stored feature', best.parse, true, true),
      row('roundGeometry + rewind', best.geometry, true, true),
      row('JSON.stringify of the feature', best.stringify, true, true),
      row('batches of 200 + UTF-8', best.batches, true, true),
      row('= the export loop', loop, true, true, mb(bytes)),
      row('gzip via CompressionStream (hono/compress)', web, false, true, mb(webGzip)),
      row('gzip via zlib level 6, one buffer', gzip6, false, true, mb(level6)),
      row('gzip via zlib level 1, one buffer', gzip1, false, true, mb(level1)),
      row('alternative loop: the stored string as is', passthrough, true, false, `no parse / round / stringify; ${same ? 'byte-identical output' : 'output DIFFERS'}`),
    ],
    [1, 2, 3],
  );
  console.log(
    `HTTP totals for comparison: identity ${seconds(http.httpIdentityMs)}, gzip ${seconds(http.httpGzipMs)}; the rest is web streams, node-server and the socket`,
  );
}

// ------------------------------------------------------------------ list by bbox and nearby

export function profileQueries(dbPath: string, bboxes: BBox[], nearPoints: [number, number][], http: { bboxP50: number; bboxP95: number; nearP50: number; nearP95: number }) {
  const db = new Database(dbPath, { readonly: true });
  const stages: Record<string, number[]> = {};
  const add = (name: string, t: number) => (stages[name] ??= []).push(t);
  let dense = 0;
  for (const bbox of bboxes) {
    const where = whereClause({ bbox });
    const [rows, page] = time(() => db.prepare(`SELECT feature FROM intervention i ${where.sql} ORDER BY i.rowid LIMIT 100 OFFSET 0`).all(...where.params) as { feature: string }[]);
    add('page SQL (LIMIT 100)', page);
    const [count, counting] = time(() => (db.prepare(`SELECT count(*) AS n FROM intervention i ${where.sql}`).get(...where.params) as { n: number }).n);
    add('count SQL, as now (rows looked up)', counting);
    if (count >= 1000) dense++;
    const [, rtreeCount] = time(
      () => db.prepare('SELECT count(*) AS n FROM intervention_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?').get(bbox[2], bbox[0], bbox[3], bbox[1]) as { n: number },
    );
    add('count on the R*Tree alone (alternative)', rtreeCount);
    const [features, parse] = time(() => rows.map((r) => JSON.parse(r.feature)));
    add('JSON.parse of the page', parse);
    const [, stringify] = time(() => JSON.stringify({ type: 'FeatureCollection', numberMatched: count, numberReturned: features.length, links: [], features }));
    add('JSON.stringify of the response', stringify);
  }
  const total = bboxes.map((_, i) => Object.values(stages).slice(0, 2).concat(Object.values(stages).slice(3)).reduce((s, ts) => s + ts[i], 0));

  const nearStages: Record<string, number[]> = {};
  const addNear = (name: string, t: number) => (nearStages[name] ??= []).push(t);
  const candidates: number[] = [];
  for (const [lon, lat] of nearPoints) {
    const where = whereClause({ near: { lon, lat, radius: 5000 } });
    const [rows, sql] = time(() => db.prepare(`SELECT i.rowid, feature, budget_eur, title_sort, start_year, end_year FROM intervention i ${where.sql}`).all(...where.params) as { feature: string }[]);
    candidates.push(rows.length);
    addNear('SQL: every row in the radius bbox, with its feature', sql);
    const [features, parse] = time(() => rows.map((r) => JSON.parse(r.feature) as Intervention));
    addNear('JSON.parse of every candidate', parse);
    const [found, distance] = time(() => features.filter((f) => f.geometry && distanceToGeometry([lon, lat], f.geometry) <= 5000));
    addNear('distance to every candidate', distance);
    void found;
    const [, lonlat] = time(() => {
      const [minLon, minLat, maxLon, maxLat] = radiusBBox(lon, lat, 5000);
      return db.prepare('SELECT i.rowid, i.lon, i.lat FROM intervention i WHERE i.rowid IN (SELECT id FROM intervention_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?)').all(maxLon, minLon, maxLat, minLat);
    });
    addNear('alternative: rowid + lon/lat columns only', lonlat);
  }
  db.close();

  const row = (name: string, ts: number[]) => [name, ms(mean(ts)), ms(percentile([...ts].sort((a, b) => a - b), 95))];
  table(
    [`list by bbox, in-process (${bboxes.length} bboxes; ${dense} with ≥ 1000 matches)`, 'mean', 'p95'],
    [...Object.entries(stages).map(([n, ts]) => row(n, ts)), row('sum as the route does it (page + count + parse + stringify)', total), ['over HTTP (p50 / p95 above)', ms(http.bboxP50), ms(http.bboxP95)]],
    [1, 2],
  );
  console.log('');
  table(
    [`nearby 5 km, in-process (${nearPoints.length} points; mean ${Math.round(mean(candidates))} candidate rows)`, 'mean', 'p95'],
    [...Object.entries(nearStages).map(([n, ts]) => row(n, ts)), ['over HTTP (p50 / p95 above)', ms(http.nearP50), ms(http.nearP95)]],
    [1, 2],
  );
}

// ------------------------------------------------------------------ live memory of the real app

export interface LiveMemory {
  label: string;
  encoding: string;
  features: number;
  beforeBytes: number;
  peakBytes: number;
  ms: number;
  bodyBytes: number;
}

/** The app in-process (no socket), its body read as fast as it comes, with a full GC before each sample. */
export async function measureLiveMemory(dbPath: string, cases: { label: string; query: string; encoding: string }[]): Promise<LiveMemory[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const store = await openStore({ DB_PATH: dbPath });
  const app = createApp(store);
  const live = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const out: LiveMemory[] = [];
  for (const c of cases) {
    const filter: InterventionFilter = c.query.includes('theme=') ? { theme: [c.query.split('theme=')[1] as Theme] } : {};
    const features = await store.countInterventions(filter);
    const every = Math.max(1, Math.ceil(features / BATCH / 12));
    const beforeBytes = live();
    let peakBytes = beforeBytes;
    const started = performance.now();
    const res = await app.request(`/api/export/interventions.geojson${c.query}`, { headers: { 'Accept-Encoding': c.encoding } });
    let reads = 0;
    let bodyBytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bodyBytes += chunk.length;
      if (++reads % every === 0) peakBytes = Math.max(peakBytes, live());
    }
    out.push({ label: c.label, encoding: c.encoding, features, beforeBytes, peakBytes, ms: performance.now() - started, bodyBytes });
  }
  await store.close();
  return out;
}

export function printLiveMemory(rows: LiveMemory[]) {
  table(
    ['export (in-process, app.request)', 'encoding', 'features', 'live before', 'live peak', 'growth', 'time (with GCs)', 'body'],
    rows.map((r) => [r.label, r.encoding, String(r.features), mb(r.beforeBytes), mb(r.peakBytes), `+${mb(r.peakBytes - r.beforeBytes)}`, seconds(r.ms), mb(r.bodyBytes)]),
    [2, 3, 4, 5, 6, 7],
  );
  console.log('live = V8 heap used + external (ArrayBuffers, zlib) right after a forced full GC, sampled ~12 times per export');
}
