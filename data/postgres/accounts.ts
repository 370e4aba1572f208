// Accounts and sessions in PostgreSQL, as data/sqlite/accounts.ts keeps them: a role change or a
// disabled account is written with its audit record in one write; disabling ends its sessions too.
// An email is one account whatever the case of its ASCII letters, as SQLite's NOCASE folds them
// (a unique index on lower(email COLLATE "C")).
import type pg from 'pg';
import { AccountRefused, toAccount, type Account, type AccountRow, type AccountStore, type Role, type SessionAccount } from '../accounts.ts';
import { audit, rows, value, write, type Queryable } from './db.ts';

const now = () => new Date().toISOString();
const ACCOUNT = 'SELECT id, email, role, disabled, created_at FROM account';

export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  private async byId(db: Queryable, id: number): Promise<Account | null> {
    const [row] = await rows<AccountRow>(db, `${ACCOUNT} WHERE id = $1`, [id]);
    return row ? toAccount(row) : null;
  }

  async createAccount(input: { email: string; role: Role; passwordHash: string }, actor: number | null): Promise<Account> {
    return write(this.pool, async (db) => {
      if (await value(db, 'SELECT 1 FROM account WHERE lower(email COLLATE "C") = lower($1 COLLATE "C")', [input.email]))
        throw new AccountRefused('exists', `an account for ${input.email} exists already`);
      const id = (await value<number>(db, 'INSERT INTO account (email, role, password, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [input.email, input.role, input.passwordHash, now()]))!;
      const account = (await this.byId(db, id))!;
      await audit(db, actor, 'account.create', `account/${account.id}`, { email: account.email, role: account.role });
      return account;
    });
  }

  async accounts(): Promise<Account[]> {
    return (await rows<AccountRow>(this.pool, `${ACCOUNT} ORDER BY id`)).map(toAccount);
  }

  async accountByEmail(email: string): Promise<Account | null> {
    const [row] = await rows<AccountRow>(this.pool, `${ACCOUNT} WHERE lower(email COLLATE "C") = lower($1 COLLATE "C")`, [email]);
    return row ? toAccount(row) : null;
  }

  async accountForLogin(email: string): Promise<{ account: Account; passwordHash: string } | null> {
    const [row] = await rows<AccountRow>(this.pool, 'SELECT id, email, role, disabled, created_at, password FROM account WHERE lower(email COLLATE "C") = lower($1 COLLATE "C")', [email]);
    return row ? { account: toAccount(row), passwordHash: row.password! } : null;
  }

  async updateAccount(id: number, change: { role?: Role; disabled?: boolean }, actor: number | null): Promise<Account | null> {
    return write(this.pool, async (db) => {
      const before = await this.byId(db, id);
      if (!before) return null;
      const staysAdmin = (change.role ?? before.role) === 'admin' && !(change.disabled ?? before.disabled);
      const otherAdmins = (await value<number>(db, "SELECT count(*) FROM account WHERE role = 'admin' AND disabled = 0 AND id <> $1", [id]))!;
      if (!staysAdmin && otherAdmins === 0) throw new AccountRefused('last_admin', 'this would leave no enabled admin; make someone else admin first');
      if (change.role !== undefined && change.role !== before.role) {
        await db.query('UPDATE account SET role = $1 WHERE id = $2', [change.role, id]);
        await audit(db, actor, 'account.role', `account/${id}`, { email: before.email, from: before.role, to: change.role });
      }
      if (change.disabled !== undefined && change.disabled !== before.disabled) {
        await db.query('UPDATE account SET disabled = $1 WHERE id = $2', [change.disabled ? 1 : 0, id]);
        if (change.disabled) await db.query('UPDATE session SET revoked_at = $1 WHERE account = $2 AND revoked_at IS NULL', [now(), id]);
        await audit(db, actor, change.disabled ? 'account.disable' : 'account.enable', `account/${id}`, { email: before.email });
      }
      return this.byId(db, id);
    });
  }

  async setPassword(id: number, passwordHash: string, actor: number | null): Promise<void> {
    await write(this.pool, async (db) => {
      await db.query('UPDATE account SET password = $1 WHERE id = $2', [passwordHash, id]);
      await db.query('UPDATE session SET revoked_at = $1 WHERE account = $2 AND revoked_at IS NULL', [now(), id]);
      await audit(db, actor, 'account.password', `account/${id}`, null);
    });
  }

  async createSession(accountId: number, tokenHash: string, expiresAt: string, address: string | null): Promise<void> {
    await write(this.pool, async (db) => {
      await db.query('INSERT INTO session (token_hash, account, created_at, expires_at, address) VALUES ($1, $2, $3, $4, $5)', [tokenHash, accountId, now(), expiresAt, address]);
      await audit(db, accountId, 'login', `account/${accountId}`, { address });
    });
  }

  async session(tokenHash: string, at: string): Promise<SessionAccount | null> {
    const [row] = await rows<AccountRow & { expires_at: string }>(
      this.pool,
      `SELECT a.id, a.email, a.role, a.disabled, a.created_at, s.expires_at FROM session s JOIN account a ON a.id = s.account
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.disabled = 0`,
      [tokenHash, at],
    );
    return row ? { account: toAccount(row), expiresAt: row.expires_at } : null;
  }

  async revokeSession(tokenHash: string): Promise<void> {
    await write(this.pool, async (db) => {
      const account = await value<number>(db, 'SELECT account FROM session WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
      if (account === undefined) return;
      await db.query('UPDATE session SET revoked_at = $1 WHERE token_hash = $2', [now(), tokenHash]);
      await audit(db, account, 'logout', `account/${account}`, null);
    });
  }
}
