// Numbers and tables for the bench's report.

export const ms = (n: number) => (!Number.isFinite(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : 'n/a');
/** /proc reports kibibytes */
export const mbFromKiB = (kib: number) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MB` : 'n/a');
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const seconds = (n: number) => (Number.isFinite(n) ? `${(n / 1000).toFixed(2)} s` : 'n/a');
export const size = (bytes: number) =>
  !Number.isFinite(bytes) ? 'n/a' : bytes >= 1024 * 1024 ? mb(bytes) : `${(bytes / 1024).toFixed(1)} KiB`;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
export const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN);
export const max = (values: number[]) => (values.length ? Math.max(...values) : NaN);
export const min = (values: number[]) => (values.length ? Math.min(...values) : NaN);

/** A plain-text table; columns listed in `right` are right-aligned. */
export function table(head: string[], rows: string[][], right: number[] = []) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
