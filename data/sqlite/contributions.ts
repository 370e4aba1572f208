// Citizens' contributions in SQLite. Every write is one transaction that also bumps the
// consultation revision (the ETag of the public reads) and, for staff actions, writes the audit
// record. The rate limits are counted inside the post's own transaction, so posts sent at once
// cannot all slip under them. Public reads select named columns, never the contact or the address.
import type { Database } from 'better-sqlite3';
import type { AnswerInput, Closure, ClosureTarget, Contribution, ContributionState, OwnContribution, RejectReason, StaffContribution } from '../../geo/contribution.ts';
import { PUBLIC_COLUMNS, publishedWhere, toOwn, toPublic, toStaff, type Row } from '../contribution-rows.ts';
import { ContributionRefused, type ContributionFilter, type ContributionInput, type ContributionStore, type PostLimits } from '../contributions.ts';
import { audit } from './audit.ts';

const now = () => new Date().toISOString();

export class SqliteContributions implements ContributionStore {
  constructor(private readonly db: Database) {}

  private bump() {
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'consultation_revision'").run();
  }

  private row(id: number, withContact = false): Row | undefined {
    return this.db.prepare(`SELECT ${PUBLIC_COLUMNS}${withContact ? ', c.contact' : ''} FROM contribution c WHERE c.id = ?`).get(id) as Row | undefined;
  }

  private closedFor(input: Pick<ContributionInput, 'interventionId' | 'measureId'>): string | null {
    const targets = ['*', ...(input.interventionId ? [`intervention:${input.interventionId}`] : []), ...(input.measureId ? [`measure:${input.measureId}`] : [])];
    return (this.db.prepare(`SELECT target FROM contribution_closure WHERE target IN (${targets.map(() => '?').join(', ')}) ORDER BY target LIMIT 1`).pluck().get(...targets) as string | undefined) ?? null;
  }

  async addContribution(input: ContributionInput, limits: PostLimits, at: string): Promise<{ id: number; state: ContributionState }> {
    return this.db.transaction(() => {
      const closed = this.closedFor(input);
      if (closed) throw new ContributionRefused('closed', closed === '*' ? 'contributions are closed for now' : `contributions are closed for ${closed}`, { target: closed });
      const since = new Date(Date.parse(at) - limits.windowMs).toISOString();
      const count = (where: string, ...args: unknown[]) => this.db.prepare(`SELECT count(*) FROM contribution WHERE ${where} AND created_at > ?`).pluck().get(...args, since) as number;
      const retry = Math.ceil(limits.windowMs / 1000);
      if (count('address_hash = ?', input.addressHash) >= limits.perAddress)
        throw new ContributionRefused('rate_limited', `at most ${limits.perAddress} contributions from one address in ${retry / 60} minutes; try again later`, { retryAfter: retry });
      const item = input.interventionId ? ['intervention_id = ?', input.interventionId] : input.measureId ? ['measure_id = ?', input.measureId] : null;
      if (item && count(item[0], item[1]) >= limits.perItem)
        throw new ContributionRefused('rate_limited', `this item has had ${limits.perItem} contributions in ${retry / 60} minutes; try again later`, { retryAfter: retry });
      if (this.db.prepare('SELECT 1 FROM contribution WHERE challenge = ?').get(input.challenge))
        throw new ContributionRefused('replayed', 'this proof of work was spent on an earlier post; ask for a new challenge');
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO contribution (kind, text, display_name, contact, theme, intervention_id, measure_id, geometry, settlement, state, created_at, key_hash, address_hash, challenge)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(input.kind, input.text, input.displayName, input.contact, input.theme, input.interventionId, input.measureId, input.geometry ? JSON.stringify(input.geometry) : null, input.settlement, at, input.keyHash, input.addressHash, input.challenge);
      this.bump();
      return { id: Number(lastInsertRowid), state: 'pending' as const };
    })();
  }

