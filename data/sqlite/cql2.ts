// CQL2 (geo/cql2.ts) compiled to SQL on each intervention's stored OGC form (the `ogc` column,
// migration 12), so /ogc filters, counts and pages in the store like every other filter. The SQL
// keeps matchesCql2's rules exactly: a value compares only with a literal of its own JSON type
// (booleans as 0/1, strings by code point as SQLite's BINARY collation compares UTF-8), a missing
// property is null, and every condition is 0 or 1, never SQL's NULL, so NOT means "does not match".
import type { Comparison, Expression, Literal } from '../../geo/cql2.ts';

const TYPES: Record<'string' | 'number' | 'boolean', string> = {
  string: "('text')",
  number: "('integer', 'real')",
  boolean: "('true', 'false')",
};

function comparison(c: Comparison, params: unknown[]): string {
  const path = `$.properties."${c.property}"`;
  if (c.op === 'isNull' || c.op === 'isNotNull') {
    params.push(path);
    return `(coalesce(json_type(i.ogc, ?), 'null') ${c.op === 'isNull' ? '=' : '<>'} 'null')`;
  }
  const { value } = c as Extract<Comparison, { value: Literal }>;
  const kind = typeof value as 'string' | 'number' | 'boolean';
  params.push(path, path, typeof value === 'boolean' ? Number(value) : value);
  return `(coalesce(json_type(i.ogc, ?), 'null') IN ${TYPES[kind]} AND json_extract(i.ogc, ?) ${c.op} ?)`;
}

/** The expression as an SQL condition on `i.ogc`; its parameters are pushed onto `params` in order. */
export function cqlCondition(e: Expression, params: unknown[]): string {
  if ('and' in e) return `(${e.and.map((x) => cqlCondition(x, params)).join(' AND ')})`;
  if ('or' in e) return `(${e.or.map((x) => cqlCondition(x, params)).join(' OR ')})`;
  if ('not' in e) return `(NOT ${cqlCondition(e.not, params)})`;
  return comparison(e, params);
}
