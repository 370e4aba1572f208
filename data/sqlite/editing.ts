// Drafts, publication, history and the audit log in SQLite. Every method that writes is one
// better-sqlite3 transaction (synchronous, so no other request runs inside it): it re-reads the
// head it is about to change, checks the editor's If-Match and the references against the
// published state, writes the revision and its audit record together, and on publication rewrites
// the published rows exactly as a seed would have written them, stamped with the publication time.
import type { Database } from 'better-sqlite3';
import { Plan, type Intervention, type Zone } from '../../geo/index.ts';
import type { AuditEntry, History, ItemKind, PlanItemRecord, ReviewEntry, Revision, WriteResult } from '../../geo/editing.ts';
import { REVISION_SELECT, headFrom, historyFrom, planOfItem, planWith, reviewEntryFrom, type RevisionRow } from '../revisions.ts';
import { EditRefused, etagOf, heldPlans, refusalOf, referenceProblems, staleRefusal, type Actor, type HeldPlans, type DraftInput, type EditRecord, type EditStore, type Head, type References, type ReviewInput } from '../editing.ts';
import { isMasterPlanType } from '../master-plan-types.ts';
import { audit } from './audit.ts';
import { contentContext, deleteIntervention, insertIntervention, insertZone, netBudgets, writePlans } from './load.ts';

const now = () => new Date().toISOString();

export class SqliteEditing implements EditStore {
  constructor(private readonly db: Database) {}

  // ------------------------------------------------------------ the published state

  /** The published record of an item, as written (no derived fields), or null. */
  private publishedRecord(kind: ItemKind, id: string): EditRecord | null {
    if (kind === 'intervention') {
      const json = this.db.prepare('SELECT document FROM intervention WHERE id = ?').pluck().get(id) as string | undefined;
      return json ? JSON.parse(json) : null;
    }
    if (kind === 'zone') {
      const json = this.db.prepare('SELECT feature FROM zone WHERE id = ?').pluck().get(id) as string | undefined;
      return json ? JSON.parse(json) : null;
    }
    const row = this.db.prepare('SELECT level, item FROM plan_item WHERE id = ?').get(id) as { level: PlanItemRecord['level']; item: string } | undefined;
    return row ? ({ level: row.level, ...JSON.parse(row.item) } as PlanItemRecord) : null;
  }

  /** The municipality's outline as parsed, for the store revision it was read at: an import checks thousands of rows against it. */
  private outline: { revision: string; held: HeldPlans } | null = null;

  private held(): HeldPlans {
    const revision = this.db.prepare("SELECT value FROM meta WHERE key = 'revision'").pluck().get() as string;
    if (this.outline?.revision !== revision) {
      const json = this.db.prepare("SELECT collection FROM layer WHERE name = 'municipality'").pluck().get() as string | undefined;
      this.outline = { revision, held: heldPlans(this.plans(), json ? JSON.parse(json).features : []) };
    }
    return this.outline.held;
  }

  private plans(): Plan[] {
    return (this.db.prepare('SELECT document FROM plan ORDER BY position').pluck().all() as string[]).map((d) => JSON.parse(d) as Plan);
  }

  private references(): References {
    const pluck = (sql: string, ...args: unknown[]) => this.db.prepare(sql).pluck().all(...args) as string[];
    return {
      planItemLevel: (id) => (this.db.prepare('SELECT level FROM plan_item WHERE id = ?').pluck().get(id) as 'goal' | 'priority' | 'measure' | undefined) ?? null,
      interventionKind: (id) => (this.db.prepare('SELECT kind FROM intervention WHERE id = ?').pluck().get(id) as 'project' | 'programme' | undefined) ?? null,
      settlementExists: (ekatte) => this.db.prepare('SELECT 1 FROM settlement WHERE ekatte = ?').get(ekatte) !== undefined,
      masterPlanTypeExists: isMasterPlanType,
      plans: () => this.held(),
      dependents: (kind, id) => {
        if (kind === 'intervention') return pluck('SELECT id FROM intervention WHERE programme_id = ? ORDER BY id', id);
        if (kind === 'zone') return [];
        return [
          ...pluck('SELECT id FROM plan_item WHERE parent_id = ? ORDER BY position', id),
          ...pluck('SELECT DISTINCT i.id FROM intervention_link l JOIN intervention i ON i.rowid = l.intervention WHERE l.plan_item = ? ORDER BY i.id', id),
        ];
      },
    };
  }

