// The annual implementation report as data: the plan as it stood at the end of a year, goal →
// priority → measure, with counts by status and the money planned, contracted and paid under each
// node; the interventions started, completed, changed or dropped in the year; those with no place.
// The HTML, CSV and XLSX renderings (api/report/) and the JSON answer are all this one model.
//
// Where the numbers come from: counts and planned EUR are the view store's own planTree for the
// day (data/views.ts), the same answer /api/plan?asOf= gives, so the report and the map as of 31
// December cannot disagree. Contracted and paid amounts are not in the store's aggregates; they
// are read from each intervention's latest progress entry (as held on the day) that states one,
// netted for programmes the way planned budgets are (a programme's amount includes its members').
import { interventionMapHref } from '../geo/map-link.ts';
import { z } from 'zod';
import { today } from '../geo/calendar.ts';
import { LocalText, STATUSES, Status, type InterventionFilter, type Plan } from '../geo/index.ts';
import { inDateOrder, type ProgressEntry } from '../geo/progress.ts';
import { representativePoint } from '../geo/spatial.ts';
import type { Tally } from '../geo/responses.ts';
import type { PlanTree, PublishedIntervention, Store } from './store.ts';
import { collectYear, ListedChange, ListedDrop, ListedEvent, ListedUnlocated, unlocatedOf } from './report-events.ts';
import { planFor } from './plan-tree.ts';

const int = z.number().int().nonnegative();

export const Figures = z.object({
  count: int,
  byStatus: z.object(Object.fromEntries(STATUSES.ids.map((s) => [s, int])) as Record<Status, typeof int>),
  /** known EUR budgets, programmes net of their members (as /api/plan's budgetEur) */
  plannedEur: z.number(),
  /** how many of `count` have a known budget */
  budgeted: int,
  contractedEur: z.number(),
  /** how many of `count` have a known contracted amount on the day */
  contractedKnown: int,
  paidEur: z.number(),
  paidKnown: int,
});
export type Figures = z.infer<typeof Figures>;

const NodeBase = z.object({ id: z.string(), code: z.string().nullable(), title: LocalText, figures: Figures });
export const ReportMeasure = NodeBase.extend({ level: z.literal('measure') });
export const ReportPriority = NodeBase.extend({ level: z.literal('priority'), measures: z.array(ReportMeasure) });
export const ReportGoal = NodeBase.extend({ level: z.literal('goal'), priorities: z.array(ReportPriority) });
export type ReportMeasure = z.infer<typeof ReportMeasure>;
export type ReportPriority = z.infer<typeof ReportPriority>;
export type ReportGoal = z.infer<typeof ReportGoal>;

export const AnnualReport = z.object({
  year: z.number().int(),
  /** the day the report stands on: 31 December, or today for the current year */
  asOf: z.string(),
  /** true for the current year, reported as of today rather than as of its end */
  current: z.boolean(),
  plan: z.object({ id: z.string(), title: LocalText, municipality: LocalText, period: z.object({ startYear: z.number().int(), endYear: z.number().int() }) }),
  tree: z.object({
    goals: z.array(ReportGoal),
    /** priorities whose goal is unknown */
    orphanPriorities: z.array(ReportPriority),
    /** measures whose priority is unknown */
    orphanMeasures: z.array(ReportMeasure),
    /** interventions linked to nothing in the plan */
    unlinked: Figures,
    total: Figures,
  }),
  started: z.array(ListedEvent),
  completed: z.array(ListedEvent),
  changed: z.array(ListedChange),
  dropped: z.array(ListedDrop),
  /** true when the year had more publications than one report reads (the changed list is then cut) */
  publicationsTruncated: z.boolean(),
  unlocated: z.array(ListedUnlocated),
  /** one point per located intervention on the day (a line's or an area's representative point), for the map figure */
  located: z.array(z.object({ id: z.string(), title: LocalText, status: Status, lon: z.number(), lat: z.number() })),
  /** interventions the map holds today that were not yet on record on `asOf` (their first entry is later) */
  notYetOnRecord: int,
});
export type AnnualReport = z.infer<typeof AnnualReport>;

/** The years a report can be asked for: from the plan's first year to the current one. */
export function reportYears(plan: Plan, day = today()): { first: number; last: number } {
  return { first: plan.period.startYear, last: Number(day.slice(0, 4)) };
}

