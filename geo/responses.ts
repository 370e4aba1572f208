// The shapes of what the store and the API answer, described once: the store returns them, the
// routes document them in OpenAPI from these schemas, the contract test holds every real response
// to that document, and the web app types its fetches with `z.infer` of the same schemas.
import { z } from 'zod';
import { BBox, featureOf, Geometry } from './geojson.ts';
import { InterventionProperties, type Intervention } from './intervention.ts';
import { LayerInfo } from './layer.ts';
import { Goal, Measure, Plan, Priority } from './plan.ts';
import { MasterPlanZoneRef } from './master-plan-types.ts';
import { LocalText } from './vocabulary.ts';

// ---------------------------------------------------------------- errors and links

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Link = z.object({ href: z.string(), rel: z.string(), type: z.string(), title: z.string().optional() });
export type Link = z.infer<typeof Link>;

// ---------------------------------------------------------------- interventions

/**
 * When the published state of an item last changed: the time a publisher published its newest
 * revision. A member of the Feature beside `properties` (RFC 7946 §6.1 foreign member), because
 * `properties` is the record planners edit, and this is no field of it.
 */
export const Updated = z.iso
  .datetime()
  .nullable()
  .describe(
    'when the published state of the item last changed (its newest publication, UTC); null when it is as published in the plan dataset the map was seeded from. Drafts never change it',
  );

/**
 * The master-plan (ОУП) zones the item lies in (see geo/master-plan.ts), a foreign member for the
 * same reason as `updated`: derived from the geometry and the published zoning, not written by planners.
 */
export const MasterPlanZones = z
  .array(MasterPlanZoneRef)
  .describe('the published master-plan (ОУП) zones the item lies in: a point on a shared border lies in both, a line in each zone it runs through or along, a polygon in each it shares area with; empty without a geometry or zoning');

/** An intervention as a list or detail answers it: `updated`, `masterPlanZones`, and `distance_m` when found near a point. */
export const FoundIntervention = featureOf(
  InterventionProperties.safeExtend({ distance_m: z.number().optional().describe('metres from the `near` point (only with near)') }),
  Geometry.nullable(),
).extend({ updated: Updated, masterPlanZones: MasterPlanZones });
export type FoundIntervention = z.infer<typeof FoundIntervention>;

/** An intervention as the store reads it from the published tables: the record's feature with `updated` and `masterPlanZones`. */
export type PublishedIntervention = Intervention & { updated: z.infer<typeof Updated>; masterPlanZones: MasterPlanZoneRef[] };

export const InterventionPage = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  links: z.array(Link),
  features: z.array(FoundIntervention),
});
export type InterventionPage = z.infer<typeof InterventionPage>;

const Filter = z.record(z.string(), z.string()).describe('the applied filter as query parameters');

/** A download: a FeatureCollection with the filter, time, attribution and licence as foreign members. */
function exportOf<F extends z.ZodType>(feature: F) {
  return z.looseObject({
    type: z.literal('FeatureCollection'),
    name: z.string(),
    generated: z.string(),
    attribution: z.array(z.string()),
    licence: z.string(),
    numberReturned: z.number().int(),
    features: z.array(feature),
  });
}
export const InterventionExport = exportOf(FoundIntervention).extend({ filter: Filter });
export const FeatureExport = exportOf(featureOf(z.record(z.string(), z.unknown()), Geometry.nullable()));

// ---------------------------------------------------------------- aggregates, plan tree, facets

export const AGGREGATE_BY = ['municipality', 'settlement', 'zone', 'masterPlanZone', 'goal', 'priority', 'measure', 'theme', 'status', 'funding', 'accuracy'] as const;
export type AggregateBy = (typeof AGGREGATE_BY)[number];

export const AggregateRow = z.object({
  /** the municipality's code, the settlement's ЕКАТТЕ, zone id, plan item id or theme; null for "none" */
  key: z.string().nullable(),
  count: z.number().int(),
  /** sum of the known EUR budgets, net of programme totals their members already carry */
  budgetEur: z.number(),
  /** how many of `count` have a known budget */
  budgeted: z.number().int(),
});
export type AggregateRow = z.infer<typeof AggregateRow>;

export const Tally = z.object({
  count: z.number().int(),
  budgetEur: z.number(),
  /** of `count`, how many are linked only by inference */
  inferredOnly: z.number().int(),
});
export type Tally = z.infer<typeof Tally>;

export const MeasureNode = Measure.extend(Tally.shape);
export const PriorityNode = Priority.extend(Tally.shape).extend({ measures: z.array(MeasureNode) });
export const GoalNode = Goal.extend(Tally.shape).extend({ priorities: z.array(PriorityNode) });
export type MeasureNode = z.infer<typeof MeasureNode>;
export type PriorityNode = z.infer<typeof PriorityNode>;
export type GoalNode = z.infer<typeof GoalNode>;

export const PlanTree = z.object({
  goals: z.array(GoalNode),
  /** priorities whose goal is unknown, so they hang from no goal */
  orphanPriorities: z.array(PriorityNode),
  /** measures whose priority is unknown */
  orphanMeasures: z.array(MeasureNode),
  unlinked: Tally,
  total: Tally,
});
export type PlanTree = z.infer<typeof PlanTree>;

