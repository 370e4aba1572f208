// What a geometry worker can be asked to do: the pure functions of geo/coverage.ts, by name, and
// counts over the SQLite file (counts.ts). The pool and the worker share this table, so an operation
// is named once.
import { gapWithin, groupAreas, nearestTargets } from '../../geo/coverage.ts';
import type { CountOps } from './counts.ts';

export const GEO_OPS = { groupAreas, nearestTargets, gapWithin };
export type GeoOps = typeof GEO_OPS & CountOps;
export type GeoOp = keyof GeoOps;

/** main thread → worker */
export interface TaskMessage {
  id: number;
  op: string;
  args: unknown[];
}

/** worker → main thread: once when loaded, then one answer per task */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; ok: true; result: unknown } | { type: 'done'; id: number; ok: false; message: string };
