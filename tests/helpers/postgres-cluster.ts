// A throwaway PostgreSQL + PostGIS cluster for the suites that run on both stores (vitest's global
// setup of the "postgis" project): initdb in a fresh directory, a server on a free port reachable
// only from this machine, a template database with PostGIS in it, and everything removed again
// afterwards. PostgreSQL refuses to run as root, so as root the cluster belongs to the unprivileged
// `postgres` user Debian's package creates (or `nobody`).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** The database every test store is copied from: PostGIS installed once, copied in milliseconds. */
export const TEMPLATE = 'piro_template';

/** The directory of PostgreSQL's server programs: `PG_BIN`, else Debian's newest under /usr/lib/postgresql. */
export function postgresBin(env = process.env): string | null {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the cluster: ourselves, or as root an unprivileged account (uid, gid, name). */
function clusterUser(): { uid: number; gid: number; name: string } | null {
  if (userInfo().uid !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0) return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name };
  }
  throw new Error('running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

export interface Cluster {
  /** postgres://… of the maintenance database; tests add their own database name */
  url: string;
  stop(): void;
}

/** Starts a cluster; `null` when PostgreSQL is not installed here. */
export async function startCluster(): Promise<Cluster | null> {
  const bin = postgresBin();
  if (!bin) return null;
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'piro-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = (program: string, args: string[]) =>
    user ? execFileSync('runuser', ['-u', user.name, '--', join(bin, program), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  as('initdb', ['-D', data, '-U', 'piro', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  // Local TCP only, the socket kept inside the throwaway directory, durability traded for speed.
  as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start']);
  const url = `postgres://piro@127.0.0.1:${port}`;
  const stop = () => {
    try {
      as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const psql = (db: string, sql: string) => as('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'piro', '-d', db, '-c', sql]);
    psql('postgres', `CREATE DATABASE ${TEMPLATE}`);
    psql(TEMPLATE, 'CREATE EXTENSION postgis');
    psql('postgres', `ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true`);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

/** vitest global setup: the cluster for the whole run, its URL handed to the test workers. */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  if (!cluster) {
    const message = 'PostgreSQL is not installed here (apt-get install postgresql-15 postgresql-15-postgis-3): the PostGIS suites cannot run';
    if (process.env.CI) throw new Error(message);
    console.warn(`\n⚠ ${message}; they are skipped.\n`);
    project.provide('postgresUrl', '');
    return;
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
