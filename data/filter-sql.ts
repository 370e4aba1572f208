// The intervention filter as SQL, once for every engine. What differs between engines (how a
// parameter is written, and how the spatial, text and CQL2 indexes are asked) is the engine's
// Dialect; the rest (plan links through the closure, vocabularies, periods, budgets, sort orders)
// is the same SQL on SQLite and PostgreSQL, so both stores filter by exactly the same rules.
import { searchTerms, type BBox, type InterventionFilter, type Sort } from '../geo/index.ts';
import type { Expression } from '../geo/cql2.ts';

export interface Where {
  sql: string;
  params: unknown[];
}

export interface Dialect {
  /** The placeholder of a parameter just pushed onto `params` (SQLite `?`, PostgreSQL `$n`). */
  placeholder(params: unknown[]): string;
  /** Items whose geometry meets the box exactly: points on its edge in, nothing outside. */
  bbox(box: BBox, params: unknown[]): string;
  /** Items whose (index) box meets this one: every item within a radius, and some beside it. */
  roughBox(box: BBox, params: unknown[]): string;
  /** Items whose search keys have a word starting with each term (geo/transliterate.ts). */
  search(terms: string[], params: unknown[]): string;
  /** Items whose flat OGC properties match the CQL2 expression (geo/cql2.ts matchesCql2). */
  cql(expression: Expression, params: unknown[]): string;
}

const METRES_PER_DEGREE = 111_320;

/** The bbox that surely holds every point within `radius` metres of (lon, lat). */
export function radiusBBox(lon: number, lat: number, radius: number): [number, number, number, number] {
  const dLat = (radius / METRES_PER_DEGREE) * 1.01;
  const cos = Math.max(Math.cos((Math.abs(lat) * Math.PI) / 180), 1e-6);
  const dLon = Math.min((radius / (METRES_PER_DEGREE * cos)) * 1.01, 180);
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

/** Whether the filter is `key` and nothing else. */
export function only(filter: InterventionFilter, key: keyof InterventionFilter): boolean {
  return filter[key] !== undefined && Object.keys(filter).every((k) => k === key || filter[k as keyof InterventionFilter] === undefined);
}

/** The search terms of a filter that is a search and nothing else; null for any other filter (or a search of no word). */
export function onlySearch(filter: InterventionFilter): string[] | null {
  if (!only(filter, 'q')) return null;
  const terms = searchTerms(filter.q!);
  return terms.length ? terms : null;
}

export function whereClause(f: InterventionFilter, dialect: Dialect): Where {
  const params: unknown[] = [];
  const all: string[] = [];
  const value = (v: unknown) => {
    params.push(v);
    return dialect.placeholder(params);
  };
  const inList = (column: string, values: readonly unknown[]) => `${column} IN (${values.map(value).join(', ')})`;
  const subquery = (table: string, column: string, values: readonly unknown[]) => `i.rowid IN (SELECT intervention FROM ${table} WHERE ${inList(column, values)})`;
  if (f.bbox) all.push(dialect.bbox(f.bbox, params));
  if (f.near) all.push(dialect.roughBox(radiusBBox(f.near.lon, f.near.lat, f.near.radius), params));
  for (const ids of [f.goal, f.priority, f.measure])
    if (ids?.length) all.push(`i.rowid IN (SELECT l.intervention FROM intervention_link l JOIN plan_closure c ON c.item = l.plan_item WHERE ${inList('c.ancestor', ids)})`);
  if (f.funding?.length) all.push(subquery('intervention_funding', 'funding', f.funding));
  if (f.zone?.length) all.push(subquery('intervention_zone', 'zone', f.zone));
  if (f.masterPlanZone?.length) all.push(subquery('intervention_master_plan_zone', 'zone', f.masterPlanZone));
  if (f.theme?.length) all.push(inList('i.theme', f.theme));
  if (f.status?.length) all.push(inList('i.status', f.status));
  if (f.municipality?.length) all.push(inList('i.municipality', f.municipality));
  if (f.settlement?.length) all.push(inList('i.settlement', f.settlement));
  if (f.accuracy?.length) all.push(inList('i.location_accuracy', f.accuracy));
  if (f.year !== undefined) all.push(`i.start_year IS NOT NULL AND i.start_year <= ${value(f.year)} AND (i.end_year IS NULL OR i.end_year >= ${value(f.year)})`);
  // An item is in [from, to] when its period overlaps it; an open end runs on.
  if (f.from !== undefined) all.push(`(i.end_year >= ${value(f.from)} OR (i.end_year IS NULL AND i.start_year IS NOT NULL))`);
  if (f.to !== undefined) all.push(`i.start_year IS NOT NULL AND i.start_year <= ${value(f.to)}`);
  if (f.minBudget !== undefined) all.push(`i.budget_eur >= ${value(f.minBudget)}`);
  if (f.maxBudget !== undefined) all.push(`i.budget_eur <= ${value(f.maxBudget)}`);
  if (f.located !== undefined) all.push(`i.located = ${value(f.located ? 1 : 0)}`);
  if (f.cql) all.push(dialect.cql(f.cql, params));
  const terms = f.q === undefined ? [] : searchTerms(f.q);
  if (terms.length) all.push(dialect.search(terms, params));
  return { sql: all.length ? `WHERE ${all.join(' AND ')}` : '', params };
}

const ORDER: Record<Sort['key'], (dir: string) => string> = {
  // Without a point, "distance" has no meaning; dataset order keeps paging stable.
  distance: () => 'i.rowid',
  budget: (dir) => `i.budget_eur IS NULL, i.budget_eur ${dir}, i.rowid`,
  title: (dir) => `i.title_sort ${dir}, i.rowid`,
  // SQLite sorts NULL first, PostgreSQL last: said outright, both put an open end first going up.
  start: (dir) => `i.start_year IS NULL, i.start_year ${dir}, i.end_year ${dir} NULLS ${dir === 'ASC' ? 'FIRST' : 'LAST'}, i.rowid`,
};

/** ORDER BY terms of a sort (dataset order without one). Titles compare by code point on every engine. */
export function orderBy(sort?: Sort): string {
  return sort ? ORDER[sort.key](sort.descending ? 'DESC' : 'ASC') : 'i.rowid';
}
