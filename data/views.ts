// The published content as it stood on a past day, and what changed since another: rebuilt from the
// store's revisions (data/published.ts) and each intervention's dated progress entries, then held as
// a small read-only SQLite database in memory. Every public read (list, detail, facets, plan tree,
// coverage, exports, /ogc) then runs on it unchanged: one query code for the present and the past,
// whichever engine holds the present.
//
// Two clocks meet here. Publication time says which version of a record the public saw on the day
// (a record published on 3 March is not there on 2 March). Progress dates say which entries of that
// version held by the day (an entry dated 2025 is not yet there on 31 December 2024) — this is what
// makes the seeded dataset, which has no publication times, answer honestly for past years. An
// intervention none of whose entries held yet is not on record on that day and is left out.
import { createHash } from 'node:crypto';
import { asOfDay, endOfDay, today, withProgress, type Intervention, type Plan, type Zone } from '../geo/index.ts';
import type { PlanItemRecord } from '../geo/editing.ts';
import { canonicalJson } from './canonical-json.ts';
import { planItemOf, planOfItem } from './revisions.ts';
import type { Dataset } from './dataset.ts';
import type { PublishedVersion } from './published.ts';
import { SqliteStore } from './sqlite/store.ts';
import type { Store } from './store.ts';

/** Which past a read asks for: the state on `asOf` (default today), only what changed after `changedSince`. */
export interface View {
  asOf: string | null;
  changedSince: string | null;
}

const LEVEL_ARRAY = { goal: 'goals', priority: 'priorities', measure: 'measures' } as const;

/** Items in their present order, then those that exist only in the past, by id. */
function replaced<T extends { id: string | number }>(present: T[], versions: PublishedVersion[], read: (record: unknown) => T): T[] {
  const past = new Map(versions.map((v) => [v.item, v.record === null ? null : read(v.record)]));
  const out = present.flatMap((item) => {
    const version = past.get(String(item.id));
    past.delete(String(item.id));
    return version === undefined ? [item] : version === null ? [] : [version];
  });
  for (const [, version] of [...past].sort(([a], [b]) => (a < b ? -1 : 1))) if (version) out.push(version);
  return out;
}

/** Each plan on the day: an item's versions go to the plan it is in today, or would join (planOfItem). */
function plansAt(plans: Plan[], versions: PublishedVersion[]): Plan[] {
  const items = versions.filter((v) => v.kind === 'plan-item');
  const owner = new Map(items.map((v) => [v, planOfItem(plans, v.item, v.record as PlanItemRecord | null)]));
  return plans.map((plan, i) => planAt(plan, items.filter((v) => owner.get(v) === i)));
}

function planAt(plan: Plan, versions: PublishedVersion[]): Plan {
  const out: Plan = { ...plan };
  for (const level of ['goal', 'priority', 'measure'] as const) {
    const key = LEVEL_ARRAY[level];
    const mine = versions.filter((v) => v.kind === 'plan-item' && (v.record === null ? plan[key].some((i) => i.id === v.item) : (v.record as PlanItemRecord).level === level));
    (out[key] as unknown[]) = replaced(plan[key] as { id: string }[], mine, (record) => planItemOf(record as PlanItemRecord));
  }
  return out;
}

/** The content on `day`: each edited item as published by its end, each intervention's entries as held by then. */
export async function datasetOn(store: Store, day: string): Promise<Dataset> {
  const [present, versions] = await Promise.all([store.dataset(), store.publishedAt(endOfDay(day))]);
  const of = (kind: PublishedVersion['kind']) => versions.filter((v) => v.kind === kind);
  const interventions = replaced(present.interventions, of('intervention'), (r) => withProgress(r as Intervention)).flatMap((record) => {
    const properties = asOfDay(record.properties, day);
    return properties ? [{ ...record, properties }] : [];
  });
  const updated = new Map(of('intervention').flatMap((v) => (v.publishedAt ? [[v.item, v.publishedAt] as const] : [])));
  return {
    ...present,
    plans: plansAt(present.plans, versions),
    zones: replaced(present.zones, of('zone'), (r) => r as Zone),
    interventions,
    updated,
  };
}

/** The interventions of `now` whose public record differs from the one on `since`, or that were not on record then. */
export function changedAfter(now: Dataset, since: Dataset): Dataset {
  const before = new Map(since.interventions.map((i) => [i.id, canonicalJson(i)]));
  return { ...now, interventions: now.interventions.filter((i) => before.get(i.id) !== canonicalJson(i)) };
}

/** The dataset a view shows. */
export async function datasetOf(store: Store, view: View): Promise<Dataset> {
  const day = view.asOf ?? today();
  const now = await datasetOn(store, day);
  if (view.changedSince === null) return now;
  return changedAfter(now, await datasetOn(store, view.changedSince));
}

/**
 * Views held in memory, newest used last: each is a store of its own, built once per store
 * revision and view, and closed when pushed out. A handful covers the dates people compare (the
 * last report, today); the bench measures what one costs at national scale.
 */
export class Views {
  private readonly held = new Map<string, Promise<Store>>();

  constructor(private readonly store: Store, private readonly size = Number(process.env.VIEW_CACHE ?? 6)) {}

  async get(view: View): Promise<Store> {
    const key = `${await this.store.revision()}|${view.asOf ?? `today:${today()}`}|${view.changedSince ?? ''}`;
    let held = this.held.get(key);
    if (held) {
      this.held.delete(key);
      this.held.set(key, held);
      return held;
    }
    held = this.build(view);
    this.held.set(key, held);
    held.catch(() => this.held.delete(key));
    while (this.held.size > this.size) {
      const [oldest, store] = this.held.entries().next().value!;
      this.held.delete(oldest);
      // Readers that already hold it finish first: a store closed under a running read would fail it.
      store.then((s) => setTimeout(() => void s.close(), 60_000).unref(), () => {});
    }
    return held;
  }

  private async build(view: View): Promise<Store> {
    const dataset = await datasetOf(this.store, view);
    const seed = await this.store.seedState();
    const hash = createHash('sha256').update(`${seed.datasetHash}|${view.asOf}|${view.changedSince}`).digest('hex');
    const past = new SqliteStore(':memory:');
    await past.seed(dataset, hash);
    return past;
  }

  async close() {
    const held = [...this.held.values()];
    this.held.clear();
    await Promise.all(held.map((s) => s.then((store) => store.close(), () => {})));
  }
}
