// `npm run bench`: latency of the public API through the real HTTP stack (`tsx api/server.ts` as a
// child process, sequential fetches over loopback), on the shipped Kazanlak data and on a generated
// national-scale dataset, printed as tables beside the targets, then where the time goes. Figures
// only, no assertions: timings belong here, never in a pass/fail test.
//
//   npm run bench                     reuse tests/.tmp/bench/bg-<count>/ when it is there
//   npm run bench -- --fresh          generate the dataset and build its database again
//   npm run bench -- --count=20000    another size (default 100000)
//   npm run bench -- --requests=100   fewer requests per query kind (default 300)
//   npm run bench -- --no-profile     skip the in-process breakdown at the end
//
// Then the load section (tests/bench/load.ts) on the generated dataset: many clients at once for a
// fixed time, map pages with coverage requests beside them.
//
//   npm run bench -- --only=load               the load section alone (about a minute and a half)
//   npm run bench -- --no-load                 everything but the load section
//   npm run bench -- --load-seconds=30         each load phase this long (default 15)
//   npm run bench -- --load-clients=16,64      map clients per phase (default 16,64)
//   npm run bench -- --load-coverage-clients=2 coverage clients beside them (default 2; 0 for none)
//   npm run bench -- --load-max=200000         at most this many requests per phase (default 200000)
//
// And the write section (tests/bench/writes.ts): a planner's save and a publisher's publish, on
// copies of both databases.
//
//   npm run bench -- --only=writes             the write section alone
//   npm run bench -- --no-writes               everything but the write section
//   npm run bench -- --write-rounds=200        save + publish rounds per dataset (default 200)
//
// And the import section (tests/bench/imports.ts): a CSV project list uploaded, previewed,
// committed as drafts and imported again, on a copy of the Kazanlak database.
//
//   npm run bench -- --only=imports            the import section alone
//   npm run bench -- --no-imports              everything but the import section
//   npm run bench -- --import-rows=10000       rows in the CSV (default 10000)
//
// And the views section (tests/bench/views.ts): reads of the published past (asOf, changedSince),
// the first of a day building its view, on copies of both databases.
//
//   npm run bench -- --only=views              the views section alone
//   npm run bench -- --no-views                everything but the views section
//
// On PostgreSQL + PostGIS instead of SQLite: the latency, export and first-marker sections on the
// same datasets, each seeded into a database of a throwaway cluster (tests/helpers/postgres-cluster.ts,
// as npm test starts it; Debian's postgresql and postgresql-postgis). The other sections
// measure the SQLite file itself and are left out.
//
//   npm run bench -- --store=postgis
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { generated, fileSize, kazanlak, type Prepared } from './datasets.ts';
import { growthKiB, RSS_SAMPLE_EVERY, runExports, type ExportCase, type ExportResult } from './exports.ts';
import { int, max, mb, mbFromKiB, mean, median, min, ms, percentile, seconds, size, table } from './format.ts';
import { BENCH_TMP } from './generate.ts';
import { measureLiveMemory, printLiveMemory, profileExport, profileQueries, type LiveMemory } from './profile.ts';
import { printLoad, runLoad, type LoadOptions } from './load.ts';
import { kinds, measure, randomBBox, type Bounds, type Latency } from './requests.ts';
import { measureWrites, printWrites } from './writes.ts';
import { measureFirstMarkers, type FirstMarkers } from './first-markers.ts';
import { measureImport, printImports, projectList } from './imports.ts';
import { memory, ROOT, settle, startServer } from './server.ts';
import { measureViews, printViews } from './views.ts';
import pg from 'pg';
import { openStore } from '../../data/open.ts';
import { seedFrom } from '../../data/seed.ts';
import { startCluster, TEMPLATE, type Cluster } from '../helpers/postgres-cluster.ts';

