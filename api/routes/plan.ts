// /api/plan and /api/facets: the plan tree with what the filter finds under each node, and the
// counts a filter panel shows next to each option.
import { Hono } from 'hono';
import { z } from 'zod';
import { FUNDING, LOCATION_ACCURACIES, Plan, STATUSES, THEMES, type InterventionFilter, type LocalText } from '../../geo/index.ts';
import type { AggregateBy } from '../../data/aggregate.ts';
import type { Store } from '../../data/store.ts';
import { toFilter, type KnownIds } from '../filters.ts';
import { FILTER_PARAMS, parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';

const FACETS = ['theme', 'status', 'funding', 'settlement', 'zone', 'goal', 'priority', 'accuracy'] as const satisfies readonly AggregateBy[];

const FacetValue = z.object({
  value: z.string().nullable(),
  label: z.object({ bg: z.string().nullable(), en: z.string().nullable() }),
  count: z.number().int(),
});
const Facets = z.object({
  numberMatched: z.number().int(),
  facets: z.record(z.enum(FACETS), z.array(FacetValue)),
});

export const PLAN_ROUTES: RouteDoc[] = [
  {
    path: '/api/plan',
    summary: 'The plan: goal → priority → measure with count and EUR budget of the filtered interventions per node',
    description:
      'Unknown titles and codes are null with a confidence. A node counts each intervention linked to it or below it once; `inferredOnly` says how many of those links are inferred rather than official. `unlinked` gathers interventions linked to nothing in the plan.',
    tags: ['plan'],
    query: FILTER_PARAMS,
    response: { type: 'application/json', schema: Plan, description: 'the plan document with the tree in `tree`' },
  },
  {
    path: '/api/facets',
    summary: 'Counts per theme, status, funding, settlement, zone, goal, priority and accuracy for the filter',
    description:
      'Each facet is counted with every filter applied except its own, so the numbers say how many items a click on that option would show. `value: null` counts the items with no value for that facet.',
    tags: ['interventions'],
    query: FILTER_PARAMS,
    response: { type: 'application/json', schema: Facets, description: 'facet counts' },
  },
];

export function planRoutes(store: Store, known: KnownIds) {
  const r = new Hono();
  const plan = store.plan();
  const labels = facetLabels(store);

  r.get('/plan', (c) => {
    const filter = toFilter(parseQuery(c.req.url, FILTER_PARAMS), known);
    const { goals, priorities, measures, ...document } = plan;
    return c.json({ ...document, goals, priorities, measures, tree: store.planTree(filter) });
  });

  r.get('/facets', (c) => {
    const filter = toFilter(parseQuery(c.req.url, FILTER_PARAMS), known);
    const facets = Object.fromEntries(
      FACETS.map((facet) => {
        const { [facet]: _own, ...others } = filter as Record<string, unknown>;
        const rows = store.aggregate(facet, others as InterventionFilter);
        return [facet, rows.map((row) => ({ value: row.key, label: labels[facet](row.key), count: row.count }))];
      }),
    );
    return c.json({ numberMatched: store.interventions.count(filter), facets });
  });
  return r;
}

type Labeller = (key: string | null) => LocalText;

function facetLabels(store: Store): Record<(typeof FACETS)[number], Labeller> {
  const none: LocalText = { bg: 'Няма', en: 'None' };
  const from = (map: Map<string, LocalText>): Labeller => (key) => (key === null ? none : (map.get(key) ?? { bg: key, en: key }));
  const vocabulary = (table: Record<string, { label: { bg: string; en: string } }>) =>
    from(new Map(Object.entries(table).map(([id, t]) => [id, t.label])));
  const plan = store.plan();
  const planItem = (items: { id: string; code: string | null; title: LocalText }[]) =>
    from(new Map(items.map((i) => [i.id, { bg: i.title.bg ?? i.code ?? i.id, en: i.title.en ?? i.code ?? i.id }])));
  return {
    theme: vocabulary(THEMES.table),
    status: vocabulary(STATUSES.table),
    funding: vocabulary(FUNDING.table),
    accuracy: vocabulary(LOCATION_ACCURACIES.table),
    settlement: from(new Map(store.settlements().map((s) => [s.id, s.properties.name]))),
    zone: from(new Map(store.zones().map((z) => [z.id, z.properties.name]))),
    goal: planItem(plan.goals),
    priority: planItem(plan.priorities),
  };
}
