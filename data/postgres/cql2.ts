// CQL2 (geo/cql2.ts) compiled to SQL on each intervention's flat /ogc properties (jsonb), with
// matchesCql2's rules, as data/sqlite/cql2.ts keeps them on SQLite: a value compares only with a
// literal of its own JSON type, strings by code point (as UTF-8 bytes), a missing
// property is null, and every condition is true or false, never NULL, so NOT means "does not match".
import type { Comparison, Expression, Literal } from '../../geo/cql2.ts';

// Strings compare as their UTF-8 bytes (code point order, NUL included, which PostgreSQL text cannot hold).
const CAST: Record<'string' | 'number' | 'boolean', (sql: string) => string> = { string: (v) => `convert_to(${v}, 'UTF8')`, number: (v) => `${v}::float8`, boolean: (v) => `${v}::boolean` };
const CAST_PARAM: Record<'string' | 'number' | 'boolean', string> = { string: '::bytea', number: '::float8', boolean: '::boolean' };

function comparison(c: Comparison, params: unknown[]): string {
  params.push(c.property);
  const key = `$${params.length}::text`;
  const type = `coalesce(jsonb_typeof(i.ogc_properties -> ${key}), 'null')`;
  if (c.op === 'isNull' || c.op === 'isNotNull') return `(${type} ${c.op === 'isNull' ? '=' : '<>'} 'null')`;
  const { value } = c as Extract<Comparison, { value: Literal }>;
  const kind = typeof value as 'string' | 'number' | 'boolean';
  params.push(kind === 'string' ? Buffer.from(value as string, 'utf8') : value);
  const literal = `$${params.length}${CAST_PARAM[kind]}`;
  // Typed by the CASE first: a cast is never tried on a value of another type.
  return `(CASE WHEN ${type} = '${kind}' THEN ${CAST[kind](`(i.ogc_properties ->> ${key})`)} ${c.op} ${literal} ELSE false END)`;
}

/** The expression as an SQL condition on `i.ogc_properties`; its parameters are pushed onto `params` in order. */
export function cqlCondition(e: Expression, params: unknown[]): string {
  if ('and' in e) return `(${e.and.map((x) => cqlCondition(x, params)).join(' AND ')})`;
  if ('or' in e) return `(${e.or.map((x) => cqlCondition(x, params)).join(' OR ')})`;
  if ('not' in e) return `(NOT ${cqlCondition(e.not, params)})`;
  return comparison(e, params);
}
