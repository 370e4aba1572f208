// Editing, engine-neutral: how a record a planner sends becomes a valid record (the dataset's own
// zod schemas, geometry normalised as on import, limits), which references it must keep, and what an
// engine promises about drafts, publication and history. Engines (data/sqlite/editing.ts) run each
// write as one transaction; the checks that need the current state run inside it through
// `References`, so a check and the write it allows cannot be split by another writer.
import { itemsOf, periodStart, today, type Geometry, type Intervention, type Plan, type Zone } from '../geo/index.ts';
import {
  checkRecord,
  type PlanItemRecord,
  type Problem,
  type AuditEntry,
  type History,
  type ItemKind,
  type ReviewEntry,
  type Revision,
  type RevisionAction,
  type WriteResult,
} from '../geo/editing.ts';
import { pointInGeometry, representativePoint, type Areal } from '../geo/spatial.ts';

export { LIMITS, RECORD_SCHEMA, type ItemKind, type Problem } from '../geo/editing.ts';
export type EditRecord = Intervention | Zone | PlanItemRecord;


/** Problems listed in one answer: enough to fix a record, never an answer larger than the request. */
const MAX_PROBLEMS = 50;
const MAX_MESSAGE = 300;

/** A check's outcome when it threw: the refusal, as a dry run records it; any other error goes on. */
export function refusalOf(error: unknown): EditRefused {
  if (!(error instanceof EditRefused)) throw error;
  return error;
}

/** A write the store will not make, and why; the API turns each code into its HTTP status. */
export class EditRefused extends Error {
  readonly details: unknown;
  constructor(
    readonly code: 'invalid' | 'too_large' | 'not_found' | 'exists' | 'stale' | 'deleted' | 'in_use' | 'nothing_pending' | 'references',
    message: string,
    details: unknown = null,
  ) {
    super(message);
    this.details = Array.isArray(details) ? bounded(details as Problem[]) : details;
  }
}

/** The first problems, each message cut short (a message may quote a whole array of coordinates). */
function bounded(problems: Problem[]): Problem[] {
  const cut = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => ({ path: cut(p.path), message: cut(p.message) }));
  if (problems.length > MAX_PROBLEMS) shown.push({ path: '(record)', message: `and ${problems.length - MAX_PROBLEMS} more problems` });
  return shown;
}

/**
 * A record as the dataset would hold it (see checkRecord in geo/editing.ts, which the editor in the
 * browser runs too), or an EditRefused naming every problem.
 */
export function prepareRecord(kind: ItemKind, raw: unknown, previous?: unknown): EditRecord {
  const checked = checkRecord(kind, raw, previous);
  if (checked.ok) return checked.record as EditRecord;
  throw new EditRefused(checked.code, checked.message, checked.details);
}

// ---------------------------------------------------------------- references

/** What the checks below ask of the current published state; engines answer inside the write. */
export interface References {
  planItemLevel(id: string): 'goal' | 'priority' | 'measure' | null;
  /** null when there is no such intervention; undefined when it exists but cannot be read (an invalid record in a dataset, reported on its own) */
  interventionKind(id: string): 'project' | 'programme' | null | undefined;
  settlementExists(ekatte: string): boolean;
  /** whether a code is a zone type of the master-plan vocabulary (data/master-plan-types.ts) */
  masterPlanTypeExists(code: string): boolean;
  /** the plans held, their items' municipalities and the municipalities' boundaries */
  plans(): HeldPlans;
  /** ids of the interventions that link to a plan item, the plan items under it, the members of a programme */
  dependents(kind: ItemKind, id: string): string[];
}

