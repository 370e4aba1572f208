// The worker side: answer each task with the named operation's result, or its error message.
// Tasks come one at a time (the pool sends a worker nothing while it is busy).
import { parentPort } from 'node:worker_threads';
import type { Ops, TaskMessage, WorkerMessage } from './ops.ts';

export function serveTasks(ops: Ops) {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  port.on('message', ({ id, op, args }: TaskMessage) => {
    let reply: WorkerMessage;
    try {
      if (!Object.hasOwn(ops, op)) throw new Error(`no operation "${op}" in this worker`);
      reply = { type: 'done', id, ok: true, result: ops[op](...args) };
    } catch (err) {
      reply = { type: 'done', id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
  // Sent after the imports (Turf and all) are loaded, so a task's time limit counts only its work.
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
