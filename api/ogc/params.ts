// Query parameters of OGC API – Features, in the same Param form as /api so that one parser checks
// them and one generator documents them.
import { z } from 'zod';
import { FILTER_PARAMS, finite, type Param } from '../params.ts';

const CRS_URIS = {
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84': 'OGC:CRS84',
  'http://www.opengis.net/def/crs/EPSG/0/4326': 'EPSG:4326',
  'http://www.opengis.net/def/crs/EPSG/0/7801': 'EPSG:7801',
} as const;
export const SUPPORTED_CRS = Object.keys(CRS_URIS);
const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export type OgcCrs = (typeof CRS_URIS)[keyof typeof CRS_URIS];

const crs = z
  .string()
  .transform((s) => s.replace(/^\[(.*)\]$/, '$1'))
  .pipe(z.enum(SUPPORTED_CRS as [string, ...string[]], `supported CRS are ${SUPPORTED_CRS.join(', ')}`))
  .transform((uri) => CRS_URIS[uri as keyof typeof CRS_URIS]);


const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2})))?$/;

/** An RFC 3339 date or date-time as UTC milliseconds, or null when it is not a real moment. */
export function instantMs(s: string): number | null {
  const m = s.match(RFC3339);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (m[4] === undefined) return Date.UTC(y, mo - 1, d);
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || sec > 59) return null;
  let t = Date.UTC(y, mo - 1, d, h, mi, sec) + Math.round(Number(m[7] ?? 0) * 1000);
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

export const OGC_PARAMS: Record<string, Param> = {
  f: { name: 'f', schema: z.enum(['json', 'html'], 'allowed values are json and html'), description: 'Response format: json (GeoJSON/JSON) or html. Without it, the Accept header decides.' },
  limit: {
    name: 'limit',
    // OGC API – Features: larger values are capped, not refused.
    schema: z.string().regex(/^\d{1,12}$/, 'must be a whole number ≥ 1').transform(Number).pipe(z.number().min(1, 'must be at least 1')).transform((n) => Math.min(n, 10_000)),
    example: '100',
    description: 'Items per page: default 100, at most 10 000 (larger values are capped).',
  },
  offset: { name: 'offset', schema: z.string().regex(/^\d{1,9}$/, 'must be a whole number ≥ 0').transform(Number), example: '0', description: 'Items to skip.' },
  bbox: {
    name: 'bbox',
    schema: z
      .string()
      .max(200)
      .transform((s) => s.split(','))
      .pipe(z.array(finite('each corner coordinate')).length(4, 'needs 4 comma-separated numbers (2D bbox)'))
      .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'the lower corner must not exceed the upper corner'),
    example: '25.30,42.58,25.45,42.66',
    description: 'Lower and upper corner, in the axis order of bbox-crs (default CRS84: minLon,minLat,maxLon,maxLat).',
  },
  'bbox-crs': { name: 'bbox-crs', schema: crs, description: `CRS of bbox: ${SUPPORTED_CRS.join(', ')}.` },
  crs: { name: 'crs', schema: crs, description: `CRS of the response geometry, in that CRS's axis order (EPSG:4326 lat,lon; EPSG:7801 northing,easting): ${SUPPORTED_CRS.join(', ')}.` },
  datetime: { name: 'datetime', schema: datetime, example: '2025-01-01/..', description: 'Intervention period overlaps this instant or interval (RFC 3339; ".." for an open end). Matched by year.' },
  filter: { name: 'filter', schema: z.string().max(2000, 'at most 2000 characters'), example: "theme = 'water' AND budgetEur > 100000", description: 'Basic CQL2 text: comparisons (=, <>, <, <=, >, >=, IS [NOT] NULL) of queryables with literals, combined with AND, OR, NOT and parentheses.' },
  'filter-lang': { name: 'filter-lang', schema: z.enum(['cql2-text'], 'only cql2-text is supported'), description: 'Language of filter: cql2-text.' },
  // Filters here compare properties only, so any CRS would do; CRS84 is the one declared.
  'filter-crs': { name: 'filter-crs', schema: z.enum([CRS84_URI], `only ${CRS84_URI} is supported`), description: 'CRS of geometry literals in filter: CRS84.' },
};

const BASE = ['f', 'limit', 'offset', 'bbox', 'bbox-crs', 'crs'];
const PROPERTY_FILTERS = ['theme', 'status', 'priority', 'goal', 'measure', 'settlement', 'zone', 'funding', 'accuracy'];

export function itemsParams(filterable: boolean): Param[] {
  const base = BASE.map((n) => OGC_PARAMS[n]);
  if (!filterable) return base;
  const properties = PROPERTY_FILTERS.map((name) => FILTER_PARAMS.find((p) => p.name === name)!);
  return [...base, OGC_PARAMS.datetime, ...properties, OGC_PARAMS.filter, OGC_PARAMS['filter-lang'], OGC_PARAMS['filter-crs']];
}

export const ITEM_PARAMS = [OGC_PARAMS.f, OGC_PARAMS.crs];
export const PAGE_ONLY = [OGC_PARAMS.f];
