// The plan as a tree (goal → priority → measure) with the count and EUR budget of the filtered
// interventions under each node. A node counts an intervention linked to it or to anything below
// it, once; interventions linked to nothing in the plan are gathered in `unlinked`. Engines answer
// who is under which node (through their plan closure); the tree is put together here, the same
// for every engine.
import { itemsOf, type InterventionFilter, type Measure, type Plan, type Priority } from '../geo/index.ts';
import type { MeasureNode, PlanTree, PriorityNode, Tally } from '../geo/responses.ts';

export interface PlanMembership<K> {
  /** every filtered intervention, by the engine's key */
  all: K[];
  /** net EUR budget per intervention (null when unknown) */
  budgets: Map<K, number | null>;
  /** per plan item, the interventions linked to it or below it; true when one of those links is official */
  under: Map<string, Map<K, boolean>>;
}

/**
 * The plan a filter reads: the municipality's it names when it names one, else the plan of the
 * plan items it names, else the default (the first).
 */
export function planFor(plans: readonly Plan[], filter: Pick<InterventionFilter, 'municipality' | 'goal' | 'priority' | 'measure'>): Plan {
  // Of several municipalities (a region), the first named: the tree is one plan's.
  const named = filter.municipality?.map((code) => plans.find((p) => p.municipality.code === code)).find(Boolean);
  if (named) return named;
  const item = filter.goal?.[0] ?? filter.priority?.[0] ?? filter.measure?.[0];
  return plans.find((p) => itemsOf(p).some((i) => i.id === item)) ?? plans[0];
}

/** The plans a filter shows: those of the municipalities it names, or every plan held. */
export function plansShown(plans: readonly Plan[], filter: Pick<InterventionFilter, 'municipality'>): readonly Plan[] {
  return filter.municipality?.length ? plans.filter((p) => filter.municipality!.includes(p.municipality.code)) : plans;
}

/** The plan a filter reads, and the filter narrowed to that plan's municipality when several are held. */
export function planScope(plans: readonly Plan[], filter: InterventionFilter): { plan: Plan; filter: InterventionFilter } {
  const plan = planFor(plans, filter);
  return { plan, filter: plans.length > 1 ? { ...filter, municipality: [plan.municipality.code] } : filter };
}

export function assemblePlanTree<K>(plan: Plan, { all, budgets, under }: PlanMembership<K>): PlanTree {
  const linked = new Set([...under.values()].flatMap((m) => [...m.keys()]));
  const tally = (members: Iterable<[K, boolean]>): Tally => {
    const t: Tally = { count: 0, budgetEur: 0, inferredOnly: 0 };
    for (const [key, official] of members) {
      t.count++;
      t.budgetEur += budgets.get(key) ?? 0;
      if (!official) t.inferredOnly++;
    }
    t.budgetEur = Math.round(t.budgetEur * 100) / 100;
    return t;
  };
  const of = (id: string) => tally(under.get(id) ?? new Map());

  const measureNode = (m: Measure): MeasureNode => ({ ...m, ...of(m.id) });
  const priorityNode = (p: Priority): PriorityNode => ({
    ...p,
    ...of(p.id),
    measures: plan.measures.filter((m) => m.priorityId === p.id).map(measureNode),
  });
  const asOfficial = (keys: K[]) => keys.map((k) => [k, true] as [K, boolean]);
  return {
    goals: plan.goals.map((g) => ({ ...g, ...of(g.id), priorities: plan.priorities.filter((p) => p.goalId === g.id).map(priorityNode) })),
    orphanPriorities: plan.priorities.filter((p) => p.goalId === null).map(priorityNode),
    orphanMeasures: plan.measures.filter((m) => m.priorityId === null).map(measureNode),
    unlinked: tally(asOfficial(all.filter((k) => !linked.has(k)))),
    total: tally(asOfficial(all)),
  };
}