const argv = process.argv.slice(2);
const raw = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const whole = (name: string, text: string, least: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new Error(`--${name} must be a whole number of at least ${least}`);
  return n;
};
const option = (name: string, fallback: number, least = 1) => whole(name, raw(name) ?? String(fallback), least);
const FRESH = argv.includes('--fresh');
const STORE = raw('store') ?? 'sqlite';
if (STORE !== 'sqlite' && STORE !== 'postgis') throw new Error('--store takes sqlite or postgis');
const ON_POSTGIS = STORE === 'postgis';
if (ON_POSTGIS && raw('only') !== undefined) throw new Error('--store=postgis runs the latency sections only; leave out --only');
// The in-process profile reads the SQLite file; on PostGIS the server's own Server-Timing says where the time goes.
const PROFILE = !argv.includes('--no-profile') && !ON_POSTGIS;
const COUNT = option('count', 100_000);
const ONLY = raw('only');
if (ONLY !== undefined && !['load', 'writes', 'imports', 'views'].includes(ONLY)) throw new Error('--only takes load, writes, imports or views');
const VIEWS = !argv.includes('--no-views');
const IMPORTS = !argv.includes('--no-imports');
const IMPORT_ROWS = option('import-rows', 10_000);
const WRITES = !argv.includes('--no-writes');
const WRITE_ROUNDS = option('write-rounds', 200);
const LOAD = !argv.includes('--no-load');
if ((ONLY === 'load' && !LOAD) || (ONLY === 'writes' && !WRITES) || (ONLY === 'imports' && !IMPORTS) || (ONLY === 'views' && !VIEWS)) throw new Error(`--only=${ONLY} and --no-${ONLY} leave nothing to run`);

const LOAD_OPTIONS: LoadOptions = {
  seconds: option('load-seconds', 15),
  levels: (raw('load-clients') ?? '16,64').split(',').map((c) => whole('load-clients', c, 1)),
  coverageClients: option('load-coverage-clients', 2, 0),
  maxRequests: option('load-max', 200_000),
};

const BOUNDS: Bounds = {
  warmup: 30,
  requests: option('requests', 300),
  warmupBudgetMs: 5_000,
  kindBudgetMs: 20_000,
  slowMs: 1_000,
  timeoutMs: 90_000,
};
const EXPORT_BUDGET_MS = 60_000;
const FULL_EXPORTS = 5;

// Issue 16's targets (speed): a bbox page, nearby and text search, the full export, first markers.
const TARGET_BBOX_P95_MS = 5;
const TARGET_SEARCH_P95_MS = 10;
const TARGET_EXPORT_MS = 1_000;
const TARGET_FIRST_MARKERS_MS = 1_000;
const FIRST_MARKER_RUNS = 5;

interface DatasetResult {
  latencies: Latency[];
  exported: ExportResult[];
  firstMarkers: FirstMarkers;
}

async function bench(p: Prepared, exportCases: ExportCase[]): Promise<DatasetResult> {
  const server = await startServer({ DB_PATH: p.db, DATASET_DIR: p.dir, ...(p.url ? { DATABASE_URL: p.url } : {}) });
  try {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { interventions: number; located: number };
    const settled = await settle(server.pid);
    p.notes.push(
      `server (pid ${server.pid}) answered after ${seconds(server.startMs)} with ${int(health.interventions)} interventions (${int(health.located)} located), idle after ${seconds(settled)} more; idle RSS ${mbFromKiB(memory(server.pid).rssKiB)}`,
    );
    const latencies: Latency[] = [];
    const planned = ((await (await fetch(`${server.url}/api/municipalities`)).json()) as { code: string; plan: unknown }[]).filter((m) => m.plan).map((m) => m.code);
    for (const kind of kinds(p.centres, p.words, p.name.length, planned)) {
      process.stdout.write(`  ${p.name}: ${kind.name} … `);
      const result = await measure(p.name, server.url, kind, BOUNDS);
      console.log(`${result.n} requests${result.failed ? `, ${result.failed} failed` : ''}, p95 ${ms(percentile(result.sorted, 95))} ms`);
      for (const error of result.errors) console.log(`    failed: ${error}`);
      latencies.push(result);
    }
    process.stdout.write(`  ${p.name}: exports … `);
    const exported = await runExports(server, exportCases, EXPORT_BUDGET_MS);
    console.log(exported.map((e) => `${e.label} ${e.encoding} ×${e.done.length}`).join(', '));
    for (const e of exported) for (const error of e.errors) console.log(`    export ${e.label} (${e.encoding}) failed: ${error}`);
    process.stdout.write(`  ${p.name}: first markers in the web app … `);
    const firstMarkers = await measureFirstMarkers(`${server.url}/`, FIRST_MARKER_RUNS);
    console.log(firstMarkers.skipped ?? `median ${seconds(median(firstMarkers.cold))} first visit, ${seconds(median(firstMarkers.warm))} return visit`);
    return { latencies, exported, firstMarkers };
  } finally {
    await server.stop();
  }
}

