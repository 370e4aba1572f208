// Spatial coverage for planners, on Turf: the area within reach of a set of interventions, what
// share of a settlement or zone that is, and the gaps — the parts of the municipality farther than
// a distance from any of them. Buffers are geodesic enough at municipal scale (Turf's azimuthal
// equidistant projection around each feature).
import { area, buffer, difference, featureCollection, feature as turfFeature, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Geometry } from './geojson.ts';
import type { LocalText } from './vocabulary.ts';
import type { Areal } from './spatial.ts';

type AreaFeature = Feature<Polygon | MultiPolygon>;

// The shape of a coverage answer, shared by the store that computes it and the web app that shows it.
export const COVERAGE_BY = ['settlement', 'zone', 'goal', 'priority', 'theme'] as const;
export type CoverageBy = (typeof COVERAGE_BY)[number];

export interface CoverageRow {
  key: string | null;
  label: LocalText;
  count: number;
  budgetEur: number;
  /** of `count`, how many have a published budget */
  budgeted: number;
  /** of `count`, how many have no place (unlocated or municipality-wide); null on the "no group" row */
  unplaced: number | null;
  population: number | null;
  populationYear: number | null;
  budgetPerResident: number | null;
  /** the group's own area; for theme, goal and priority rows, the municipality's */
  areaKm2: number | null;
  /** share of that area within `reach` metres of the group's located interventions */
  areaShare: number | null;
}

export interface Coverage {
  by: CoverageBy;
  reach: number;
  rows: CoverageRow[];
  /** filtered interventions with no place: counted in their rows, never drawn */
  unplaced: { count: number; budgetEur: number; ids: string[] };
  total: { count: number; budgetEur: number };
}

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
