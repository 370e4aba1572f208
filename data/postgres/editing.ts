// Drafts, publication, history and the audit log in PostgreSQL, by the rules data/sqlite/editing.ts
// follows: every write is one transaction holding the store's write lock (data/postgres/db.ts); it
// re-reads the head it changes, checks If-Match and the references against the published state,
// writes the revision and its audit record together, and on publication rewrites the published
// rows as a seed would, stamped with the publication time. What a head, a history and a review
// entry are comes from data/revisions.ts, the same for both engines.
import type pg from 'pg';
import { Plan, type Intervention, type Zone } from '../../geo/index.ts';
import type { AuditEntry, History, ItemKind, PlanItemRecord, ReviewEntry, Revision, WriteResult } from '../../geo/editing.ts';
import { EditRefused, etagOf, heldPlans, refusalOf, referenceProblems, staleRefusal, type Actor, type HeldPlans, type DraftInput, type EditRecord, type EditStore, type Head, type References, type ReviewInput } from '../editing.ts';
import { isMasterPlanType } from '../master-plan-types.ts';
import { REVISION_SELECT, headFrom, historyFrom, planOfItem, planWith, reviewEntryFrom, type RevisionRow } from '../revisions.ts';
import { interventionRow } from '../intervention-row.ts';
import { audit, bumpRevision, column, rows, savepoint, transaction, value, write, type Queryable } from './db.ts';
import { insertInterventions, insertZones, joinZone, netBudgets, storedContext, writePlans } from './load.ts';

const now = () => new Date().toISOString();

export class PostgresEditing implements EditStore {
  constructor(private readonly pool: pg.Pool) {}

  // ------------------------------------------------------------ the published state

  /** The published record of an item, as written (no derived fields), or null. */
  private async publishedRecord(db: Queryable, kind: ItemKind, id: string): Promise<EditRecord | null> {
    if (kind === 'intervention') {
      const json = await value<string>(db, 'SELECT document FROM intervention WHERE id = $1', [id]);
      return json ? JSON.parse(json) : null;
    }
    if (kind === 'zone') {
      const json = await value<string>(db, 'SELECT feature FROM zone WHERE id = $1', [id]);
      return json ? JSON.parse(json) : null;
    }
    const [row] = await rows<{ level: PlanItemRecord['level']; item: string }>(db, 'SELECT level, item FROM plan_item WHERE id = $1', [id]);
    return row ? ({ level: row.level, ...JSON.parse(row.item) } as PlanItemRecord) : null;
  }

  /** The municipality's outline as parsed, for the store revision it was read at: an import checks thousands of rows against it. */
  private outline: { revision: string; held: HeldPlans } | null = null;

  private async held(db: Queryable): Promise<HeldPlans> {
    const revision = (await value<string>(db, "SELECT value FROM meta WHERE key = 'revision'"))!;
    if (this.outline?.revision !== revision) {
      const json = await value<string>(db, "SELECT collection FROM layer WHERE name = 'municipality'");
      this.outline = { revision, held: heldPlans(await this.plans(db), json ? JSON.parse(json).features : []) };
    }
    return this.outline.held;
  }

  private async plans(db: Queryable): Promise<Plan[]> {
    return (await column<string>(db, 'SELECT document FROM plan ORDER BY position')).map((d) => JSON.parse(d) as Plan);
  }

