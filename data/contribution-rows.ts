// A citizen's contribution as every engine reads it: the columns anyone may read (never the
// contact or the address), the row as the public, its author and the staff see it, and the filter
// of the public list. Engines (data/sqlite/contributions.ts, data/postgres/contributions.ts) run
// the SQL; the shapes are made here once.
import { daysBetween, type Contribution, type ContributionState, type OwnContribution, type RejectReason, type StaffContribution } from '../geo/contribution.ts';
import type { ContributionFilter } from './contributions.ts';

export interface Row {
  id: number;
  kind: StaffContribution['kind'];
  text: string;
  display_name: string;
  contact: string | null;
  theme: StaffContribution['theme'];
  intervention_id: string | null;
  measure_id: string | null;
  geometry: string | null;
  settlement: string | null;
  state: ContributionState;
  reject_reason: RejectReason | null;
  merged_into: number | null;
  created_at: string;
  published_at: string | null;
  moderated_at: string | null;
  answer: string | null;
  answer_interventions: string | null;
  answered_at: string | null;
  merged_count: number;
}

/** The columns anyone may read; `contact` is added for staff only. */
export const PUBLIC_COLUMNS = `c.id, c.kind, c.text, c.display_name, c.theme, c.intervention_id, c.measure_id, c.geometry, c.settlement, c.state,
  c.reject_reason, c.merged_into, c.created_at, c.published_at, c.moderated_at, c.answer, c.answer_interventions, c.answered_at,
  (SELECT count(*) FROM contribution m WHERE m.merged_into = c.id AND m.state = 'merged') AS merged_count`;

const answerOf = (r: Row) => (r.answer === null || r.answered_at === null ? null : { text: r.answer, answeredAt: r.answered_at, interventionIds: JSON.parse(r.answer_interventions ?? '[]') as string[] });

function properties(r: Row) {
  return {
    id: r.id,
    kind: r.kind,
    text: r.text,
    displayName: r.display_name,
    theme: r.theme,
    interventionId: r.intervention_id,
    measureId: r.measure_id,
    settlement: r.settlement,
    createdAt: r.created_at,
    answer: answerOf(r),
    daysToAnswer: r.answered_at === null ? null : daysBetween(r.created_at, r.answered_at),
    mergedCount: r.merged_count,
  };
}

export const toPublic = (r: Row): Contribution => ({
  type: 'Feature',
  id: r.id,
  geometry: r.geometry === null ? null : JSON.parse(r.geometry),
  properties: { ...properties(r), publishedAt: r.published_at! },
});

export const toOwn = (r: Row): OwnContribution => ({
  ...properties(r),
  geometry: r.geometry === null ? null : JSON.parse(r.geometry),
  state: r.state,
  publishedAt: r.published_at,
  rejectReason: r.reject_reason,
  mergedInto: r.merged_into,
});

export const toStaff = (r: Row): StaffContribution => ({ ...toOwn(r), contact: r.contact, moderatedAt: r.moderated_at });

/** The conditions of the public list on `c`, with `placeholder` writing the engine's parameters. */
export function publishedWhere(f: ContributionFilter, placeholder: (params: unknown[]) => string): { sql: string; params: unknown[] } {
  const where = ["c.state = 'published'"];
  const params: unknown[] = [];
  const value = (v: unknown) => (params.push(v), placeholder(params));
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values?.length) where.push(`${column} IN (${values.map(value).join(', ')})`);
  };
  inList('c.kind', f.kind);
  inList('c.theme', f.theme);
  inList('c.settlement', f.settlement);
  if (f.interventionId) where.push(`c.intervention_id = ${value(f.interventionId)}`);
  if (f.measureId) where.push(`c.measure_id = ${value(f.measureId)}`);
  if (f.answered !== undefined) where.push(f.answered ? 'c.answered_at IS NOT NULL' : 'c.answered_at IS NULL');
  if (f.located) where.push('c.geometry IS NOT NULL');
  if (f.since) where.push(`c.created_at >= ${value(f.since)}`);
  if (f.until) where.push(`c.created_at < ${value(f.until)}`);
  return { sql: where.join(' AND '), params };
}
