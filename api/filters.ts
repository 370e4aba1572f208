// From parsed query parameters to the store's InterventionFilter, with the checks that need more
// than one parameter or the data itself (is "SG9" a goal of this plan?).
import type { InterventionFilter, Page, Sort } from '../geo/index.ts';
import { ApiError } from './errors.ts';
import type { FILTER_PARAMS, PAGE_PARAMS, Parsed, SORT_PARAM } from './params.ts';
import type { KnownIds } from './snapshot.ts';

const DEFAULT_RADIUS = 5000;

function invalid(parameter: string, message: string, details: Record<string, unknown> = {}): never {
  throw new ApiError(400, 'invalid_parameter', `query parameter "${parameter}": ${message}`, { parameter, ...details });
}

export function toFilter(q: Parsed<typeof FILTER_PARAMS>, known: KnownIds): InterventionFilter {
  const { near, radius, goal, priority, measure, municipality, settlement, zone, masterPlanZone } = q;
  // Only the filter's own parameters: a route's others (limit, sort, by, distance…) are not filters.
  const { bbox, theme, status, funding, accuracy, year, from, to, minBudget, maxBudget, q: text, located } = q;
  const plain: InterventionFilter = { bbox, theme, status, funding, accuracy, year, from, to, minBudget, maxBudget, q: text, located };
  const filter = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)) as InterventionFilter;
  const ids = { goal, priority, measure, municipality, settlement, zone, masterPlanZone };
  for (const key of ['goal', 'priority', 'measure', 'municipality', 'settlement', 'zone', 'masterPlanZone'] as const) {
    const values = ids[key];
    if (!values) continue;
    const unknown = values.filter((v) => !known[key].has(v));
    if (unknown.length)
      invalid(key, `unknown ${key} ${unknown.slice(0, 5).join(', ')}`, {
        unknown: unknown.slice(0, 20),
        allowed: [...known[key]].slice(0, 100),
      });
    filter[key] = values;
  }
  if (near) {
    const [lon, lat] = near;
    filter.near = { lon, lat, radius: radius ?? DEFAULT_RADIUS };
  } else if (radius !== undefined) invalid('radius', 'needs a point in "near"');
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to)
    invalid('from', `from (${filter.from}) is after to (${filter.to})`);
  if (filter.minBudget !== undefined && filter.maxBudget !== undefined && filter.minBudget > filter.maxBudget)
    invalid('minBudget', `minBudget (${filter.minBudget}) is greater than maxBudget (${filter.maxBudget})`);
  return filter;
}

export function toSort(q: Parsed<readonly [typeof SORT_PARAM]>, filter: InterventionFilter): Sort | undefined {
  if (q.sort?.key === 'distance' && !filter.near) invalid('sort', 'sorting by distance needs a point in "near"');
  return q.sort ?? (filter.near ? { key: 'distance', descending: false } : undefined);
}

export function toPage(q: Parsed<typeof PAGE_PARAMS>): Page {
  return { limit: q.limit ?? 100, offset: q.offset ?? 0 };
}
