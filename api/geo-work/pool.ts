// A fixed set of worker threads for heavy work (the coverage geometry; the counts of a large SQLite
// store), so a long computation never blocks the thread that answers every other request. At most
// `queue` tasks wait for a free worker; one more is refused at once (503 busy, with a Retry-After
// worked out from recent task times) rather than letting waits grow without bound. A task that runs
// past `timeoutMs` has its worker terminated (the only way to stop synchronous Turf code) and
// replaced; a task that waited that long in the queue is refused as busy, so no request is held for
// more than about twice the limit.
import { Worker } from 'node:worker_threads';
import { busy, timeLimit, unavailable } from './errors.ts';
import type { GeoOps, Ops, TaskMessage, WorkerMessage } from './ops.ts';

// Workers run TypeScript: boot.mjs registers tsx in the thread, then loads the entry.
const BOOT = new URL('./boot.mjs', import.meta.url);
const WORKER = new URL('./worker.ts', import.meta.url);

export interface PoolOptions {
  size: number;
  queue: number;
  timeoutMs: number;
  /** the worker module; default ./worker.ts (tests pass one that can be held) */
  worker?: URL;
  /** what the worker module finds in `workerData.data` */
  workerData?: unknown;
  /** what its tasks are, for the 503s (default "coverage computations") */
  work?: string;
}

export interface PoolStats {
  /** worker threads alive (starting or ready) */
  workers: number;
  /** of which loaded and able to take a task */
  ready: number;
  running: number;
  queued: number;
  /** tasks handed to a worker since the start */
  dispatched: number;
  timedOut: number;
  /** tasks lost with a worker that died */
  crashed: number;
}

interface Task {
  id: number;
  op: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  /** refuses the task when it waited in the queue as long as the limit */
  waitTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  started: number;
  timer?: NodeJS.Timeout;
}

/** The operation ran and threw in the worker (on its input, or a read it made): the thread itself is well. */
export class OperationFailed extends Error {}
/** The worker thread died while it ran the operation: it crashed, or the operation took all its memory. */
class ThreadDied extends Error {}

/** `O`: the operations its worker module serves (the geometry's by default). */
export class WorkerPool<O extends Ops = GeoOps> {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private started = false;
  private closed = false;
  /** moving average of task run times, for Retry-After */
  private averageMs: number | null = null;
  private counts = { dispatched: 0, timedOut: 0, crashed: 0 };

  constructor(private readonly options: PoolOptions) {}

  /** Starts the workers now rather than on the first task (loading Turf takes a moment in each). */
  warm() {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.options.size; i++) this.spawn();
  }

  run<K extends keyof O & string>(op: K, args: Parameters<O[K]>): Promise<ReturnType<O[K]>> {
    this.warm();
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(unavailable('the server is shutting down', this.options.work));
      if (this.slots.length === 0) return reject(unavailable('no worker could be started; see the server log', this.options.work));
      const task: Task = { id: this.nextId++, op, args, resolve: resolve as (value: unknown) => void, reject };
      const idle = this.slots.find((s) => s.ready && !s.task);
      if (idle) return this.dispatch(idle, task);
      if (this.queue.length >= this.options.queue) return reject(this.busy());
      task.waitTimer = setTimeout(() => {
        this.queue = this.queue.filter((t) => t !== task);
        reject(this.busy());
      }, this.options.timeoutMs);
      this.queue.push(task);
    });
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      running: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
      ...this.counts,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = unavailable('the server is shutting down', this.options.work);
    for (const task of this.queue.splice(0)) {
      clearTimeout(task.waitTimer);
      task.reject(stopping);
    }
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.task?.reject(stopping);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** 503 busy, with the seconds until a worker is likely free for one more task: the queue ahead of it, at the recent pace. */
  private busy() {
    const each = this.averageMs ?? 1000;
    const seconds = Math.ceil((each * (this.queue.length + 1)) / this.options.size / 1000);
    const retryAfter = Math.min(Math.max(1, seconds), Math.ceil(this.options.timeoutMs / 1000));
    return busy(retryAfter, this.slots.filter((s) => s.task).length, this.queue.length, this.options.work);
  }

  private measure(ms: number) {
    this.averageMs = this.averageMs === null ? ms : 0.7 * this.averageMs + 0.3 * ms;
  }

  private spawn() {
    const entry = (this.options.worker ?? WORKER).href;
    // No inherited flags: the tsx CLI's own loader arguments would register tsx a second time.
    const worker = new Worker(BOOT, { execArgv: [], workerData: { entry, data: this.options.workerData } });
    // An idle pool does not keep the process alive; a busy one does (see dispatch and finish).
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, started: 0 };
    this.slots.push(slot);
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (err) => this.lost(slot, err));
    worker.on('exit', (code) => this.lost(slot, new Error(`worker thread exited with code ${code}`)));
  }

  private onMessage(slot: Slot, message: WorkerMessage) {
    if (!this.slots.includes(slot)) return;
    if (message.type === 'ready') {
      slot.ready = true;
      return this.next(slot);
    }
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    this.measure(performance.now() - slot.started);
    this.finish(slot);
    if (message.ok) task.resolve(message.result);
    else task.reject(new OperationFailed(`worker operation ${task.op} failed: ${message.message}`));
    this.next(slot);
  }

  private dispatch(slot: Slot, task: Task) {
    clearTimeout(task.waitTimer);
    slot.task = task;
    slot.started = performance.now();
    slot.timer = setTimeout(() => this.expire(slot), this.options.timeoutMs);
    slot.worker.ref();
    this.counts.dispatched++;
    try {
      slot.worker.postMessage({ id: task.id, op: task.op, args: task.args } satisfies TaskMessage);
    } catch (err) {
      // An input that cannot be copied to a thread (a programming error): fail this task only.
      this.finish(slot);
      task.reject(err);
      this.next(slot);
    }
  }

  private finish(slot: Slot) {
    clearTimeout(slot.timer);
    slot.task = null;
    slot.worker.unref();
  }

  private next(slot: Slot) {
    const task = this.queue.shift();
    if (task) this.dispatch(slot, task);
  }

  private retire(slot: Slot) {
    this.slots = this.slots.filter((s) => s !== slot);
    clearTimeout(slot.timer);
  }

  private expire(slot: Slot) {
    const task = slot.task!;
    this.counts.timedOut++;
    this.measure(this.options.timeoutMs);
    this.retire(slot);
    void slot.worker.terminate();
    task.reject(timeLimit(this.options.timeoutMs));
    this.spawn();
  }

  /** A worker that died by itself: its task fails (logged as a 500), and a worker that had worked is replaced. */
  private lost(slot: Slot, err: Error) {
    if (!this.slots.includes(slot)) return;
    this.retire(slot);
    console.error(err);
    if (slot.task) {
      this.counts.crashed++;
      slot.task.reject(new ThreadDied(`worker thread died during ${slot.task.op}: ${err.message}`));
    }
    if (this.closed) return;
    // One that failed while loading would fail again: leave it, and say so to whoever waits.
    if (slot.ready) this.spawn();
    else if (this.slots.length === 0)
      for (const task of this.queue.splice(0)) {
        clearTimeout(task.waitTimer);
        task.reject(unavailable('no worker could be started; see the server log', this.options.work));
      }
  }
}
