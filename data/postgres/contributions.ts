// Citizens' contributions in PostgreSQL, by data/sqlite/contributions.ts's rules: every write holds
// the store's write lock and bumps the consultation revision (the ETag of the public reads), staff
// actions write their audit record with it, and the rate limits are counted inside the post's own
// write, so posts sent at once cannot all slip under them. Public reads select named columns only.
import type pg from 'pg';
import type { AnswerInput, Closure, ClosureTarget, Contribution, ContributionState, OwnContribution, RejectReason, StaffContribution } from '../../geo/contribution.ts';
import { ContributionRefused, type ContributionFilter, type ContributionInput, type ContributionStore, type PostLimits } from '../contributions.ts';
import { PUBLIC_COLUMNS, publishedWhere, toOwn, toPublic, toStaff, type Row } from '../contribution-rows.ts';
import { audit, rows, value, write, type Queryable } from './db.ts';

const now = () => new Date().toISOString();
const placeholder = (params: unknown[]) => `$${params.length}`;

async function bump(db: Queryable) {
  await db.query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'consultation_revision'");
}

async function row(db: Queryable, id: number, withContact = false): Promise<Row | undefined> {
  return (await rows<Row>(db, `SELECT ${PUBLIC_COLUMNS}${withContact ? ', c.contact' : ''} FROM contribution c WHERE c.id = $1`, [id]))[0];
}

/** Duplicates merged into one that leaves the public go back to the queue: a moderator decides about each again. */
async function requeueDuplicatesOf(db: Queryable, id: number) {
  await db.query("UPDATE contribution SET merged_into = NULL, state = 'pending', moderated_at = NULL, moderator = NULL WHERE merged_into = $1 AND state = 'merged'", [id]);
}

export class PostgresContributions implements ContributionStore {
  constructor(private readonly pool: pg.Pool) {}

  private async closedFor(db: Queryable, input: Pick<ContributionInput, 'interventionId' | 'measureId'>): Promise<string | null> {
    const targets = ['*', ...(input.interventionId ? [`intervention:${input.interventionId}`] : []), ...(input.measureId ? [`measure:${input.measureId}`] : [])];
    return (await value<string>(db, 'SELECT target FROM contribution_closure WHERE target = ANY($1::text[]) ORDER BY target COLLATE "C" LIMIT 1', [targets])) ?? null;
  }

  addContribution(input: ContributionInput, limits: PostLimits, at: string): Promise<{ id: number; state: ContributionState }> {
    return write(this.pool, async (db) => {
      const closed = await this.closedFor(db, input);
      if (closed) throw new ContributionRefused('closed', closed === '*' ? 'contributions are closed for now' : `contributions are closed for ${closed}`, { target: closed });
      const since = new Date(Date.parse(at) - limits.windowMs).toISOString();
      const count = async (column: string, key: unknown) => (await value<number>(db, `SELECT count(*) FROM contribution WHERE ${column} = $1 AND created_at > $2`, [key, since]))!;
      const retry = Math.ceil(limits.windowMs / 1000);
      if ((await count('address_hash', input.addressHash)) >= limits.perAddress)
        throw new ContributionRefused('rate_limited', `at most ${limits.perAddress} contributions from one address in ${retry / 60} minutes; try again later`, { retryAfter: retry });
      const item = input.interventionId ? (['intervention_id', input.interventionId] as const) : input.measureId ? (['measure_id', input.measureId] as const) : null;
      if (item && (await count(item[0], item[1])) >= limits.perItem)
        throw new ContributionRefused('rate_limited', `this item has had ${limits.perItem} contributions in ${retry / 60} minutes; try again later`, { retryAfter: retry });
      if (await value(db, 'SELECT 1 FROM contribution WHERE challenge = $1', [input.challenge]))
        throw new ContributionRefused('replayed', 'this proof of work was spent on an earlier post; ask for a new challenge');
      const id = (await value<number>(
        db,
        `INSERT INTO contribution (kind, text, display_name, contact, theme, intervention_id, measure_id, geometry, settlement, state, created_at, key_hash, address_hash, challenge)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12, $13) RETURNING id`,
        [input.kind, input.text, input.displayName, input.contact, input.theme, input.interventionId, input.measureId, input.geometry ? JSON.stringify(input.geometry) : null, input.settlement, at, input.keyHash, input.addressHash, input.challenge],
      ))!;
      await bump(db);
      return { id, state: 'pending' as const };
    });
  }

  async publishedContributions(f: ContributionFilter): Promise<Contribution[]> {
    const where = publishedWhere(f, placeholder);
    return (await rows<Row>(this.pool, `SELECT ${PUBLIC_COLUMNS} FROM contribution c WHERE ${where.sql} ORDER BY c.created_at DESC, c.id DESC`, where.params)).map(toPublic);
  }

  async staffContributions(f: { state?: ContributionState; answered?: boolean }): Promise<StaffContribution[]> {
    const where = ['true'];
    const params: unknown[] = [];
    if (f.state) where.push(`c.state = ${(params.push(f.state), placeholder(params))}`);
    if (f.answered !== undefined) where.push(f.answered ? 'c.answered_at IS NOT NULL' : 'c.answered_at IS NULL');
    return (await rows<Row>(this.pool, `SELECT ${PUBLIC_COLUMNS}, c.contact FROM contribution c WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT 1000`, params)).map(toStaff);
  }

  async staffContribution(id: number): Promise<StaffContribution | null> {
    const found = await row(this.pool, id, true);
    return found ? toStaff(found) : null;
  }

