// Where every geometry worker thread starts. On Node 20 a worker does not get tsx's loader from
// `--import` in time for its own entry module, so it registers tsx here, in plain JavaScript, and
// then loads its TypeScript entry (workerData.entry). This works however the parent was started:
// the tsx CLI, `node --import tsx`, or a vitest worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