  async publishedContributions(f: ContributionFilter): Promise<Contribution[]> {
    const where = publishedWhere(f, () => '?');
    const rows = this.db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM contribution c WHERE ${where.sql} ORDER BY c.created_at DESC, c.id DESC`).all(...where.params) as Row[];
    return rows.map(toPublic);
  }

  async staffContributions(f: { state?: ContributionState; answered?: boolean }): Promise<StaffContribution[]> {
    const where = ['1'];
    const args: unknown[] = [];
    if (f.state) (where.push('c.state = ?'), args.push(f.state));
    if (f.answered !== undefined) where.push(f.answered ? 'c.answered_at IS NOT NULL' : 'c.answered_at IS NULL');
    const rows = this.db.prepare(`SELECT ${PUBLIC_COLUMNS}, c.contact FROM contribution c WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT 1000`).all(...args) as Row[];
    return rows.map(toStaff);
  }

  async staffContribution(id: number): Promise<StaffContribution | null> {
    const row = this.row(id, true);
    return row ? toStaff(row) : null;
  }

  async ownContribution(id: number, keyHash: string): Promise<OwnContribution | null> {
    const row = this.db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM contribution c WHERE c.id = ? AND c.key_hash = ?`).get(id, keyHash) as Row | undefined;
    return row ? toOwn(row) : null;
  }

  async contributionsPosted(since: string, until: string): Promise<StaffContribution[]> {
    const rows = this.db.prepare(`SELECT ${PUBLIC_COLUMNS}, c.contact FROM contribution c WHERE c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id`).all(since, until) as Row[];
    return rows.map(toStaff);
  }

  /** One staff action: the row in the state it needs, the change, the audit record, the new revision. */
  private act(id: number, actor: number, action: string, allowed: ContributionState[], change: (row: Row) => void, detail: unknown = null): StaffContribution {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (!row) throw new ContributionRefused('not_found', `no contribution ${id}`);
      if (!allowed.includes(row.state))
        throw new ContributionRefused('conflict', `contribution ${id} is ${row.state}; this needs it ${allowed.join(' or ')}`, { state: row.state });
      change(row);
      audit(this.db, actor, `contribution.${action}`, `contribution/${id}`, detail);
      this.bump();
      return toStaff(this.row(id, true)!);
    })();
  }

  async approveContribution(id: number, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'approve', ['pending'], () => {
      const at = now();
      this.db.prepare("UPDATE contribution SET state = 'published', published_at = ?, moderated_at = ?, moderator = ? WHERE id = ?").run(at, at, actor, id);
    });
  }

  async rejectContribution(id: number, reason: RejectReason, actor: number): Promise<StaffContribution> {
    // A published one may be taken down too (abuse found later); it then leaves every public list.
    return this.act(id, actor, 'reject', ['pending', 'published'], () => {
      this.db.prepare("UPDATE contribution SET state = 'rejected', reject_reason = ?, moderated_at = ?, moderator = ? WHERE id = ?").run(reason, now(), actor, id);
      this.requeueDuplicatesOf(id);
    }, { reason });
  }

  async mergeContribution(id: number, into: number, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'merge', ['pending', 'published'], () => {
      if (into === id) throw new ContributionRefused('conflict', 'a contribution cannot be merged into itself');
      const target = this.row(into);
      if (!target || target.state !== 'published') throw new ContributionRefused('conflict', `merge into a published contribution; ${into} is ${target ? target.state : 'not there'}`);
      // Its own duplicates follow it, so no count is lost and no chain is left to follow.
      this.db.prepare("UPDATE contribution SET merged_into = ? WHERE merged_into = ? AND state = 'merged'").run(into, id);
      this.db.prepare("UPDATE contribution SET state = 'merged', merged_into = ?, moderated_at = ?, moderator = ? WHERE id = ?").run(into, now(), actor, id);
    }, { into });
  }

  async answerContribution(id: number, answer: AnswerInput, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'answer', ['published'], (row) => {
      // The first answer's day stays the day it was answered: a corrected answer does not reset the time to answer.
      this.db.prepare('UPDATE contribution SET answer = ?, answer_interventions = ?, answered_at = ?, answered_by = ? WHERE id = ?').run(answer.text, JSON.stringify(answer.interventionIds), row.answered_at ?? now(), actor, id);
    }, { interventionIds: answer.interventionIds });
  }

  /** Duplicates merged into one that leaves the public go back to the queue: a moderator decides about each again. */
  private requeueDuplicatesOf(id: number) {
    this.db.prepare("UPDATE contribution SET merged_into = NULL, state = 'pending', moderated_at = NULL, moderator = NULL WHERE merged_into = ? AND state = 'merged'").run(id);
  }

  async withdrawContribution(id: number, keyHash: string): Promise<OwnContribution | null> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT state FROM contribution WHERE id = ? AND key_hash = ?').get(id, keyHash) as { state: ContributionState } | undefined;
      if (!row) return null;
      if (row.state !== 'withdrawn') {
        this.db
          .prepare("UPDATE contribution SET state = 'withdrawn', text = '', display_name = '', contact = NULL, geometry = NULL, address_hash = NULL, answer = NULL, answer_interventions = NULL WHERE id = ?")
          .run(id);
        this.requeueDuplicatesOf(id);
        this.bump();
      }
      return toOwn(this.row(id)!);
    })();
  }

  async closures(): Promise<Closure[]> {
    return (this.db.prepare('SELECT target, closed_at FROM contribution_closure ORDER BY target').all() as { target: ClosureTarget; closed_at: string }[]).map((r) => ({ target: r.target, closedAt: r.closed_at }));
  }

  async setClosure(target: ClosureTarget, closed: boolean, actor: number): Promise<Closure[]> {
    this.db.transaction(() => {
      const changed = closed
        ? this.db.prepare('INSERT OR IGNORE INTO contribution_closure (target, closed_at, closed_by) VALUES (?, ?, ?)').run(target, now(), actor).changes
        : this.db.prepare('DELETE FROM contribution_closure WHERE target = ?').run(target).changes;
      if (changed) {
        audit(this.db, actor, closed ? 'contribution.close' : 'contribution.reopen', `contributions/${target}`, null);
        this.bump();
      }
    })();
    return this.closures();
  }

  async consultationRevision(): Promise<number> {
    return Number(this.db.prepare("SELECT value FROM meta WHERE key = 'consultation_revision'").pluck().get() ?? 0);
  }

  async consultationSecret(): Promise<string> {
    return this.db.prepare("SELECT value FROM meta WHERE key = 'consultation_secret'").pluck().get() as string;
  }
}
