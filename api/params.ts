// Query parameters as data: each one a zod schema from the raw string to its value, with the words
// a user sees when it is wrong. The same table validates requests and writes the OpenAPI document,
// so the documentation cannot promise a parameter the server refuses, or the other way round.
import { z } from 'zod';
import { SERVED_CRS } from '../geo/crs.ts';
import { Day, EKATTE, FUNDING, LOCATION_ACCURACIES, MUNICIPALITY_CODE, PLAN_ITEM_ID, SORT_KEYS, STATUSES, THEMES, ZONE_ID, type Sort } from '../geo/index.ts';
import { ApiError } from './errors.ts';

/** One query parameter: its name, the schema from the raw string to its typed value, its words. */
export interface Param<N extends string = string, T = unknown> {
  name: N;
  description: string;
  schema: z.ZodType<T, string>;
  example?: string;
}

/** What `parseQuery` gives for a list of parameters: each present one, typed by its schema. */
export type Parsed<P extends readonly Param[]> = { [K in P[number] as K['name']]?: K extends Param<string, infer T> ? T : never };

/** Declares a parameter, keeping its name and value type for `Parsed`. */
export function param<N extends string, T>(name: N, schema: z.ZodType<T, string>, description: string, example?: string): Param<N, T> {
  return example === undefined ? { name, schema, description } : { name, schema, description, example };
}

const MAX_LENGTH = 2000;
/** The most items one page of /api carries. */
export const MAX_PAGE = 1000;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const text = (max = MAX_LENGTH) =>
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

export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?\d{1,12}$/, 'must be a whole number of at most 12 digits')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A comma-separated list of values from a closed vocabulary. */
export const oneOf = <T extends string>(ids: readonly T[]) =>
  text()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()))])
    .pipe(z.array(z.enum(ids as [T, ...T[]], `allowed values are ${ids.join(', ')}`)).min(1));

/** A comma-separated list of ids; whether each exists is checked against the store by the caller. */
export const ids = (pattern: RegExp, what: string) =>
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

