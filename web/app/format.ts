import type { Lang } from './i18n.ts';

const locale = (lang: Lang) => (lang === 'bg' ? 'bg-BG' : 'en-GB');

export function money(lang: Lang, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency, maximumFractionDigits: amount > 0 && amount < 100 ? 2 : 0 }).format(amount);
}

export function distance(lang: Lang, metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} ${lang === 'bg' ? 'м' : 'm'}`;
  const km = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: metres < 10_000 ? 1 : 0 }).format(metres / 1000);
  return `${km} ${lang === 'bg' ? 'км' : 'km'}`;
}

export function count(lang: Lang, n: number): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/**
 * The calendar day of an ISO 8601 instant, spelled out in the UI language ("5 декември 2026 г.",
 * "5 December 2026"). The day is the reader's own (the browser's time zone unless `timeZone` is
 * given), so a change published just after midnight in Bulgaria is not dated the day before.
 */
export function day(lang: Lang, iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}

/** An instant to the minute ("5.12.2026 г., 18:57"), for who changed what when; "—" when unknown. */
export function moment(lang: Lang, iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Six decimals (~10 cm) is more than any phone or click knows, and keeps shared links short. */
export function roundCoordinate(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
