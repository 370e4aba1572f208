// What happened in a report's year, intervention by intervention. Two clocks again (see
// data/views.ts): progress entries say when work started, finished or stopped, as the sources date
// it; publications say when the public record changed. A partial date ("2024", "2024-05") is in the
// year it names.
import { z } from 'zod';
import { dayOf, endOfDay } from '../geo/calendar.ts';
import { LocalText, Status } from '../geo/index.ts';
import { fieldChanges, RevisionAction } from '../geo/editing.ts';
import { inDateOrder, type ProgressEntry } from '../geo/progress.ts';
import type { Intervention } from '../geo/intervention.ts';
import type { Publication, PublicationQuery } from './published.ts';
import type { PublishedIntervention, Store } from './store.ts';

const ListedBase = z.object({
  id: z.string(),
  title: LocalText,
  /** the status on the report's day; null when the intervention is not on record then (deleted) */
  statusAtYearEnd: Status.nullable(),
  /** the intervention on the public map */
  mapUrl: z.string(),
  /** URLs of the sources behind it: the entry's first, then the record's */
  sources: z.array(z.string()),
});
export const ListedEvent = ListedBase.extend({ date: z.string().describe('the progress entry’s date: YYYY, YYYY-MM or YYYY-MM-DD') });
export const ListedDrop = ListedEvent.extend({ reason: z.enum(['cancelled', 'deleted']) });
export const ListedChange = ListedBase.extend({
  /** the last publication of the year */
  publishedAt: z.string(),
  publications: z.number().int().positive(),
  actions: z.array(RevisionAction),
  /** dotted paths of the fields the year's publications changed (`(record)` for a created item) */
  fields: z.array(z.string()),
});
export const ListedUnlocated = ListedBase.extend({ locationAccuracy: z.string(), locationText: z.string() });
export type ListedEvent = z.infer<typeof ListedEvent>;
export type ListedDrop = z.infer<typeof ListedDrop>;
export type ListedChange = z.infer<typeof ListedChange>;
export type ListedUnlocated = z.infer<typeof ListedUnlocated>;

/** More publications than this in one year would be cut; the report says so through `truncated`. */
const MAX_PUBLICATIONS = 50_000;


const inYear = (date: string, year: number) => date.slice(0, 4) === String(year);
const urls = (...lists: { url: string }[][]) => [...new Set(lists.flat().map((s) => s.url))];
const byDateThenId = <T extends { id: string; date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1);

function listed(record: Intervention, statusAtYearEnd: Status | null, link: (id: string) => string, entry?: ProgressEntry) {
  return {
    id: record.id,
    title: record.properties.title,
    statusAtYearEnd,
    mapUrl: link(record.id),
    sources: urls(entry?.sources ?? [], record.properties.sources),
  };
}

interface YearInput {
  store: Store;
  /** the interventions on record on the report's day, entries cut to that day */
  features: PublishedIntervention[];
  year: number;
  asOf: string;
  /** the map's link to an intervention */
  link: (id: string) => string;
  /** in a store of several plans, whose publications the report is of (PublicationQuery.serving) */
  serving?: PublicationQuery['serving'];
}

export async function collectYear({ store, features, year, asOf, link, serving }: YearInput) {
  const started: ListedEvent[] = [];
  const completed: ListedEvent[] = [];
  const dropped: ListedDrop[] = [];
  for (const f of features) {
    const entries = inDateOrder(f.properties.progress);
    const status = f.properties.status;
    // Started: the first time work was under way, not every entry that says it still is.
    const start = entries.find((e) => e.status === 'in_progress');
    if (start && inYear(start.date, year)) started.push({ ...listed(f, status, link, start), date: start.date });
    const done = entries.find((e) => e.status === 'completed' && inYear(e.date, year));
    if (done) completed.push({ ...listed(f, status, link, done), date: done.date });
    const cancelled = entries.find((e) => e.status === 'cancelled' && inYear(e.date, year));
    if (cancelled) dropped.push({ ...listed(f, status, link, cancelled), date: cancelled.date, reason: 'cancelled' });
  }

  // The instant the year begins is the end of the one before; a millisecond earlier, because
  // publications are read strictly after `since` and a publication at that very instant is this year's.
  const since = new Date(Date.parse(endOfDay(`${year - 1}-12-31`)) - 1).toISOString();
  const publications = await store.publications({ kind: 'intervention', since, until: endOfDay(asOf), serving, limit: MAX_PUBLICATIONS });
  const statusOn = new Map(features.map((f) => [f.id, f.properties.status]));
  const changes = new Map<string, { latest: Publication; all: Publication[] }>();
  for (const p of publications) {
    const record = (p.record ?? p.previous) as Intervention | null;
    if (p.action === 'delete') {
      // A deletion's record is the one before it.
      if (record) dropped.push({ ...listed(record, statusOn.get(p.item) ?? null, link), date: dayOf(p.publishedAt), reason: 'deleted' });
      continue;
    }
    const held = changes.get(p.item) ?? { latest: p, all: [] };
    held.all.push(p);
    changes.set(p.item, held);
  }
  const changed: ListedChange[] = [...changes.values()].map(({ latest, all }) => {
    const fields = new Set(all.flatMap((p) => fieldChanges(p.previous, p.record).map((c) => c.path)));
    return {
      ...listed(latest.record as Intervention, statusOn.get(latest.item) ?? null, link),
      publishedAt: latest.publishedAt,
      publications: all.length,
      actions: [...new Set(all.map((p) => p.action))],
      fields: [...fields].sort(),
    };
  });
  changed.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1));
  return {
    started: started.sort(byDateThenId),
    completed: completed.sort(byDateThenId),
    changed,
    dropped: dropped.sort(byDateThenId),
    publicationsTruncated: publications.length === MAX_PUBLICATIONS,
  };
}

/** The interventions on record on the day that have no place on the map, by id. */
export function unlocatedOf(features: PublishedIntervention[], link: (id: string) => string): ListedUnlocated[] {
  return features
    .filter((f) => f.geometry === null)
    .map((f) => ({ ...listed(f, f.properties.status, link), locationAccuracy: f.properties.locationAccuracy, locationText: f.properties.locationText }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
