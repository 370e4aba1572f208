// `npm run bench:peer`: our /ogc items side by side with MapServer 8.0 (Debian, FastCGI under
// lighttpd) on the same generated interventions, the same seeded requests, the same load. Prints
// figures beside the targets of issue 16; asserts nothing except that both servers return the
// same ids (it exits non-zero when they do not, since then the timings compare different work).
//
//   npm run bench:peer                      15 s per case and server (about 4 minutes in all)
//   npm run bench:peer -- --seconds=5       shorter runs
//   npm run bench:peer -- --count=20000     another dataset size (default 100000)
//   npm run bench:peer -- --connections=64  concurrent clients (default 32)
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generated } from '../datasets.ts';
import { int, seconds } from '../format.ts';
import { BENCH_TMP } from '../generate.ts';
import { startServer, type Server } from '../server.ts';
import { agree, type Agreement } from './agree.ts';
import { ensurePackages } from './install.ts';
import { geoPackage, LAYERS, layerRows, runningMapServers, startMapServer, type MapServer } from './mapserver.ts';
import { printAgreement, printTimings, type Row } from './report.ts';
import { cases, type BBox, type Located } from './sequences.ts';
import { runWrk, writeWalk, type WrkOptions } from './wrk.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const raw = argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const n = Number(raw ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};
const unknown = argv.filter((a) => !/^--(seconds|count|connections)=/.test(a));
if (unknown.length) throw new Error(`bench:peer takes --seconds=, --count= and --connections=, not ${unknown.join(' ')}`);

const COUNT = option('count', 100_000);
const WRK: WrkOptions = { seconds: option('seconds', 15), connections: option('connections', 32), threads: 2 };
const SEQUENCE = 4_000;
const CHECKED = 50;
const SEED = 16;
const CORES = cpus().length;
const DIR = join(BENCH_TMP, 'peer');

let ours: Server | undefined;
let peer: MapServer | undefined;

async function cleanUp() {
  await Promise.all([...runningMapServers().map((s) => s.stop()), ours?.stop()]);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    console.log(`\n${signal}: stopping both servers`);
    void cleanUp().finally(() => process.exit(130));
  });

async function main() {
  const began = performance.now();
  console.log(`piro-map bench:peer — Node ${process.version}, ${CORES} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(2)}`);
  // Both servers share the machine with wrk; anything else running skews the ratio unpredictably.
  if (loadavg()[0] > 0.5)
    console.log(`note: the machine is not idle (load average ${loadavg()[0].toFixed(2)}); figures will be lower and noisier than on an idle machine`);
  ensurePackages();

  const data = await generated(COUNT, false);
  for (const note of data.notes) console.log(`${data.name}: ${note}`);
  // WORKERS unset: the product's default, one worker process per core.
  const env: Record<string, string> = { DB_PATH: data.db, DATASET_DIR: data.dir };
  ours = await startServer(env);
  const health = (await (await fetch(`${ours.url}/api/health`)).json()) as { interventions: number; located: number; revision: number; datasetHash: string };
  console.log(`ours: ${ours.url} (pid ${ours.pid}, WORKERS=${process.env.WORKERS ?? `unset → ${CORES}`}), ${int(health.interventions)} interventions, ${int(health.located)} located`);

  process.stdout.write('MapServer data: exporting ours as GeoJSON and converting with ogr2ogr … ');
  const { gpkg, reused, ms } = await geoPackage(ours.url, DIR, `${COUNT} ${health.revision} ${health.datasetHash}`);
  console.log(reused ? `reusing ${gpkg} (same dataset and revision)` : `${gpkg} in ${seconds(ms)}`);
  const located: Located[] = LAYERS.flatMap((l) => layerRows(gpkg, l.name).map((r) => ({ ...r, layer: l.name })));
  const perLayer = LAYERS.map((l) => `${l.name} ${int(located.filter((r) => r.layer === l.name).length)}`).join(', ');
  console.log(`  layers: ${perLayer}; ${int(health.interventions - located.length)} without geometry are on ours only (no bbox matches them)`);

  peer = await startMapServer(DIR, gpkg, CORES);
  const peerHost = new URL(peer.url).origin;
  console.log(`MapServer: ${peer.url} (lighttpd pid ${peer.pid}, ${CORES} mapserv FastCGI processes)`);

  const extentBody = (await (await fetch(`${ours.url}/ogc/collections/interventions?f=json`)).json()) as { extent: { spatial: { bbox: BBox[] } } };
  const extent = extentBody.extent.spatial.bbox[0];
  const all = cases(extent, located, SEQUENCE, SEED);
  console.log(
    `requests: ${int(SEQUENCE)} per case, seeded (${SEED}), the same for both; boxes of 0.1° × 0.1° anywhere in [${extent.join(', ')}] or centred on a point intervention`,
  );
  console.log('compared: ours /ogc/collections/interventions (every geometry type) against MapServer\'s "points" layer for boxes; items by id against the layer of the item\'s type\n');

  console.log(`== do both return the same ids? (${CHECKED} requests of each case, before timing)`);
  const agreements: Agreement[] = [];
  for (const c of all) agreements.push(await agree(ours.url, peerHost, c, CHECKED));
  printAgreement(agreements);
  const mismatches = agreements.flatMap((a) => a.mismatches.map((m) => `${a.name}: ${m}`));
  if (mismatches.length) {
    console.log(`\n${mismatches.length} mismatch(es); the servers do not do the same work, so nothing is timed:`);
    for (const m of mismatches.slice(0, 30)) console.log(`  ${m}`);
    await cleanUp();
    process.exit(1);
  }

  console.log(`\n== load: wrk, ${WRK.connections} connections on ${WRK.threads} threads, ${WRK.seconds} s per case and server, ours first then MapServer`);
  const walk = writeWalk(DIR);
  const rows: Row[] = [];
  for (const [i, c] of all.entries()) {
    process.stdout.write(`  ${c.name}: ours … `);
    const a = await runWrk(DIR, walk, ours.url, `ours-${i}`, c.ours, ours.pid, WRK);
    process.stdout.write(`${a.rps.toFixed(0)} req/s; MapServer … `);
    const b = await runWrk(DIR, walk, peerHost, `peer-${i}`, c.peer, peer.pid, WRK);
    console.log(`${b.rps.toFixed(0)} req/s`);
    rows.push({ name: c.name, target: c.target, ours: a, peer: b });
  }
  printTimings(rows, WRK);
  console.log(`\nbench:peer finished in ${seconds(performance.now() - began)}; load average now ${loadavg()[0].toFixed(2)}`);
}

main().then(
  async () => {
    await cleanUp();
    process.exit(0);
  },
  async (error) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
