// Class breaks for the choropleth: zero gets its own class (a settlement the plan misses must stand
// out), the rest are quantiles of the non-zero values, as many classes as there are distinct values
// up to five. The same breaks colour the map and write the legend.
export const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
export const ZERO = '#f1e3e3';
export const UNKNOWN = '#dee2e6';

export interface Classes {
  /** upper bounds of classes 1..n (class 0 is exactly zero) */
  breaks: number[];
  colours: string[];
}

export function classify(values: (number | null)[]): Classes {
  const positive = [...new Set(values.filter((v): v is number => v !== null && v > 0))].sort((a, b) => a - b);
  const n = Math.min(5, positive.length);
  const breaks: number[] = [];
  for (let i = 1; i <= n; i++) breaks.push(positive[Math.ceil((i * positive.length) / n) - 1]);
  const colours = n <= 1 ? [PALETTE[3]] : PALETTE.slice(5 - n).map((_, i) => PALETTE[Math.round((i * 4) / (n - 1))]);
  return { breaks: [...new Set(breaks)], colours };
}

/** 0 for zero, 1..n for the classes, -1 for unknown. */
export function classOf(value: number | null, { breaks }: Classes): number {
  if (value === null) return -1;
  if (value <= 0) return 0;
  const i = breaks.findIndex((b) => value <= b);
  return (i === -1 ? breaks.length - 1 : i) + 1;
}

export function colourOf(cls: number, classes: Classes): string {
  if (cls < 0) return UNKNOWN;
  if (cls === 0) return ZERO;
  return classes.colours[cls - 1];
}
