// The days the date controls offer and how they read. The API refuses a future day and a "changed
// since" that is not before the day shown; the controls keep a reader from asking for either.
import { Day } from '../../geo/calendar.ts';
import { day } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';

/** The earliest day worth asking for: the first day of the plan's period (nothing was on record before). */
export const firstDay = (startYear: number) => `${startYear}-01-01`;

/** The day before `d` (YYYY-MM-DD). */
export function dayBefore(d: string): string {
  const [y, m, n] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, n - 1)).toISOString().slice(0, 10);
}

/** 31 December of the year before `shown`: the state the last annual report describes. */
export const lastReportDay = (shown: string) => `${Number(shown.slice(0, 4)) - 1}-12-31`;

/** A whole day in [min, max]; half-typed years ("0002-12-31") and six-digit ones are not. */
export const dayWithin = (d: string, min: string, max: string) => Day.safeParse(d).success && d >= min && d <= max;

/** "31 декември 2024 г." / "31 December 2024": a calendar day, not an instant, so in no time zone but its own. */
// A no-break space keeps "г." on the line of its year.
export const dayText = (lang: Lang, d: string) => day(lang, `${d}T12:00:00Z`, 'UTC').replace(/ г\.$/, '\u00a0г.');
