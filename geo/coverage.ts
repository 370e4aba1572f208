// Spatial coverage for planners, on Turf: the area within reach of a set of interventions, what
// share of a settlement or zone that is, and the gaps — the parts of the municipality farther than
// a distance from any of them. Buffers are geodesic enough at municipal scale (Turf's azimuthal
// equidistant projection around each feature).
import { area, buffer, difference, featureCollection, feature as turfFeature, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Geometry } from './geojson.ts';
import { distanceToGeometry, type Areal } from './spatial.ts';

type AreaFeature = Feature<Polygon | MultiPolygon>;

export { COVERAGE_BY, type Coverage, type CoverageBy, type CoverageRow } from './responses.ts';

const asFeature = (g: Areal): AreaFeature => turfFeature(g) as AreaFeature;

/** The union of everything within `reach` metres of the geometries (polygons count even at 0 m). */
export function reachArea(geometries: Geometry[], reach: number): Areal | null {
  const parts: AreaFeature[] = [];
  for (const g of geometries) {
    if (reach > 0) {
      const buffered = buffer(turfFeature(g), reach, { units: 'meters', steps: 16 }) as AreaFeature | undefined;
      if (buffered?.geometry) parts.push(buffered);
    } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') parts.push(asFeature(g));
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0].geometry as Areal;
  return (union(featureCollection(parts))?.geometry as Areal | undefined) ?? null;
}

/** Area in km² (geodesic on a sphere, as Turf measures it). */
export function areaKm2(g: Areal): number {
  return area(asFeature(g)) / 1e6;
}

/** The share (0..1) of `group` that lies within `reached`. */
export function areaShare(group: Areal, reached: Areal | null): number {
  if (!reached) return 0;
  const overlap = intersect(featureCollection([asFeature(group), asFeature(reached)]));
  if (!overlap) return 0;
  return Math.min(1, area(overlap) / area(asFeature(group)));
}

/** `within` minus `reached`: what is left uncovered, or null when nothing is. */
export function gapArea(within: Areal, reached: Areal | null): Areal | null {
  if (!reached) return within;
  return (difference(featureCollection([asFeature(within), asFeature(reached)]))?.geometry as Areal | undefined) ?? null;
}

// ---------------------------------------------------------------- the heavy parts, on plain data
// Each takes and returns plain, structured-cloneable values, so the API can run it off the main
// thread (api/geo-work/) exactly as a direct call would.

export interface GroupArea {
  key: string | null;
  /** the group's area; null when it has none (the "no group" row, a zone without geometry) */
  area: Areal | null;
  /** the located geometries of the group's interventions */
  placed: Geometry[];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per group: its area in km² and the share of it within `reach` metres of its interventions. */
export function groupAreas(groups: GroupArea[], reach: number): { areaKm2: number | null; areaShare: number | null }[] {
  return groups.map(({ area, placed }) =>
    area ? { areaKm2: round(areaKm2(area), 3), areaShare: round(areaShare(area, reachArea(placed, reach)), 4) } : { areaKm2: null, areaShare: null },
  );
}

/** Per point: metres to the nearest of `targets` and its id; null when there are none. */
export function nearestTargets(
  points: [number, number][],
  targets: { id: string; geometry: Geometry }[],
): { nearestM: number | null; nearestId: string | null }[] {
  return points.map((point) => {
    let nearestM: number | null = null;
    let nearestId: string | null = null;
    for (const t of targets) {
      const d = distanceToGeometry(point, t.geometry);
      if (nearestM === null || d < nearestM) [nearestM, nearestId] = [d, t.id];
    }
    return { nearestM, nearestId };
  });
}

/** The part of `within` farther than `distance` metres from every geometry, and the areas involved. */
export function gapWithin(within: Areal, geometries: Geometry[], distance: number): { gap: Areal | null; gapKm2: number; withinKm2: number } {
  const gap = gapArea(within, reachArea(geometries, distance));
  return { gap, gapKm2: gap ? round(areaKm2(gap), 3) : 0, withinKm2: areaKm2(within) };
}
