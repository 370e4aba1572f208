// The bench's load section: many clients at once against one server, over loopback with keep-alive,
// as a map with many viewers and a few planners would use it. A closed loop: each client sends its
// next request as soon as the last one is answered, for a fixed time and under a cap on the number
// of requests, so a phase always ends by itself. Map clients ask for pages of 100 in a city-sized
// box (the REST list and the OGC items page, half and half); a few planner clients ask for coverage,
// access and gaps with a pause between requests. Every client's sequence comes from a seeded PRNG,
// so each run asks the same questions. Figures only, printed beside the targets, never asserted.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { THEMES, type Geometry } from '../../geo/index.ts';
import { geometryBBox } from '../../geo/spatial.ts';
import type { Prepared } from './datasets.ts';
import { int, ms, percentile, seconds, size, table } from './format.ts';
import { mulberry32 } from './generate.ts';
import { randomBBox } from './requests.ts';
import { cpuTicks, settle, type Server } from './server.ts';

export interface LoadOptions {
  /** how long each phase sends requests */
  seconds: number;
  /** map clients per phase; each level runs with the planner clients beside it */
  levels: number[];
  /** planner clients (coverage requests) beside the map clients; 0 for none */
  coverageClients: number;
  /** a phase sends at most this many requests, all clients together */
  maxRequests: number;
}

/** A request that takes longer is abandoned (the socket closed) and counted as a timeout. */
export const LOAD_TIMEOUT_MS = 10_000;
/** What a planner client waits after each answer before asking again. */
export const COVERAGE_PAUSE_MS = 1_000;
const WARMUP_MS = 3_000;
/** Between phases, the server gets this long to finish work left over from abandoned requests. */
const SETTLE_LIMIT_MS = 60_000;

const TARGET_P99_MS = 100;
const TARGET_CLIENTS = 64;

const MAP_KINDS = ['list (bbox, page of 100)', 'OGC items (bbox, page of 100)'] as const;
const COVERAGE_KINDS = ['coverage by settlement', 'coverage access', 'coverage gaps (municipality)'] as const;
const DISTANCES = [1000, 1500, 2000, 3000, 5000];
const REACHES = [250, 500, 1000];

interface Request {
  kind: string;
  path: string;
}

interface Answer {
  elapsed: number;
  /** null when the request failed or succeeded; otherwise what went wrong (HTTP status, socket error, timeout) */
  error: string | null;
  bytes: number;
}

export interface KindFigures {
  kind: string;
  /** requests answered or failed */
  requests: number;
  /** successful (2xx, 304) times, ascending */
  sorted: number[];
  errors: Map<string, number>;
  bytes: number;
}

export interface Phase {
  label: string;
  clients: number;
  coverageClients: number;
  /** from the first request to the last answer, including requests still running at the deadline */
  wallMs: number;
  kinds: KindFigures[];
  /** cores the server used on average (/proc ticks) */
  serverCores: number;
  /** cores this process (the load generator) used on average */
  clientCores: number;
  /** this process's event-loop delay p99: when it is high, the generator itself adds latency */
  clientLoopP99Ms: number;
  /** how long the server stayed busy after the phase before going idle (work left by abandoned requests) */
  settleMs: number;
  loadAverage: number;
}

const f = (n: number) => n.toFixed(5);

/**
 * The municipality's box. Gaps are computed over the municipality, so they ask only for what lies in
 * it: on the national dataset, gaps for a theme without a box buffers and unions ~10 000 geometries
 * all over the country and did not finish in two minutes, holding the server's event loop all along.
 */
function municipalityBBox(p: Prepared): string {
  const layer = JSON.parse(readFileSync(join(p.dir, 'municipality.geojson'), 'utf8')) as { features: { geometry: Geometry }[] };
  return geometryBBox(layer.features[0].geometry).map(f).join(',');
}

/** The next request of a map client: a list page or an OGC items page in a box around one of the centres. */
function mapRequests(p: Prepared, seed: number): () => Request {
  const rng = mulberry32(seed);
  let n = 0;
  return () => {
    const bbox = randomBBox(p.centres, p.name.length, seed * 1000 + n++).map(f).join(',');
    return rng() < 0.5
      ? { kind: MAP_KINDS[0], path: `/api/interventions?bbox=${bbox}&limit=100` }
      : { kind: MAP_KINDS[1], path: `/ogc/collections/interventions/items?bbox=${bbox}&limit=100` };
  };
}