export const FILTER_PARAMS = [
  param('bbox', bbox, 'Only located items whose geometry touches this box (WGS 84): minLon,minLat,maxLon,maxLat.'),
  param('near', near, 'A point lon,lat: only located items within `radius` metres, sorted by true distance, with `distance_m`.'),
  param('radius', finite('radius').pipe(z.number().gt(0, 'must be greater than 0').max(200_000, 'must be at most 200000 metres')), 'Metres around `near` (default 5000, at most 200 000).', '3000'),
  param('goal', ids(PLAN_ITEM_ID, 'goal ids'), 'Comma-separated goal ids: items linked to one of them (officially or by inference).'),
  param('priority', ids(PLAN_ITEM_ID, 'priority ids'), 'Comma-separated priority ids.'),
  param('measure', ids(PLAN_ITEM_ID, 'measure ids'), 'Comma-separated measure ids.'),
  param('theme', oneOf(THEMES.ids), `Comma-separated themes: ${THEMES.ids.join(', ')}.`, 'water,transport'),
  param('status', oneOf(STATUSES.ids), `Comma-separated statuses: ${STATUSES.ids.join(', ')}.`, 'in_progress'),
  param('funding', oneOf(FUNDING.ids), `Comma-separated funding codes: ${FUNDING.ids.join(', ')}.`, 'prr-2021-2027'),
  param('municipality', ids(MUNICIPALITY_CODE, 'municipality codes'), 'Comma-separated municipality codes (ЕКАТТЕ, which are the LAU codes; /api/municipalities): items serving their plans.', 'SZR12'),
  param('settlement', ids(EKATTE, 'ЕКАТТЕ codes'), 'Comma-separated ЕКАТТЕ codes of settlements.'),
  param('zone', ids(ZONE_ID, 'zone ids'), 'Comma-separated zone ids: items whose geometry falls in one of them (the zones the plan acts on; master-plan zones have masterPlanZone).'),
  param(
    'masterPlanZone',
    ids(ZONE_ID, 'master-plan zone ids'),
    'Comma-separated master-plan (ОУП) zone ids (/api/zones, kind oup_land_use): items lying in one of them. A point on the border of two zones lies in both; a line in every zone it runs through or along; a polygon in every zone it shares area with.',
  ),
  param('accuracy', oneOf(LOCATION_ACCURACIES.ids), `Comma-separated location accuracies: ${LOCATION_ACCURACIES.ids.join(', ')}.`, 'site,street'),
  param('year', year, 'Items active in that year (started by then, not ended before it).'),
  param('from', year, 'Items whose period overlaps from this year on.'),
  param('to', year, 'Items whose period overlaps up to this year.'),
  param('minBudget', budget, 'Minimum budget in EUR (items with an unknown budget drop out).'),
  param('maxBudget', budget, 'Maximum budget in EUR (items with an unknown budget drop out).'),
  param('q', text(200), 'Full-text search in titles, summaries and places; Cyrillic and Latin spellings find each other.'),
  param('located', z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'), 'true: only items with a geometry; false: only items without one.'),
] as const;

const SORT = z
  .string()
  .regex(new RegExp(`^-?(${SORT_KEYS.join('|')})$`), `allowed values are ${SORT_KEYS.join(', ')}, each with an optional leading - for descending`)
  .transform((s): Sort => ({ key: s.replace(/^-/, '') as Sort['key'], descending: s.startsWith('-') }));

export const SORT_PARAM = param('sort', SORT, 'distance (needs near), budget, title or start; a leading - sorts descending. Unknown values sort last.', '-budget');

export const PAGE_PARAMS = [
  // Larger limits are capped rather than refused, as OGC API – Features does.
  param('limit', integer(1, 1e9).transform((n) => Math.min(n, MAX_PAGE)), `Items per page (default 100, at most ${MAX_PAGE}; larger values are capped).`, '100'),
  param('offset', integer(0, 10_000_000), 'Items to skip.', '0'),
  SORT_PARAM,
] as const;

/** The served CRSs by their short names (CRS84 rather than OGC:CRS84), as exports take them. */
export const EXPORT_CRS = SERVED_CRS.map((c) => c.replace(/^OGC:/, '')) as ['CRS84', 'EPSG:4326', 'EPSG:7801'];
export type ExportCrs = (typeof EXPORT_CRS)[number];

export const CRS_PARAM = param(
  'crs',
  z.enum(EXPORT_CRS, `allowed values are ${EXPORT_CRS.join(', ')} (CRS84 is the default, lon/lat)`),
  'Coordinate reference system of the export. CRS84 (default) is RFC 7946 lon/lat. EPSG:7801 is BGS2005 / CCS2005 in metres; ' +
    'the file names its CRS in a `crs` member and keeps GeoJSON x, y order: [easting, northing], as GDAL and QGIS read GeoJSON ' +
    '(the CRS itself defines northing first, which /ogc uses). EPSG:4326 gives the same lon/lat as CRS84 with an explicit `crs` member.',
  'EPSG:7801',
);

/**
 * Parses a query string against the parameters an endpoint accepts: an unknown or repeated
 * parameter, or a value its schema refuses, is a 400 that names the parameter and what is allowed.
 */
export function parseQuery<const P extends readonly Param[]>(url: string, accepted: P): Parsed<P> {
  const query = new URL(url).searchParams;
  const byName = new Map(accepted.map((p) => [p.name, p]));
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, raw] of query) {
    // Checked and answered before any route (api/views.ts): a route reads the past without knowing it.
    if (VIEW_PARAM_NAMES.has(name) && !byName.has(name)) continue;
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
  return out as Parsed<P>;
}

// ---------------------------------------------------------------- the past

export const day = (what: string) => text(10).pipe(Day).describe(what);
/** Every public read takes these two (api/views.ts answers them from the published history). */
export const VIEW_PARAMS = [
  param('asOf', day('asOf'), 'The published state at the end of this day (YYYY-MM-DD, Bulgarian time), rebuilt from the revisions and the progress entries; default today.', '2025-12-31'),
  param('changedSince', day('changedSince'), 'Only the interventions whose published state changed after this day (YYYY-MM-DD): what is new since the last report.', '2025-12-31'),
] as const;
const VIEW_PARAM_NAMES = new Set<string>(VIEW_PARAMS.map((p) => p.name));

// ---------------------------------------------------------------- editing

/** Why a change was made, for the history: the editor's words (also as the X-Change-Reason header, percent-encoded). */
export const REASON_PARAM = param('reason', text(1000), 'Why: the words the history and the review queue show with this change.', 'corrected the address from the council decision');
export const REVERT_PARAMS = [REASON_PARAM, param('to', integer(1, 1e9), 'The revision whose content to bring back.', '1')] as const;
export const AUDIT_PARAMS = [
  param('before', integer(1, Number.MAX_SAFE_INTEGER), 'Entries older than this entry id (the `next` of the previous page).'),
  param('limit', integer(1, 1000), 'Entries per page (default 100, at most 1000).', '100'),
] as const;
