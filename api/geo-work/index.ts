// The geometry work of coverage on a pool of worker threads: the same GeoWork as DIRECT_WORK, with
// a size check first. The server makes one at start, warms it, and closes it on shutdown.
import type { GeoWork } from '../../data/coverage.ts';
import type { AggregateBy, AggregateRow } from '../../data/store.ts';
import type { InterventionFilter } from '../../geo/index.ts';
import { ApiError } from '../errors.ts';
import { geoWorkLimits, type GeoWorkLimits } from './limits.ts';
import type { CountOps } from './counts.ts';
import { OperationFailed, WorkerPool, type PoolStats } from './pool.ts';
import { guardVertices } from './size.ts';

export { geoWorkLimits, type GeoWorkLimits } from './limits.ts';
export type { PoolStats } from './pool.ts';

export interface GeoPool extends GeoWork {
  readonly limits: GeoWorkLimits;
  /** starts the worker threads now; otherwise the first computation starts them */
  warm(): void;
  stats(): PoolStats;
  close(): Promise<void>;
}

export interface GeoPoolOptions {
  /** another worker module (tests); default ./worker.ts */
  worker?: URL;
  /** what that module finds in `workerData.data` */
  workerData?: unknown;
}

export function createGeoPool(limits: GeoWorkLimits = geoWorkLimits(), options: GeoPoolOptions = {}): GeoPool {
  const pool = new WorkerPool({ size: limits.workers, queue: limits.queue, timeoutMs: limits.timeoutMs, ...options });
  return {
    limits,
    async groupAreas(groups, reach) {
      guardVertices(groups.flatMap((g) => g.placed), limits.maxVertices);
      return pool.run('groupAreas', [groups, reach]);
    },
    async nearestTargets(points, targets) {
      // Linear in points × vertices (a few seconds for tens of thousands of items): the time limit suffices.
      return pool.run('nearestTargets', [points, targets]);
    },
    async gapWithin(within, geometries, distance) {
      guardVertices(geometries, limits.maxVertices);
      return pool.run('gapWithin', [within, geometries, distance]);
    },
    warm: () => pool.warm(),
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

/** Counts over a SQLite file, off the thread that answers requests. */
export interface CountPool {
  /** null when the thread could not count (it would not start, or its read failed): the store then counts in place */
  aggregate(by: AggregateBy, filter: InterventionFilter): Promise<AggregateRow[] | null>;
  close(): Promise<void>;
}

/**
 * Whether a count the thread could not do is still worth doing on the request thread: when the
 * thread would not start, or its read failed (a file it could not open). Not when it is busy or
 * stuck (503 with Retry-After: counting in place would hold up every other request), nor when it
 * died during the count, which may be what killed it.
 */
const countInPlace = (err: unknown) => err instanceof OperationFailed || (err instanceof ApiError && err.code === 'unavailable');

/**
 * One worker thread with its own read connection to the file at `path`. A facets request asks for
 * nine counts at once, so far more may wait than for coverage; none takes long (5 s at most, for
 * a plan level over a million items), so the limit only stops one stuck for good.
 */
export function createCountPool(path: string): CountPool {
  const worker = new URL('./count-worker.ts', import.meta.url);
  const pool = new WorkerPool<CountOps>({ size: 1, queue: 1000, timeoutMs: 120_000, worker, workerData: { sqlitePath: path }, work: 'counts' });
  pool.warm();
  let closed = false;
  let told = '';
  return {
    // Without the thread a count is still right in place, only slower: a thread that cannot count
    // must not take down every route that counts (the snapshot, themes, coverage, facets).
    aggregate: async (by, filter) => {
      try {
        return await pool.run('aggregate', [by, filter]);
      } catch (err) {
        if (closed || !countInPlace(err)) throw err;
        const why = (err as Error).message;
        if (why !== told) console.error(`counts: the worker thread could not count (${why}); counting on the request thread instead`);
        told = why;
        return null;
      }
    },
    close: () => {
      closed = true;
      return pool.close();
    },
  };
}