/**
 * The next request of a planner client: coverage, access and gaps in turn (a phase sees only a few
 * per client, so each kind gets its turn), for a random theme, reach and distance.
 */
function coverageRequests(seed: number, client: number, municipality: string): () => Request {
  const rng = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(rng() * values.length)];
  let n = client;
  return () => {
    const theme = pick(THEMES.ids);
    const kind = COVERAGE_KINDS[n++ % COVERAGE_KINDS.length];
    if (kind === COVERAGE_KINDS[0]) return { kind, path: `/api/coverage?by=settlement&theme=${theme}&reach=${pick(REACHES)}` };
    if (kind === COVERAGE_KINDS[1]) return { kind, path: `/api/coverage/access?theme=${theme}&distance=${pick(DISTANCES)}` };
    return { kind, path: `/api/coverage/gaps.geojson?theme=${theme}&distance=${pick(DISTANCES)}&bbox=${municipality}` };
  };
}

/** One GET over the shared keep-alive agent; the body is read to its end but not decoded. */
function get(agent: Agent, base: URL, path: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error: string | null, bytes = 0) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ elapsed: performance.now() - started, error, bytes });
    };
    const req = request(
      {
        hostname: base.hostname,
        port: base.port,
        path,
        agent,
        headers: { Accept: 'application/geo+json, application/json', 'Accept-Encoding': 'gzip, deflate, br' },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          finish((status >= 200 && status < 300) || status === 304 ? null : `HTTP ${status}`, bytes);
        });
        res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
      },
    );
    timer = setTimeout(() => {
      finish('timeout');
      req.destroy();
    }, LOAD_TIMEOUT_MS);
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    req.end();
  });
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, msToWait)));

interface ClientPlan {
  next: () => Request;
  pauseMs: number;
}