export function interventionProblems(record: Intervention, refs: References): Problem[] {
  const problems: Problem[] = [];
  const p = record.properties;
  if (p.settlement !== null && !refs.settlementExists(p.settlement))
    problems.push({ path: 'properties.settlement', message: `unknown ЕКАТТЕ code ${p.settlement}` });
  p.planLinks.forEach((link, i) => {
    const level = refs.planItemLevel(link.id);
    if (level === null) problems.push({ path: `properties.planLinks.${i}.id`, message: `no plan item ${link.id} in the plan` });
    else if (level !== link.level) problems.push({ path: `properties.planLinks.${i}.level`, message: `${link.id} is a ${level}, not a ${link.level}` });
  });
  if (p.programmeId !== null) {
    const kind = refs.interventionKind(p.programmeId);
    if (kind === null) problems.push({ path: 'properties.programmeId', message: `no intervention ${p.programmeId}` });
    else if (kind === 'project') problems.push({ path: 'properties.programmeId', message: `${p.programmeId} is not a programme` });
  }
  // An entry says what has happened; a plan for later is the intervention's period, not an entry.
  const now = today();
  p.progress.forEach((entry, i) => {
    if (periodStart(entry.date) > now) problems.push({ path: `properties.progress.${i}.date`, message: `${entry.date} is after today (${now}); a progress entry records what has happened` });
  });
  const held = refs.plans();
  // With one plan held, an item that names no municipality serves it; with several, it says which.
  const code = p.municipality ?? (held.codes.length === 1 ? held.codes[0] : undefined);
  if (p.municipality === undefined && held.codes.length > 1)
    problems.push({ path: 'properties.municipality', message: `the plans of ${held.codes.length} municipalities are held here: name the one this item serves (e.g. ${held.codes[0]})` });
  else if (p.municipality !== undefined && held.codes.length && !held.codes.includes(p.municipality))
    problems.push({ path: 'properties.municipality', message: `no plan of municipality ${p.municipality} is held here` });
  if (code && held.codes.length > 1)
    p.planLinks.forEach((link, i) => {
      const owner = held.itemMunicipality.get(link.id);
      if (owner !== undefined && owner !== code) problems.push({ path: `properties.planLinks.${i}.id`, message: `${link.id} is an item of municipality ${owner}'s plan, not of ${code}'s` });
    });
  const municipality = code ? (held.boundary.get(code) ?? null) : null;
  if (record.geometry && municipality && !p.outsideMunicipality && !pointInGeometry(representativePoint(record.geometry as Geometry), municipality))
    problems.push({ path: 'geometry', message: 'lies outside the municipality; set outsideMunicipality and say why in locationBasis' });
  return problems;
}

/** The plans held and what the checks ask of them: whose each item is, and each municipality's boundary. */
export interface HeldPlans {
  /** the codes of the municipalities whose plans are held, the default plan's first */
  codes: string[];
  itemMunicipality: Map<string, string>;
  boundary: Map<string, Areal>;
}

/** HeldPlans from the plans and the `municipality` layer's features (each named by its code). */
export function heldPlans(plans: readonly Plan[], outlines: readonly { id?: string | number; geometry: unknown }[]): HeldPlans {
  const itemMunicipality = new Map<string, string>();
  for (const plan of plans)
    for (const item of itemsOf(plan)) itemMunicipality.set(item.id, plan.municipality.code);
  return {
    codes: plans.map((p) => p.municipality.code),
    itemMunicipality,
    boundary: new Map(outlines.map((f) => [String(f.id), f.geometry as Areal])),
  };
}

/** A master-plan zone's type code must be one of the vocabulary's, so its legend, colour and name exist. */
export function zoneProblems(record: Zone, refs: References): Problem[] {
  const code = record.properties.masterPlanType;
  if (code === undefined || code === null || refs.masterPlanTypeExists(code)) return [];
  return [{ path: 'properties.masterPlanType', message: `unknown master-plan zone type ${code}; see GET /api/master-plan/zone-types` }];
}

function planItemProblems(record: PlanItemRecord, refs: References): Problem[] {
  const parent = record.level === 'priority' ? { id: record.goalId, level: 'goal', path: 'goalId' } : record.level === 'measure' ? { id: record.priorityId, level: 'priority', path: 'priorityId' } : null;
  if (parent && parent.id !== null) {
    const level = refs.planItemLevel(parent.id);
    if (level !== parent.level) return [{ path: parent.path, message: level === null ? `no ${parent.level} ${parent.id} in the plan` : `${parent.id} is a ${level}, not a ${parent.level}` }];
  }
  // An item stays in its own plan: its parent must be of the same municipality's plan, and the
  // municipality it names must be that plan's. A new item without a parent joins the plan it names.
  const held = refs.plans();
  const own = held.itemMunicipality.get(record.id);
  const theirs = parent?.id ? held.itemMunicipality.get(parent.id) : undefined;
  if (parent && own !== undefined && theirs !== undefined && own !== theirs)
    return [{ path: parent.path, message: `${parent.id} is of municipality ${theirs}'s plan; ${record.id} is of ${own}'s` }];
  const named = record.municipality;
  const placed = own ?? theirs;
  if (named !== undefined && !held.codes.includes(named)) return [{ path: 'municipality', message: `no plan of municipality ${named} is held here` }];
  if (named !== undefined && placed !== undefined && named !== placed)
    return [{ path: 'municipality', message: own !== undefined ? `${record.id} is in municipality ${own}'s plan` : `${parent!.id} is of municipality ${theirs}'s plan` }];
  if (named === undefined && placed === undefined && held.codes.length > 1)
    return [{ path: 'municipality', message: `the plans of ${held.codes.length} municipalities are held here: name the one whose plan this ${record.level} joins (e.g. ${held.codes[0]})` }];
  return [];
}

