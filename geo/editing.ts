// What planners write and what the editing API answers: roles, the revisions of an item (drafts,
// published, rejected), the review queue and the audit log, described once for the store, the
// OpenAPI document and the web editor. Also the two pure operations every write needs: an RFC 7396
// merge patch, and the field-by-field difference between two versions of a record.
import { z } from 'zod';
import { Intervention, withProgressRaw } from './intervention.ts';
import { MunicipalityCode } from './municipality.ts';
import { geometryProblems, normaliseGeometry } from './normalise.ts';
import { Goal, Measure, Priority } from './plan.ts';
import { Zone } from './zone.ts';

// ---------------------------------------------------------------- accounts

/**
 * Editors draft, publishers review, publish and answer citizens, moderators decide which citizens'
 * contributions are published, admins manage users and may do everything. A moderator's work is
 * beside the planners', not above it: a moderator cannot edit the plan, nor an editor moderate.
 */
export const ROLES = ['editor', 'publisher', 'moderator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const MAY: Record<Role, readonly Role[]> = {
  editor: ['editor'],
  publisher: ['editor', 'publisher'],
  moderator: ['moderator'],
  admin: ROLES,
};

export function roleAllows(role: Role, needed: Role): boolean {
  return MAY[role].includes(needed);
}

/** An account as staff see it; the public never does. */
export const Account = z.object({
  id: z.number().int(),
  email: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof Account>;

export const Me = z.object({ account: Account, sessionExpiresAt: z.string() });
export type Me = z.infer<typeof Me>;

/** Without control characters: scrypt keys HMAC with the password, and HMAC pads a key with
 * zero bytes, so "secret" and "secret\u0000" would be the same password. */
const Password = z
  .string()
  .max(1024)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a password has no control characters');

export const Login = z.object({ email: z.string().min(1).max(254), password: Password.min(1) });

export const AccountChange = z
  .object({ role: Role.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((c) => c.role !== undefined || c.disabled !== undefined, 'name role, disabled or both');

export const NewAccount = z.object({
  email: z.email().max(254),
  role: Role,
  /** at least 12 characters: long passwords beat complicated ones */
  password: Password.min(12),
});

// ---------------------------------------------------------------- what can be edited

export const ITEM_KINDS = ['intervention', 'plan-item', 'zone'] as const;
export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKind>;

/**
 * Whose plan a plan item is in. An item already in a plan stays there, and one under a parent is in
 * its parent's plan; this decides only for a new item without a parent, and must agree with the others.
 */
const planOf = {
  municipality: MunicipalityCode.optional().describe(
    "the municipality whose plan the item is in: a new goal (or a priority or measure without a parent) joins that plan. Required for those where several municipalities' plans are held; must agree with the item's own plan and its parent's",
  ),
};

/** A plan item as written through the API: the goal, priority or measure record with its level. */
export const PlanItemRecord = z.discriminatedUnion('level', [
  Goal.extend({ level: z.literal('goal'), ...planOf }),
  Priority.extend({ level: z.literal('priority'), ...planOf }),
  Measure.extend({ level: z.literal('measure'), ...planOf }),
]);
export type PlanItemRecord = z.infer<typeof PlanItemRecord>;

// ---------------------------------------------------------------- checking a record

/** One problem with a record: the JSON path of the field and what is wrong with it. */
export interface Problem {
  path: string;
  message: string;
}

export const LIMITS = {
  /** positions in one geometry: a street or a zone drawn by hand has hundreds, not tens of thousands */
  vertices: 20_000,
  /** records in one request */
  items: 100,
};

/** The schema of each kind's records: the dataset's own. */
export const RECORD_SCHEMA: Record<ItemKind, z.ZodType> = { intervention: Intervention, 'plan-item': PlanItemRecord, zone: Zone };

export type RecordCheck =
  | { ok: true; record: unknown }
  | { ok: false; code: 'invalid' | 'too_large'; message: string; details: Problem[] | { positions: number; limit: number } };

function countPositions(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  if (typeof value[0] === 'number') return 1;
  let n = 0;
  for (const v of value) n += countPositions(v);
  return n;
}

const pathOf = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(record)');

/**
 * A record as the dataset would hold it, or every problem with it. The geometry is checked with
 * the messages import gives, rounded to 6 decimals and rewound (RFC 7946); then the whole record
 * meets the same zod schema as the dataset files. The server writes only what passes; the editor
 * runs the same function before it sends, so a planner sees the server's words at once.
 */
/** `previous`: the record this one is written over, when known (see withCurrentStatus). */
export function checkRecord(kind: ItemKind, raw: unknown, previous?: unknown): RecordCheck {
  const invalid = (message: string, details: Problem[]): RecordCheck => ({ ok: false, code: 'invalid', message, details });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid('the body must be a JSON object', [{ path: '(record)', message: 'expected an object' }]);
  let record = raw as Record<string, unknown>;
  if (kind !== 'plan-item' && 'geometry' in record && record.geometry !== null) {
    const positions = countPositions((record.geometry as { coordinates?: unknown })?.coordinates);
    if (positions > LIMITS.vertices)
      return { ok: false, code: 'too_large', message: `the geometry has ${positions} positions; at most ${LIMITS.vertices} are accepted`, details: { positions, limit: LIMITS.vertices } };
    const problems = geometryProblems(record.geometry);
    if (problems.length) return invalid('the geometry is not valid', problems.map((message) => ({ path: 'geometry', message })));
    try {
      record = { ...record, geometry: normaliseGeometry(record.geometry, String(record.id ?? '')) };
    } catch (error) {
      const problems = (error as { problems?: string[] }).problems ?? [(error as Error).message];
      return invalid('the geometry is not valid', problems.map((message) => ({ path: 'geometry', message })));
    }
  }
  // An intervention's status follows its progress entries (a new entry, or a status changed on its own).
  const result = RECORD_SCHEMA[kind].safeParse(kind === 'intervention' ? withProgressRaw(record, previous) : record);
  if (!result.success) return invalid(`the ${kind} does not meet the schema`, result.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
  const nul = nulProblems(result.data);
  if (nul.length) return invalid(`the ${kind} holds the NUL character`, nul);
  return { ok: true, record: result.data };
}

/**
 * Text with NUL in it: no person types it, PostgreSQL text and jsonb cannot hold it, and it would
 * be kept on one store and refused by another; every store refuses it alike.
 */
function nulProblems(value: unknown, path: (string | number)[] = []): Problem[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ path: pathOf(path), message: 'text may not hold the NUL character (U+0000)' }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulProblems(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulProblems(v, [...path, k]));
  return [];
}

// ---------------------------------------------------------------- revisions

export const RevisionState = z.enum(['draft', 'published', 'rejected']);
export type RevisionState = z.infer<typeof RevisionState>;
export const RevisionAction = z.enum(['seed', 'create', 'update', 'delete', 'revert']);
export type RevisionAction = z.infer<typeof RevisionAction>;

export const Change = z.object({
  /** dotted path of the field, e.g. properties.title.bg; `geometry` is one field */
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type Change = z.infer<typeof Change>;

export const Revision = z.object({
  kind: ItemKind,
  item: z.string(),
  /** 1, 2, 3 … per item; the first is the record as seeded or created */
  number: z.number().int().positive(),
  state: RevisionState,
  action: RevisionAction,
  /** the revision this one was written over; null for the first */
  basedOn: z.number().int().nullable(),
  /** for a revert, the revision whose content it brings back */
  revertsTo: z.number().int().nullable(),
  /** the record in this revision; null when the revision deletes the item */
  document: z.unknown().nullable(),
  author: z.string().nullable().describe('email of the editor; null for the seed'),
  createdAt: z.string().nullable().describe('null for the seed'),
  reason: z.string().nullable(),
  reviewer: z.string().nullable().describe('who published or rejected it'),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
});
export type Revision = z.infer<typeof Revision>;

export const HistoryEntry = Revision.extend({ changes: z.array(Change).describe('what this revision changed from the one it was based on') });
export const History = z.object({ kind: ItemKind, item: z.string(), published: z.number().int().nullable(), head: z.number().int(), revisions: z.array(HistoryEntry) });
export type History = z.infer<typeof History>;

/** One item waiting for review: what the public sees now, what the drafts would make it, and why. */
export const ReviewEntry = z.object({
  kind: ItemKind,
  item: z.string(),
  etag: z.string().describe('send as If-Match to publish or reject exactly this'),
  published: z.number().int().nullable(),
  head: z.number().int(),
  deletes: z.boolean(),
  changes: z.array(Change),
  geometry: z.object({ before: z.unknown().nullable(), after: z.unknown().nullable() }).nullable().describe('GeoJSON geometries, when the geometry changed'),
  drafts: z.array(Revision.omit({ document: true })),
});
export type ReviewEntry = z.infer<typeof ReviewEntry>;
export const ReviewQueue = z.object({ items: z.array(ReviewEntry) });

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable().describe('email; null for the command line'),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.number().int().nullable() });

/** What a write answers: the item's head after it, and where the public stands. */
export const WriteResult = z.object({
  kind: ItemKind,
  item: z.string(),
  revision: z.number().int(),
  state: RevisionState,
  etag: z.string(),
  published: z.number().int().nullable(),
});
export type WriteResult = z.infer<typeof WriteResult>;
export const WriteResults = z.object({ items: z.array(WriteResult) });

// ---------------------------------------------------------------- merge patch and differences

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7396: objects merge member by member, anything else replaces. Null removes a member; our
 * records carry every member and say "unknown" with null, so a member the record has becomes null
 * (what a removed member would mean) instead of disappearing and failing the schema.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (key in out) out[key] = null;
    } else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/**
 * Field-by-field difference: objects are walked, anything else (a string, a list of sources, the
 * geometry) is one field compared as a whole, so a moved point is one change and not a hundred.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): Change[] {
  if (path !== 'geometry' && isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(record)', before: (before ?? null) as Json, after: (after ?? null) as Json }];
}
