// The years the "active in year" filter offers: the plan's period, widened to every year the
// interventions start or end in (work begun before the plan, or finishing after it), and the
// year already chosen (a shared link may name any).
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