/** What would break if `record` (null: the item deleted) were published now. */
export function referenceProblems(kind: ItemKind, id: string, record: EditRecord | null, refs: References): Problem[] {
  if (record === null) {
    const dependents = refs.dependents(kind, id);
    return dependents.length ? [{ path: '(record)', message: `${id} is still referred to by ${dependents.slice(0, 20).join(', ')}${dependents.length > 20 ? ` and ${dependents.length - 20} more` : ''}` }] : [];
  }
  if (kind === 'intervention') {
    const problems = interventionProblems(record as Intervention, refs);
    // A programme turned into a project would leave its members pointing at a project.
    const members = (record as Intervention).properties.kind === 'project' ? refs.dependents(kind, id) : [];
    if (members.length) problems.push({ path: 'properties.kind', message: `${id} has members (${members.slice(0, 5).join(', ')}); it must stay a programme` });
    return problems;
  }
  if (kind === 'plan-item') {
    const problems = planItemProblems(record as PlanItemRecord, refs);
    const level = refs.planItemLevel(id);
    if (level !== null && level !== (record as PlanItemRecord).level)
      problems.push({ path: 'level', message: `${id} is a ${level}; a plan item keeps its level (create a new item instead)` });
    return problems;
  }
  return zoneProblems(record as Zone, refs);
}

// ---------------------------------------------------------------- the engine's side

export interface Actor {
  id: number;
  email: string;
}

export interface DraftInput {
  kind: ItemKind;
  id: string;
  /** the head revision the editor saw (from If-Match); null when creating */
  expected: number | null;
  /** the new record; null deletes the item */
  record: EditRecord | null;
  action: RevisionAction;
  revertsTo?: number;
  reason: string | null;
}

export interface Head {
  kind: ItemKind;
  item: string;
  /** the latest revision that is not rejected */
  head: number;
  state: 'draft' | 'published';
  /** the record at the head; null when the head deletes the item */
  record: EditRecord | null;
  /** the revision the public sees; null when it has never been published or is deleted */
  published: number | null;
}

export interface ReviewInput {
  kind: ItemKind;
  id: string;
  expected: number;
  reason: string | null;
}

/** What every engine offers for editing; each method that writes is one transaction with its audit record. */
export interface EditStore {
  /** The head of an item as editors see it, or null when no revision of it exists. */
  head(kind: ItemKind, id: string): Promise<Head | null>;
  /**
   * What saveDrafts would refuse of each draft, written in order as one write would (so a later
   * draft sees the earlier ones), without writing anything: null for a draft it would accept.
   */
  checkDrafts(drafts: DraftInput[], actor: Actor): Promise<(EditRefused | null)[]>;
  /** Writes drafts (all or none) over the heads the editor saw; refuses stale heads and broken references. */
  saveDrafts(drafts: DraftInput[], actor: Actor): Promise<WriteResult[]>;
  /** Publishes the pending drafts of an item as of head `expected`; bumps the store revision. */
  publish(input: ReviewInput, actor: Actor): Promise<WriteResult>;
  /** Discards the pending drafts of an item. */
  reject(input: ReviewInput, actor: Actor): Promise<WriteResult>;
  history(kind: ItemKind, id: string): Promise<History | null>;
  revisionOf(kind: ItemKind, id: string, number: number): Promise<Revision | null>;
  /** Takes an item off the public map at once: a deletion written and published together. */
  unpublish(input: ReviewInput, actor: Actor): Promise<WriteResult>;
  review(): Promise<ReviewEntry[]>;
  /** The audit log, newest first, `limit` entries older than entry `before`. */
  audit(options: { before?: number; limit: number }): Promise<AuditEntry[]>;
}

/** The ETag of an item's revision; the seed it stands on is part of it, so a reseed makes every old tag stale. */
export const etagOf = (seed: number | null, revision: number) => `"${seed ?? 0}.${revision}"`;

/** The 412 for an If-Match that names another revision than the head, with the head to redo the change over. */
export function staleRefusal(head: Head, seed: number | null, expected: number | null): EditRefused {
  const named = expected === null || expected < 0 ? 'If-Match names no revision of it' : `its head is revision ${head.head}, not ${expected}`;
  return new EditRefused('stale', `${head.kind} ${head.item} has changed: ${named}; read it again and redo the change over it`, {
    current: { revision: head.head, state: head.state, etag: etagOf(seed, head.head), record: head.record },
  });
}
