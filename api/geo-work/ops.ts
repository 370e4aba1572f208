// What a geometry worker can be asked to do: the pure functions of geo/coverage.ts, by name. The
// pool and the worker share this table, so an operation is named once.
import { gapWithin, groupAreas, nearestTargets } from '../../geo/coverage.ts';

export const GEO_OPS = { groupAreas, nearestTargets, gapWithin };
export type GeoOps = typeof GEO_OPS;

/** What a pool's worker module serves: operations by name. */
export type Ops = Record<string, (...args: any[]) => unknown>;

/** main thread → worker */
export interface TaskMessage {
  id: number;
  op: string;
  args: unknown[];
}

/** worker → main thread: once when loaded, then one answer per task */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; ok: true; result: unknown } | { type: 'done'; id: number; ok: false; message: string };
