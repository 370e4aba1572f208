// How much geometry work the server takes on at once, and for how long: read once from the
// environment at start. A bad value stops the start with the variable's name rather than running
// with a silent default.
import { availableParallelism } from 'node:os';

export interface GeoWorkLimits {
  /** worker threads (GEO_WORKERS); default one per core but one, at most 4, at least 1 */
  workers: number;
  /** computations that may wait for a free worker (GEO_QUEUE); one more is answered 503 busy */
  queue: number;
  /** milliseconds a computation may run, and wait in the queue (GEO_TIMEOUT_MS) */
  timeoutMs: number;
  /** vertices a coverage or gap computation may buffer and merge (GEO_MAX_VERTICES); more is 413 */
  maxVertices: number;
}

// The merge of buffers is what grows fast: gapWithin over the Kazanlak municipality, on one core of
// the shared dev machine, took ~3 s for 77 points, 13 s for 500 and 34 s for 1000. A thousand is past
// what a 20 s limit can finish, so it is refused at once instead of after 20 s.
export const DEFAULT_LIMITS = { queue: 16, timeoutMs: 20_000, maxVertices: 1000 } as const;

export function defaultWorkers(cores = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new Error(`${name}=${raw} is not a whole number of at least ${min}`);
  return Number(raw);
}

export function geoWorkLimits(env: NodeJS.ProcessEnv = process.env): GeoWorkLimits {
  return {
    workers: integer(env, 'GEO_WORKERS', defaultWorkers(), 1),
    queue: integer(env, 'GEO_QUEUE', DEFAULT_LIMITS.queue, 0),
    timeoutMs: integer(env, 'GEO_TIMEOUT_MS', DEFAULT_LIMITS.timeoutMs, 1),
    maxVertices: integer(env, 'GEO_MAX_VERTICES', DEFAULT_LIMITS.maxVertices, 1),
  };
}
