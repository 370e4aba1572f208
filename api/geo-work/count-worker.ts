// Entry of the counts' worker thread (started by createCountPool), on the SQLite file it is given.
import { workerData } from 'node:worker_threads';
import { countOps } from './counts.ts';
import { serveTasks } from './serve.ts';

serveTasks(countOps((workerData.data as { sqlitePath: string }).sqlitePath));
