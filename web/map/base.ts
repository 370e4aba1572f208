// What both maps (citizen and coverage) do with the offline base layers: one attribution line for
// all sources, folded at start, and the base sources filled from our own data.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Reference } from '../app/api.ts';

/** Style source → base layer it shows (see style.ts). */
const BASE_SOURCES = {
  neighbours: 'neighbouring-municipalities',
  'settlement-areas': 'settlement-areas',
  municipality: 'municipality',
  'water-bodies': 'water-bodies',
  rivers: 'rivers',
  landmarks: 'landmarks',
} as const;
export type BaseSource = keyof typeof BASE_SOURCES;

/** Each layer names its sources; many share a part ("© OpenStreetMap contributors"), said once. */
export function attributionText(reference: Reference): string {
  return [...new Set(reference.layers.flatMap((l) => l.info.attribution.split(' · ').map((p) => p.trim())))].join(' · ');
}

/** Fills the chosen base sources and folds the attribution behind its (i) button; it is long. */
export function fillBase(map: MapLibreMap, reference: Reference, sources: BaseSource[]) {
  for (const source of sources) {
    const features = reference.layers.find((l) => l.info.name === BASE_SOURCES[source])?.features ?? [];
    (map.getSource(source) as GeoJSONSource).setData({ type: 'FeatureCollection', features: features as GeoJSON.Feature[] });
  }
  map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}
