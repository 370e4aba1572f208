// `npm start` on every core: the primary process opens the store once (migrations, the first
// seed), holds the one count of failed sign-ins (api/login-guard.ts), and keeps WORKERS worker
// processes serving the same port, each with its own read connection; the store coordinates their
// writes (SQLite's lock, with a busy timeout). A worker that dies is replaced; SIGTERM stops all.
// Nothing else is shared: sessions live in the store and every cache is keyed by store revision.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** WORKERS, default one per core; 1 serves from this process with no cluster at all. */
export function workerCountFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKERS?.trim();
  if (raw === undefined || raw === '') return availableParallelism();
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) throw new Error(`WORKERS must be a whole number of processes from 1 to 64, not "${env.WORKERS}"`);
  return Number(raw);
}

/** What a worker tells the primary once it listens. */
export interface Listening {
  type: 'listening';
  port: number;
  summary: string;
}

/**
 * Forks `count` workers and replaces any that ends unasked, waiting longer after each quick death
 * (1 s, doubling to 30 s) so a worker that cannot start does not spin. `onFirstListening` gets the
 * first worker's report, to say where the server listens once.
 */
export function superviseWorkers(count: number, onFirstListening: (report: Listening) => void) {
  let stopping = false;
  let delayMs = 0;
  let told = false;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    worker.on('message', (message: Listening) => {
      if (message?.type !== 'listening' || told) return;
      told = true;
      onFirstListening(message);
    });
  };
  for (let i = 0; i < count; i++) fork();

  cluster.on('exit', (worker: Worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    delayMs = lived < 10_000 ? Math.min(Math.max(delayMs * 2, 1000), 30_000) : 0;
    console.error(`worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another${delayMs ? ` in ${delayMs / 1000} s` : ''}`);
    setTimeout(fork, delayMs);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const w of workers) w?.process.kill('SIGTERM');
    });
}
