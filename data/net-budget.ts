// A programme's net budget, in JS for the engines that cannot reproduce SQLite's arithmetic in SQL
// (data/sqlite/load.ts netBudgets is the SQL this equals): its budget less its members' (summed
// as SQLite's sum() does, with Kahan–Babuška–Neumaier compensation), rounded to the cent as
// SQLite's round(x, 2) rounds (the exact binary value, half away from zero, as toFixed does), and
// never below zero. PostgreSQL's round() goes through numeric at 15 digits and differs by a cent.

/** Σ values, compensated as SQLite's sum() of REALs. */
export function compensatedSum(values: number[]): number {
  let sum = 0;
  let error = 0;
  for (const v of values) {
    const t = sum + v;
    error += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + error;
}

export function netBudget(budget: number | null, members: number[]): number | null {
  if (budget === null) return null;
  return Math.max(0, Number((budget - compensatedSum(members)).toFixed(2)));
}
