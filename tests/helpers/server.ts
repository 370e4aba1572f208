// Starts the real server (api/server.ts, as `npm start` runs it) on a free port with a database of
// its own, and stops it after the suite. Node runs the script itself with tsx's loader, so the
// child's pid is the server's (the bench reads its memory from /proc).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from './fixtures.ts';

export interface RunningServer {
  url: string;
  /** the node process that runs api/server.ts */
  pid: number;
  /** milliseconds from spawn to the server saying where it listens */
  startMs: number;
  process: ChildProcess;
  /** the last of what the server printed */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
});

/** `env` may name DB_PATH and DATASET_DIR; without DB_PATH the server gets a fresh file under tests/.tmp. */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  const started = performance.now();
  const dbPath = env.DB_PATH ?? join(tempDir('server'), 'piro.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env, DB_PATH: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = output.match(/on (http:\/\/localhost:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
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
    pid: child.pid!,
    startMs: performance.now() - started,
    process: child,
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
