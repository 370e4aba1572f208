// Accounts and sessions, engine-neutral: passwords as scrypt hashes (memory-hard, in node:crypto,
// so no native add-on), session tokens that the store keeps only as hashes, so a copy of the
// database opens no session. What an engine stores for them is in AccountStore.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Account, Role } from '../geo/editing.ts';

export type { Account, Role } from '../geo/editing.ts';

/** N = 2^15, r = 8, p = 1: 32 MiB of memory and tens of milliseconds per hash, scrypt's interactive-login figure. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** "scrypt$N$r$p$salt$key" (base64url): the parameters travel with the hash, so they can grow later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of no password, so an unknown account costs a login the same work as a known one. */
let dummy: Promise<string> | null = null;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const hash = stored ?? (await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  const [scheme, N, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** A session token for the cookie, and the hash under which the store keeps it. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** An account change the store will not make: the email is taken, or no enabled admin would be left. */
export class AccountRefused extends Error {
  constructor(
    readonly code: 'exists' | 'last_admin',
    message: string,
  ) {
    super(message);
  }
}

/** An account as every engine's table holds it. */
export interface AccountRow {
  id: number;
  email: string;
  role: Role;
  disabled: number;
  created_at: string;
  password?: string;
}

export const toAccount = (r: AccountRow): Account => ({ id: r.id, email: r.email, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at });

export interface SessionAccount {
  account: Account;
  expiresAt: string;
}

export interface AccountStore {
  createAccount(input: { email: string; role: Role; passwordHash: string }, actor: number | null): Promise<Account>;
  accounts(): Promise<Account[]>;
  /** The account and its password hash, for a login; null when there is none. */
  accountForLogin(email: string): Promise<{ account: Account; passwordHash: string } | null>;
  /** Changes role or disabled state; disabling ends every session of the account. Refuses to leave no enabled admin. */
  updateAccount(id: number, change: { role?: Role; disabled?: boolean }, actor: number | null): Promise<Account | null>;
  accountByEmail(email: string): Promise<Account | null>;
  /** A new password hash; every session of the account ends. */
  setPassword(id: number, passwordHash: string, actor: number | null): Promise<void>;
  createSession(accountId: number, tokenHash: string, expiresAt: string, address: string | null): Promise<void>;
  /** The account of a live session (not expired, not revoked, account enabled). */
  session(tokenHash: string, now: string): Promise<SessionAccount | null>;
  revokeSession(tokenHash: string): Promise<void>;
}
