// Days as the municipality counts them. `asOf=2025-12-31` means the end of that day in Bulgaria
// (Europe/Sofia), not in UTC: a publication at 23:30 on 31 December belongs to that year's report.
import { z } from 'zod';

export const TIME_ZONE = 'Europe/Sofia';

export const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A real calendar date (2024-02-30 is not); a partial date is real when its month is. */
export function isCalendarDate(date: string): boolean {
  const [y, m = 1, d = 1] = date.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const PartialDate = z.string().regex(PARTIAL_DATE, 'a date is YYYY, YYYY-MM or YYYY-MM-DD');

/** A whole calendar day, as `asOf` and `changedSince` take it. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(isCalendarDate, 'no such day in the calendar');

/** The first day of a partial date's period: 2024 → 2024-01-01, 2024-05 → 2024-05-01. */
export function periodStart(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

// Made once: each Intl formatter holds tens of kilobytes of ICU memory outside the JS heap, and
// checking a million interventions asked for today a million times.
const OFFSET_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Minutes Sofia is ahead of UTC at `at` (120 in winter, 180 in summer). */
function sofiaOffset(at: number): number {
  const name = OFFSET_NAME.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant (ISO, UTC) the day after `day` begins in Sofia: everything published before it counts as of `day`. */
export function endOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d + 1);
  // The offset at local midnight; DST changes at 03:00/04:00 local, never at midnight.
  return new Date(midnightUtc - sofiaOffset(midnightUtc - 3 * 3600_000) * 60_000).toISOString();
}

/** The instant (ISO, UTC) `day` begins in Sofia. */
export function startOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return endOfDay(new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10));
}

/** Today in Sofia, as YYYY-MM-DD. */
export function today(at: Date = new Date()): string {
  return DAY.format(at);
}

/** The day (in Sofia) an instant falls on. */
export const dayOf = (instant: string): string => today(new Date(instant));
