// What a store keeps of one intervention beside the record itself, derived the same way on every
// engine: the settlement from the land area it lies in, the municipality from the plan where it names none, the sort key of its title, its search keys,
// the plan zones it meets and the master-plan zones it lies in, its representative point, and the
// /ogc form. Stores differ in how they index these, never in what they are, so SQLite and PostGIS
// answer the same filters with the same items.
import { booleanIntersects } from '@turf/turf';
import { searchKey, type Geometry, type Intervention, type LocalText, type Settlement, type SettlementArea, type Zone } from '../geo/index.ts';
import { representativePoint } from '../geo/spatial.ts';
import { masterPlanAreasOf, masterPlanZonesOf, type ZoneArea } from '../geo/master-plan.ts';
import { settlementOf } from '../geo/filter-match.ts';
import { isMasterPlanZone } from '../geo/zone.ts';
import { ogcJson } from '../geo/ogc-feature.ts';
import type { Dataset } from './dataset.ts';

/** What deriving an intervention's rows needs from the rest of the content. */
export interface ContentContext {
  areas: SettlementArea[];
  names: Map<string, LocalText>;
  /** the zones the plan acts on, with a geometry (master-plan zones have their own relation) */
  zones: Zone[];
  masterPlanZones: ZoneArea[];
  /** the municipality of an item that names none: the plan's (a dataset of one plan) */
  municipality: string;
}

export function contextOf(data: Pick<Dataset, 'plans' | 'settlements' | 'settlementAreas' | 'zones'>): ContentContext {
  return {
    // With several plans, every item names its own (data/editing.ts refuses one that does not).
    municipality: data.plans[0].municipality.code,
    areas: data.settlementAreas,
    names: new Map(data.settlements.map((s: Settlement) => [s.properties.ekatte, s.properties.name])),
    zones: data.zones.filter((z) => z.geometry !== null && !isMasterPlanZone(z)),
    masterPlanZones: masterPlanAreasOf(data.zones),
  };
}

export interface InterventionRow {
  /** the public feature: the record with its derived settlement */
  feature: Intervention;
  /** JSON of the public feature and of the record as written */
  featureJson: string;
  documentJson: string;
  ogcJson: string;
  titleSort: string;
  /** a point on the geometry, for markers and "located" */
  point: [number, number] | null;
  /** folded Latin words, space-separated (geo/transliterate.ts) */
  searchKeys: string;
  /** ids of the plan zones the geometry meets, in zone order */
  zones: string[];
  /** ids of the master-plan zones it lies in, in zone order */
  masterPlanZones: string[];
}

export function interventionRow(source: Intervention, context: ContentContext): InterventionRow {
  const feature = withMunicipality(withSettlement(source, context.areas), context.municipality);
  const p = feature.properties;
  const name = p.settlement ? context.names.get(p.settlement) : undefined;
  const text = [feature.id, p.title.bg, p.title.en, p.summary.bg, p.summary.en, p.locationText, name?.bg, name?.en];
  const geometry = feature.geometry;
  return {
    feature,
    featureJson: JSON.stringify(feature),
    documentJson: JSON.stringify(source),
    ogcJson: ogcJson(feature), // written once here rather than flattened per request
    titleSort: sortKey(p.title.bg),
    point: geometry ? representativePoint(geometry) : null,
    searchKeys: searchKey(text.filter(Boolean).join(' ')),
    zones: geometry ? context.zones.filter((z) => booleanIntersects(geometry, z.geometry as Geometry)).map((z) => z.id) : [],
    masterPlanZones: geometry ? masterPlanZonesOf(geometry, context.masterPlanZones) : [],
  };
}

/** Titles sort by their first letter, not by the opening quote many Bulgarian titles start with. */
export function sortKey(title: string): string {
  return title.replace(/^[^\p{L}\p{N}]+/u, '').toLocaleLowerCase('bg');
}

/** Every public feature names its municipality; where the record does not, it is the plan's. */
export function withMunicipality(feature: Intervention, municipality: string): Intervention {
  if (feature.properties.municipality !== undefined) return feature;
  // Beside the settlement, where a record that names it has it (the schema's order).
  const entries = Object.entries(feature.properties).flatMap(([k, v]) => (k === 'settlement' ? [['municipality', municipality], [k, v]] : [[k, v]]));
  return { ...feature, properties: Object.fromEntries(entries) as Intervention['properties'] };
}

/** Where the data does not name the settlement, the land area the item lies in does. */
function withSettlement(feature: Intervention, areas: SettlementArea[]): Intervention {
  const settlement = settlementOf(feature, areas);
  return settlement === feature.properties.settlement ? feature : { ...feature, properties: { ...feature.properties, settlement } };
}
