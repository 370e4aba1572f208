// Accounts and sessions in SQLite. A role change or a disabled account is written with its audit
// record in one transaction; disabling ends the account's sessions in the same one.
import type { Database } from 'better-sqlite3';
import { AccountRefused, toAccount, type Account, type AccountRow, type AccountStore, type Role, type SessionAccount } from '../accounts.ts';
import { audit } from './audit.ts';

const now = () => new Date().toISOString();

export class SqliteAccounts implements AccountStore {
  constructor(private readonly db: Database) {}


  private byId(id: number): Account | null {
    const row = this.db.prepare('SELECT id, email, role, disabled, created_at FROM account WHERE id = ?').get(id) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async createAccount(input: { email: string; role: Role; passwordHash: string }, actor: number | null): Promise<Account> {
    return this.db.transaction(() => {
      // Checked here, in the transaction, so two creations of one email cannot both pass.
      if (this.db.prepare('SELECT 1 FROM account WHERE email = ?').get(input.email))
        throw new AccountRefused('exists', `an account for ${input.email} exists already`);
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO account (email, role, password, created_at) VALUES (?, ?, ?, ?)')
        .run(input.email, input.role, input.passwordHash, now());
      const account = this.byId(Number(lastInsertRowid))!;
      audit(this.db, actor, 'account.create', `account/${account.id}`, { email: account.email, role: account.role });
      return account;
    })();
  }

  async accounts(): Promise<Account[]> {
    return (this.db.prepare('SELECT id, email, role, disabled, created_at FROM account ORDER BY id').all() as AccountRow[]).map(toAccount);
  }

  async accountByEmail(email: string): Promise<Account | null> {
    const row = this.db.prepare('SELECT id, email, role, disabled, created_at FROM account WHERE email = ?').get(email) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async accountForLogin(email: string): Promise<{ account: Account; passwordHash: string } | null> {
    const row = this.db.prepare('SELECT id, email, role, disabled, created_at, password FROM account WHERE email = ?').get(email) as AccountRow | undefined;
    return row ? { account: toAccount(row), passwordHash: row.password! } : null;
  }

  async updateAccount(id: number, change: { role?: Role; disabled?: boolean }, actor: number | null): Promise<Account | null> {
    return this.db.transaction(() => {
      const before = this.byId(id);
      if (!before) return null;
      const staysAdmin = (change.role ?? before.role) === 'admin' && !(change.disabled ?? before.disabled);
      const otherAdmins = this.db.prepare("SELECT count(*) FROM account WHERE role = 'admin' AND disabled = 0 AND id <> ?").pluck().get(id) as number;
      if (!staysAdmin && otherAdmins === 0) throw new AccountRefused('last_admin', 'this would leave no enabled admin; make someone else admin first');
      if (change.role !== undefined && change.role !== before.role) {
        this.db.prepare('UPDATE account SET role = ? WHERE id = ?').run(change.role, id);
        audit(this.db, actor, 'account.role', `account/${id}`, { email: before.email, from: before.role, to: change.role });
      }
      if (change.disabled !== undefined && change.disabled !== before.disabled) {
        this.db.prepare('UPDATE account SET disabled = ? WHERE id = ?').run(change.disabled ? 1 : 0, id);
        if (change.disabled) this.db.prepare('UPDATE session SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL').run(now(), id);
        audit(this.db, actor, change.disabled ? 'account.disable' : 'account.enable', `account/${id}`, { email: before.email });
      }
      return this.byId(id);
    })();
  }

  async setPassword(id: number, passwordHash: string, actor: number | null): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE account SET password = ? WHERE id = ?').run(passwordHash, id);
      this.db.prepare('UPDATE session SET revoked_at = ? WHERE account = ? AND revoked_at IS NULL').run(now(), id);
      audit(this.db, actor, 'account.password', `account/${id}`, null);
    })();
  }

  async createSession(accountId: number, tokenHash: string, expiresAt: string, address: string | null): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO session (token_hash, account, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)').run(tokenHash, accountId, now(), expiresAt, address);
      audit(this.db, accountId, 'login', `account/${accountId}`, { address });
    })();
  }

  async session(tokenHash: string, at: string): Promise<SessionAccount | null> {
    const row = this.db
      .prepare(
        `SELECT a.id, a.email, a.role, a.disabled, a.created_at, s.expires_at FROM session s JOIN account a ON a.id = s.account
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND a.disabled = 0`,
      )
      .get(tokenHash, at) as (AccountRow & { expires_at: string }) | undefined;
    return row ? { account: toAccount(row), expiresAt: row.expires_at } : null;
  }

  async revokeSession(tokenHash: string): Promise<void> {
    this.db.transaction(() => {
      const account = this.db.prepare('SELECT account FROM session WHERE token_hash = ? AND revoked_at IS NULL').pluck().get(tokenHash) as number | undefined;
      if (account === undefined) return;
      this.db.prepare('UPDATE session SET revoked_at = ? WHERE token_hash = ?').run(now(), tokenHash);
      audit(this.db, account, 'logout', `account/${account}`, null);
    })();
  }
}