  /**
   * The references a check of this record needs, read beforehand: the checks (data/editing.ts) ask
   * synchronously, so what they may ask about is fetched first, inside the same transaction.
   */
  private async references(db: Queryable, kind: ItemKind, id: string, record: EditRecord | null): Promise<References> {
    const levels = new Map(await rows<{ id: string; level: 'goal' | 'priority' | 'measure' }>(db, 'SELECT id, level FROM plan_item').then((r) => r.map((x) => [x.id, x.level] as const)));
    const p = kind === 'intervention' && record ? (record as Intervention).properties : null;
    const programme = p?.programmeId ? await value<'project' | 'programme'>(db, 'SELECT kind FROM intervention WHERE id = $1', [p.programmeId]) : undefined;
    const settlement = p?.settlement ? (await value(db, 'SELECT 1 FROM settlement WHERE ekatte = $1', [p.settlement])) !== undefined : false;
    const dependents =
      kind === 'intervention'
        ? await column<string>(db, 'SELECT id FROM intervention WHERE programme_id = $1 ORDER BY id', [id])
        : kind === 'zone'
          ? []
          : [
              ...(await column<string>(db, 'SELECT id FROM plan_item WHERE parent_id = $1 ORDER BY position', [id])),
              ...(await column<string>(db, 'SELECT DISTINCT i.id FROM intervention_link l JOIN intervention i ON i.rowid = l.intervention WHERE l.plan_item = $1 ORDER BY i.id', [id])),
            ];
    const held = await this.held(db);
    const asked = (what: string, key: string, expected: string | null | undefined) => {
      if (key !== expected) throw new Error(`references: ${what} ${key} was not read beforehand`);
    };
    return {
      planItemLevel: (item) => levels.get(item) ?? null,
      interventionKind: (item) => (asked('intervention', item, p?.programmeId), programme ?? null),
      settlementExists: (ekatte) => (asked('settlement', ekatte, p?.settlement), settlement),
      masterPlanTypeExists: isMasterPlanType,
      plans: () => held,
      dependents: (k, item) => (asked(`dependents of ${k}`, item, id), dependents),
    };
  }

