// The real server (`tsx api/server.ts`) as a child process on a free port, and its memory as the
// kernel sees it. tsx runs the script in a node process of its own, so the pid we read is found
// among the children rather than taken from spawn().
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Server {
  url: string;
  /** the node process that runs api/server.ts */
  pid: number;
  startMs: number;
  /** everything the server printed so far */
  output(): string;
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** The descendant of `pid` that runs api/server.ts under tsx's loader (not tsx itself, nor esbuild). */
function serverPid(pid: number): number {
  let found = pid;
  const queue = [pid];
  for (let steps = 0; queue.length && steps < 50; steps++) {
    const next = queue.shift()!;
    try {
      const cmdline = readFileSync(`/proc/${next}/cmdline`, 'utf8');
      if (cmdline.includes('api/server.ts') && cmdline.includes('loader')) found = next;
    } catch {
      continue;
    }
    queue.push(...childrenOf(next));
  }
  return found;
}

export interface Memory {
  rssKiB: number;
  hwmKiB: number;
}

export function memory(pid: number): Memory {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // gone: NaN below
  }
  const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"), so the peak is the peak of what follows. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (1/100 s)
  } catch {
    return NaN;
  }
}

/**
 * Waits until the process has used under 2 % of a core for 500 ms (at most `limitMs`), so the
 * start-up's garbage collection and compilation do not land in the first kind's figures.
 */
export async function settle(pid: number, limitMs = 10_000): Promise<number> {
  const started = performance.now();
  let last = cpuTicks(pid);
  while (performance.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks(pid);
    if (!(now - last > 1)) break;
    last = now;
  }
  return performance.now() - started;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
});

export async function startServer(env: Record<string, string>): Promise<Server> {
  const started = performance.now();
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = output.match(/on (http:\/\/localhost:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    pid: serverPid(child.pid!),
    startMs: performance.now() - started,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        running.delete(child);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