/** An export case as a row of the latency table; with a handful of runs, p95 and p99 are the slowest. */
function exportLatency(e: ExportResult): Latency {
  const sorted = e.done.map((r) => r.ms).sort((a, b) => a - b);
  return {
    dataset: e.dataset,
    kind: `export GeoJSON, ${e.label} (${e.encoding})`,
    n: sorted.length,
    failed: e.errors.length,
    errors: e.errors,
    sorted,
    server: [],
    mean: mean(sorted),
    matched: e.done[0]?.features ?? null,
    returned: e.done[0]?.features ?? null,
    bytes: median(e.done.map((r) => r.jsonBytes)),
  };
}

/** Asked of git itself: in a worktree .git is a file, and a ref may sit in packed-refs. */
function commit(): string {
  try {
    return execFileSync('git', ['-C', ROOT, 'rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The latency, export, target and profile sections; the generated dataset they ran on. */
async function latencySections(): Promise<Prepared> {
  console.log(
    `sequential requests over loopback to \`tsx api/server.ts\`: ${BOUNDS.warmup} warm-up + up to ${BOUNDS.requests} requests per query kind, each kind capped at ${BOUNDS.kindBudgetMs / 1000} s; fetch asks for gzip/deflate/br as browsers do\n`,
  );

  const small = await onStore(await kazanlak());
  const kz = await bench(small, [{ dataset: small.name, label: 'all', query: '', encoding: 'gzip', runs: 100 }]);

  const big = await onStore(await generated(COUNT, FRESH));
  const subset = { label: 'theme=transport (~10 %)', query: '?theme=transport' };
  const bg = await bench(big, [
    { dataset: big.name, ...subset, encoding: 'gzip', runs: 3 },
    { dataset: big.name, label: 'all', query: '', encoding: 'gzip', runs: FULL_EXPORTS },
    { dataset: big.name, ...subset, encoding: 'identity', runs: 2 },
    { dataset: big.name, label: 'all', query: '', encoding: 'identity', runs: 2 },
  ]);

  console.log('\n== datasets');
  for (const p of [small, big]) for (const note of p.notes) console.log(`${p.name}: ${note}`);
  console.log(
    big.url
      ? `${big.name}: PostgreSQL database seeded in ${seconds(big.buildMs)}`
      : `${big.name}: database build ${seconds(big.buildMs)} (loading + zod/geometry validation alone: ${seconds(big.loadMs)}), DB file ${mb(fileSize(big.db))}`,
  );

  console.log('\n== latency (ms, client side, whole response read; server: the app\'s own Server-Timing)');
  const latencies = [...kz.latencies, ...kz.exported.map(exportLatency), ...bg.latencies, ...bg.exported.map(exportLatency)];
  table(
    ['dataset', 'query', 'n', 'fail', 'p50', 'p95', 'p99', 'mean', 'max', 'server p50', 'server p95', 'matched', 'returned', 'body'],
    latencies.map((l) => [
      l.dataset,
      l.kind,
      String(l.n),
      String(l.failed),
      ms(percentile(l.sorted, 50)),
      ms(percentile(l.sorted, 95)),
      ms(percentile(l.sorted, 99)),
      ms(l.mean),
      ms(max(l.sorted)),
      l.server.length ? ms(percentile(l.server, 50)) : '-',
      l.server.length ? ms(percentile(l.server, 95)) : '-',
      l.matched === null ? '-' : int(l.matched),
      l.returned === null ? '-' : int(l.returned),
      size(l.bytes),
    ]),
    [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
  console.log('matched / returned: mean numberMatched / numberReturned per request; body: mean decoded size');

  console.log('\n== GeoJSON export (/api/export/interventions.geojson), server memory');
  const exported = [...kz.exported, ...bg.exported];
  table(
    ['dataset', 'filter', 'encoding', 'runs', 'features', 'total p50', 'min', 'max', 'TTFB', 'wire', 'JSON', 'features/s', 'RSS before', 'peak', 'growth', 'VmHWM'],
    exported.map((e) => {
      const total = median(e.done.map((r) => r.ms));
      const features = e.done[0]?.features ?? NaN;
      const hwm = e.done.length && e.done.every((r) => r.hwmKiB !== null) ? mbFromKiB(max(e.done.map((r) => r.hwmKiB!))) : 'n/a';
      return [
        e.dataset,
        e.label,
        e.encoding,
        String(e.done.length),
        int(features),
        seconds(total),
        seconds(min(e.done.map((r) => r.ms))),
        seconds(max(e.done.map((r) => r.ms))),
        `${ms(median(e.done.map((r) => r.ttfbMs)))} ms`,
        size(median(e.done.map((r) => r.wireBytes))),
        size(median(e.done.map((r) => r.jsonBytes))),
        int(features / (total / 1000)),
        mbFromKiB(median(e.done.map((r) => r.rssBeforeKiB))),
        mbFromKiB(max(e.done.map((r) => r.rssPeakKiB))),
        `+${mbFromKiB(growthKiB(e))}`,
        hwm,
      ];
    }),
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  );
  console.log(
    `RSS (its anonymous part, RssAnon: the mapped SQLite file's pages are left out) of the server processes from /proc/<pid>/status, sampled every ${RSS_SAMPLE_EVERY} during each run; growth = worst (peak − RSS just before) over the runs; VmHWM = kernel peak of the whole RSS, reset before each run`,
  );

  console.log('\n== first markers in the web app (headless Chromium, software GL, loopback; ms from navigation to the first frame with marker pixels)');
  table(
    ['dataset', 'visit', 'runs', 'missed', 'median', 'min', 'max'],
    [kz, bg].flatMap((r, i) =>
      (['cold', 'warm'] as const).map((visit) => [
        [small, big][i].name,
        visit === 'cold' ? 'first (nothing cached)' : 'return (assets cached)',
        String(r.firstMarkers[visit].length),
        String(r.firstMarkers.missed),
        ms(median(r.firstMarkers[visit])),
        ms(min(r.firstMarkers[visit])),
        ms(max(r.firstMarkers[visit])),
      ]),
    ),
    [2, 3, 4, 5, 6],
  );
  console.log('a probe in the page reads the map canvas every 25 ms for the colour of a cluster or a pile disc (tests/bench/first-markers.ts)');

  // ---------------------------------------------------------------- targets
  const bboxAtScale = bg.latencies.find((l) => l.kind.startsWith('list by bbox'))!;
  const p95 = percentile(bboxAtScale.sorted, 95);
  const p95Of = (prefix: string) => percentile(bg.latencies.find((l) => l.kind.startsWith(prefix))!.sorted, 95);
  const firstAtScale = median(bg.firstMarkers.cold);
  const pick = (label: string, encoding: string) => bg.exported.find((e) => e.label === label && e.encoding === encoding)!;
  const fullGzip = median(pick('all', 'gzip').done.map((r) => r.ms));
  const fullIdentity = median(pick('all', 'identity').done.map((r) => r.ms));
  const rows: string[][] = [
    [`list by bbox, page of 100, ${int(COUNT)} items: p95 ≤ ${TARGET_BBOX_P95_MS} ms`, `p95 ${ms(p95)} ms (p50 ${ms(percentile(bboxAtScale.sorted, 50))})`, p95 <= TARGET_BBOX_P95_MS ? 'PASS' : 'MISS'],
    [`GeoJSON export of all ${int(COUNT)} ≤ ${TARGET_EXPORT_MS / 1000} s, gzip (browsers, curl --compressed)`, seconds(fullGzip), fullGzip <= TARGET_EXPORT_MS ? 'PASS' : 'MISS'],
    [`GeoJSON export of all ${int(COUNT)} ≤ ${TARGET_EXPORT_MS / 1000} s, identity (plain curl, wget)`, seconds(fullIdentity), fullIdentity <= TARGET_EXPORT_MS ? 'PASS' : 'MISS'],
    ...['nearby', 'text search'].map((kind) => [
      `${kind}, ${int(COUNT)} items: p95 ≤ ${TARGET_SEARCH_P95_MS} ms`,
      `p95 ${ms(p95Of(kind))} ms`,
      p95Of(kind) <= TARGET_SEARCH_P95_MS ? 'PASS' : 'MISS',
    ]),
    [
      `first markers drawn ≤ ${TARGET_FIRST_MARKERS_MS / 1000} s after navigation, ${int(COUNT)} items, first visit`,
      `median ${seconds(firstAtScale)}`,
      firstAtScale <= TARGET_FIRST_MARKERS_MS ? 'PASS' : bg.firstMarkers.skipped ? 'n/a' : 'MISS',
    ],
  ];
  // "Does not grow with result size": ten times the features may cost at most 1.5× the smaller
  // export's growth plus 16 MB of allocator slack.
  for (const encoding of ['gzip', 'identity']) {
    const g10 = growthKiB(pick(subset.label, encoding));
    const g100 = growthKiB(pick('all', encoding));
    const flat = g100 <= 1.5 * g10 + 16 * 1024;
    rows.push([
      `export memory does not grow with result size (${encoding}; server RSS)`,
      `+${mbFromKiB(g10)} at ${int(pick(subset.label, encoding).done[0]?.features ?? NaN)}, +${mbFromKiB(g100)} at ${int(COUNT)}`,
      flat ? 'PASS' : 'MISS',
    ]);
  }
  // What is still reachable after a full GC, as opposed to RSS, which also holds garbage V8 has not collected yet.
  let liveMemory: LiveMemory[] = [];
  if (PROFILE) {
    process.stdout.write('  live memory of the app during exports (in-process, forced GCs) … ');
    liveMemory = await measureLiveMemory(big.db, [
      { ...subset, encoding: 'identity' },
      { label: 'all', query: '', encoding: 'identity' },
      { ...subset, encoding: 'gzip' },
      { label: 'all', query: '', encoding: 'gzip' },
    ]);
    console.log('done');
    for (const encoding of ['gzip', 'identity']) {
      const [part, all] = [subset.label, 'all'].map((label) => liveMemory.find((m) => m.label === label && m.encoding === encoding)!);
      const growth = (m: LiveMemory) => m.peakBytes - m.beforeBytes;
      const flat = growth(all) <= 1.5 * growth(part) + 16 * 1024 * 1024;
      rows.push([
        `export memory does not grow with result size (${encoding}; live heap after GC)`,
        `+${mb(growth(part))} at ${int(part.features)}, +${mb(growth(all))} at ${int(all.features)}`,
        flat ? 'PASS' : 'MISS',
      ]);
    }
  }
  console.log('\n== targets');
  table(['target', 'figure', 'result'], rows);

  if (PROFILE) {
    console.log(`\n== where the time goes (in-process on the ${big.name} database; load average ${loadavg()[0].toFixed(2)})`);
    console.log('\n-- GeoJSON export of every item, stage by stage');
    await profileExport(big.db, { httpIdentityMs: fullIdentity, httpGzipMs: fullGzip });
    const bboxes = Array.from({ length: Math.min(BOUNDS.requests, 300) }, (_, i) => randomBBox(big.centres, big.name.length, i));
    const nearPoints = Array.from({ length: 100 }, (_, i) => {
      const [minLon, minLat, maxLon, maxLat] = randomBBox(big.centres, big.name.length + 1, i);
      return [(minLon + maxLon) / 2, (minLat + maxLat) / 2] as [number, number];
    });
    const near = bg.latencies.find((l) => l.kind.startsWith('nearby'))!;
    console.log('');
    profileQueries(big.db, bboxes, nearPoints, {
      bboxP50: percentile(bboxAtScale.sorted, 50),
      bboxP95: p95,
      nearP50: percentile(near.sorted, 50),
      nearP95: percentile(near.sorted, 95),
    });
    console.log('\n-- live memory while the app streams an export');
    printLiveMemory(liveMemory);
  }
  return big;
}

/** Many clients at once on the generated dataset, on a server of its own. */
async function loadSection(big: Prepared) {
  console.log(`\nload on ${big.name}: ${LOAD_OPTIONS.levels.join(', ')} map clients${LOAD_OPTIONS.coverageClients ? ` with ${LOAD_OPTIONS.coverageClients} coverage clients beside them (and the largest level once without)` : ''}, ${LOAD_OPTIONS.seconds} s each`);
  const server = await startServer({ DB_PATH: big.db, DATASET_DIR: big.dir });
  try {
    await settle(server.pid);
    const phases = await runLoad(server, big, LOAD_OPTIONS);
    printLoad(big, LOAD_OPTIONS, phases);
  } finally {
    // A server still busy with abandoned coverage work answers SIGTERM only when that work is done.
    const stopped = await Promise.race([server.stop().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000))]);
    if (!stopped) {
      console.log(`server (pid ${server.pid}) did not stop within 10 s of SIGTERM; killed`);
      server.process.kill('SIGKILL');
    }
  }
}

/** Save, publish and create on copies of both databases. */
async function writeSection(big: Prepared) {
  console.log(`\nwrites: ${WRITE_ROUNDS} rounds of read head → save draft → publish per dataset (and a create + publish every 4th round), in-process through the app with real sessions, on copies of the databases`);
  const results = [];
  for (const p of [await kazanlak(), big]) results.push({ dataset: p.name, timed: await measureWrites(p, WRITE_ROUNDS) });
  printWrites(results);
}

/** A CSV project list imported into a copy of the Kazanlak database. */
async function importSection() {
  console.log(`\nimports: a CSV of ${IMPORT_ROWS} rows uploaded → previewed → committed as drafts → the same file again, in-process through the app with a real session, on a copy of the Kazanlak database`);
  const small = await kazanlak();
  printImports(small.name, await measureImport(small, IMPORT_ROWS), Buffer.byteLength(projectList(IMPORT_ROWS)));
}

/** Reads of the past on copies of both databases. */
async function viewSection(big: Prepared) {
  console.log('\nviews: reads of the published past, in-process through the app, on copies of the databases; the first read of a day builds its view in memory');
  printViews([...(await measureViews(await kazanlak())), ...(await measureViews(big))]);
}

/** The cluster the PostGIS bench seeds its databases into; started on first use. */
let cluster: Promise<Cluster | null> | null = null;

/** The dataset on the store the bench runs on: as prepared (SQLite), or seeded into a new PostGIS database. */
async function onStore(p: Prepared): Promise<Prepared> {
  if (!ON_POSTGIS) return p;
  cluster ??= startCluster();
  const running = await cluster;
  if (!running) throw new Error('--store=postgis needs PostgreSQL and PostGIS (apt-get install postgresql postgresql-postgis)');
  process.stdout.write(`seeding ${p.name} into PostgreSQL … `);
  const database = `bench_${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const admin = new pg.Client(`${running.url}/postgres`);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  const url = `${running.url}/${database}`;
  const started = performance.now();
  const store = await openStore({ DATABASE_URL: url });
  await seedFrom(store, p.dir);
  await store.close();
  const buildMs = performance.now() - started;
  console.log(seconds(buildMs));
  return { ...p, name: `${p.name} (PostGIS)`, url, buildMs, notes: [...p.notes, `seeded into PostgreSQL + PostGIS in ${seconds(buildMs)}`] };
}

async function main() {
  const began = performance.now();
  console.log(`piro-map bench — commit ${commit()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(2)}, store ${STORE}`);
  if (ON_POSTGIS) {
    try {
      await latencySections();
      console.log('\n(load, writes, imports and views measure the SQLite file and run without --store=postgis)');
    } finally {
      (await cluster)?.stop();
    }
    console.log(`\nbench finished in ${seconds(performance.now() - began)}; load average now ${loadavg()[0].toFixed(2)}`);
    return;
  }
  if (ONLY === 'imports') {
    await importSection();
    console.log(`\nbench finished in ${seconds(performance.now() - began)}; load average now ${loadavg()[0].toFixed(2)}`);
    return;
  }
  let big: Prepared;
  if (ONLY !== undefined) {
    big = await generated(COUNT, FRESH);
    for (const note of big.notes) console.log(`${big.name}: ${note}`);
  } else big = await latencySections();
  if (WRITES && ONLY !== 'load' && ONLY !== 'views') await writeSection(big);
  if (IMPORTS && ONLY === undefined) await importSection();
  if (VIEWS && (ONLY === undefined || ONLY === 'views')) await viewSection(big);
  if (LOAD && ONLY !== 'writes' && ONLY !== 'views') await loadSection(big);
  console.log(`\nbench finished in ${seconds(performance.now() - began)}; load average now ${loadavg()[0].toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
