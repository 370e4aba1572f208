// From parsed query parameters to the store's InterventionFilter, with the checks that need more
// than one parameter or the data itself (is "SG9" a goal of this plan?).
import type { InterventionFilter, Page, Sort } from '../geo/index.ts';
import type { Store } from '../data/store.ts';
import { ApiError } from './errors.ts';

const DEFAULT_RADIUS = 5000;

function invalid(parameter: string, message: string, details: Record<string, unknown> = {}): never {
  throw new ApiError(400, 'invalid_parameter', `query parameter "${parameter}": ${message}`, { parameter, ...details });
}

/** The ids each id-valued filter may take, read once from the (read-only) store. */
export class KnownIds {
  readonly goal: Set<string>;
  readonly priority: Set<string>;
  readonly measure: Set<string>;
  readonly settlement: Set<string>;
  readonly zone: Set<string>;

  constructor(store: Store) {
    const plan = store.plan();
    this.goal = new Set(plan.goals.map((g) => g.id));
    this.priority = new Set(plan.priorities.map((p) => p.id));
    this.measure = new Set(plan.measures.map((m) => m.id));
    this.settlement = new Set(store.settlements().map((s) => s.id));
    this.zone = new Set(store.zones().map((z) => z.id));
  }
}

export function toFilter(q: Record<string, unknown>, known: KnownIds): InterventionFilter {
  const filter: InterventionFilter = {};
  for (const key of ['goal', 'priority', 'measure', 'settlement', 'zone'] as const) {
    const values = q[key] as string[] | undefined;
    if (!values) continue;
    const unknown = values.filter((v) => !known[key].has(v));
    if (unknown.length)
      invalid(key, `unknown ${key} ${unknown.slice(0, 5).join(', ')}`, {
        unknown: unknown.slice(0, 20),
        allowed: [...known[key]].slice(0, 100),
      });
    filter[key] = values;
  }
  for (const key of ['theme', 'status', 'funding', 'accuracy', 'bbox', 'year', 'from', 'to', 'minBudget', 'maxBudget', 'q', 'located'] as const)
    if (q[key] !== undefined) (filter as Record<string, unknown>)[key] = q[key];
  if (q.near) {
    const [lon, lat] = q.near as [number, number];
    filter.near = { lon, lat, radius: (q.radius as number | undefined) ?? DEFAULT_RADIUS };
  } else if (q.radius !== undefined) invalid('radius', 'needs a point in "near"');
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to)
    invalid('from', `from (${filter.from}) is after to (${filter.to})`);
  if (filter.minBudget !== undefined && filter.maxBudget !== undefined && filter.minBudget > filter.maxBudget)
    invalid('minBudget', `minBudget (${filter.minBudget}) is greater than maxBudget (${filter.maxBudget})`);
  return filter;
}

export function toSort(q: Record<string, unknown>, filter: InterventionFilter): Sort | undefined {
  const sort = q.sort as Sort | undefined;
  if (sort?.key === 'distance' && !filter.near) invalid('sort', 'sorting by distance needs a point in "near"');
  return sort ?? (filter.near ? { key: 'distance', descending: false } : undefined);
}

export function toPage(q: Record<string, unknown>): Page {
  return { limit: (q.limit as number | undefined) ?? 100, offset: (q.offset as number | undefined) ?? 0 };
}
