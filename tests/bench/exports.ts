// Timed downloads of the GeoJSON export over plain node:http (so the bytes on the wire are counted
// before decompression), with the server's RSS sampled from /proc while each one runs.
import { request } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import { memory, resetPeak, type Server } from './server.ts';

const RSS_SAMPLE_MS = 20;
export const RSS_SAMPLE_EVERY = `${RSS_SAMPLE_MS} ms`;

export interface ExportRun {
  ms: number;
  ttfbMs: number;
  wireBytes: number;
  jsonBytes: number;
  features: number;
  rssBeforeKiB: number;
  rssPeakKiB: number;
  /** kernel peak since the reset before the run; null where clear_refs is not allowed */
  hwmKiB: number | null;
}

export interface ExportCase {
  dataset: string;
  label: string;
  query: string;
  encoding: 'gzip' | 'identity';
  runs: number;
}

export interface ExportResult extends ExportCase {
  done: ExportRun[];
  errors: string[];
}

function download(url: string, pid: number, encoding: ExportCase['encoding'], timeoutMs: number): Promise<ExportRun> {
  const peakReset = resetPeak(pid);
  const before = memory(pid).anonKiB;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).anonKiB || 0)), RSS_SAMPLE_MS);
  const started = performance.now();
  return new Promise<ExportRun>((resolve, reject) => {
    const fail = (error: Error) => {
      clearInterval(sampler);
      reject(error);
    };
    const req = request(url, { headers: { 'Accept-Encoding': encoding }, timeout: timeoutMs }, (res) => {
      const ttfbMs = performance.now() - started;
      if (res.statusCode !== 200) {
        res.resume();
        return fail(new Error(`HTTP ${res.statusCode}`));
      }
      let wireBytes = 0;
      let jsonBytes = 0;
      let tail = '';
      res.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
      res.on('error', fail);
      const coding = res.headers['content-encoding'];
      const body = coding === 'gzip' ? res.pipe(createGunzip()) : coding === 'deflate' ? res.pipe(createInflate()) : res;
      body.on('data', (chunk: Buffer) => {
        jsonBytes += chunk.length;
        tail = (tail + chunk.toString('latin1')).slice(-200);
      });
      body.on('error', fail);
      body.on('end', () => {
        const elapsed = performance.now() - started;
        clearInterval(sampler);
        peak = Math.max(peak, memory(pid).anonKiB || 0);
        resolve({
          ms: elapsed,
          ttfbMs,
          wireBytes,
          jsonBytes,
          features: Number(tail.match(/"numberReturned":(\d+)/)?.[1] ?? NaN),
          rssBeforeKiB: before,
          rssPeakKiB: peak,
          hwmKiB: peakReset ? memory(pid).hwmKiB : null,
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', fail);
    req.end();
  });
}

/** Each case once untimed (warm page cache and JIT), then `runs` times; all of it within `budgetMs`. */
export async function runExports(server: Server, cases: ExportCase[], budgetMs: number, timeoutMs = 120_000): Promise<ExportResult[]> {
  const out: ExportResult[] = [];
  const start = performance.now();
  for (const c of cases) {
    const done: ExportRun[] = [];
    const errors: string[] = [];
    const attempt = async () => {
      try {
        return await download(`${server.url}/api/export/interventions.geojson${c.query}`, server.pid, c.encoding, timeoutMs);
      } catch (error) {
        const lastLines = server.output().trim().split('\n').slice(-5).join(' | ');
        errors.push(`${(error as Error).message}${lastLines ? ` — server said: ${lastLines}` : ''}`);
        return null;
      }
    };
    await attempt();
    for (let i = 0; i < c.runs && (i === 0 || performance.now() - start < budgetMs); i++) {
      const run = await attempt();
      if (run) done.push(run);
    }
    out.push({ ...c, done, errors });
  }
  return out;
}

/** The worst RSS growth over a case's runs (KiB). */
export const growthKiB = (e: ExportResult) => (e.done.length ? Math.max(...e.done.map((r) => r.rssPeakKiB - r.rssBeforeKiB)) : NaN);