/** The plan document with the tree of the filtered interventions in `tree`. */
export const PlanWithTree = Plan.safeExtend({ tree: PlanTree });
export type PlanWithTree = z.infer<typeof PlanWithTree>;

export const FACETS = ['municipality', 'theme', 'status', 'funding', 'settlement', 'zone', 'goal', 'priority', 'accuracy'] as const satisfies readonly AggregateBy[];
export type FacetName = (typeof FACETS)[number];

export const FacetValue = z.object({
  value: z.string().nullable(),
  label: z.object({ bg: z.string().nullable(), en: z.string().nullable() }),
  count: z.number().int(),
});
export type FacetValue = z.infer<typeof FacetValue>;

export const Facets = z.object({
  numberMatched: z.number().int(),
  facets: z.record(z.enum(FACETS), z.array(FacetValue)),
});
export type Facets = z.infer<typeof Facets>;

// ---------------------------------------------------------------- reference data and service

export const ThemeEntry = z.object({
  id: z.string(),
  label: z.object({ bg: z.string(), en: z.string() }),
  colour: z.string(),
  count: z.number().int(),
});

export const LayerEntry = LayerInfo.extend({ href: z.string(), export: z.string() });
export type LayerEntry = z.infer<typeof LayerEntry>;

export const Extent = z.object({
  bbox: BBox.nullable(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  openEnded: z.boolean(),
});
export type Extent = z.infer<typeof Extent>;

export const StoreHealth = z.object({
  engine: z.string(),
  interventions: z.number().int(),
  located: z.number().int(),
  zones: z.number().int(),
  settlements: z.number().int(),
  planItems: z.number().int(),
  layers: z.number().int(),
  schemaVersion: z.number().int(),
  /** the store revision: grows with every change */
  revision: z.number().int(),
  /** hash of the dataset files the store was last seeded from */
  datasetHash: z.string().nullable(),
  /** whether the content changed since that seed (then `npm run data:dump` keeps it) */
  changedSinceSeed: z.boolean(),
});
export type StoreHealth = z.infer<typeof StoreHealth>;

export const Health = StoreHealth.extend({ status: z.literal('ok') });

export const Basemap = z.object({ id: z.string(), tiles: z.array(z.string()), attribution: z.string(), maxzoom: z.number().int() });
export type Basemap = z.infer<typeof Basemap>;
export const Config = z.object({ basemap: Basemap.nullable() });
export type Config = z.infer<typeof Config>;

// ---------------------------------------------------------------- coverage

export const COVERAGE_BY = ['settlement', 'zone', 'masterPlanZone', 'goal', 'priority', 'theme'] as const;
export type CoverageBy = (typeof COVERAGE_BY)[number];

export const CoverageRow = z.object({
  key: z.string().nullable(),
  label: LocalText,
  count: z.number().int(),
  budgetEur: z.number(),
  /** of `count`, how many have a published budget */
  budgeted: z.number().int(),
  /** of `count`, how many have no place (unlocated or municipality-wide); null on the "no group" row */
  unplaced: z.number().int().nullable(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
  budgetPerResident: z.number().nullable(),
  /** the group's own area; for theme, goal and priority rows, the municipality's */
  areaKm2: z.number().nullable(),
  /** share of that area within `reach` metres of the group's located interventions */
  areaShare: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const Coverage = z.object({
  filter: Filter,
  by: z.enum(COVERAGE_BY),
  reach: z.number(),
  rows: z.array(CoverageRow),
  /** filtered interventions with no place: counted in their rows, never drawn */
  unplaced: z.object({ count: z.number().int(), budgetEur: z.number(), ids: z.array(z.string()) }),
  total: z.object({ count: z.number().int(), budgetEur: z.number() }),
});
export type Coverage = z.infer<typeof Coverage>;

export const AccessRow = z.object({
  ekatte: z.string(),
  name: LocalText,
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
  /** metres from the settlement's centre to the nearest located intervention; null when none */
  nearestM: z.number().nullable(),
  nearestId: z.string().nullable(),
  within: z.boolean(),
});
export type AccessRow = z.infer<typeof AccessRow>;

export const Access = z.object({
  filter: Filter,
  distance: z.number(),
  rows: z.array(AccessRow),
  total: z.object({ population: z.number().int(), within: z.number().int(), beyond: z.number().int(), unknownPopulation: z.number().int() }),
  method: z.string(),
});
export type Access = z.infer<typeof Access>;

export const GapFeature = featureOf(
  z.object({ distance: z.number(), areaKm2: z.number(), shareOfMunicipality: z.number() }),
  Geometry,
);

export const Gaps = z.object({
  type: z.literal('FeatureCollection'),
  name: z.literal('coverage-gaps'),
  filter: Filter,
  distance: z.number(),
  generated: z.string(),
  features: z.array(GapFeature),
});
export type Gaps = z.infer<typeof Gaps>;


/** TileJSON 3.0.0: where a map finds the tiles of a layer, and what their features carry. */
export const TileJson = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  description: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()).min(1),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** whose data the tiles draw, when it is not the project's own */
  attribution: z.string().optional(),
  vector_layers: z.array(z.object({ id: z.string(), description: z.string(), minzoom: z.number().int(), maxzoom: z.number().int(), fields: z.record(z.string(), z.string()) })),
});
export type TileJson = z.infer<typeof TileJson>;
