// One timed run: wrk walking a list of paths (a Lua script reads the file, each thread starting at
// its own place in it), while the server's process tree is watched for CPU and memory.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch, type Usage } from './procs.ts';

export interface WrkOptions {
  seconds: number;
  connections: number;
  threads: number;
}

export interface Timed extends Usage {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** non-2xx/3xx responses */
  status: number;
  /** connect, read, write and timeout errors */
  socket: number;
}

// wrk's own "Requests/sec" and latency lines round (and print 1.23s / 456ms); done() gives the
// raw microseconds, so the figures are printed as one JSON line and parsed from there.
const WALK = `
local n = 0
function setup(thread)
  thread:set("nth", n)
  n = n + 1
end
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.floor(nth * #paths / tonumber(args[2]))
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('PEER {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99)))
end
`;

export function writeWalk(dir: string): string {
  const file = join(dir, 'walk.lua');
  writeFileSync(file, WALK);
  return file;
}

export async function runWrk(dir: string, walk: string, origin: string, label: string, list: string[], serverPid: number, o: WrkOptions): Promise<Timed> {
  const pathsFile = join(dir, `${label}.paths`);
  writeFileSync(pathsFile, list.join('\n') + '\n');
  const stop = watch(serverPid);
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      'wrk',
      ['--latency', '-t', String(o.threads), '-c', String(o.connections), '-d', `${o.seconds}s`, '--timeout', '60s', '-s', walk, origin, '--', pathsFile, String(o.threads)],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`wrk failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  const usage = stop();
  const line = output.split('\n').find((l) => l.startsWith('PEER '));
  if (!line) throw new Error(`wrk printed no figures:\n${output}`);
  const r = JSON.parse(line.slice(5)) as Record<string, number>;
  return {
    ...usage,
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    p50Ms: r.p50 / 1000,
    p99Ms: r.p99 / 1000,
    status: r.status,
    socket: r.connect + r.read + r.write + r.timeout,
  };
}
