// Query parameters as data: each one a zod schema from the raw string to its value, with the words
// a user sees when it is wrong. The same table validates requests and writes the OpenAPI document,
// so the documentation cannot promise a parameter the server refuses, or the other way round.
import { z } from 'zod';
import { FUNDING, LOCATION_ACCURACIES, SORT_KEYS, STATUSES, THEMES } from '../geo/index.ts';
import { ApiError } from './errors.ts';

export interface Param {
  name: string;
  description: string;
  schema: z.ZodType<unknown, string>;
  example?: string;
}

const MAX_LENGTH = 2000;
const CONTROL = /[\u0000-\u001f\u007f]/;

const text = (max = MAX_LENGTH) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'control characters (such as NUL or line breaks) are not allowed');

/** A decimal number as text (no hex, no words like Infinity), finite once parsed. */
export const finite = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/, `${what} must be a decimal number`)
    .transform(Number)
    .refine(Number.isFinite, `${what} must be a finite number`);

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?\d{1,12}$/, 'must be a whole number of at most 12 digits')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A comma-separated list of values from a closed vocabulary. */
const oneOf = (ids: readonly string[]) =>
  text()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()))])
    .pipe(z.array(z.enum(ids as [string, ...string[]], `allowed values are ${ids.join(', ')}`)).min(1));

/** A comma-separated list of ids; whether each exists is checked against the store by the caller. */
const ids = (pattern: RegExp, what: string) =>
  text()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()))])
    .pipe(z.array(z.string().regex(pattern, `${what} look like ${pattern.source}`)).min(1).max(200, 'at most 200 values'));

const lon = z.number().min(-180, 'longitude must be within −180..180').max(180, 'longitude must be within −180..180');
const lat = z.number().min(-90, 'latitude must be within −90..90').max(90, 'latitude must be within −90..90');

const numbers = (count: number, what: string) =>
  text(200)
    .transform((s) => s.split(','))
    .pipe(z.array(finite(what)).length(count, `needs ${count} comma-separated numbers: ${what}`));

export const bbox = numbers(4, 'minLon,minLat,maxLon,maxLat')
  .pipe(z.tuple([lon, lat, lon, lat]))
  .refine(([minLon, , maxLon]) => minLon <= maxLon, 'minLon is greater than maxLon (reversed bbox)')
  .refine(([, minLat, , maxLat]) => minLat <= maxLat, 'minLat is greater than maxLat (reversed bbox)');

const near = numbers(2, 'lon,lat').pipe(z.tuple([lon, lat]));
const year = integer(1900, 2100);
const budget = finite('the budget').pipe(z.number().min(0, 'must not be negative').max(1e13, 'must be at most 1e13'));

