// A throwaway PostgreSQL + PostGIS cluster for the suites that run on both stores (vitest's global
// setup of the "postgis" project): initdb in a fresh directory, a server on a free port reachable
// only from this machine, a template database with PostGIS in it, and everything removed again
// afterwards. PostgreSQL refuses to run as root, so as root the cluster belongs to the unprivileged
// `postgres` user Debian's package creates (or `nobody`).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './ports.ts';

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
  /** the same for a hot standby streaming from it (only when asked for one) */
  replicaUrl?: string;
  stop(): void;
}

/** Starts a cluster, with a streaming hot standby beside it when asked; `null` when PostgreSQL is not installed here. */
export async function startCluster({ replica = false } = {}): Promise<Cluster | null> {
  const bin = postgresBin();
  if (!bin) return null;
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'piro-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const standby = join(dir, 'standby');
  const as = (program: string, args: string[]) =>
    user ? execFileSync('runuser', ['-u', user.name, '--', join(bin, program), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  /** Each server stopped on its own (one that fails to stop leaves the other to be stopped), then everything removed. */
  const stop = () => {
    for (const cluster of [standby, data])
      try {
        if (existsSync(join(cluster, 'postmaster.pid'))) as('pg_ctl', ['-D', cluster, '-m', 'immediate', 'stop']);
      } catch (error) {
        console.error(`postgres-cluster: could not stop ${cluster}: ${(error as Error).message}`);
      }
    rmSync(dir, { recursive: true, force: true });
  };
  const port = await freePort();
  let replicaPort: number | null = null;
  try {
    as('initdb', ['-D', data, '-U', 'piro', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    // Local TCP only, the socket kept inside the throwaway directory, durability traded for speed. A
    // standby needs at least the primary's max_connections, so both get the same settings. Shared
    // memory as mmap'ed files: a CI container's /dev/shm is often 64 MB, too small for parallel queries.
    const settings = `-c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c dynamic_shared_memory_type=mmap`;
    as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `${settings} -c port=${port}`, 'start']);
    const psql = (db: string, sql: string) => as('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'piro', '-d', db, '-c', sql]);
    psql('postgres', `CREATE DATABASE ${TEMPLATE}`);
    psql(TEMPLATE, 'CREATE EXTENSION postgis');
    psql('postgres', `ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true`);
    if (replica) {
      // A copy of the primary that streams its WAL and answers reads: what DATABASE_REPLICA_URL names
      // in production. A fast checkpoint: a spread one after CREATE EXTENSION takes minutes.
      as('pg_basebackup', ['-D', standby, '-h', '127.0.0.1', '-p', String(port), '-U', 'piro', '-X', 'stream', '-R', '--no-sync', '--checkpoint=fast']);
      replicaPort = await freePort();
      as('pg_ctl', ['-D', standby, '-l', join(dir, 'standby.log'), '-w', '-t', '60', '-o', `${settings} -c port=${replicaPort} -c hot_standby=on`, 'start']);
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://piro@127.0.0.1:${port}`, replicaUrl: replicaPort === null ? undefined : `postgres://piro@127.0.0.1:${replicaPort}`, stop };
}

/** vitest global setup: the cluster for the whole run, its URL handed to the test workers. */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  if (!cluster) throw new Error('PostgreSQL is not installed here (apt-get install postgresql postgresql-postgis): the PostGIS runs of the suites cannot run');
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
