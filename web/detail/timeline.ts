// Where the planned period and each progress entry fall on one time axis, as fractions of the
// axis (0 = its first day, 1 = the day after its last), so the chart only multiplies by a width
// and a test can check positions by hand. The axis is whole calendar years: from the earlier of
// the planned start and the first entry, to the latest of the planned end, the last entry and today.
import { periodStart } from '../../geo/calendar.ts';
import { inDateOrder, type ProgressEntry } from '../../geo/progress.ts';
import { STATUSES, type Status } from '../../geo/vocabulary.ts';

export interface TimelineInput {
  startYear: number | null;
  endYear: number | null;
  periodInferred: boolean;
  progress: readonly ProgressEntry[];
  /** YYYY-MM-DD */
  today: string;
}

export type Precision = 'year' | 'month' | 'day';

/** The planned period: a bar, one open end when only one year is known, or nothing known at all. */
export type PlannedSpan =
  | { known: 'both'; x1: number; x2: number; inferred: boolean }
  | { known: 'start'; x1: number; inferred: boolean }
  | { known: 'end'; x2: number; inferred: boolean }
  | { known: 'none' };

export interface Mark {
  entry: ProgressEntry;
  /** where the entry starts to count (the first day of its period) */
  x: number;
  /** the day after its period ends: a year or a month for a partial date, a day otherwise */
  x2: number;
  precision: Precision;
  /** the row it is drawn in, 0 first, so that marks close in time do not cover each other */
  lane: number;
}

export interface TimelineLayout {
  /** first year on the axis, and the year after the last */
  fromYear: number;
  toYear: number;
  years: { year: number; x: number; x2: number }[];
  planned: PlannedSpan;
  marks: Mark[];
  lanes: number;
  today: number;
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
const dayNumber = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function precisionOf(date: string): Precision {
  const parts = date.split('-').length;
  return parts === 1 ? 'year' : parts === 2 ? 'month' : 'day';
}

/** The day after a partial date's period ends: 2024 → 2025-01-01, 2024-12 → 2025-01-01, 2024-05-31 → 2024-06-01. */
export function periodEnd(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = m === undefined ? Date.UTC(y + 1, 0, 1) : d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
  return new Date(next).toISOString().slice(0, 10);
}

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * `markWidth(entry)` is how much of the axis a mark and its label take (a fraction); a mark that
 * would start before the previous one in its lane ends goes to the next lane.
 */
export function layoutTimeline(input: TimelineInput, markWidth: (entry: ProgressEntry) => number = () => 0.06): TimelineLayout {
  const entries = inDateOrder(input.progress);
  // A partial date's period never crosses a year's end, so its year is its first day's.
  const first = entries[0] ? yearOf(periodStart(entries[0].date)) : null;
  const last = entries.at(-1) ? yearOf(periodStart(entries.at(-1)!.date)) : null;
  const thisYear = yearOf(input.today);
  const known = (...years: (number | null)[]) => years.filter((y): y is number => y !== null);
  const starts = known(input.startYear, first);
  // With neither a start nor an entry, the axis begins at the planned end, or this year.
  const fromYear = Math.min(...(starts.length ? starts : known(input.endYear, thisYear)));
  const toYear = Math.max(fromYear, ...known(input.endYear, last, thisYear)) + 1;
  const from = dayNumber(`${fromYear}-01-01`);
  const span = dayNumber(`${toYear}-01-01`) - from;
  const at = (day: string) => (dayNumber(day) - from) / span;

  const years = [];
  for (let year = fromYear; year < toYear; year++) years.push({ year, x: at(`${year}-01-01`), x2: at(`${year + 1}-01-01`) });

  const { startYear: s, endYear: e, periodInferred: inferred } = input;
  const planned: PlannedSpan =
    s !== null && e !== null
      ? { known: 'both', x1: at(`${s}-01-01`), x2: at(`${e + 1}-01-01`), inferred }
      : s !== null
        ? { known: 'start', x1: at(`${s}-01-01`), inferred }
        : e !== null
          ? { known: 'end', x2: at(`${e + 1}-01-01`), inferred }
          : { known: 'none' };

  const laneEnds: number[] = [];
  const marks = entries.map((entry) => {
    const x = at(periodStart(entry.date));
    let lane = laneEnds.findIndex((end) => end <= x);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = x + markWidth(entry);
    return { entry, x, x2: at(periodEnd(entry.date)), precision: precisionOf(entry.date), lane };
  });

  return { fromYear, toYear, years, planned, marks, lanes: Math.max(1, laneEnds.length), today: at(input.today) };
}

/**
 * How much of the mark's circle is filled, read from the status's symbol in the vocabulary (○ ◔ ◑
 * ◕ ●), so the chart and the list badge agree; ⊘ is an empty circle struck through.
 */
export function markShape(status: Status): { fill: number; struck: boolean } {
  const { fill, symbol } = STATUSES.table[status];
  return { fill, struck: symbol === '⊘' };
}