/** The day a year's report stands on. */
export function reportDay(year: number, day = today()): { asOf: string; current: boolean } {
  const current = String(year) === day.slice(0, 4);
  return { asOf: current ? day : `${year}-12-31`, current };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The latest amount of one kind an intervention's entries (as held on the day) state; null when none does. */
export function latestAmount(entries: readonly ProgressEntry[], kind: 'contracted' | 'paid'): number | null {
  return inDateOrder(entries).reverse().find((e) => e[kind] !== null)?.[kind]?.eur ?? null;
}

/** Contracted and paid EUR per intervention, programmes net of their members' known amounts. */
function amounts(features: PublishedIntervention[]) {
  const gross = new Map(features.map((f) => [f.id, { contracted: latestAmount(f.properties.progress, 'contracted'), paid: latestAmount(f.properties.progress, 'paid') }]));
  const net = new Map(gross);
  for (const f of features) {
    if (f.properties.kind !== 'programme') continue;
    const members = features.filter((m) => m.properties.programmeId === f.id).map((m) => gross.get(m.id)!);
    const own = gross.get(f.id)!;
    const less = (kind: 'contracted' | 'paid') => (own[kind] === null ? null : Math.max(0, round2(own[kind]! - members.reduce((s, m) => s + (m[kind] ?? 0), 0))));
    net.set(f.id, { contracted: less('contracted'), paid: less('paid') });
  }
  return net;
}

interface Build {
  store: Store;
  /** the view store for `asOf` (deps.views.get) */
  view: Store;
  year: number;
  day?: string;
  publicUrl: string;
  /** of a store of several plans: whose plan, and whose interventions (the default plan's otherwise) */
  municipality?: string;
}

export async function buildAnnualReport({ store, view, year, day = today(), publicUrl, municipality }: Build): Promise<AnnualReport> {
  const { asOf, current } = reportDay(year, day);
  // Every read narrowed to the municipality: its plan's tree, its interventions only.
  const of: InterventionFilter = municipality ? { municipality: [municipality] } : {};
  const [plans, tree, byStatus, features, present] = await Promise.all([
    view.plans(),
    view.planTree(of),
    Promise.all(STATUSES.ids.map((s) => view.planTree({ ...of, status: [s] }))),
    collect(view.streamInterventions(of)),
    store.interventionPlaces(of),
  ]);
  const plan = planFor(plans, of);
  const byId = new Map(features.map((f) => [f.id, f]));
  const money = amounts(features);

  // Who is under each node: the store's own filter (through its plan closure), as the tree counts them.
  const members = new Map<string, string[]>();
  for (const level of ['goal', 'priority', 'measure'] as const)
    for (const item of plan[({ goal: 'goals', priority: 'priorities', measure: 'measures' } as const)[level]])
      members.set(item.id, (await view.interventionPlaces({ ...of, [level]: [item.id] })).map((p) => p.id));
  const linked = new Set([...members.values()].flat());

  const statusTallies = (pick: (t: PlanTree) => Tally) => Object.fromEntries(STATUSES.ids.map((s, i) => [s, pick(byStatus[i]).count])) as Figures['byStatus'];
  const figures = (pick: (t: PlanTree) => Tally, ids: string[]): Figures => {
    const of = ids.map((id) => byId.get(id)!);
    const sum = (kind: 'contracted' | 'paid') => round2(ids.reduce((s, id) => s + (money.get(id)![kind] ?? 0), 0));
    const known = (kind: 'contracted' | 'paid') => ids.filter((id) => money.get(id)![kind] !== null).length;
    const tally = pick(tree);
    return {
      count: tally.count,
      byStatus: statusTallies(pick),
      plannedEur: tally.budgetEur,
      budgeted: of.filter((f) => f.properties.budgetEur !== null).length,
      contractedEur: sum('contracted'),
      contractedKnown: known('contracted'),
      paidEur: sum('paid'),
      paidKnown: known('paid'),
    };
  };
  const nodeOf = <T extends { id: string; code: string | null; title: LocalText }>(node: T) => ({ id: node.id, code: node.code, title: node.title });
  const goalTally = (gi: number) => (t: PlanTree) => t.goals[gi];
  const measure = (pick: (t: PlanTree) => Tally, m: { id: string; code: string | null; title: LocalText }): ReportMeasure => ({ level: 'measure', ...nodeOf(m), figures: figures(pick, members.get(m.id) ?? []) });
  const priority = (pick: (t: PlanTree) => PlanTree['goals'][number]['priorities'][number], p: PlanTree['goals'][number]['priorities'][number]): ReportPriority => ({
    level: 'priority',
    ...nodeOf(p),
    figures: figures(pick, members.get(p.id) ?? []),
    measures: p.measures.map((m, mi) => measure((t) => pick(t).measures[mi], m)),
  });

  // A past year's items open on the map as they stood at its end: some are gone or changed since.
  const link = (id: string) => interventionMapHref(publicUrl, id, current ? null : asOf);
  // A record that names no municipality serves the default plan (the first).
  const serving = municipality ? { municipality, unnamed: plans[0].municipality.code } : undefined;
  const events = await collectYear({ store, features, year, asOf, link, serving });
  const onDay = new Set(features.map((f) => f.id));
  return {
    year,
    asOf,
    current,
    plan: { id: plan.id, title: plan.title, municipality: plan.municipality.name, period: plan.period },
    tree: {
      goals: tree.goals.map((g, gi) => ({
        level: 'goal',
        ...nodeOf(g),
        figures: figures(goalTally(gi), members.get(g.id) ?? []),
        priorities: g.priorities.map((p, pi) => priority((t) => t.goals[gi].priorities[pi], p)),
      })),
      orphanPriorities: tree.orphanPriorities.map((p, pi) => priority((t) => t.orphanPriorities[pi], p)),
      orphanMeasures: tree.orphanMeasures.map((m, mi) => measure((t) => t.orphanMeasures[mi], m)),
      unlinked: figures((t) => t.unlinked, features.map((f) => f.id).filter((id) => !linked.has(id))),
      total: figures((t) => t.total, features.map((f) => f.id)),
    },
    ...events,
    unlocated: unlocatedOf(features, link),
    located: features.flatMap((f) => {
      if (!f.geometry) return [];
      const [lon, lat] = representativePoint(f.geometry);
      return [{ id: f.id, title: f.properties.title, status: f.properties.status, lon, lat }];
    }),
    notYetOnRecord: present.filter((p) => !onDay.has(p.id)).length,
  };
}

async function collect<T>(items: AsyncIterable<{ feature: T }>): Promise<T[]> {
  const out: T[] = [];
  for await (const { feature } of items) out.push(feature);
  return out;
}
