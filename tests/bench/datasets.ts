// The two datasets the bench runs on, each with a database under tests/.tmp/bench/: the shipped
// Kazanlak data (rebuilt every run, it takes a moment) and the generated national one (kept
// between runs, since generating and building it takes a while; --fresh makes it again).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { rmSync } from 'node:fs';
import { loadDataset } from '../../data/dataset.ts';
import { openStore } from '../../data/open.ts';
import { datasetHash, filesDiffer, reseed } from '../../data/seed.ts';
import { int, mb, seconds } from './format.ts';
import { BENCH_TMP, CITIES, citySigmaKm, defaultDatasetDir, generateDataset, GENERATOR_VERSION } from './generate.ts';
import type { Centre } from './requests.ts';
import { ROOT } from './server.ts';

export interface Prepared {
  name: string;
  dir: string;
  db: string;
  /** the PostgreSQL database the bench runs on instead of the SQLite file at `db` (--store=postgis) */
  url?: string;
  /** where the spatial requests go */
  centres: Centre[];
  /** what the text searches ask for */
  words: string[];
  notes: string[];
  buildMs: number;
  /** loading + validating the dataset alone (zod, geometry rules, references) */
  loadMs: number;
  reused: boolean;
}

/**
 * A new database at `db`, seeded from `dir` (the bench measures this as the build); how long
 * loading and validating the dataset took of it (read once: at a million that is minutes).
 */
async function buildDatabase(dir: string, db: string): Promise<{ loadMs: number }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const started = performance.now();
  const { dataset, problems } = loadDataset(dir);
  const loadMs = performance.now() - started;
  if (!dataset) throw new Error(`the dataset in ${dir} has ${problems.length} problem(s), e.g. ${JSON.stringify(problems[0])}`);
  const store = await openStore({ DB_PATH: db });
  await store.seed(dataset, datasetHash(dir));
  await store.close();
  return { loadMs };
}

/** Seeds the database again when the dataset files changed since; 'current' when they did not. */
async function ensureDatabase(dir: string, db: string): Promise<'built' | 'current'> {
  const store = await openStore({ DB_PATH: db });
  try {
    if (!(await filesDiffer(store, dir))) return 'current';
    await reseed(store, dir, { discardChanges: true });
    return 'built';
  } finally {
    await store.close();
  }
}

export function fileSize(path: string): number {
  return ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0), 0);
}

export async function kazanlak(): Promise<Prepared> {
  const dir = join(ROOT, 'data/kazanlak');
  const db = join(BENCH_TMP, 'kazanlak', 'piro.sqlite');
  mkdirSync(dirname(db), { recursive: true });
  const started = performance.now();
  await buildDatabase(dir, db);
  const buildMs = performance.now() - started;
  const settlements = JSON.parse(readFileSync(join(dir, 'settlements.geojson'), 'utf8')) as {
    features: { geometry: { coordinates: [number, number] } }[];
  };
  return {
    name: 'Kazanlak',
    dir,
    db,
    centres: settlements.features.map((s) => ({ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], spreadKm: 1.5 })),
    words: ['Шипка', 'shipka', 'Казанлък', 'kazanlak', 'училище', 'улица', 'парк', 'читалище', 'ремонт', 'Бузлуджа'],
    notes: [`database built in ${seconds(buildMs)}, ${mb(fileSize(db))}`],
    buildMs,
    loadMs: NaN,
    reused: false,
  };
}

interface GeneratedMeta {
  count: number;
  /** GENERATOR_VERSION it was made by */
  version?: number;
  generateMs: number;
  buildMs: number;
  loadMs: number;
}

export async function generated(count: number, fresh: boolean): Promise<Prepared> {
  const dir = defaultDatasetDir(count);
  const home = dirname(dir);
  const db = join(home, 'piro.sqlite');
  const metaPath = join(home, 'bench-meta.json');
  const notes: string[] = [];
  const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as GeneratedMeta) : null;
  const haveDataset = !fresh && meta?.count === count && meta.version === GENERATOR_VERSION && existsSync(join(dir, 'interventions.geojson'));
  let generateMs = meta?.generateMs ?? NaN;
  if (haveDataset) notes.push(`reusing the generated dataset in ${relative(ROOT, dir)} (--fresh makes it again)`);
  else {
    process.stdout.write(`generating ${int(count)} interventions into ${relative(ROOT, dir)} … `);
    const started = performance.now();
    generateDataset(dir, count);
    generateMs = performance.now() - started;
    console.log(seconds(generateMs));
    notes.push(`generated ${int(count)} interventions in ${seconds(generateMs)} (${mb(statSync(join(dir, 'interventions.geojson')).size)} of GeoJSON)`);
  }

  let buildMs: number;
  let loadMs: number;
  let reused = false;
  if (!haveDataset || !existsSync(db)) {
    process.stdout.write('building its database … ');
    const started = performance.now();
    // Loading and validating, timed apart inside the build so the build time can be split.
    ({ loadMs } = await buildDatabase(dir, db));
    buildMs = performance.now() - started;
    console.log(seconds(buildMs));
    notes.push(`built its database in ${seconds(buildMs)}`);
  } else {
    const started = performance.now();
    const state = await ensureDatabase(dir, db);
    const checkMs = performance.now() - started;
    reused = state === 'current';
    // A rebuild here (schema changed since) times the build, with loading inside it.
    buildMs = reused ? (meta?.buildMs ?? NaN) : checkMs;
    loadMs = meta?.loadMs ?? NaN;
    notes.push(
      reused
        ? `reusing its database ${relative(ROOT, db)} (up to date; checked in ${seconds(checkMs)}); build figures are from the run that built it`
        : `its database was out of date (schema or data changed) and was rebuilt in ${seconds(checkMs)}`,
    );
  }
  writeFileSync(metaPath, JSON.stringify({ count, version: GENERATOR_VERSION, generateMs, buildMs, loadMs } satisfies GeneratedMeta, null, 2));
  return {
    name: `generated ${count % 1000 === 0 ? `${count / 1000}k` : count}`,
    dir,
    db,
    centres: CITIES.map((c) => ({ lon: c.lon, lat: c.lat, spreadKm: citySigmaKm(c) })),
    words: ['Пловдив', 'plovdiv', 'Казанлък', 'Шипка', 'Габрово', 'канализацията', 'парк', 'детска градина', 'sofia', 'Ремонт'],
    notes,
    buildMs,
    loadMs,
    reused,
  };
}
