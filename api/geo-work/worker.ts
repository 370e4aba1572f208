// Entry of a geometry worker thread (started by pool.ts). Given a SQLite file (workerData.data.sqlitePath),
// it counts in it too (counts.ts).
import { workerData } from 'node:worker_threads';
import { countOps } from './counts.ts';
import { GEO_OPS } from './ops.ts';
import { serveTasks } from './serve.ts';

serveTasks({ ...GEO_OPS, ...countOps((workerData?.data as { sqlitePath?: string } | undefined)?.sqlitePath) });
