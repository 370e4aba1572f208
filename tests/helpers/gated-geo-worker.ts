// A geometry worker for tests whose groupAreas (the work of /api/coverage) waits for a permit
// before it works, blocking its thread as long Turf work would. The test holds the permits, so
// "still computing" is a state it controls, not a duration it guesses.
//   workerData.data = { started: SharedArrayBuffer, permits: SharedArrayBuffer } (one Int32 each)
import { workerData } from 'node:worker_threads';
import { GEO_OPS } from '../../api/geo-work/ops.ts';
import { serveTasks } from '../../api/geo-work/serve.ts';

const started = new Int32Array(workerData.data.started as SharedArrayBuffer);
const permits = new Int32Array(workerData.data.permits as SharedArrayBuffer);

function takePermit() {
  for (;;) {
    const n = Atomics.load(permits, 0);
    if (n > 0 && Atomics.compareExchange(permits, 0, n, n - 1) === n) return;
    if (n === 0) Atomics.wait(permits, 0, 0);
  }
}

serveTasks({
  ...GEO_OPS,
  groupAreas(...args: Parameters<typeof GEO_OPS.groupAreas>) {
    Atomics.add(started, 0, 1);
    takePermit();
    return GEO_OPS.groupAreas(...args);
  },
});
