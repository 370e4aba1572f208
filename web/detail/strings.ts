// The timeline's words, Bulgarian first, and dates spelled to the precision their source gives.
import { translator, type Lang } from '../app/i18n.ts';
import { precisionOf } from './timeline.ts';

const STRINGS = {
  timeline: { bg: 'Изпълнение във времето', en: 'Progress over time' },
  planned: { bg: 'План', en: 'Plan' },
  progress: { bg: 'Напредък', en: 'Progress' },
  periodUnknown: { bg: 'неизвестен период', en: 'unknown period' },
  periodInferred: { bg: 'периодът е изведен', en: 'period inferred' },
  inferredShort: { bg: 'изведен', en: 'inferred' },
  today: { bg: 'днес', en: 'today' },
  chartLabel: {
    bg: 'Времева линия. План: {period}. Записи за напредъка: {n}; последният — {status} ({date}). Всички записи са изброени под графиката.',
    en: 'Timeline. Plan: {period}. Progress entries: {n}; the latest — {status} ({date}). Every entry is listed below the chart.',
  },
  entriesTitle: { bg: 'Записи за напредъка, от най-стария', en: 'Progress entries, oldest first' },
  percent: { bg: 'Изпълнение: {n} %', en: 'Done: {n} %' },
  contracted: { bg: 'Договорено', en: 'Contracted' },
  paid: { bg: 'Изплатено', en: 'Paid' },
  asPublished: { bg: 'както е публикувано', en: 'as published' },
  sources: { bg: 'Източници', en: 'Sources' },
  dateEstimated: { bg: 'датата е наша оценка', en: 'date estimated by us' },
  translatedFrom: { bg: 'превод от английски', en: 'translated from Bulgarian' },
  sameSources: { bg: 'Източници: тези на интервенцията (по-долу).', en: 'Sources: those of the intervention (below).' },
} as const;

export type TimelineKey = keyof typeof STRINGS;

export const tt = translator<TimelineKey>(STRINGS);

/**
 * A date as precisely as it was written: "2024" stays a year, "2025-10" a month ("октомври 2025 г."),
 * never padded to a day nobody stated. Read in UTC, so no reader's time zone moves the day.
 */
export function partialDate(lang: Lang, date: string): string {
  const precision = precisionOf(date);
  if (precision === 'year') return date;
  const [y, m, d = 1] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = precision === 'month' ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(lang === 'bg' ? 'bg-BG' : 'en-GB', { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
