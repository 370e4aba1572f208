// Coverage for planners: per settlement, zone, goal, priority or theme, how many interventions and
// how much money, per resident where the population is known, and what share of the group's area
// lies within reach of its interventions; who lives far from any intervention of a theme; and the
// gaps. Items without a place are counted where they belong but never spread over a map.
//
// The store answers the counts and hands over the geometries; the geometry work itself (buffers,
// unions, distances) is done by `work`, which the API runs off the main thread. Called without
// `work`, it runs here, as the tests and CLI want.
import { gapWithin, groupAreas, nearestTargets, type GroupArea } from '../geo/coverage.ts';
import type { Geometry, InterventionFilter, LocalText } from '../geo/index.ts';
import type { Access, AccessRow, Coverage, CoverageBy, CoverageRow } from '../geo/responses.ts';
import type { Areal } from '../geo/spatial.ts';
import { planItemLabel, THEMES } from '../geo/index.ts';
import type { Place, Store } from './store.ts';

export { COVERAGE_BY, type Coverage, type CoverageBy, type CoverageRow } from '../geo/responses.ts';

/** The geometry work of coverage, as plain functions of plain data (see geo/coverage.ts). */
export interface GeoWork {
  groupAreas(groups: GroupArea[], reach: number): Promise<ReturnType<typeof groupAreas>>;
  nearestTargets(points: [number, number][], targets: { id: string; geometry: Geometry }[]): Promise<ReturnType<typeof nearestTargets>>;
  gapWithin(within: Areal, geometries: Geometry[], distance: number): Promise<ReturnType<typeof gapWithin>>;
}

