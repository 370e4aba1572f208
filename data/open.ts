// The one composition root for the store: the server, the CLI commands, the bench and the tests
// all open it here. SQLite (a file at DB_PATH) is the default; DATABASE_URL (postgres://…) selects
// PostgreSQL + PostGIS, and DATABASE_REPLICA_URL a read replica of it for the public reads.
import { SqliteStore } from './sqlite/store.ts';
import { PostgresStore } from './postgres/store.ts';
import { databasePath } from './paths.ts';
import type { Store } from './store.ts';

export async function openStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL (or unset it for the embedded SQLite store)');
    return PostgresStore.open(url, env.DATABASE_REPLICA_URL || undefined);
  }
  return new SqliteStore(databasePath(env));
}