  /** Makes `record` (null: none) the published content of the item, published at `publishedAt`, with everything derived from it. */
  private async apply(db: pg.PoolClient, kind: ItemKind, id: string, record: EditRecord | null, publishedAt: string) {
    if (kind === 'intervention') {
      const [old] = await rows<{ rowid: number; programme_id: string | null }>(db, 'SELECT rowid, programme_id FROM intervention WHERE id = $1', [id]);
      if (old !== undefined) await db.query('DELETE FROM intervention WHERE rowid = $1', [old.rowid]);
      if (record) {
        const rowid = old?.rowid ?? (await value<number>(db, 'SELECT coalesce(max(rowid), 0) + 1 FROM intervention'))!;
        await insertInterventions(db, [{ rowid, row: interventionRow(record as Intervention, await storedContext(db)), updated: publishedAt }]);
      }
      // Its own net budget when it is a programme, and those of the programmes it left or joined.
      const programmes = [id, old?.programme_id, (record as Intervention | null)?.properties.programmeId].filter((p): p is string => !!p);
      await netBudgets(db, programmes);
      return;
    }
    if (kind === 'zone') {
      const old = await value<number>(db, 'SELECT rowid FROM zone WHERE id = $1', [id]);
      await db.query('DELETE FROM zone WHERE id = $1', [id]);
      if (record) {
        await insertZones(db, [{ zone: record as Zone, rowid: old ?? null }]);
        await joinZone(db, record as Zone);
      }
      return;
    }
    const plans = await this.plans(db);
    const plan = plans[planOfItem(plans, id, record)] as unknown as Record<string, unknown[]>;
    const level = (record as PlanItemRecord | null)?.level ?? (await value<PlanItemRecord['level']>(db, 'SELECT level FROM plan_item WHERE id = $1', [id]));
    // A deletion of an item the public never saw leaves the plan as it is.
    if (level === undefined) return;
    const checked = Plan.safeParse(planWith(plan, level, id, record));
    if (!checked.success)
      throw new EditRefused('references', 'the plan would not be valid', checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    await writePlans(db, plans.map((p) => (p.id === checked.data.id ? checked.data : p)));
  }

  // ------------------------------------------------------------ revisions

  private rows(db: Queryable, kind: ItemKind, id: string): Promise<RevisionRow[]> {
    return rows<RevisionRow>(db, `${REVISION_SELECT} WHERE r.kind = $1 AND r.item = $2 ORDER BY r.number`, [kind, id]);
  }

  private async seededRevision(db: Queryable): Promise<number | null> {
    const seeded = await value<string>(db, "SELECT value FROM meta WHERE key = 'seeded_revision'");
    return seeded === undefined ? null : Number(seeded);
  }

  private async headOf(db: Queryable, kind: ItemKind, id: string): Promise<Head | null> {
    const revisions = await this.rows(db, kind, id);
    const published = revisions.length ? null : await this.publishedRecord(db, kind, id);
    return headFrom(kind, id, revisions, () => published);
  }

  private async result(db: Queryable, head: Head): Promise<WriteResult> {
    return { kind: head.kind, item: head.item, revision: head.head, state: head.state, etag: etagOf(await this.seededRevision(db), head.head), published: head.published };
  }

  private async stale(db: Queryable, head: Head | null, kind: ItemKind, id: string, expected: number | null): Promise<never> {
    if (!head) throw new EditRefused('not_found', `no ${kind} ${id}`);
    throw staleRefusal(head, await this.seededRevision(db), expected);
  }

  /** One draft, inside the caller's write. */
  private async draft(db: pg.PoolClient, input: DraftInput, actor: Actor): Promise<WriteResult> {
    const { kind, id, record } = input;
    const head = await this.headOf(db, kind, id);
    if (input.action === 'create') {
      // An id whose every draft was rejected is free again; a deleted item is restored by a revert.
      if (head) throw new EditRefused('exists', `${kind} ${id} exists already; ${head.record === null ? 'it is deleted: revert it to an earlier revision to restore it' : 'change it with PATCH'}`);
    } else {
      if (!head || head.head !== input.expected) return this.stale(db, head, kind, id, input.expected);
      if (head.record === null && input.action !== 'revert') throw new EditRefused('deleted', `${kind} ${id} is deleted in its latest revision; revert to an earlier revision to restore it`);
    }
    const problems = referenceProblems(kind, id, record, await this.references(db, kind, id, record));
    if (problems.length) {
      if (record === null) throw new EditRefused('in_use', problems[0].message, problems);
      throw new EditRefused('invalid', `the ${kind} refers to something that does not exist`, problems);
    }
    // The seeded record becomes revision 1 at its first edit, so history and revert reach it.
    if (head && (await this.rows(db, kind, id)).length === 0)
      await db.query("INSERT INTO revision (kind, item, number, document, state, action) VALUES ($1, $2, 1, $3, 'published', 'seed')", [kind, id, JSON.stringify(head.record)]);
    const number = (await value<number>(db, 'SELECT coalesce(max(number), 0) + 1 FROM revision WHERE kind = $1 AND item = $2', [kind, id]))!;
    await db.query(
      `INSERT INTO revision (kind, item, number, document, state, action, based_on, reverts_to, author, created_at, reason)
       VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10)`,
      [kind, id, number, record === null ? null : JSON.stringify(record), input.action, head?.head ?? null, input.revertsTo ?? null, actor.id, now(), input.reason],
    );
    await audit(db, actor.id, `draft.${input.action}`, `${kind}/${id}`, { revision: number, reason: input.reason });
    return this.result(db, (await this.headOf(db, kind, id))!);
  }

  /** The head a publisher acts on: the one If-Match names, with drafts waiting for review. */
  private async pendingHead(db: Queryable, { kind, id, expected }: ReviewInput): Promise<Head> {
    const head = await this.headOf(db, kind, id);
    if (!head || head.head !== expected) return this.stale(db, head, kind, id, expected);
    if (head.state !== 'draft') throw new EditRefused('nothing_pending', `${kind} ${id} has no draft waiting for review`);
    return head;
  }

  /** Every draft of the item published or rejected, by `actor`, for `reason`, at `at`. */
  private async conclude(db: Queryable, kind: ItemKind, id: string, state: 'published' | 'rejected', actor: Actor, reason: string | null, at = now()) {
    await db.query("UPDATE revision SET state = $1, reviewer = $2, reviewed_at = $3, review_reason = $4 WHERE kind = $5 AND item = $6 AND state = 'draft'", [state, actor.id, at, reason, kind, id]);
  }

  private async publishNow(db: pg.PoolClient, input: ReviewInput, actor: Actor, action: 'publish' | 'unpublish'): Promise<WriteResult> {
    const { kind, id } = input;
    const head = await this.pendingHead(db, input);
    const problems = referenceProblems(kind, id, head.record, await this.references(db, kind, id, head.record));
    if (problems.length)
      throw new EditRefused(head.record === null ? 'in_use' : 'references', `publishing ${kind} ${id} would break references: ${problems[0].message}`, problems);
    // One time for both: the published row's "last updated" is its revision's reviewed_at.
    const at = now();
    await this.apply(db, kind, id, head.record, at);
    await this.conclude(db, kind, id, 'published', actor, input.reason, at);
    await bumpRevision(db);
    await audit(db, actor.id, action, `${kind}/${id}`, { revision: head.head, reason: input.reason });
    return this.result(db, (await this.headOf(db, kind, id))!);
  }

  // ------------------------------------------------------------ the contract

  head(kind: ItemKind, id: string): Promise<Head | null> {
    return transaction(this.pool, (db) => this.headOf(db, kind, id), 'REPEATABLE READ READ ONLY');
  }

  saveDrafts(drafts: DraftInput[], actor: Actor): Promise<WriteResult[]> {
    return write(this.pool, async (db) => {
      const results: WriteResult[] = [];
      for (const d of drafts) results.push(await this.draft(db, d, actor));
      return results;
    });
  }

  async checkDrafts(drafts: DraftInput[], actor: Actor): Promise<(EditRefused | null)[]> {
    const outcomes: (EditRefused | null)[] = [];
    const dryRun = new Error('dry run');
    try {
      await write(this.pool, async (db) => {
        for (const d of drafts) {
          try {
            // A refused draft is undone alone: the ones before it stay in place for the next to see.
            await savepoint(db, () => this.draft(db, d, actor));
            outcomes.push(null);
          } catch (error) {
            outcomes.push(refusalOf(error));
          }
        }
        throw dryRun;
      });
    } catch (error) {
      if (error !== dryRun) throw error;
    }
    return outcomes;
  }

  publish(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return write(this.pool, (db) => this.publishNow(db, input, actor, 'publish'));
  }

  unpublish(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return write(this.pool, async (db) => {
      const { kind, id } = input;
      const head = await this.headOf(db, kind, id);
      if (!head || head.head !== input.expected) return this.stale(db, head, kind, id, input.expected);
      // Drafts waiting for review were never public and are not published by taking the item down.
      await this.conclude(db, kind, id, 'rejected', actor, `withdrawn with the item${input.reason ? `: ${input.reason}` : ''}`);
      const published = await this.headOf(db, kind, id);
      if (!published || published.record === null) throw new EditRefused('nothing_pending', `${kind} ${id} is not on the public map; reject its drafts instead`);
      const written = await this.draft(db, { kind, id, expected: published.head, record: null, action: 'delete', reason: input.reason }, actor);
      return this.publishNow(db, { ...input, expected: written.revision }, actor, 'unpublish');
    });
  }

  reject(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return write(this.pool, async (db) => {
      const { kind, id } = input;
      const head = await this.pendingHead(db, input);
      await this.conclude(db, kind, id, 'rejected', actor, input.reason);
      await audit(db, actor.id, 'reject', `${kind}/${id}`, { revision: head.head, reason: input.reason });
      const after = await this.headOf(db, kind, id);
      // A new item whose every draft is rejected: nothing is left of it.
      return after ? this.result(db, after) : { kind, item: id, revision: head.head, state: 'rejected' as const, etag: etagOf(await this.seededRevision(db), head.head), published: null };
    });
  }

  history(kind: ItemKind, id: string): Promise<History | null> {
    return transaction(this.pool, async (db) => historyFrom(kind, id, await this.rows(db, kind, id), await this.headOf(db, kind, id)), 'REPEATABLE READ READ ONLY');
  }

  async revisionOf(kind: ItemKind, id: string, number: number): Promise<Revision | null> {
    return (await this.history(kind, id))?.revisions.find((r) => r.number === number) ?? null;
  }

  review(): Promise<ReviewEntry[]> {
    return transaction(
      this.pool,
      async (db) => {
        const pending = await rows<{ kind: ItemKind; item: string }>(db, "SELECT DISTINCT kind, item FROM revision WHERE state = 'draft' ORDER BY kind, item");
        const seeded = await this.seededRevision(db);
        const entries: ReviewEntry[] = [];
        for (const { kind, item } of pending) entries.push(reviewEntryFrom((await this.headOf(db, kind, item))!, await this.rows(db, kind, item), seeded));
        return entries;
      },
      'REPEATABLE READ READ ONLY',
    );
  }

  async audit(options: { before?: number; limit: number }): Promise<AuditEntry[]> {
    const found = await rows<Omit<AuditEntry, 'detail'> & { detail: string | null }>(
      this.pool,
      `SELECT a.id, a.at, c.email AS actor, a.action, a.subject, a.detail FROM audit a LEFT JOIN account c ON c.id = a.actor
       WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2`,
      [options.before ?? Number.MAX_SAFE_INTEGER, options.limit],
    );
    return found.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
  }
}