  /** Makes `record` (null: none) the published content of the item, published at `publishedAt`, with everything derived from it. */
  private apply(kind: ItemKind, id: string, record: EditRecord | null, publishedAt: string) {
    if (kind === 'intervention') {
      const old = this.db.prepare('SELECT rowid, programme_id FROM intervention WHERE id = ?').get(id) as { rowid: number; programme_id: string | null } | undefined;
      if (old !== undefined) deleteIntervention(this.db, old.rowid);
      if (record) {
        const rowid = old?.rowid ?? ((this.db.prepare('SELECT coalesce(max(rowid), 0) + 1 FROM intervention').pluck().get() as number));
        insertIntervention(this.db, rowid, record as Intervention, contentContext(this.db), publishedAt);
      }
      // Its own net budget when it is a programme, and those of the programmes it left or joined.
      const programmes = [id, old?.programme_id, (record as Intervention | null)?.properties.programmeId].filter((p): p is string => !!p);
      netBudgets(this.db, programmes);
      return;
    }
    if (kind === 'zone') {
      const old = this.db.prepare('SELECT rowid FROM zone WHERE id = ?').pluck().get(id) as number | undefined;
      this.db.prepare('DELETE FROM zone WHERE id = ?').run(id);
      if (record) insertZone(this.db, record as Zone, { zonesOf: true, rowid: old ?? null });
      return;
    }
    const plans = this.plans();
    const plan = plans[planOfItem(plans, id, record)] as unknown as Record<string, unknown[]>;
    const levelOf = this.db.prepare('SELECT level FROM plan_item WHERE id = ?').pluck().get(id) as PlanItemRecord['level'] | undefined;
    const level = (record as PlanItemRecord | null)?.level ?? levelOf;
    // A deletion of an item the public never saw leaves the plan as it is.
    if (level === undefined) return;
    planWith(plan, level, id, record);
    const checked = Plan.safeParse(plan);
    if (!checked.success)
      throw new EditRefused('references', 'the plan would not be valid', checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    writePlans(this.db, plans.map((p) => (p.id === checked.data.id ? checked.data : p)));
  }

  // ------------------------------------------------------------ revisions

  private rows(kind: ItemKind, id: string): RevisionRow[] {
    return this.db.prepare(`${REVISION_SELECT} WHERE r.kind = ? AND r.item = ? ORDER BY r.number`).all(kind, id) as RevisionRow[];
  }

  private seededRevision(): number | null {
    const value = this.db.prepare("SELECT value FROM meta WHERE key = 'seeded_revision'").pluck().get() as string | undefined;
    return value === undefined ? null : Number(value);
  }

  private headOf(kind: ItemKind, id: string): Head | null {
    return headFrom(kind, id, this.rows(kind, id), () => this.publishedRecord(kind, id));
  }

  private result(head: Head): WriteResult {
    return { kind: head.kind, item: head.item, revision: head.head, state: head.state, etag: etagOf(this.seededRevision(), head.head), published: head.published };
  }

  private stale(head: Head | null, kind: ItemKind, id: string, expected: number | null): never {
    if (!head) throw new EditRefused('not_found', `no ${kind} ${id}`);
    throw staleRefusal(head, this.seededRevision(), expected);
  }


  /** One draft, inside the caller's transaction. */
  private draft(input: DraftInput, actor: Actor): WriteResult {
    const { kind, id, record } = input;
    const head = this.headOf(kind, id);
    if (input.action === 'create') {
      // An id whose every draft was rejected is free again; a deleted item is restored by a revert.
      if (head) throw new EditRefused('exists', `${kind} ${id} exists already; ${head.record === null ? 'it is deleted: revert it to an earlier revision to restore it' : 'change it with PATCH'}`);
    } else {
      if (!head || head.head !== input.expected) this.stale(head, kind, id, input.expected);
      if (head.record === null && input.action !== 'revert') throw new EditRefused('deleted', `${kind} ${id} is deleted in its latest revision; revert to an earlier revision to restore it`);
    }
    const problems = referenceProblems(kind, id, record, this.references());
    if (problems.length) {
      if (record === null) throw new EditRefused('in_use', problems[0].message, problems);
      throw new EditRefused('invalid', `the ${kind} refers to something that does not exist`, problems);
    }
    // The seeded record becomes revision 1 at its first edit, so history and revert reach it.
    if (head && this.rows(kind, id).length === 0)
      this.db
        .prepare("INSERT INTO revision (kind, item, number, document, state, action) VALUES (?, ?, 1, ?, 'published', 'seed')")
        .run(kind, id, JSON.stringify(head.record));
    const number = (this.db.prepare('SELECT coalesce(max(number), 0) + 1 FROM revision WHERE kind = ? AND item = ?').pluck().get(kind, id) as number);
    const at = now();
    this.db
      .prepare(
        `INSERT INTO revision (kind, item, number, document, state, action, based_on, reverts_to, author, created_at, reason)
         VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
      )
      .run(kind, id, number, record === null ? null : JSON.stringify(record), input.action, head?.head ?? null, input.revertsTo ?? null, actor.id, at, input.reason);
    audit(this.db, actor.id, `draft.${input.action}`, `${kind}/${id}`, { revision: number, reason: input.reason });
    return this.result(this.headOf(kind, id)!);
  }

  /** The head a publisher acts on: the one If-Match names, with drafts waiting for review. */
  private pendingHead({ kind, id, expected }: ReviewInput): Head {
    const head = this.headOf(kind, id);
    if (!head || head.head !== expected) this.stale(head, kind, id, expected);
    if (head.state !== 'draft') throw new EditRefused('nothing_pending', `${kind} ${id} has no draft waiting for review`);
    return head;
  }

  /** Every draft of the item published or rejected, by `actor`, for `reason`, at `at`. */
  private conclude(kind: ItemKind, id: string, state: 'published' | 'rejected', actor: Actor, reason: string | null, at = now()) {
    this.db
      .prepare("UPDATE revision SET state = ?, reviewer = ?, reviewed_at = ?, review_reason = ? WHERE kind = ? AND item = ? AND state = 'draft'")
      .run(state, actor.id, at, reason, kind, id);
  }

  private publishNow(input: ReviewInput, actor: Actor, action: 'publish' | 'unpublish'): WriteResult {
    const { kind, id } = input;
    const head = this.pendingHead(input);
    const problems = referenceProblems(kind, id, head.record, this.references());
    if (problems.length)
      throw new EditRefused(head.record === null ? 'in_use' : 'references', `publishing ${kind} ${id} would break references: ${problems[0].message}`, problems);
    // One time for both: the published row's "last updated" is its revision's reviewed_at.
    const at = now();
    this.apply(kind, id, head.record, at);
    this.conclude(kind, id, 'published', actor, input.reason, at);
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'").run();
    audit(this.db, actor.id, action, `${kind}/${id}`, { revision: head.head, reason: input.reason });
    return this.result(this.headOf(kind, id)!);
  }

  // ------------------------------------------------------------ the contract

  async head(kind: ItemKind, id: string): Promise<Head | null> {
    return this.headOf(kind, id);
  }

  async saveDrafts(drafts: DraftInput[], actor: Actor): Promise<WriteResult[]> {
    return this.db.transaction(() => drafts.map((d) => this.draft(d, actor)))();
  }

  async checkDrafts(drafts: DraftInput[], actor: Actor): Promise<(EditRefused | null)[]> {
    const outcomes: (EditRefused | null)[] = [];
    const dryRun = new Error('dry run');
    try {
      this.db.transaction(() => {
        for (const d of drafts) {
          try {
            // A nested transaction is a savepoint: a refused draft leaves the ones before it in place.
            this.db.transaction(() => this.draft(d, actor))();
            outcomes.push(null);
          } catch (error) {
            outcomes.push(refusalOf(error));
          }
        }
        throw dryRun;
      })();
    } catch (error) {
      if (error !== dryRun) throw error;
    }
    return outcomes;
  }

  async publish(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return this.db.transaction(() => this.publishNow(input, actor, 'publish'))();
  }

  async unpublish(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return this.db.transaction(() => {
      const { kind, id } = input;
      const head = this.headOf(kind, id);
      if (!head || head.head !== input.expected) this.stale(head, kind, id, input.expected);
      // Drafts waiting for review were never public and are not published by taking the item down.
      this.conclude(kind, id, 'rejected', actor, `withdrawn with the item${input.reason ? `: ${input.reason}` : ''}`);
      const published = this.headOf(kind, id);
      if (!published || published.record === null) throw new EditRefused('nothing_pending', `${kind} ${id} is not on the public map; reject its drafts instead`);
      const written = this.draft({ kind, id, expected: published.head, record: null, action: 'delete', reason: input.reason }, actor);
      return this.publishNow({ ...input, expected: written.revision }, actor, 'unpublish');
    })();
  }

  async reject(input: ReviewInput, actor: Actor): Promise<WriteResult> {
    return this.db.transaction(() => {
      const { kind, id } = input;
      const head = this.pendingHead(input);
      this.conclude(kind, id, 'rejected', actor, input.reason);
      audit(this.db, actor.id, 'reject', `${kind}/${id}`, { revision: head.head, reason: input.reason });
      const after = this.headOf(kind, id);
      // A new item whose every draft is rejected: nothing is left of it.
      return after ? this.result(after) : { kind, item: id, revision: head.head, state: 'rejected' as const, etag: etagOf(this.seededRevision(), head.head), published: null };
    })();
  }

  async history(kind: ItemKind, id: string): Promise<History | null> {
    return historyFrom(kind, id, this.rows(kind, id), this.headOf(kind, id));
  }

  async revisionOf(kind: ItemKind, id: string, number: number): Promise<Revision | null> {
    return (await this.history(kind, id))?.revisions.find((r) => r.number === number) ?? null;
  }

  async review(): Promise<ReviewEntry[]> {
    const pending = this.db.prepare("SELECT DISTINCT kind, item FROM revision WHERE state = 'draft' ORDER BY kind, item").all() as { kind: ItemKind; item: string }[];
    return pending.map(({ kind, item }) => reviewEntryFrom(this.headOf(kind, item)!, this.rows(kind, item), this.seededRevision()));
  }

  async audit(options: { before?: number; limit: number }): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.at, c.email AS actor, a.action, a.subject, a.detail FROM audit a LEFT JOIN account c ON c.id = a.actor
         WHERE a.id < ? ORDER BY a.id DESC LIMIT ?`,
      )
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
    return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
  }
}
