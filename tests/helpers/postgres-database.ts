// A new database per test store in the run's throwaway cluster, copied from its PostGIS template.
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE } from './postgres-cluster.ts';

let admin: Promise<pg.Client> | null = null;
let counter = 0;

export async function freshDatabase(name: string): Promise<string> {
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL cluster in this run (see tests/helpers/postgres-cluster.ts)');
  admin ??= (async () => {
    const client = new pg.Client(`${base}/postgres`);
    await client.connect();
    return client;
  })();
  const database = `t_${process.pid}_${++counter}_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 63);
  await (await admin).query(`CREATE DATABASE "${database}" TEMPLATE ${TEMPLATE}`);
  return `${base}/${database}`;
}
