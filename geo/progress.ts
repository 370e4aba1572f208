// How an intervention has moved along: dated progress entries (status, percent, amounts contracted
// and paid, a note, the sources that say so). The record's `status`, `statusAsOf` and `statusText`
// are the latest entry's, so every read that filters or draws by status keeps working unchanged;
// the entries are what a timeline, the map as of a date and the annual report are built from.
//
// Dates may be partial (a source often says only "2024" or "October 2025"). An entry counts from
// the first day of its period: an entry dated 2024 holds on 31 December 2024 and on any later
// date, and on 1 January 2024 too — the earliest the source allows, so the map as of today and
// the map without a date agree.
import { z } from 'zod';
import { isCalendarDate, PartialDate, periodStart } from './calendar.ts';
import { proseBg, proseUpTo } from './prose.ts';
import { Source, Sources } from './source.ts';
import { Currency, STATUSES, Status, toEur } from './vocabulary.ts';

/** An amount as published, and in euro at the fixed rate. */
export const Money = z
  .object({ amount: z.number().nonnegative(), currency: Currency, eur: z.number().nonnegative() })
  .strict()
  .superRefine((m, ctx) => {
    const expected = toEur(m.amount, m.currency);
    if (Math.abs(m.eur - expected) > 0.01) ctx.addIssue({ code: 'custom', path: ['eur'], message: `eur must be ${expected} (1 EUR = 1.95583 BGN)` });
  });
export type Money = z.infer<typeof Money>;

export const ProgressEntry = z
  .object({
    /** when the status held, as precisely as the source says */
    date: PartialDate.refine(isCalendarDate, 'no such date in the calendar'),
    status: Status,
    /** physical progress where a source states it; null when unknown */
    percent: z.number().min(0).max(100).nullable(),
    contracted: Money.nullable(),
    paid: Money.nullable(),
    /** the status in words; the shipped entries carry the research's English with a Bulgarian translation */
    note: proseUpTo(2000).nullable(),
    /** true when the date is our estimate (the source's date was not visible), not a date a source gives */
    dateEstimated: z.boolean().optional(),
    sources: Sources,
  })
  .strict();
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** The fields of an intervention's properties that this module reads and writes. */
export interface StatusFields {
  status: Status;
  statusAsOf: string;
  statusText: string;
  sources: Source[];
  progress: ProgressEntry[];
}

/** Entries in date order; entries of the same day keep the order they were written in. */
export function inDateOrder(entries: readonly ProgressEntry[]): ProgressEntry[] {
  return entries
    .map((entry, i) => ({ entry, i, start: periodStart(entry.date) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.i - b.i))
    .map((e) => e.entry);
}

/** The entries that hold on `day` (YYYY-MM-DD), in date order. */
export function entriesOn(entries: readonly ProgressEntry[], day: string): ProgressEntry[] {
  return inDateOrder(entries).filter((e) => periodStart(e.date) <= day);
}

/** The latest value of `field` among the entries that state one (amounts and percent are often known only now and then); null when none does. */
export function latestKnown<K extends 'percent' | 'contracted' | 'paid'>(entries: readonly ProgressEntry[], field: K): ProgressEntry[K] {
  for (const entry of inDateOrder(entries).reverse()) if (entry[field] !== null) return entry[field];
  return null as ProgressEntry[K];
}

/** The status fields the latest entry gives. */
function statusOf(latest: ProgressEntry): Pick<StatusFields, 'status' | 'statusAsOf' | 'statusText'> {
  return { status: latest.status, statusAsOf: latest.date, statusText: latest.note ? proseBg(latest.note) : STATUSES.table[latest.status].label.bg };
}

/**
 * The record's status fields made the latest entry's, and the entries in date order. A record
 * without entries (as the dataset held them before there were entries, or as a file to import
 * carries them) gets its single status as the first entry, backed by the record's own sources. A
 * status that no entry has (a client or an import that changed only `status` or `statusAsOf`)
 * becomes a new entry dated `statusAsOf`, so the change is kept rather than overwritten by the older
 * entries; a status that an earlier entry has is a record read before an entry was added, and the
 * latest entry wins. `previous` is the record this one was written over, when there is one (a merge
 * patch, an import over a published item): status fields left as they were there are read as
 * derived, so an edited entry (its date, its note) is not undone by the old fields sent beside it.
 */
export function withCurrentStatus<P extends StatusFields>(
  p: Omit<P, 'progress'> & { progress?: ProgressEntry[] | null },
  previous?: Pick<StatusFields, 'status' | 'statusAsOf' | 'statusText'>,
): P {
  const entries = [...(p.progress ?? [])];
  // Fields a client sent back as it read them are derived, not edited: the entries say what changed.
  const statusEdited = !previous || p.status !== previous.status || p.statusAsOf !== previous.statusAsOf;
  const textEdited = !previous || p.statusText !== previous.statusText;
  const latest = inDateOrder(entries).at(-1);
  if (latest && latest.status === p.status && latest.date === p.statusAsOf) {
    const derived = statusOf(latest).statusText;
    if (textEdited && p.statusText && p.statusText !== derived) {
      // The entry's note and the status in words both stated anew, and not alike: which one the
      // client meant cannot be told, so neither is overwritten and the schema refuses the record.
      const noteEdited = !previous || derived !== previous.statusText;
      if (latest.note && noteEdited) return { ...p, progress: inDateOrder(entries) } as P;
      // The status in words edited on its own (a typo fixed) is the latest entry's note.
      entries[entries.indexOf(latest)] = { ...latest, note: p.statusText };
    }
  } else if ((statusEdited || !entries.length) && !entries.some((e) => e.status === p.status && e.date === p.statusAsOf)) {
    entries.push({ date: p.statusAsOf, status: p.status, percent: null, contracted: null, paid: null, note: p.statusText || null, sources: p.sources });
  }
  const ordered = inDateOrder(entries);
  return { ...p, ...statusOf(ordered.at(-1)!), progress: ordered } as P;
}

/**
 * The record as it stood on `day`: only the entries that hold by then, and the status theirs; null
 * when none does (nothing on record says the item existed yet).
 */
export function asOfDay<P extends StatusFields>(p: P, day: string): P | null {
  const held = entriesOn(p.progress, day);
  if (!held.length) return null;
  return { ...p, ...statusOf(held.at(-1)!), progress: held };
}

/** The status the record's entries give, or the issue with it (for the schema's check). */
export function statusProblem(p: StatusFields): string | null {
  if (!p.progress.length) return 'an intervention has at least one progress entry';
  const latest = inDateOrder(p.progress).at(-1)!;
  const expected = statusOf(latest);
  if (expected.status !== p.status || expected.statusAsOf !== p.statusAsOf || expected.statusText !== p.statusText)
    return `status, statusAsOf and statusText must be the latest progress entry's (${latest.status}, ${latest.date}, its note); add a progress entry to change the status`;
  return null;
}
