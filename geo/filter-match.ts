// The filter of interventions (geo/filter.ts) evaluated on one record in memory, for readers that
// hold records the store's tables do not: a revision of the past, a deleted record (the feed of
// changes). It mirrors the SQL of data/sqlite/query.ts condition by condition, so a record matches
// here exactly when the same record, published, would be in the list: the main theme only, a bbox
// on the geometry itself, boundary included (geometryMeetsBBox, as the store decides), plan links
// through the plan's goal → priority → measure tree, the period's overlap rules, the budget in EUR,
// the search as the FTS5 index reads it (every word the start of a word of the same texts, folded
// to Latin by searchKey), and CQL2 on the flat OGC properties.
// Zones and settlements are the context's: a record of the past is judged against today's zones.
import { booleanIntersects } from '@turf/turf';
import { matchesCql2 } from './cql2.ts';
import type { InterventionFilter } from './filter.ts';
import type { BBox, Geometry } from './geojson.ts';
import type { Intervention } from './intervention.ts';
import { masterPlanAreasOf, masterPlanZonesOf } from './master-plan.ts';
import { flatten } from './ogc-feature.ts';
import type { Plan } from './plan.ts';
import type { SettlementArea } from './settlement.ts';
import { distanceToGeometry, geometryBBox, geometryMeetsBBox, pointInGeometry, representativePoint } from './spatial.ts';
import { searchKey, searchTerms } from './transliterate.ts';
import type { LocalText } from './vocabulary.ts';
import { isMasterPlanZone, type Zone } from './zone.ts';

/** What a filter needs beyond the record: the plan tree, the zones, the settlements. */
export interface MatchContext {
  /** each plan item's id with the ids of the items above it (the store's plan_closure) */
  ancestors: Map<string, string[]>;
  zones: readonly Zone[];
  settlementAreas: readonly SettlementArea[];
  settlementNames: Map<string, LocalText>;
  /** the municipality of a record that names none: the plan's */
  municipality: string;
}

/** The context of the plans held (the default first; item ids are unique across them). */
export function matchContext(plans: readonly Plan[], zones: readonly Zone[], settlementAreas: readonly SettlementArea[], settlementNames: Map<string, LocalText>): MatchContext {
  const parent = new Map<string, string | null>(
    plans.flatMap((plan) => [
      ...plan.goals.map((g) => [g.id, null] as const),
      ...plan.priorities.map((p) => [p.id, p.goalId] as const),
      ...plan.measures.map((m) => [m.id, m.priorityId] as const),
    ]),
  );
  const ancestors = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const chain: string[] = [];
    for (let a: string | null | undefined = id; a && !chain.includes(a); a = parent.get(a)) chain.push(a);
    ancestors.set(id, chain);
  }
  return { ancestors, zones, settlementAreas, settlementNames, municipality: plans[0].municipality.code };
}

/**
 * The settlement the store files a record under: its own, or where the data names none, the land
 * area its place lies in (as data/sqlite/load.ts derives it on every insert).
 */
export function settlementOf(record: Intervention, areas: readonly SettlementArea[]): string | null {
  const p = record.properties;
  if (p.settlement !== null || record.geometry === null || p.outsideMunicipality) return p.settlement;
  const point = representativePoint(record.geometry);
  return areas.find((a) => pointInGeometry(point, a.geometry))?.properties.ekatte ?? null;
}

function boxOf(geometry: Geometry): BBox | null {
  try {
    return geometryBBox(geometry);
  } catch {
    return null; // an empty geometry has no box, and the R*Tree holds none for it
  }
}

/** Whether the search finds the record: every word of `q` starts a word of its indexed texts. */
function found(record: Intervention, settlement: string | null, q: string, context: MatchContext): boolean {
  const terms = searchTerms(q);
  if (!terms.length) return true;
  const p = record.properties;
  const name = settlement ? context.settlementNames.get(settlement) : undefined;
  const text = [record.id, p.title.bg, p.title.en, p.summary.bg, p.summary.en, p.locationText, name?.bg, name?.en];
  const words = searchKey(text.filter(Boolean).join(' ')).split(' ');
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * Whether the record is one the filter lets through.
 *
 * @example matchesFilter(record, { theme: ['water'], settlement: ['83199'] }, context)
 */
export function matchesFilter(record: Intervention, f: InterventionFilter, context: MatchContext): boolean {
  const p = record.properties;
  const g = record.geometry;
  const has = <T>(values: readonly T[] | undefined, value: T) => !values?.length || values.includes(value);
  if (!has(f.theme, p.theme) || !has(f.status, p.status) || !has(f.accuracy, p.locationAccuracy)) return false;
  if (f.funding?.length && !p.funding.some((x) => f.funding!.includes(x))) return false;
  const settlement = settlementOf(record, context.settlementAreas);
  const municipality = p.municipality ?? context.municipality;
  if (!has(f.municipality, municipality)) return false;
  if (f.settlement?.length && (settlement === null || !f.settlement.includes(settlement))) return false;
  for (const ids of [f.goal, f.priority, f.measure])
    if (ids?.length && !p.planLinks.some((l) => (context.ancestors.get(l.id) ?? []).some((a) => ids.includes(a)))) return false;
  if (f.year !== undefined && !(p.startYear !== null && p.startYear <= f.year && (p.endYear === null || p.endYear >= f.year))) return false;
  if (f.from !== undefined && !(p.endYear !== null ? p.endYear >= f.from : p.startYear !== null)) return false;
  if (f.to !== undefined && !(p.startYear !== null && p.startYear <= f.to)) return false;
  if (f.minBudget !== undefined && !(p.budgetEur !== null && p.budgetEur >= f.minBudget)) return false;
  if (f.maxBudget !== undefined && !(p.budgetEur !== null && p.budgetEur <= f.maxBudget)) return false;
  if (f.located !== undefined && (g !== null) !== f.located) return false;
  // As stored: the settlement the item's land area names when the data names none, the plan's municipality.
  if (f.cql && !matchesCql2(f.cql, flatten({ ...p, municipality, settlement }))) return false;
  const spatial = f.bbox || f.near || f.zone?.length || f.masterPlanZone?.length;
  if (spatial) {
    const box = g && boxOf(g);
    if (!g || !box) return false;
    if (f.bbox && !geometryMeetsBBox(g, f.bbox)) return false;
    if (f.near && distanceToGeometry([f.near.lon, f.near.lat], g) > f.near.radius) return false;
    if (f.zone?.length) {
      const zones = context.zones.filter((z) => f.zone!.includes(z.id) && z.geometry !== null && !isMasterPlanZone(z));
      if (!zones.some((z) => booleanIntersects(g, z.geometry as Geometry))) return false;
    }
    if (f.masterPlanZone?.length) {
      const areas = masterPlanAreasOf(context.zones).filter((z) => f.masterPlanZone!.includes(z.id));
      if (!masterPlanZonesOf(g, areas).length) return false;
    }
  }
  if (f.q !== undefined && !found(record, settlement, f.q, context)) return false;
  return true;
}