  async ownContribution(id: number, keyHash: string): Promise<OwnContribution | null> {
    const [found] = await rows<Row>(this.pool, `SELECT ${PUBLIC_COLUMNS} FROM contribution c WHERE c.id = $1 AND c.key_hash = $2`, [id, keyHash]);
    return found ? toOwn(found) : null;
  }

  async contributionsPosted(since: string, until: string): Promise<StaffContribution[]> {
    return (await rows<Row>(this.pool, `SELECT ${PUBLIC_COLUMNS}, c.contact FROM contribution c WHERE c.created_at >= $1 AND c.created_at < $2 ORDER BY c.created_at, c.id`, [since, until])).map(toStaff);
  }

  /** One staff action: the row in the state it needs, the change, the audit record, the new revision. */
  private act(id: number, actor: number, action: string, allowed: ContributionState[], change: (db: Queryable, row: Row) => Promise<void>, detail: unknown = null): Promise<StaffContribution> {
    return write(this.pool, async (db) => {
      const found = await row(db, id);
      if (!found) throw new ContributionRefused('not_found', `no contribution ${id}`);
      if (!allowed.includes(found.state))
        throw new ContributionRefused('conflict', `contribution ${id} is ${found.state}; this needs it ${allowed.join(' or ')}`, { state: found.state });
      await change(db, found);
      await audit(db, actor, `contribution.${action}`, `contribution/${id}`, detail);
      await bump(db);
      return toStaff((await row(db, id, true))!);
    });
  }

  approveContribution(id: number, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'approve', ['pending'], async (db) => {
      const at = now();
      await db.query("UPDATE contribution SET state = 'published', published_at = $1, moderated_at = $2, moderator = $3 WHERE id = $4", [at, at, actor, id]);
    });
  }

  rejectContribution(id: number, reason: RejectReason, actor: number): Promise<StaffContribution> {
    // A published one may be taken down too (abuse found later); it then leaves every public list.
    return this.act(id, actor, 'reject', ['pending', 'published'], async (db) => {
      await db.query("UPDATE contribution SET state = 'rejected', reject_reason = $1, moderated_at = $2, moderator = $3 WHERE id = $4", [reason, now(), actor, id]);
      await requeueDuplicatesOf(db, id);
    }, { reason });
  }

  mergeContribution(id: number, into: number, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'merge', ['pending', 'published'], async (db) => {
      if (into === id) throw new ContributionRefused('conflict', 'a contribution cannot be merged into itself');
      const target = await row(db, into);
      if (!target || target.state !== 'published') throw new ContributionRefused('conflict', `merge into a published contribution; ${into} is ${target ? target.state : 'not there'}`);
      // Its own duplicates follow it, so no count is lost and no chain is left to follow.
      await db.query("UPDATE contribution SET merged_into = $1 WHERE merged_into = $2 AND state = 'merged'", [into, id]);
      await db.query("UPDATE contribution SET state = 'merged', merged_into = $1, moderated_at = $2, moderator = $3 WHERE id = $4", [into, now(), actor, id]);
    }, { into });
  }

  answerContribution(id: number, answer: AnswerInput, actor: number): Promise<StaffContribution> {
    return this.act(id, actor, 'answer', ['published'], async (db, found) => {
      // The first answer's day stays the day it was answered: a corrected answer does not reset the time to answer.
      await db.query('UPDATE contribution SET answer = $1, answer_interventions = $2, answered_at = $3, answered_by = $4 WHERE id = $5', [answer.text, JSON.stringify(answer.interventionIds), found.answered_at ?? now(), actor, id]);
    }, { interventionIds: answer.interventionIds });
  }

  withdrawContribution(id: number, keyHash: string): Promise<OwnContribution | null> {
    return write(this.pool, async (db) => {
      const state = await value<ContributionState>(db, 'SELECT state FROM contribution WHERE id = $1 AND key_hash = $2', [id, keyHash]);
      if (state === undefined) return null;
      if (state !== 'withdrawn') {
        await db.query("UPDATE contribution SET state = 'withdrawn', text = '', display_name = '', contact = NULL, geometry = NULL, address_hash = NULL, answer = NULL, answer_interventions = NULL WHERE id = $1", [id]);
        await requeueDuplicatesOf(db, id);
        await bump(db);
      }
      return toOwn((await row(db, id))!);
    });
  }

  async closures(): Promise<Closure[]> {
    return (await rows<{ target: ClosureTarget; closed_at: string }>(this.pool, 'SELECT target, closed_at FROM contribution_closure ORDER BY target COLLATE "C"')).map((r) => ({ target: r.target, closedAt: r.closed_at }));
  }

  async setClosure(target: ClosureTarget, closed: boolean, actor: number): Promise<Closure[]> {
    await write(this.pool, async (db) => {
      const { rowCount } = closed
        ? await db.query('INSERT INTO contribution_closure (target, closed_at, closed_by) VALUES ($1, $2, $3) ON CONFLICT (target) DO NOTHING', [target, now(), actor])
        : await db.query('DELETE FROM contribution_closure WHERE target = $1', [target]);
      if (rowCount) {
        await audit(db, actor, closed ? 'contribution.close' : 'contribution.reopen', `contributions/${target}`, null);
        await bump(db);
      }
    });
    return this.closures();
  }

  async consultationRevision(): Promise<number> {
    return Number((await value<string>(this.pool, "SELECT value FROM meta WHERE key = 'consultation_revision'")) ?? 0);
  }

  async consultationSecret(): Promise<string> {
    return (await value<string>(this.pool, "SELECT value FROM meta WHERE key = 'consultation_secret'"))!;
  }
}
