// The years the "active in year" filter offers: the plan's period, widened to every year the
// interventions start or end in (work begun before the plan, or finishing after it), and the
// year already chosen (a shared link may name any).
import { useEffect, useState } from 'react';
import type { Plan } from '../../geo/index.ts';

export function yearOptions(period: Plan['period'], years: Iterable<number | null>, selected?: number): number[] {
  let first = period.startYear;
  let last = period.endYear;
  for (const y of [...years, selected]) {
    if (y === null || y === undefined || !Number.isInteger(y)) continue;
    first = Math.min(first, y);
    last = Math.max(last, y);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * The first and last year among everything loaded so far in this visit. It only grows: the loaded
 * items are filtered (by the year among others), and choosing 2019 must not take 2029 off the list.
 */
export function useYearsSeen(items: { properties: { startYear: number | null; endYear: number | null } }[]): number[] {
  const [seen, setSeen] = useState<number[]>([]);
  useEffect(() => {
    const years = items.flatMap((f) => [f.properties.startYear, f.properties.endYear]).filter((y): y is number => y !== null);
    if (!years.length) return;
    setSeen((s) => {
      const next = [Math.min(...years, ...s), Math.max(...years, ...s)];
      return next[0] === s[0] && next[1] === s[1] ? s : next;
    });
  }, [items]);
  return seen;
}
