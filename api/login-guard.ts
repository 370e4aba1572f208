// The limit on failed sign-ins, per account and per address. One count for the whole server: with
// several worker processes (api/cluster.ts) each would otherwise allow the limit again, so the
// workers ask the primary process, which holds the only count. Kept in memory, never in the store:
// a refused sign-in changes nothing, and a restart forgetting the count is acceptable.
import cluster from 'node:cluster';
import { LoginLimiter } from './auth.ts';

export interface LoginGuard {
  /**
   * Seconds the account or the address must wait, or 0 after counting this attempt as failed:
   * counted before the slow password check, so guesses sent at once cannot all pass the limit.
   */
  attempt(account: string, address: string, at: number): Promise<number>;
  /** The attempt counted at `at` was right: the account starts again, the address gets it back. */
  passed(account: string, address: string, at: number): Promise<void>;
}

export interface GuardLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export function localLoginGuard({ perAccount, perAddress, windowMs }: GuardLimits): LoginGuard {
  const accounts = new LoginLimiter(perAccount, windowMs);
  const addresses = new LoginLimiter(perAddress, windowMs);
  return {
    async attempt(account, address, at) {
      const wait = Math.max(accounts.retryAfter(account, at), addresses.retryAfter(address, at));
      if (wait > 0) return wait;
      accounts.fail(account, at);
      addresses.fail(address, at);
      return 0;
    },
    async passed(account, address, at) {
      accounts.clear(account);
      addresses.forgive(address, at);
    },
  };
}

interface GuardCall {
  type: 'login-guard';
  id: number;
  op: 'attempt' | 'passed';
  args: [string, string, number];
}
interface GuardReply {
  type: 'login-guard-reply';
  id: number;
  result: number | null;
}

/** In the primary process: answers the workers' questions from the one count. */
export function serveLoginGuard(limits: GuardLimits) {
  const guard = localLoginGuard(limits);
  cluster.on('message', (worker, message: GuardCall) => {
    if (message?.type !== 'login-guard') return;
    const [account, address, at] = message.args;
    const answer = message.op === 'attempt' ? guard.attempt(account, address, at) : guard.passed(account, address, at).then(() => null);
    void answer.then((result) => worker.isConnected() && worker.send({ type: 'login-guard-reply', id: message.id, result } satisfies GuardReply));
  });
}

/** In a worker process: the primary's count, asked over IPC. */
export function sharedLoginGuard(): LoginGuard {
  let next = 0;
  const waiting = new Map<number, (result: number | null) => void>();
  process.on('message', (message: GuardReply) => {
    if (message?.type !== 'login-guard-reply') return;
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  const call = (op: GuardCall['op'], args: GuardCall['args']) =>
    new Promise<number | null>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      process.send!({ type: 'login-guard', id, op, args } satisfies GuardCall);
    });
  return {
    attempt: async (...args) => (await call('attempt', args)) ?? 0,
    passed: async (...args) => void (await call('passed', args)),
  };
}