export const FILTER_PARAMS: Param[] = [
  { name: 'bbox', schema: bbox, example: '25.30,42.58,25.45,42.66', description: 'Only located items whose geometry touches this box (WGS 84): minLon,minLat,maxLon,maxLat.' },
  { name: 'near', schema: near, example: '25.3329,42.7123', description: 'A point lon,lat: only located items within `radius` metres, sorted by true distance, with `distance_m`.' },
  { name: 'radius', schema: finite('radius').pipe(z.number().gt(0, 'must be greater than 0').max(200_000, 'must be at most 200000 metres')), example: '3000', description: 'Metres around `near` (default 5000, at most 200 000).' },
  { name: 'goal', schema: ids(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'goal ids'), example: 'SG1', description: 'Comma-separated goal ids: items linked to one of them (officially or by inference).' },
  { name: 'priority', schema: ids(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'priority ids'), example: 'P-TOURISM', description: 'Comma-separated priority ids.' },
  { name: 'measure', schema: ids(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'measure ids'), description: 'Comma-separated measure ids.' },
  { name: 'theme', schema: oneOf(THEMES.ids), example: 'water,transport', description: `Comma-separated themes: ${THEMES.ids.join(', ')}.` },
  { name: 'status', schema: oneOf(STATUSES.ids), example: 'in_progress', description: `Comma-separated statuses: ${STATUSES.ids.join(', ')}.` },
  { name: 'funding', schema: oneOf(FUNDING.ids), example: 'prr-2021-2027', description: `Comma-separated funding codes: ${FUNDING.ids.join(', ')}.` },
  { name: 'settlement', schema: ids(/^\d{5}$/, 'ЕКАТТЕ codes'), example: '83199', description: 'Comma-separated ЕКАТТЕ codes of settlements.' },
  { name: 'zone', schema: ids(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'zone ids'), description: 'Comma-separated zone ids: items whose geometry falls in one of them.' },
  { name: 'accuracy', schema: oneOf(LOCATION_ACCURACIES.ids), example: 'site,street', description: `Comma-separated location accuracies: ${LOCATION_ACCURACIES.ids.join(', ')}.` },
  { name: 'year', schema: year, example: '2025', description: 'Items active in that year (started by then, not ended before it).' },
  { name: 'from', schema: year, description: 'Items whose period overlaps from this year on.' },
  { name: 'to', schema: year, description: 'Items whose period overlaps up to this year.' },
  { name: 'minBudget', schema: budget, description: 'Minimum budget in EUR (items with an unknown budget drop out).' },
  { name: 'maxBudget', schema: budget, description: 'Maximum budget in EUR (items with an unknown budget drop out).' },
  { name: 'q', schema: text(200), example: 'shipka', description: 'Full-text search in titles, summaries and places; Cyrillic and Latin spellings find each other.' },
  { name: 'located', schema: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'), description: 'true: only items with a geometry; false: only items without one.' },
];

export const PAGE_PARAMS: Param[] = [
  // Larger limits are capped rather than refused, as OGC API – Features does.
  { name: 'limit', schema: integer(1, 1e9).transform((n) => Math.min(n, 1000)), example: '100', description: 'Items per page (default 100, at most 1000; larger values are capped).' },
  { name: 'offset', schema: integer(0, 10_000_000), example: '0', description: 'Items to skip.' },
  {
    name: 'sort',
    schema: z
      .string()
      .regex(new RegExp(`^-?(${SORT_KEYS.join('|')})$`), `allowed values are ${SORT_KEYS.join(', ')}, each with an optional leading - for descending`)
      .transform((s) => ({ key: s.replace(/^-/, '') as (typeof SORT_KEYS)[number], descending: s.startsWith('-') })),
    example: '-budget',
    description: 'distance (needs near), budget, title or start; a leading - sorts descending. Unknown values sort last.',
  },
];

export const CRS_PARAM: Param = {
  name: 'crs',
  schema: z.enum(['CRS84', 'EPSG:4326', 'EPSG:7801'], 'allowed values are CRS84 (default, lon/lat), EPSG:4326 and EPSG:7801'),
  example: 'EPSG:7801',
  description:
    'Coordinate reference system of the export. CRS84 (default) is RFC 7946 lon/lat. EPSG:7801 is BGS2005 / CCS2005 in metres; ' +
    'the file names its CRS in a `crs` member and keeps GeoJSON x, y order: [easting, northing], as GDAL and QGIS read GeoJSON ' +
    '(the CRS itself defines northing first, which /ogc uses). EPSG:4326 gives the same lon/lat as CRS84 with an explicit `crs` member.',
};

/**
 * Parses a query string against the parameters an endpoint accepts: an unknown or repeated
 * parameter, or a value its schema refuses, is a 400 that names the parameter and what is allowed.
 */
export function parseQuery(url: string, accepted: Param[]): Record<string, unknown> {
  const query = new URL(url).searchParams;
  const byName = new Map(accepted.map((p) => [p.name, p]));
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, raw] of query) {
    const param = byName.get(name);
    if (!param)
      throw new ApiError(400, 'unknown_parameter', `unknown query parameter "${name.slice(0, 100)}"`, {
        parameter: name.slice(0, 100),
        allowed: accepted.map((p) => p.name),
      });
    if (seen.has(name))
      throw new ApiError(400, 'repeated_parameter', `query parameter "${name}" is given more than once; use a comma-separated list`, {
        parameter: name,
      });
    seen.add(name);
    const result = param.schema.safeParse(raw);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'invalid value';
      throw new ApiError(400, 'invalid_parameter', `query parameter "${name}": ${reason}`, {
        parameter: name,
        value: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw,
        reason,
        description: param.description,
      });
    }
    out[name] = result.data;
  }
  return out;
}
