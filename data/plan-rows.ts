// The plans as the rows every engine keeps (data/sqlite/load.ts, data/postgres/load.ts): each plan's
// document in dataset order, every item of every plan, and the closure that lets a filter on a
// goal find what is linked to the measures under it. Item ids are unique across the plans held
// (data/dataset.ts checks it), so one closure serves them all.
import type { Plan } from '../geo/index.ts';

export interface PlanRows {
  /** id, position, municipality, document */
  plans: [string, number, string, string][];
  /** id, level, parent id, code, title bg, title en, confidence, position, item */
  items: [string, string, string | null, string | null, string | null, string | null, string, number, string][];
  /** item, ancestor, ancestor's level */
  closure: [string, string, string][];
}

export function planRows(plans: readonly Plan[]): PlanRows {
  const items: PlanRows['items'] = [];
  for (const plan of plans)
    for (const [level, list, parentOf] of [
      ['goal', plan.goals, () => null],
      ['priority', plan.priorities, (i: Plan['priorities'][number]) => i.goalId],
      ['measure', plan.measures, (i: Plan['measures'][number]) => i.priorityId],
    ] as const)
      for (const item of list)
        items.push([item.id, level, parentOf(item as never), item.code, item.title.bg, item.title.en, item.confidence, items.length, JSON.stringify(item)]);
  const parent = new Map(items.map((r) => [r[0], r[2]]));
  const levelOf = new Map(items.map((r) => [r[0], r[1]]));
  const closure: PlanRows['closure'] = [];
  for (const item of levelOf.keys()) for (let a: string | null | undefined = item; a; a = parent.get(a)) closure.push([item, a, levelOf.get(a)!]);
  return { plans: plans.map((p, i) => [p.id, i, p.municipality.code, JSON.stringify(p)]), items, closure };
}
