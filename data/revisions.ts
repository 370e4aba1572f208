// What every engine makes of its revision rows, engine-neutral: a row as a Revision, the head of
// an item from its rows, its history, and what the review list shows of it. Engines read the rows
// (data/sqlite/editing.ts, data/postgres/editing.ts) inside their own transactions; the rules of
// what a head is live here once.
import { fieldChanges, type History, type ItemKind, type PlanItemRecord, type ReviewEntry, type Revision } from '../geo/editing.ts';
import { etagOf, type EditRecord, type Head } from './editing.ts';
import { itemsOf, type Goal, type Measure, type Priority } from '../geo/plan.ts';

export interface RevisionRow {
  kind: ItemKind;
  item: string;
  number: number;
  document: string | null;
  state: Revision['state'];
  action: Revision['action'];
  based_on: number | null;
  reverts_to: number | null;
  author: string | null;
  created_at: string | null;
  reason: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
  review_reason: string | null;
}

/** The revisions with their authors' and reviewers' emails; engines add `WHERE r.kind = … AND r.item = … ORDER BY r.number`. */
export const REVISION_SELECT = `
  SELECT r.kind, r.item, r.number, r.document, r.state, r.action, r.based_on, r.reverts_to, a.email AS author, r.created_at,
         r.reason, v.email AS reviewer, r.reviewed_at, r.review_reason
  FROM revision r LEFT JOIN account a ON a.id = r.author LEFT JOIN account v ON v.id = r.reviewer`;

export function toRevision(row: RevisionRow): Revision {
  return {
    kind: row.kind,
    item: row.item,
    number: row.number,
    state: row.state,
    action: row.action,
    basedOn: row.based_on,
    revertsTo: row.reverts_to,
    document: row.document === null ? null : JSON.parse(row.document),
    author: row.author,
    createdAt: row.created_at,
    reason: row.reason,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    reviewReason: row.review_reason,
  };
}

/**
 * The head of an item from its revision rows in order; with none, from its published record (a
 * seeded item nobody edited is its own revision 1). Null when nothing is left of it.
 */
export function headFrom(kind: ItemKind, id: string, rows: RevisionRow[], published: () => EditRecord | null): Head | null {
  if (rows.length === 0) {
    const record = published();
    return record ? { kind, item: id, head: 1, state: 'published', record, published: 1 } : null;
  }
  const live = rows.filter((r) => r.state !== 'rejected');
  // A published deletion is not something the public sees.
  const seen = live.filter((r) => r.state === 'published').at(-1);
  const visible = seen?.document === null ? undefined : seen;
  const head = live.at(-1);
  // Every draft of a never-published item rejected: nothing is left of it.
  if (!head) return null;
  return { kind, item: id, head: head.number, state: head.state as Head['state'], record: head.document === null ? null : JSON.parse(head.document), published: visible?.number ?? null };
}

/** The history of an item from its rows and head; an item never edited shows its seeded record as revision 1. */
export function historyFrom(kind: ItemKind, id: string, rows: RevisionRow[], head: Head | null): History | null {
  let revisions = rows.map(toRevision);
  if (revisions.length === 0) {
    if (!head) return null;
    revisions = [{ kind, item: id, number: 1, state: 'published', action: 'seed', basedOn: null, revertsTo: null, document: head.record, author: null, createdAt: null, reason: null, reviewer: null, reviewedAt: null, reviewReason: null }];
  }
  const byNumber = new Map(revisions.map((r) => [r.number, r]));
  return {
    kind,
    item: id,
    published: head?.published ?? null,
    head: head?.head ?? revisions.at(-1)!.number,
    revisions: revisions.map((r) => ({ ...r, changes: fieldChanges(r.basedOn === null ? null : byNumber.get(r.basedOn)?.document ?? null, r.document) })),
  };
}

/** What a publisher reviews of an item with drafts: the changes against what the public sees, and whether it moves. */
export function reviewEntryFrom(head: Head, rows: RevisionRow[], seededRevision: number | null): ReviewEntry {
  const { kind, item } = head;
  const revisions = rows.map(toRevision);
  const published = revisions.filter((r) => r.state === 'published').at(-1)?.document ?? null;
  const before = published as { geometry?: unknown } | null;
  const after = head.record as { geometry?: unknown } | null;
  const moved = kind !== 'plan-item' && JSON.stringify(before?.geometry ?? null) !== JSON.stringify(after?.geometry ?? null);
  return {
    kind,
    item,
    etag: etagOf(seededRevision, head.head),
    published: head.published,
    head: head.head,
    deletes: head.record === null,
    changes: fieldChanges(published, head.record),
    geometry: moved ? { before: before?.geometry ?? null, after: after?.geometry ?? null } : null,
    drafts: revisions.filter((r) => r.state === 'draft').map(({ document: _, ...r }) => r),
  };
}

/**
 * Of the plans held (the default first), the one a plan item's edit goes to: the plan that has it,
 * else the plan of its parent (a new priority joins its goal's plan), else the plan of the
 * municipality it names, else the default plan. The checks (data/editing.ts) refuse a record whose
 * municipality disagrees, or that names none where several plans are held.
 */
export function planOfItem(
  plans: readonly { municipality: { code: string }; goals: { id: string }[]; priorities: { id: string }[]; measures: { id: string }[] }[],
  id: string,
  record: EditRecord | null,
): number {
  const has = (x: string | null | undefined) => (p: (typeof plans)[number]) => !!x && itemsOf(p).some((i) => i.id === x);
  const own = plans.findIndex(has(id));
  if (own >= 0) return own;
  const item = record as { goalId?: string | null; priorityId?: string | null; municipality?: string } | null;
  const parents = plans.findIndex(has(item?.goalId ?? item?.priorityId));
  if (parents >= 0) return parents;
  return Math.max(0, plans.findIndex((p) => p.municipality.code === item?.municipality));
}

/** The item as its plan holds it: its level and its plan's municipality say where it sits, and are not fields of it. */
export function planItemOf(record: PlanItemRecord): Goal | Priority | Measure {
  const { level: _, municipality: _m, ...item } = record;
  return item;
}

/** A plan document with one item put in, replaced or taken out (null), before it is checked and written. */
export function planWith(plan: Record<string, unknown[]>, level: 'goal' | 'priority' | 'measure', id: string, record: EditRecord | null): Record<string, unknown[]> {
  const list = plan[{ goal: 'goals', priority: 'priorities', measure: 'measures' }[level]] as { id: string }[];
  const at = list.findIndex((item) => item.id === id);
  if (record) {
    const item = planItemOf(record as PlanItemRecord);
    if (at >= 0) list[at] = item;
    else list.push(item);
  } else if (at >= 0) list.splice(at, 1);
  return plan;
}
