// The account commands as an administrator runs them: npm run user:add / user:list / user:set-role /
// user:disable, on a store of their own (DB_PATH), each change in the audit log with no actor.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { freshStoreEnv, ROOT } from '../helpers/fixtures.ts';

const fresh = await freshStoreEnv('user-cli');

// Each command is a fresh Node process with tsx (seconds each on a busy CI machine), hence the long timeout.
describe('npm run user:*', { timeout: 120_000 }, () => {
  const user = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'data/user-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...fresh.env }, input, encoding: 'utf8' });
  const stored = async (email: string) => {
    const store = await openStore(fresh.env);
    try {
      return await store.accountForLogin(email);
    } finally {
      await store.close();
    }
  };

  it('adds an account with the password from standard input, kept only as a hash', async () => {
    const run = user(['add', '--email', 'admin@example.org', '--role', 'admin'], 'a long passphrase\n');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/account 1 created: admin@example\.org, admin/);
    expect(run.stdout + run.stderr).not.toContain('a long passphrase');
    const found = (await stored('admin@example.org'))!;
    expect(found.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a long passphrase', found.passwordHash)).toBe(true);
  });

  it('generates and prints a password when none is piped in', async () => {
    const run = user(['add', '--email', 'ed@example.org', '--role', 'editor'], '');
    expect(run.status, run.stderr).toBe(0);
    const password = /password \(shown once, keep it safe\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toHaveLength(24);
    expect(await verifyPassword(password!, (await stored('ed@example.org'))!.passwordHash)).toBe(true);
  });

  it('refuses a short password, an unknown role, a second account for one email', () => {
    expect(user(['add', '--email', 'x@example.org', '--role', 'editor'], 'short\n').stderr).toMatch(/password: Too small/);
    expect(user(['add', '--email', 'x@example.org', '--role', 'boss'], 'a long passphrase\n').stderr).toMatch(/role/);
    const twice = user(['add', '--email', 'ED@example.org', '--role', 'editor'], 'a long passphrase\n');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/exists already/);
  });

  it('lists, changes roles, disables and enables, and records each change', async () => {
    expect(user(['set-role', '--email', 'ed@example.org', '--role', 'publisher']).status).toBe(0);
    expect(user(['disable', '--email', 'ed@example.org']).status).toBe(0);
    expect(user(['list']).stdout).toMatch(/2 {2}publisher {2}disabled {2}ed@example\.org/);
    expect(user(['disable', '--email', 'ed@example.org', '--enable']).status).toBe(0);
    expect(user(['list']).stdout).toMatch(/publisher {2}enabled {3}ed@example\.org/);
    expect(user(['set-role', '--email', 'nobody@example.org', '--role', 'editor']).stderr).toMatch(/no account/);
    const reset = user(['set-password', '--email', 'ed@example.org'], 'another long passphrase\n');
    expect(reset.stdout).toMatch(/new password; its sessions have ended/);
    expect(await verifyPassword('another long passphrase', (await stored('ed@example.org'))!.passwordHash)).toBe(true);
    expect(user(['set-password', '--email', 'ed@example.org'], 'short\n').stderr).toMatch(/password: Too small/);
    const store = await openStore(fresh.env);
    try {
      const actions = (await store.audit({ limit: 10 })).map((e) => [e.action, e.actor]);
      expect(actions).toEqual([
        ['account.password', null],
        ['account.enable', null],
        ['account.disable', null],
        ['account.role', null],
        ['account.create', null],
        ['account.create', null],
      ]);
    } finally {
      await store.close();
    }
  });
});
