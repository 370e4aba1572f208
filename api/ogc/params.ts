// Query parameters of OGC API – Features, in the same Param form as /api so that one parser checks
// them and one generator documents them.
import { z } from 'zod';
import { CRS, SERVED_CRS, type ServedCrs } from '../../geo/crs.ts';
import { FILTER_PARAMS, finite, param, type Param, type Parsed } from '../params.ts';

/** The most features one page of /ogc carries. */
export const MAX_OGC_PAGE = 10_000;

/** The served CRSs by URI, as OGC API – Features names them. */
const BY_URI = new Map<string, ServedCrs>(SERVED_CRS.map((code) => [CRS[code].uri, code]));
export const SUPPORTED_CRS = [...BY_URI.keys()];
const CRS84_URI = CRS['OGC:CRS84'].uri;
export type OgcCrs = ServedCrs;

const crs = z
  .string()
  .transform((s) => s.replace(/^\[(.*)\]$/, '$1'))
  .pipe(z.enum(SUPPORTED_CRS as [string, ...string[]], `supported CRS are ${SUPPORTED_CRS.join(', ')}`))
  .transform((uri) => BY_URI.get(uri)!);


const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2})))?$/;

/** Date.UTC for every year: Date.UTC reads years 0–99 as 1900–1999, which RFC 3339 does not. */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

/** An RFC 3339 date or date-time as UTC milliseconds, or null when it is not a real moment. */
export function instantMs(s: string): number | null {
  const m = s.match(RFC3339);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(utc(y, mo, 0)).getUTCDate()) return null;
  if (m[4] === undefined) return utc(y, mo - 1, d);
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || sec > 59) return null;
  let t = utc(y, mo - 1, d, h, mi, sec) + Math.round(Number(m[7] ?? 0) * 1000);
  if (m[8] !== 'Z') {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return null;
    t -= (m[9] === '+' ? 1 : -1) * (oh * 60 + om) * 60_000;
  }
  return t;
}

const OPEN = new Set(['..', '']);

/**
 * `datetime`: an instant, or an interval start/end where one end may be open (".." or empty). The
 * intervention periods are known by year, so the answer is the UTC years the instant or interval spans.
 */
export const datetime = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const parts = s.split('/');
    if (parts.length > 2) return fail('an instant, or an interval start/end');
    if (parts.length === 1 && OPEN.has(parts[0])) return fail('an instant cannot be open; use an interval such as 2025-01-01/..');
    if (parts.length === 2 && OPEN.has(parts[0]) && OPEN.has(parts[1])) return fail('an interval needs at least one end');
    const ms = parts.map((p) => (OPEN.has(p) ? undefined : instantMs(p)));
    if (ms.some((t) => t === null))
      return fail('a date or date-time as in RFC 3339 (2025-06-01 or 2025-06-01T00:00:00Z) that exists in the calendar, or ".." for an open end');
    const [start, end] = [ms[0], ms[ms.length - 1]] as (number | undefined)[];
    if (start !== undefined && end !== undefined && start > end) return fail('the interval ends before it starts');
    const year = (t: number | undefined) => (t === undefined ? undefined : new Date(t).getUTCFullYear());
    return { from: year(start), to: year(end) };
  });

const limit = z
  .string()
  .regex(/^\d{1,12}$/, 'must be a whole number ≥ 1')
  .transform(Number)
  .pipe(z.number().min(1, 'must be at least 1'))
  // OGC API – Features: larger values are capped, not refused.
  .transform((n) => Math.min(n, MAX_OGC_PAGE));

const bbox = z
  .string()
  .max(200)
  .transform((s) => s.split(','))
  .pipe(z.array(finite('each corner coordinate')).length(4, 'needs 4 comma-separated numbers (2D bbox)'))
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'the lower corner must not exceed the upper corner');

export const OGC_PARAMS = {
  f: param('f', z.enum(['json', 'html'], 'allowed values are json and html'), 'Response format: json (GeoJSON/JSON) or html. Without it, the Accept header decides.'),
  limit: param('limit', limit, `Items per page: default 100, at most ${MAX_OGC_PAGE} (larger values are capped).`, '100'),
  offset: param('offset', z.string().regex(/^\d{1,9}$/, 'must be a whole number ≥ 0').transform(Number), 'Items to skip.', '0'),
  bbox: param('bbox', bbox, 'Lower and upper corner, in the axis order of bbox-crs (default CRS84: minLon,minLat,maxLon,maxLat).'),
  'bbox-crs': param('bbox-crs', crs, `CRS of bbox: ${SUPPORTED_CRS.join(', ')}.`),
  crs: param('crs', crs, `CRS of the response geometry, in that CRS's axis order (EPSG:4326 lat,lon; EPSG:7801 northing,easting): ${SUPPORTED_CRS.join(', ')}.`),
  datetime: param('datetime', datetime, 'Intervention period overlaps this instant or interval (RFC 3339; ".." for an open end). Matched by year.', '2025-01-01/..'),
  filter: param('filter', z.string().max(2000, 'at most 2000 characters'), 'Basic CQL2 text: comparisons (=, <>, <, <=, >, >=, IS [NOT] NULL) of queryables with literals, combined with AND, OR, NOT and parentheses.', "theme = 'water' AND budgetEur > 100000"),
  'filter-lang': param('filter-lang', z.enum(['cql2-text'], 'only cql2-text is supported'), 'Language of filter: cql2-text.'),
  // Filters here compare properties only, so any CRS would do; CRS84 is the one declared.
  'filter-crs': param('filter-crs', z.enum([CRS84_URI], `only ${CRS84_URI} is supported`), 'CRS of geometry literals in filter: CRS84.'),
} as const;

const filterParam = <N extends (typeof PROPERTY_FILTERS)[number]>(name: N) => FILTER_PARAMS.find((p) => p.name === name) as Extract<(typeof FILTER_PARAMS)[number], { name: N }>;
const PROPERTY_FILTERS = ['theme', 'status', 'priority', 'goal', 'measure', 'municipality', 'settlement', 'zone', 'masterPlanZone', 'funding', 'accuracy'] as const;

const O = OGC_PARAMS;
/** Items of any collection: paging, box and output CRS. */
export const BASE_ITEM_PARAMS = [O.f, O.limit, O.offset, O.bbox, O['bbox-crs'], O.crs] as const;
/** Items of interventions: also the period, one parameter per simple property, and CQL2. */
export const FILTERABLE_ITEM_PARAMS = [
  ...BASE_ITEM_PARAMS,
  O.datetime,
  ...PROPERTY_FILTERS.map(filterParam),
  O.filter,
  O['filter-lang'],
  O['filter-crs'],
] as const;
export type ItemQuery = Parsed<typeof FILTERABLE_ITEM_PARAMS>;

export function itemsParams(filterable: boolean): readonly Param[] {
  return filterable ? FILTERABLE_ITEM_PARAMS : BASE_ITEM_PARAMS;
}

export const ITEM_PARAMS = [O.f, O.crs] as const;
export const PAGE_ONLY = [O.f] as const;
