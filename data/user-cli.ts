// Accounts from the command line, on the store openStore(env) opens (the first admin is made here):
//   npm run user:add -- --email E --role editor|publisher|admin   password from standard input, or generated and printed
//   npm run user:list
//   npm run user:set-role -- --email E --role R
//   npm run user:disable -- --email E       (ends the account's sessions; --enable undoes it)
//   npm run user:set-password -- --email E  a new password, as for user:add; ends the account's sessions
// Every change is in the audit log, with no actor (the command line).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NewAccount, Role } from '../geo/editing.ts';
import { AccountRefused, hashPassword, newPassword } from './accounts.ts';
import { openStore } from './open.ts';

const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, enable: { type: 'boolean' } } }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

/** The password piped in (its first line), or a generated one when nothing is piped. */
function passwordFromStdin(): { password: string; generated: boolean } {
  const piped = process.stdin.isTTY ? '' : readFileSync(0, 'utf8').split(/\r?\n/)[0];
  return piped ? { password: piped, generated: false } : { password: newPassword(), generated: true };
}

async function main(): Promise<number> {
  const store = await openStore();
  try {
    const { email, role, enable } = options();
    if (command === 'list') {
      const accounts = await store.accounts();
      for (const a of accounts) console.log(`${String(a.id).padStart(4)}  ${a.role.padEnd(9)}  ${a.disabled ? 'disabled' : 'enabled '}  ${a.email}`);
      if (accounts.length === 0) console.log('no accounts yet: npm run user:add -- --email you@example.org --role admin');
      return 0;
    }
    if (!email) fail(`usage: npm run user:${command ?? 'add'} -- --email E${command === 'add' || command === 'set-role' ? ' --role editor|publisher|admin' : ''}`);
    if (command === 'add') {
      const { password, generated } = passwordFromStdin();
      const input = NewAccount.safeParse({ email, role, password });
      if (!input.success) fail(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      if (await store.accountByEmail(email)) fail(`an account for ${email} exists already`);
      const account = await store.createAccount({ email: input.data.email, role: input.data.role, passwordHash: await hashPassword(password) }, null);
      console.log(`account ${account.id} created: ${account.email}, ${account.role}`);
      if (generated) console.log(`password (shown once, keep it safe): ${password}`);
      return 0;
    }
    const account = await store.accountByEmail(email);
    if (!account) fail(`no account for ${email}`);
    if (command === 'set-role') {
      const parsed = Role.safeParse(role);
      if (!parsed.success) fail('--role must be editor, publisher or admin');
      await store.updateAccount(account.id, { role: parsed.data }, null);
      console.log(`${email} is now ${parsed.data}`);
      return 0;
    }
    if (command === 'set-password') {
      const { password, generated } = passwordFromStdin();
      const checked = NewAccount.shape.password.safeParse(password);
      if (!checked.success) fail(`password: ${checked.error.issues[0].message}`);
      await store.setPassword(account.id, await hashPassword(password), null);
      console.log(`${email} has a new password; its sessions have ended`);
      if (generated) console.log(`password (shown once, keep it safe): ${password}`);
      return 0;
    }
    if (command === 'disable') {
      await store.updateAccount(account.id, { disabled: !enable }, null);
      console.log(`${email} is ${enable ? 'enabled' : 'disabled; its sessions have ended'}`);
      return 0;
    }
    fail(`unknown command "${command ?? ''}": add, list, set-role, set-password or disable`);
  } catch (error) {
    if (error instanceof AccountRefused) fail(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
