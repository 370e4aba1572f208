// A server as the processes that do its work: our primary and its workers, or lighttpd and the
// mapserv FastCGI processes it spawned. CPU and memory are summed over the whole tree, so one
// process per core on either side is counted as such.
import { readdirSync, readFileSync } from 'node:fs';
import { own, ownTicks } from '../server.ts';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** `pid` and every descendant still alive. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended between the listing and the read
      }
    }
  }
  return out;
}

export interface Usage {
  /** CPU seconds used per wall second over the run */
  cores: number;
  /** highest sum of RSS over the tree, sampled */
  peakRssKiB: number;
}

/**
 * Samples the tree of `pid` until the returned function is called. CPU is counted per pid seen, so
 * a process that starts during the run counts from its start; one that ends takes its last sample.
 */
export function watch(pid: number, everyMs = 200): () => Usage {
  const began = performance.now();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const p of processTree(pid)) first.set(p, ownTicks(p) || 0);
  let peak = 0;
  const sample = () => {
    let rss = 0;
    for (const p of processTree(pid)) {
      const t = ownTicks(p);
      if (t) last.set(p, t);
      if (!first.has(p)) first.set(p, 0);
      rss += own(p).rssKiB || 0;
    }
    peak = Math.max(peak, rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
    const wallS = (performance.now() - began) / 1000;
    let used = 0;
    for (const [p, end] of last) used += end - (first.get(p) ?? 0);
    return { cores: used / TICKS_PER_SECOND / wallS, peakRssKiB: peak };
  };
}
