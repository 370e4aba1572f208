// Entry of a geometry worker thread (started by pool.ts).
import { GEO_OPS } from './ops.ts';
import { serveTasks } from './serve.ts';

serveTasks(GEO_OPS);