/** Runs the clients until the deadline or until `maxRequests` were sent; figures per kind. */
async function drive(server: Server, plans: ClientPlan[], durationMs: number, maxRequests: number, record: boolean) {
  const base = new URL(server.url);
  if (!['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) throw new Error(`the load generator only talks to loopback, not ${base.host}`);
  const agent = new Agent({ keepAlive: true, maxSockets: plans.length, maxFreeSockets: plans.length });
  const figures = new Map<string, KindFigures & { times: number[] }>();
  let left = maxRequests;
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async ({ next, pauseMs }: ClientPlan) => {
    while (performance.now() < deadline && left > 0) {
      left--;
      const { kind, path } = next();
      const answer = await get(agent, base, path);
      if (record) {
        let k = figures.get(kind);
        if (!k) figures.set(kind, (k = { kind, requests: 0, sorted: [], times: [], errors: new Map(), bytes: 0 }));
        k.requests++;
        if (answer.error) k.errors.set(answer.error, (k.errors.get(answer.error) ?? 0) + 1);
        else {
          k.times.push(answer.elapsed);
          k.bytes += answer.bytes;
        }
      }
      if (pauseMs) await sleep(Math.min(pauseMs, deadline - performance.now()));
    }
  };
  await Promise.all(plans.map(client));
  const wallMs = performance.now() - started;
  agent.destroy();
  const kinds = [...figures.values()].map(({ times, ...k }) => ({ ...k, sorted: times.sort((a, b) => a - b) }));
  return { wallMs, kinds };
}

/** The phases: the largest level without planners (a baseline), then every level with them. */
export async function runLoad(server: Server, p: Prepared, options: LoadOptions): Promise<Phase[]> {
  const municipality = municipalityBBox(p);
  const mapPlans = (clients: number, phase: number) =>
    Array.from({ length: clients }, (_, c) => ({ next: mapRequests(p, phase * 10_000 + c + 1), pauseMs: 0 }));
  const coveragePlans = (clients: number, phase: number) =>
    Array.from({ length: clients }, (_, c) => ({ next: coverageRequests(phase * 10_000 + 5_000 + c + 1, c, municipality), pauseMs: COVERAGE_PAUSE_MS }));

  process.stdout.write(`  load: warm-up, ${Math.min(16, options.levels[0])} map clients for ${seconds(WARMUP_MS)} … `);
  await drive(server, mapPlans(Math.min(16, options.levels[0]), 0), WARMUP_MS, options.maxRequests, false);
  console.log('done');

  const top = Math.max(...options.levels);
  const schedule = [
    ...(options.coverageClients > 0 ? [{ clients: top, coverageClients: 0 }] : []),
    ...options.levels.map((clients) => ({ clients, coverageClients: options.coverageClients })),
  ];
  const phases: Phase[] = [];
  for (const [i, { clients, coverageClients }] of schedule.entries()) {
    const label = coverageClients ? `${clients} map + ${coverageClients} coverage` : `${clients} map, no coverage`;
    const settled = await settle(server.pid, SETTLE_LIMIT_MS);
    if (phases.length) phases[phases.length - 1].settleMs = settled;
    process.stdout.write(`  load: ${label}, ${options.seconds} s … `);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const ticks = cpuTicks(server.pid);
    const cpu = process.cpuUsage();
    const { wallMs, kinds } = await drive(server, [...mapPlans(clients, i + 1), ...coveragePlans(coverageClients, i + 1)], options.seconds * 1000, options.maxRequests, true);
    const used = process.cpuUsage(cpu);
    loop.disable();
    const phase: Phase = {
      label,
      clients,
      coverageClients,
      wallMs,
      kinds: [...MAP_KINDS, ...COVERAGE_KINDS].map((k) => kinds.find((x) => x.kind === k)).filter((k): k is KindFigures => k !== undefined),
      serverCores: (cpuTicks(server.pid) - ticks) / 100 / (wallMs / 1000),
      clientCores: (used.user + used.system) / 1e3 / wallMs,
      clientLoopP99Ms: loop.percentile(99) / 1e6,
      settleMs: NaN,
      loadAverage: loadavg()[0],
    };
    const requests = phase.kinds.reduce((n, k) => n + k.requests, 0);
    const failed = phase.kinds.reduce((n, k) => n + [...k.errors.values()].reduce((a, b) => a + b, 0), 0);
    console.log(`${int(requests)} requests${failed ? `, ${int(failed)} failed` : ''} in ${seconds(wallMs)}`);
    phases.push(phase);
  }
  if (phases.length) phases[phases.length - 1].settleMs = await settle(server.pid, SETTLE_LIMIT_MS);
  return phases;
}

const answered = (phase: Phase) => phase.kinds.reduce((n, k) => n + k.sorted.length, 0);
const errorCount = (k: KindFigures) => [...k.errors.values()].reduce((a, b) => a + b, 0);
const errorText = (errors: Map<string, number>) =>
  errors.size ? [...errors].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ×${int(n)}`).join(', ') : '0';

/** The map kinds of a phase as one, for the target. */
function mapFigures(phase: Phase): KindFigures {
  const map = phase.kinds.filter((k) => (MAP_KINDS as readonly string[]).includes(k.kind));
  const errors = new Map<string, number>();
  for (const k of map) for (const [e, n] of k.errors) errors.set(e, (errors.get(e) ?? 0) + n);
  return {
    kind: 'list + OGC together',
    requests: map.reduce((n, k) => n + k.requests, 0),
    sorted: map.flatMap((k) => k.sorted).sort((a, b) => a - b),
    errors,
    bytes: map.reduce((n, k) => n + k.bytes, 0),
  };
}

export function printLoad(p: Prepared, options: LoadOptions, phases: Phase[]) {
  console.log(
    `\n== load (${p.name}; closed loop over loopback, keep-alive, gzip asked; ${options.seconds} s per phase, at most ${int(options.maxRequests)} requests each; timeout ${seconds(LOAD_TIMEOUT_MS)}; coverage clients pause ${seconds(COVERAGE_PAUSE_MS)} after each answer)`,
  );
  const rows: string[][] = [];
  for (const phase of phases) {
    const kinds = [...phase.kinds];
    const map = mapFigures(phase);
    kinds.splice(kinds.filter((k) => (MAP_KINDS as readonly string[]).includes(k.kind)).length, 0, map);
    for (const k of kinds)
      rows.push([
        k === kinds[0] ? phase.label : '',
        k.kind,
        int(k.requests),
        (k.sorted.length / (phase.wallMs / 1000)).toFixed(1),
        ms(percentile(k.sorted, 50)),
        ms(percentile(k.sorted, 95)),
        ms(percentile(k.sorted, 99)),
        ms(k.sorted[k.sorted.length - 1] ?? NaN),
        size(k.bytes / k.sorted.length),
        errorText(k.errors),
      ]);
  }
  table(['phase', 'kind', 'requests', 'ok/s', 'p50', 'p95', 'p99', 'max', 'wire', 'errors'], rows, [2, 3, 4, 5, 6, 7, 8]);
  console.log('ms, client side, whole body read; percentiles over successful answers (2xx/304); ok/s = successful answers per second of the phase; wire: mean body as sent (compressed)');
  if (phases.some((phase) => phase.kinds.some((k) => k.errors.has('ECONNRESET'))))
    console.log(
      "ECONNRESET: the server's keep-alive timeout (Node's default, 5 s) fires when its event loop comes back from a stall longer than that, and closes sockets that already hold the next request; browsers resend such a GET, so their users see the stall as latency rather than an error",
    );
  for (const phase of phases)
    console.log(
      `${phase.label}: ${seconds(phase.wallMs)} from first request to last answer; server used ${phase.serverCores.toFixed(2)} cores (${ms((phase.serverCores * phase.wallMs) / answered(phase))} ms of CPU per successful answer), the load generator ${phase.clientCores.toFixed(2)} (its event-loop delay p99 ${ms(phase.clientLoopP99Ms)} ms); server idle ${seconds(phase.settleMs)} after the phase${phase.settleMs >= SETTLE_LIMIT_MS ? ' (still busy: gave up waiting)' : ''}; load average ${phase.loadAverage.toFixed(2)}`,
    );

  const phase = phases.find((x) => x.clients === TARGET_CLIENTS && x.coverageClients > 0);
  console.log('\n-- load targets (printed, not asserted)');
  if (!phase) {
    console.log(`no phase with ${TARGET_CLIENTS} map clients and coverage clients beside them: targets not measured (--load-clients must include ${TARGET_CLIENTS}, --load-coverage-clients at least 1)`);
    return;
  }
  const map = phase.kinds.filter((k) => (MAP_KINDS as readonly string[]).includes(k.kind));
  const worst = Math.max(...map.map((k) => percentile(k.sorted, 99)));
  const all = phase.kinds.reduce((n, k) => n + errorCount(k), 0);
  const allErrors = new Map<string, number>();
  for (const k of phase.kinds) for (const [e, n] of k.errors) allErrors.set(`${e} (${k.kind})`, n);
  // Little's law: in a closed loop without pauses, clients = throughput × mean latency.
  const needed = TARGET_CLIENTS / (TARGET_P99_MS / 1000);
  const mapRate = mapFigures(phase).sorted.length / (phase.wallMs / 1000);
  console.log(
    `${TARGET_CLIENTS} clients that ask again as soon as they are answered keep ${TARGET_CLIENTS} requests in flight, so latency under ${TARGET_P99_MS} ms needs at least ${int(needed)} answers/s (${ms(1000 / needed)} ms of server time each on one core); this phase answered ${mapRate.toFixed(1)} map pages/s beside coverage`,
  );
  table(
    ['target', 'figure', 'result'],
    [
      [
        `list and OGC bbox pages: p99 < ${TARGET_P99_MS} ms at ${TARGET_CLIENTS} clients while coverage runs`,
        map.map((k) => `${k.kind.split(' (')[0]} p99 ${ms(percentile(k.sorted, 99))} ms`).join(', '),
        map.length === MAP_KINDS.length && worst < TARGET_P99_MS ? 'met' : 'not met',
      ],
      [`0 errors at ${TARGET_CLIENTS} clients while coverage runs (every kind)`, errorText(allErrors), all === 0 ? 'met' : 'not met'],
    ],
  );
}
