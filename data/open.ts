// The one composition root for the store: the server, the CLI commands, the bench and the tests
// all open it here. SQLite (a file at DB_PATH) is the default; DATABASE_URL will select PostGIS.
import { SqliteStore } from './sqlite/store.ts';
import { databasePath } from './paths.ts';
import type { Store } from './store.ts';

export async function openStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  if (env.DATABASE_URL)
    throw new Error('DATABASE_URL is set, but this build has only the embedded SQLite store; unset DATABASE_URL (and set DB_PATH if needed)');
  return new SqliteStore(databasePath(env));
}
