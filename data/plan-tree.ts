// The plan as a tree (goal → priority → measure) with the count and EUR budget of the filtered
// interventions under each node. A node counts an intervention linked to it or to anything below it,
// once; interventions linked to nothing in the plan are gathered in `unlinked`.
import type { Database } from 'better-sqlite3';
import type { Goal, InterventionFilter, Measure, Plan, Priority } from '../geo/index.ts';
import type { InterventionQueries } from './intervention-query.ts';

export interface Tally {
  count: number;
  budgetEur: number;
  /** of `count`, how many are linked only by inference */
  inferredOnly: number;
}

export type MeasureNode = Measure & Tally;
export type PriorityNode = Priority & Tally & { measures: MeasureNode[] };
export type GoalNode = Goal & Tally & { priorities: PriorityNode[] };

export interface PlanTree {
  goals: GoalNode[];
  /** priorities whose goal is unknown, so they hang from no goal */
  orphanPriorities: PriorityNode[];
  /** measures whose priority is unknown */
  orphanMeasures: MeasureNode[];
  unlinked: Tally;
  total: Tally;
}

export function planTree(db: Database, queries: InterventionQueries, plan: Plan, filter: InterventionFilter): PlanTree {
  const rowids = queries.rowids(filter);
  const budgets = new Map<number, number | null>();
  for (const row of db
    .prepare('SELECT rowid, budget_eur_net AS budget FROM intervention WHERE rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rowids)) as { rowid: number; budget: number | null }[])
    budgets.set(row.rowid, row.budget);
  // Through the plan closure (built with the store), a link to a measure also counts under its
  // priority and goal; a node's item is official when any of its links below that node is.
  const under = new Map<string, Map<number, boolean>>();
  for (const row of db
    .prepare(
      `SELECT c.ancestor AS item, l.intervention AS rowid, max(l.confidence = 'official') AS official
       FROM intervention_link l JOIN plan_closure c ON c.item = l.plan_item
       WHERE l.intervention IN (SELECT value FROM json_each(?))
       GROUP BY c.ancestor, l.intervention`,
    )
    .all(JSON.stringify(rowids)) as { item: string; rowid: number; official: number }[]) {
    const members = under.get(row.item) ?? new Map<number, boolean>();
    members.set(row.rowid, row.official === 1);
    under.set(row.item, members);
  }
  const linked = new Set([...under.values()].flatMap((m) => [...m.keys()]));

  const tally = (members: Iterable<[number, boolean]>): Tally => {
    const t: Tally = { count: 0, budgetEur: 0, inferredOnly: 0 };
    for (const [rowid, official] of members) {
      t.count++;
      t.budgetEur += budgets.get(rowid) ?? 0;
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
  return {
    goals: plan.goals.map((g) => ({ ...g, ...of(g.id), priorities: plan.priorities.filter((p) => p.goalId === g.id).map(priorityNode) })),
    orphanPriorities: plan.priorities.filter((p) => p.goalId === null).map(priorityNode),
    orphanMeasures: plan.measures.filter((m) => m.priorityId === null).map(measureNode),
    unlinked: tally(rowids.filter((r) => !linked.has(r)).map((r) => [r, true] as [number, boolean])),
    total: tally(rowids.map((r) => [r, true] as [number, boolean])),
  };
}
