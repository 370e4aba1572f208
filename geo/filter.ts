// The one filter of interventions, shared by the list, facets, exports, tiles and coverage. The API
// parses query strings into it; the store turns it into SQL. A field left out does not filter.
import { z } from 'zod';
import { cql2Text, type Expression } from './cql2.ts';
import { BBox } from './geojson.ts';
import { Ekatte } from './intervention.ts';
import { MunicipalityCode } from './municipality.ts';
import { Funding, LocationAccuracy, Status, Theme } from './vocabulary.ts';

export const SORT_KEYS = ['distance', 'budget', 'title', 'start'] as const;
export const SortKey = z.enum(SORT_KEYS);

export const Near = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** metres */
  radius: z.number().positive().max(1_000_000),
});
export type Near = z.infer<typeof Near>;

export const InterventionFilter = z.object({
  bbox: BBox.optional(),
  near: Near.optional(),
  goal: z.array(z.string().min(1)).optional(),
  priority: z.array(z.string().min(1)).optional(),
  measure: z.array(z.string().min(1)).optional(),
  theme: z.array(Theme).optional(),
  status: z.array(Status).optional(),
  funding: z.array(Funding).optional(),
  /** municipality codes (geo/municipality.ts): items serving one of their plans */
  municipality: z.array(MunicipalityCode).optional(),
  settlement: z.array(Ekatte).optional(),
  zone: z.array(z.string().min(1)).optional(),
  /** master-plan (ОУП) zone ids: items lying in one of them (geo/master-plan.ts) */
  masterPlanZone: z.array(z.string().min(1)).optional(),
  accuracy: z.array(LocationAccuracy).optional(),
  /** Active in that year: started by then and not ended before it. */
  year: z.number().int().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** EUR */
  minBudget: z.number().nonnegative().optional(),
  maxBudget: z.number().nonnegative().optional(),
  q: z.string().optional(),
  located: z.boolean().optional(),
  /**
   * A CQL2 condition on the flat OGC properties (geo/ogc-feature.ts), as /ogc's `filter` gives it:
   * checked against the queryables before it gets here, compiled by the store into its query.
   */
  cql: z.custom<Expression>((v) => typeof v === 'object' && v !== null).optional(),
});
export type InterventionFilter = z.infer<typeof InterventionFilter>;

export const Sort = z.object({ key: SortKey, descending: z.boolean() });
export type Sort = z.infer<typeof Sort>;

export const Page = z.object({
  limit: z.number().int().min(1).max(100_000),
  offset: z.number().int().min(0),
});
export type Page = z.infer<typeof Page>;

/** The filter as plain query parameters, as /api reads them: for links, exports and the URL. */
export function filterToQuery(filter: InterventionFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'near') {
      const near = value as Near;
      out.near = `${near.lon},${near.lat}`;
      out.radius = String(near.radius);
    } else if (key === 'cql') out.filter = cql2Text(value as Expression);
    else out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}
