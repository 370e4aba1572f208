// /api/changes.atom: the published changes as an Atom feed, so a citizen can follow their
// settlement or a theme. It takes the list's filter parameters, parsed and checked the same way
// (api/filters.ts), and judges each publication's record in memory (geo/filter-match.ts): the
// record as that revision published it, or for a deletion the record it took away. Plan items and
// zones have no theme or place of an intervention's kind, so they are in the feed only when no
// filter is given: the whole plan's changes, for whoever follows everything.
//
// The feed is of publications, not of a state, so it takes no asOf or changedSince: it is not one
// of the public reads api/views.ts answers for a past view, and a request that names either is
// refused there with a 400.
import { Hono } from 'hono';
import { filterToQuery, planNames, plansTitle, type Intervention, type InterventionFilter } from '../../geo/index.ts';
import { matchContext, matchesFilter, type MatchContext } from '../../geo/filter-match.ts';
import type { Publication } from '../../data/published.ts';
import { ATOM, atomFeed, type AtomEntry } from '../atom.ts';
import { changeHtml, entryTitle, filterWords, mapHref } from '../change-words.ts';
import { publicHref, type Deps } from '../deps.ts';
import { toFilter } from '../filters.ts';
import { FILTER_PARAMS, PAGE_PARAMS, param, parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';
import type { Snapshot } from '../snapshot.ts';
import { planFor, plansShown } from '../../data/plan-tree.ts';

const DEFAULT_ENTRIES = 50;
const MAX_ENTRIES = 200;
// The list's limit rule (a whole number from 1; larger values capped, not refused), capped lower.
const LIMIT = param('limit', PAGE_PARAMS[0].schema.transform((n) => Math.min(n, MAX_ENTRIES)), `Entries (default ${DEFAULT_ENTRIES}, at most ${MAX_ENTRIES}; larger values are capped).`, '20');
const FEED_PARAMS = [...FILTER_PARAMS, LIMIT] as const;
const BASE: Record<Publication['kind'], string> = { intervention: '/api/interventions', 'plan-item': '/api/plan/items', zone: '/api/zones' };

export const CHANGE_ROUTES: RouteDoc[] = [
  {
    path: '/api/changes.atom',
    summary: 'The published changes as an Atom feed (RFC 4287), newest first, narrowed by the list’s filters',
    description:
      'One entry per published revision: what changed, field by field, in Bulgarian, with the item’s sources and a link to it on the map. ' +
      'The filter parameters are those of /api/interventions; an entry matches when the record that revision published (for a deletion, the record it removed) matches. ' +
      'Without a filter, changes to plan items and zones are in the feed too. Zones and settlements are judged as they are today. ' +
      'The feed is of publications, so it takes no asOf or changedSince.',
    tags: ['monitoring'],
    query: [...FEED_PARAMS],
    response: { type: 'application/atom+xml', description: 'an Atom 1.0 feed' },
  },
];

/** The filter as query parameters in one order, values sorted: the same filter always names the same feed. */
function normalised(filter: InterventionFilter): string {
  const sorted = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, k !== 'bbox' && Array.isArray(v) ? [...v].sort() : v]));
  const query = Object.entries(filterToQuery(sorted)).sort(([a], [b]) => (a < b ? -1 : 1));
  return new URLSearchParams(query).toString().replace(/%2C/g, ',');
}

/**
 * The newest `limit` publications that match. The filter is judged in memory, so the store is
 * asked for more at a time until enough match or the history is read to its start.
 */
async function matching(deps: Deps, filter: InterventionFilter, context: MatchContext, limit: number): Promise<Publication[]> {
  if (!Object.keys(filter).length) return deps.store.publications({ limit });
  for (let batch = Math.max(limit * 4, 200); ; batch *= 4) {
    const all = await deps.store.publications({ kind: 'intervention', limit: batch });
    // Before or after: an item that leaves the filter (moved away, re-themed) is news to its followers too.
    const matches = (record: unknown) => record !== null && matchesFilter(record as Intervention, filter, context);
    const found = all.filter((p) => matches(p.record) || matches(p.previous));
    if (found.length >= limit || all.length < batch) return found.slice(0, limit);
  }
}

export function changeRoutes(deps: Deps) {
  const r = new Hono();
  // The settlements' land areas are read once per store revision, beside the snapshot.
  const contexts = new WeakMap<Snapshot, Promise<MatchContext>>();
  const contextOf = (s: Snapshot) => {
    let context = contexts.get(s);
    if (!context) {
      context = deps.store.settlementAreas().then((areas) => matchContext(s.plans, s.zones, areas, s.settlementName));
      // A failed read is not kept: the next request tries again.
      context.catch(() => contexts.delete(s));
      contexts.set(s, context);
    }
    return context;
  };
  r.get('/changes.atom', async (c) => {
    const q = parseQuery(c.req.url, FEED_PARAMS);
    const snapshot = await deps.snapshot();
    const filter = toFilter(q, snapshot.known);
    const publications = await matching(deps, filter, await contextOf(snapshot), q.limit ?? DEFAULT_ENTRIES);
    const base = deps.publicUrl();
    // The plan the filter reads (the named municipality's), and the items of every plan held by name.
    const plan = planFor(snapshot.plans, filter);
    const shown = plansShown(snapshot.plans, filter);
    const words = {
      settlementNames: snapshot.settlementName,
      planNames: new Map(snapshot.plans.flatMap((p) => [...planNames(p)])),
      zoneNames: new Map(snapshot.zones.map((z) => [z.id, z.properties.name.bg])),
      municipalityNames: new Map([...snapshot.municipalities.values()].map(({ summary }) => [summary.code, summary.name.bg ?? summary.code])),
    };
    const query = normalised(filter);
    const named = filterWords(filter, words);
    const entries: AtomEntry[] = publications.map((p) => ({
      // The publication time too: a reseed starts revision numbers again, and an old entry must not be taken for a new one.
      id: `${base}${BASE[p.kind]}/${encodeURIComponent(p.item)}#revision-${p.number}-published-${p.publishedAt}`,
      title: entryTitle(p),
      updated: p.publishedAt,
      published: p.publishedAt,
      links: [{ rel: 'alternate', type: 'text/html', href: mapHref(base, p) }],
      html: changeHtml(p, words),
    }));
    const body = atomFeed({
      id: `${base}/api/changes.atom${query ? `?${query}` : ''}`,
      title: `Промени в ${plansTitle(plan.shortTitle, shown.length).bg ?? plan.title.bg ?? plan.id}${named ? ` — ${named}` : ''}`,
      subtitle: 'Публикуваните промени в интервенциите на плана' + (query ? ', които отговарят на филтъра' : ', целите, приоритетите, мерките и зоните'),
      // With nothing published yet, the plan's adoption: a fixed date, so the feed stays the same until something is.
      updated: publications[0]?.publishedAt ?? `${plan.adoption.date}T00:00:00Z`,
      author: { name: shown.length > 1 ? 'piro-map' : (plan.municipality.name.bg ?? plan.municipality.code), uri: base },
      links: [
        { rel: 'self', type: 'application/atom+xml', href: publicHref(deps, c.req.url) },
        { rel: 'alternate', type: 'text/html', href: `${base}/${query ? `?${query}` : ''}` },
      ],
      entries,
    });
    return c.body(body, 200, { 'Content-Type': ATOM });
  });
  return r;
}
