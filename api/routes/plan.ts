// /api/plan and /api/facets: the plan tree with what the filter finds under each node, and the
// counts a filter panel shows next to each option.
import { Hono } from 'hono';
import { filterToQuery, FUNDING, LOCATION_ACCURACIES, STATUSES, THEMES, type InterventionFilter, type LocalText } from '../../geo/index.ts';
import { ResultCache, resultKey } from '../geo-work/cache.ts';
import { FACETS, Facets, PlanWithTree, type FacetName } from '../../geo/responses.ts';
import type { Deps } from '../deps.ts';
import { toFilter } from '../filters.ts';
import { FILTER_PARAMS, parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';
import type { Snapshot } from '../snapshot.ts';
import { planFor } from '../../data/plan-tree.ts';

export const PLAN_ROUTES: RouteDoc[] = [
  {
    path: '/api/plan',
    summary: 'The plan: goal → priority → measure with count and EUR budget of the filtered interventions per node',
    description:
      'The plan of the municipality `municipality=` names (the first of several), else of the plan items the filter names, else the default plan; the tree counts only that municipality\'s interventions. Unknown titles and codes are null with a confidence. A node counts each intervention linked to it or below it once; `inferredOnly` says how many of those links are inferred rather than official. `unlinked` gathers interventions linked to nothing in the plan.',
    tags: ['plan'],
    query: [...FILTER_PARAMS],
    response: { type: 'application/json', schema: PlanWithTree, description: 'the plan document with the tree in `tree`' },
  },
  {
    path: '/api/facets',
    summary: 'Counts per municipality, theme, status, funding, settlement, zone, goal, priority and accuracy for the filter',
    description:
      'Each facet is counted with every filter applied except its own, so the numbers say how many items a click on that option would show. `value: null` counts the items with no value for that facet.',
    tags: ['interventions'],
    query: [...FILTER_PARAMS],
    response: { type: 'application/json', schema: Facets, description: 'facet counts' },
    // On a large SQLite store the counts run on a worker thread (api/geo-work/counts.ts), which can be busy.
    errors: [503],
  },
];

export function planRoutes(deps: Deps) {
  const r = new Hono();
  // Both count every matching item, which at national scale takes a second for the unfiltered
  // plan that every visit opens with; kept per store revision and filter (api/geo-work/cache.ts).
  const results = new ResultCache();
  /** one facet's counts under a filter; a page of facets asks for several */
  const counts = new ResultCache(256);

  r.get('/plan', async (c) => {
    const snapshot = await deps.snapshot();
    const filter = toFilter(parseQuery(c.req.url, FILTER_PARAMS), snapshot.known);
    const tree = await results.get(resultKey(snapshot.revision, 'plan', filterToQuery(filter)), () => deps.store.planTree(filter));
    const body: PlanWithTree = { ...planFor(snapshot.plans, filter), tree };
    return c.json(body);
  });

  r.get('/facets', async (c) => {
    const snapshot = await deps.snapshot();
    const filter = toFilter(parseQuery(c.req.url, FILTER_PARAMS), snapshot.known);
    const body = await results.get(resultKey(snapshot.revision, 'facets', filterToQuery(filter)), async (): Promise<Facets> => {
      const labels = facetLabels(snapshot);
      const facets = await Promise.all(
        FACETS.map(async (facet) => {
          // Each facet counts under the other filters only, so it is kept on its own: choosing another
          // theme recounts the statuses, not the themes (at a million items a facet is a second's work).
          const others: InterventionFilter = { ...filter, [facet]: undefined };
          const rows = await counts.get(resultKey(snapshot.revision, `facet:${facet}`, filterToQuery(others)), () => deps.store.aggregate(facet, others));
          return [facet, rows.map((row) => ({ value: row.key, label: labels[facet](row.key), count: row.count }))] as const;
        }),
      );
      return { numberMatched: await deps.store.countInterventions(filter), facets: Object.fromEntries(facets) as Facets['facets'] };
    });
    return c.json(body);
  });
  return r;
}

type Labeller = (key: string | null) => LocalText;

function facetLabels({ plans, settlements, zones, municipalities }: Snapshot): Record<FacetName, Labeller> {
  const none: LocalText = { bg: 'Няма', en: 'None' };
  const from = (map: Map<string, LocalText>): Labeller => (key) => (key === null ? none : (map.get(key) ?? { bg: key, en: key }));
  const vocabulary = (table: Record<string, { label: { bg: string; en: string } }>) =>
    from(new Map(Object.entries(table).map(([id, t]) => [id, t.label])));
  const planItem = (items: { id: string; code: string | null; title: LocalText }[]) =>
    from(new Map(items.map((i) => [i.id, { bg: i.title.bg ?? i.code ?? i.id, en: i.title.en ?? i.code ?? i.id }])));
  return {
    theme: vocabulary(THEMES.table),
    status: vocabulary(STATUSES.table),
    funding: vocabulary(FUNDING.table),
    accuracy: vocabulary(LOCATION_ACCURACIES.table),
    municipality: from(new Map([...municipalities.values()].map(({ summary }) => [summary.code, summary.name]))),
    settlement: from(new Map(settlements.map((s) => [s.id, s.properties.name]))),
    zone: from(new Map(zones.map((z) => [z.id, z.properties.name]))),
    goal: planItem(plans.flatMap((p) => p.goals)),
    priority: planItem(plans.flatMap((p) => p.priorities)),
  };
}
