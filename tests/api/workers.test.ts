// `npm start` on every core: WORKERS processes behind one port, answering as one server. The real
// server, spawned as npm start runs it: failed sign-ins are counted once for all workers; a session
// opened through one worker is good in the others (sessions live in the store); a worker killed
// with SIGKILL is replaced while the others keep answering; SIGTERM stops them all; a bad WORKERS
// is refused at start.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, staffServer } from '../helpers/staff.ts';
import { ROOT } from '../helpers/fixtures.ts';
import type { RunningServer } from '../helpers/server.ts';

/** The worker processes of the server whose primary is `pid`. */
function workersOf(pid: number): number[] {
  const out = spawnSync('ps', ['--ppid', String(pid), '-o', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter((line) => line.includes('api/server.ts'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('worker processes', () => {
  let server: RunningServer;
  const login = (email: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email, password }) });

  beforeAll(async () => {
    server = await staffServer({ WORKERS: '2' });
  }, 120_000);
  afterAll(() => server?.stop());

  it('serves from two worker processes under one primary, and says so', async () => {
    expect(server.output()).toMatch(/2 worker processes/);
    expect(workersOf(server.pid)).toHaveLength(2);
  });

  it('counts failed sign-ins once for all workers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('nobody@example.org', 'not the password at all')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('keeps a session good in every worker', async () => {
    const res = await login(emailOf('editor'), PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${server.url}/api/auth/me`, { headers: { Cookie: cookie } }).then((r) => r.status)));
    expect(answers).toEqual(Array(8).fill(200));
  });

  it('replaces a worker that dies, while the other keeps answering', async () => {
    const [victim] = workersOf(server.pid);
    process.kill(victim, 'SIGKILL');
    // The connections the dead worker held die with it (a client retries those); new ones reach the living.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${server.url}/api/health`)).status);
    expect(statuses).toEqual(Array(20).fill(200));
    await expect.poll(() => workersOf(server.pid).filter((pid) => pid !== victim).length, { timeout: 60_000, interval: 500 }).toBe(2);
    expect(server.output()).toMatch(new RegExp(`worker ${victim} ended \\(SIGKILL\\); starting another`));
  }, 90_000);

  it('stops every worker on SIGTERM', async () => {
    const workers = workersOf(server.pid);
    await server.stop();
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('WORKERS', () => {
  it('is refused at start when it is not a number of processes', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'api/server.ts'], { cwd: ROOT, env: { ...process.env, WORKERS: 'many', PORT: '0', DB_PATH: ':memory:' }, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('WORKERS must be a whole number of processes from 1 to 64, not "many"');
  });
});
