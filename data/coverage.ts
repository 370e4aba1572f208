// Coverage for planners: per settlement, zone, goal, priority or theme, how many interventions and
// how much money, per resident where the population is known, and what share of the group's area
// lies within reach of its interventions; who lives far from any intervention of a theme; and the
// gaps. Items without a place are counted where they belong but never spread over a map.
import { areaKm2, areaShare, gapArea, reachArea, type Coverage, type CoverageBy, type CoverageRow } from '../geo/coverage.ts';
export { COVERAGE_BY, type Coverage, type CoverageBy, type CoverageRow } from '../geo/coverage.ts';
import { distanceToGeometry, type Areal } from '../geo/spatial.ts';
import type { Geometry, Intervention, InterventionFilter, LocalText } from '../geo/index.ts';
import { THEMES } from '../geo/index.ts';
import type { Store } from './store.ts';

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The filter narrowed to one group, or null when the filter already excludes that group. */
function groupFilter(filter: InterventionFilter, by: CoverageBy, key: string | null): InterventionFilter | null {
  if (key === null) return null;
  const current = filter[by] as string[] | undefined;
  if (current && !current.includes(key)) return null;
  return { ...filter, [by]: [key] };
}

function municipalityArea(store: Store): Areal {
  return store.layer('municipality')!.features[0].geometry as Areal;
}

export function coverage(store: Store, by: CoverageBy, filter: InterventionFilter, reach: number): Coverage {
  const rows = store.aggregate(by, filter);
  const settlements = new Map(store.settlements().map((s) => [s.id, s]));
  const areas = new Map(store.settlementAreas().map((a) => [a.id, a.geometry as Areal]));
  const zones = new Map(store.zones().map((z) => [z.id, z]));
  const plan = store.plan();
  const planItems = new Map([...plan.goals, ...plan.priorities].map((i) => [i.id, i]));
  const municipality = municipalityArea(store);

  const label = (key: string | null): LocalText => {
    if (key === null) return { bg: 'Без група', en: 'No group' };
    if (by === 'settlement') return settlements.get(key)?.properties.name ?? { bg: key, en: key };
    if (by === 'zone') return zones.get(key)?.properties.name ?? { bg: key, en: key };
    if (by === 'theme') return THEMES.table[key as keyof typeof THEMES.table]?.label ?? { bg: key, en: key };
    const item = planItems.get(key);
    return { bg: item?.title.bg ?? item?.code ?? key, en: item?.title.en ?? item?.code ?? key };
  };
  const groupArea = (key: string | null): Areal | null => {
    if (key === null) return null;
    if (by === 'settlement') return areas.get(key) ?? null;
    if (by === 'zone') return (zones.get(key)?.geometry as Areal | null) ?? null;
    return municipality;
  };
  const population = (key: string | null): [number | null, number | null] => {
    if (key === null) return [null, null];
    if (by === 'settlement') {
      const p = settlements.get(key)?.properties;
      return [p?.population ?? null, p?.populationYear ?? null];
    }
    // Zone populations are unpublished; nobody lives in a theme or a goal.
    if (by === 'zone') return [zones.get(key)?.properties.population ?? null, null];
    return [null, null];
  };

  const out: CoverageRow[] = rows.map((row) => {
    const narrowed = groupFilter(filter, by, row.key);
    const members: Intervention[] = narrowed ? [...store.interventions.iterate(narrowed)].map((f) => f.feature) : [];
    const placed = members.filter((m) => m.geometry).map((m) => m.geometry as Geometry);
    const area = groupArea(row.key);
    const [pop, year] = population(row.key);
    return {
      key: row.key,
      label: label(row.key),
      count: row.count,
      budgetEur: row.budgetEur,
      budgeted: row.budgeted,
      unplaced: row.key === null ? null : members.length - placed.length,
      population: pop,
      populationYear: year,
      budgetPerResident: pop ? round(row.budgetEur / pop, 2) : null,
      areaKm2: area ? round(areaKm2(area), 3) : null,
      areaShare: area ? round(areaShare(area, reachArea(placed, reach)), 4) : null,
    };
  });

  // Theme is a partition (one theme per item), so summing its rows gives totals without double counting.
  const sumOf = (f: InterventionFilter) => {
    const rows = store.aggregate('theme', f);
    return { count: rows.reduce((n, r) => n + r.count, 0), budgetEur: round(rows.reduce((n, r) => n + r.budgetEur, 0), 2) };
  };
  const unplacedIds = located(store, filter, false).map((f) => f.id);
  const unplaced = filter.located === true ? { count: 0, budgetEur: 0 } : sumOf({ ...filter, located: false });
  return { by, reach, rows: out, unplaced: { ...unplaced, ids: unplacedIds }, total: sumOf(filter) };
}

/** The filtered items with (or without) a place; a filter that already says the opposite gets none. */
function located(store: Store, filter: InterventionFilter, placed: boolean): Intervention[] {
  if (filter.located === !placed) return [];
  return [...store.interventions.iterate({ ...filter, located: placed })].map((f) => f.feature);
}

export interface AccessRow {
  ekatte: string;
  name: LocalText;
  population: number | null;
  populationYear: number | null;
  /** metres from the settlement's centre to the nearest located intervention; null when none */
  nearestM: number | null;
  nearestId: string | null;
  within: boolean;
}

/** Residents by settlement within and beyond `distance` metres of an intervention matching the filter. */
export function access(store: Store, filter: InterventionFilter, distance: number) {
  const withPlace = located(store, filter, true);
  const rows: AccessRow[] = store.settlements().map((s) => {
    const point = s.geometry.coordinates as [number, number];
    let nearestM: number | null = null;
    let nearestId: string | null = null;
    for (const f of withPlace) {
      const d = distanceToGeometry(point, f.geometry as Geometry);
      if (nearestM === null || d < nearestM) [nearestM, nearestId] = [d, f.id];
    }
    return {
      ekatte: s.id,
      name: s.properties.name,
      population: s.properties.population,
      populationYear: s.properties.populationYear,
      nearestM: nearestM === null ? null : round(nearestM, 1),
      nearestId,
      within: nearestM !== null && nearestM <= distance,
    };
  });
  const sum = (pick: (r: AccessRow) => boolean) => rows.filter(pick).reduce((n, r) => n + (r.population ?? 0), 0);
  return {
    distance,
    rows,
    total: { population: sum(() => true), within: sum((r) => r.within), beyond: sum((r) => !r.within), unknownPopulation: rows.filter((r) => r.population === null).length },
    method: 'A settlement counts as within when its centre point (OSM place node) lies within the distance of an intervention geometry; its whole population is counted on that side.',
  };
}

/** The part of the municipality farther than `distance` metres from every located matching intervention. */
export function gaps(store: Store, filter: InterventionFilter, distance: number): { gap: Areal | null; municipalityKm2: number } {
  const municipality = municipalityArea(store);
  const geometries = located(store, filter, true).map((f) => f.geometry as Geometry);
  return { gap: gapArea(municipality, reachArea(geometries, distance)), municipalityKm2: areaKm2(municipality) };
}
