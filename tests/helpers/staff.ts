// The real server with one account per role, for the editor's end-to-end suites. Accounts go into
// the server's own SQLite file through the store, as `npm run user:add` does; a browser context
// signs in through POST /api/auth/login, so its cookie is the HttpOnly one a planner would hold.
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { hashPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { ROLES, type Role } from '../../geo/editing.ts';
import { emailOf, PASSWORD } from './editing.ts';
import { tempDir } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

export { emailOf, PASSWORD };

export async function staffServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const DB_PATH = join(tempDir('staff'), 'piro.sqlite');
  const server = await startServer({ BASEMAP: 'none', ...env, DB_PATH });
  const store = await openStore({ DB_PATH });
  try {
    for (const role of ROLES) await store.createAccount({ email: emailOf(role), role, passwordHash: await hashPassword(PASSWORD) }, null);
  } finally {
    await store.close();
  }
  return server;
}

/** Signs the context in as `role` (the cookie is set in the context, as a sign-in form would). */
export async function signIn(context: BrowserContext, server: RunningServer, role: Role) {
  const res = await context.request.post(`${server.url}/api/auth/login`, { data: { email: emailOf(role), password: PASSWORD }, headers: { Origin: server.url } });
  if (res.status() !== 200) throw new Error(`sign-in as ${role}: ${res.status()} ${await res.text()}`);
}