export const DIRECT_WORK: GeoWork = {
  groupAreas: async (...args) => groupAreas(...args),
  nearestTargets: async (...args) => nearestTargets(...args),
  gapWithin: async (...args) => gapWithin(...args),
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The filter narrowed to one group, or null when the filter already excludes that group. */
function groupFilter(filter: InterventionFilter, by: CoverageBy, key: string | null): InterventionFilter | null {
  if (key === null) return null;
  const current = filter[by] as string[] | undefined;
  if (current && !current.includes(key)) return null;
  return { ...filter, [by]: [key] };
}

async function municipalityArea(store: Store): Promise<Areal> {
  const layer = await store.layer('municipality');
  return layer!.features[0].geometry as Areal;
}


export async function coverage(store: Store, by: CoverageBy, filter: InterventionFilter, reach: number, work = DIRECT_WORK): Promise<Omit<Coverage, 'filter'>> {
  const [rows, settlementList, areaList, zoneList, plan, municipality] = await Promise.all([
    store.aggregate(by, filter),
    store.settlements(),
    store.settlementAreas(),
    store.zones(),
    store.plan(),
    municipalityArea(store),
  ]);
  const settlements = new Map(settlementList.map((s) => [s.id, s]));
  const areas = new Map(areaList.map((a) => [a.id, a.geometry as Areal]));
  const zones = new Map(zoneList.map((z) => [z.id, z]));
  const planItems = new Map([...plan.goals, ...plan.priorities].map((i) => [i.id, i]));

  const label = (key: string | null): LocalText => {
    if (key === null) return { bg: 'Без група', en: 'No group' };
    if (by === 'settlement') return settlements.get(key)?.properties.name ?? { bg: key, en: key };
    if (by === 'zone') return zones.get(key)?.properties.name ?? { bg: key, en: key };
    if (by === 'masterPlanZone') {
      // The type code first: it is what a zoning map prints in each zone.
      const p = zones.get(key)?.properties;
      return p ? { bg: `${p.masterPlanType} · ${p.name.bg}`, en: p.name.en === null ? null : `${p.masterPlanType} · ${p.name.en}` } : { bg: key, en: key };
    }
    if (by === 'theme') return THEMES.table[key as keyof typeof THEMES.table]?.label ?? { bg: key, en: key };
    return planItemLabel(by === 'priority' ? 'priority' : 'goal', planItems.get(key));
  };
  const groupArea = (key: string | null): Areal | null => {
    if (key === null) return null;
    if (by === 'settlement') return areas.get(key) ?? null;
    if (by === 'zone' || by === 'masterPlanZone') return (zones.get(key)?.geometry as Areal | null) ?? null;
    return municipality;
  };
  const population = (key: string | null): [number | null, number | null] => {
    if (key === null) return [null, null];
    if (by === 'settlement') {
      const p = settlements.get(key)?.properties;
      return [p?.population ?? null, p?.populationYear ?? null];
    }
    // Zone populations are unpublished; nobody lives in a theme or a goal.
    if (by === 'zone' || by === 'masterPlanZone') return [zones.get(key)?.properties.population ?? null, null];
    return [null, null];
  };

  const members = await Promise.all(rows.map((row) => {
    const narrowed = groupFilter(filter, by, row.key);
    return narrowed ? store.interventionPlaces(narrowed) : Promise.resolve([]);
  }));
  const placed = members.map((m) => m.filter((f) => f.geometry).map((f) => f.geometry as Geometry));
  const measured = await work.groupAreas(rows.map((row, i) => ({ key: row.key, area: groupArea(row.key), placed: placed[i] })), reach);

  const out: CoverageRow[] = rows.map((row, i) => {
    const [pop, year] = population(row.key);
    return {
      key: row.key,
      label: label(row.key),
      count: row.count,
      budgetEur: row.budgetEur,
      budgeted: row.budgeted,
      unplaced: row.key === null ? null : members[i].length - placed[i].length,
      population: pop,
      populationYear: year,
      budgetPerResident: pop ? round(row.budgetEur / pop, 2) : null,
      ...measured[i],
    };
  });

  // Theme is a partition (one theme per item), so summing its rows gives totals without double counting.
  const sumOf = async (f: InterventionFilter) => {
    const rows = await store.aggregate('theme', f);
    return { count: rows.reduce((n, r) => n + r.count, 0), budgetEur: round(rows.reduce((n, r) => n + r.budgetEur, 0), 2) };
  };
  const unplacedIds = (await located(store, filter, false)).map((f) => f.id);
  const unplaced = filter.located === true ? { count: 0, budgetEur: 0 } : await sumOf({ ...filter, located: false });
  return { by, reach, rows: out, unplaced: { ...unplaced, ids: unplacedIds }, total: await sumOf(filter) };
}

/** The filtered items with (or without) a place; a filter that already says the opposite gets none. */
async function located(store: Store, filter: InterventionFilter, placed: boolean): Promise<Place[]> {
  if (filter.located === !placed) return [];
  return store.interventionPlaces({ ...filter, located: placed });
}

/** Residents by settlement within and beyond `distance` metres of an intervention matching the filter. */
export async function access(store: Store, filter: InterventionFilter, distance: number, work = DIRECT_WORK): Promise<Omit<Access, 'filter'>> {
  const [withPlace, settlements] = await Promise.all([located(store, filter, true), store.settlements()]);
  const nearest = await work.nearestTargets(
    settlements.map((s) => s.geometry.coordinates as [number, number]),
    withPlace.map((f) => ({ id: f.id, geometry: f.geometry as Geometry })),
  );
  const rows: AccessRow[] = settlements.map((s, i) => ({
    ekatte: s.id,
    name: s.properties.name,
    population: s.properties.population,
    populationYear: s.properties.populationYear,
    nearestM: nearest[i].nearestM === null ? null : round(nearest[i].nearestM!, 1),
    nearestId: nearest[i].nearestId,
    within: nearest[i].nearestM !== null && nearest[i].nearestM! <= distance,
  }));
  const sum = (pick: (r: AccessRow) => boolean) => rows.filter(pick).reduce((n, r) => n + (r.population ?? 0), 0);
  return {
    distance,
    rows,
    total: { population: sum(() => true), within: sum((r) => r.within), beyond: sum((r) => !r.within), unknownPopulation: rows.filter((r) => r.population === null).length },
    method: 'A settlement counts as within when its centre point (OSM place node) lies within the distance of an intervention geometry; its whole population is counted on that side.',
  };
}

/** The part of the municipality farther than `distance` metres from every located matching intervention. */
export async function gaps(store: Store, filter: InterventionFilter, distance: number, work = DIRECT_WORK) {
  const [municipality, placed] = await Promise.all([municipalityArea(store), located(store, filter, true)]);
  return work.gapWithin(municipality, placed.map((f) => f.geometry as Geometry), distance);
}
