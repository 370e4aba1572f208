// The server as the kernel sees it: memory and CPU from /proc. The server itself is started with
// tests/helpers/server.ts, whose pid is the node process that runs api/server.ts; with WORKERS
// above 1 that is the primary, and the figures add up its worker processes (its children).
import { readFileSync, writeFileSync } from 'node:fs';

export { startServer, type RunningServer as Server } from '../helpers/server.ts';
export { ROOT } from '../helpers/fixtures.ts';

export interface Memory {
  rssKiB: number;
  /**
   * The anonymous part of it (RssAnon: heaps and buffers). SQLite maps its file (mmap_size), and the
   * pages of it a read touches count in RSS as file-backed pages the kernel can drop at will: an
   * export reading every row raised RSS by them, not by anything the process holds.
   */
  anonKiB: number;
  hwmKiB: number;
}

/** The process and its children (the worker processes, tsx's esbuild service). */
function family(pid: number): number[] {
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

export function memory(pid: number): Memory {
  const all = family(pid).map(own);
  const sum = (pick: (m: Memory) => number) => all.reduce((n, m) => n + (pick(m) || 0), 0) || NaN;
  return { rssKiB: sum((m) => m.rssKiB), anonKiB: sum((m) => m.anonKiB), hwmKiB: sum((m) => m.hwmKiB) };
}

/** One process's memory, NaN when it is gone. */
export function own(pid: number): Memory {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // gone: NaN below
  }
  const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), anonKiB: field('RssAnon'), hwmKiB: field('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"), so the peak is the peak of what follows. */
export function resetPeak(pid: number): boolean {
  try {
    for (const p of family(pid)) writeFileSync(`/proc/${p}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU time the process has used so far, in clock ticks (1/100 s); NaN when it is gone. */
export function cpuTicks(pid: number): number {
  // NaN when the server itself is gone; a child that ended between the listing and the read adds nothing.
  const [self, ...children] = family(pid);
  return children.reduce((n, p) => n + (ownTicks(p) || 0), ownTicks(self));
}

/** One process's CPU time in clock ticks, NaN when it is gone. */
export function ownTicks(pid: number): number {
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
