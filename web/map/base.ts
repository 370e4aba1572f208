// What both maps (citizen and coverage) do with the offline base layers: one attribution line for
// all sources, folded at start, and the base sources filled from our own data.
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import { attributionLine } from '../../geo/layer.ts';
import { featuresBBox } from '../../geo/spatial.ts';
import type { Reference } from '../app/api.ts';
import { mapStyle } from './style.ts';

export type Bounds = [number, number, number, number];

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

/** Every base layer's sources in one line (geo/layer.ts). */
export const attributionText = (reference: Reference): string => attributionLine(reference.layers.map((l) => l.info));

/** Fills the chosen base sources and folds the attribution behind its (i) button; it is long. */
export function fillBase(map: MapLibreMap, reference: Reference, sources: BaseSource[]) {
  for (const source of sources) {
    const features = reference.layers.find((l) => l.info.name === BASE_SOURCES[source])?.features ?? [];
    (map.getSource(source) as GeoJSONSource).setData({ type: 'FeatureCollection', features: features as GeoJSON.Feature[] });
  }
  map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/**
 * Where the maps open: the boundaries of the municipalities chosen (each feature's id is its code),
 * of all when none is, or the span of the settlements when the dataset has no boundary layer;
 * undefined when it has neither.
 */
export function homeBounds(reference: Pick<Reference, 'layers' | 'settlements'>, municipalities: readonly string[] = []): Bounds | undefined {
  const all = reference.layers.find((l) => l.info.name === BASE_SOURCES.municipality)?.features ?? [];
  const chosen = all.filter((f) => municipalities.includes(String(f.id)));
  const box = featuresBBox(chosen.length ? chosen : all);
  if (box) return box as Bounds;
  const points = reference.settlements.map((s) => s.geometry.coordinates);
  if (!points.length) return undefined;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** The latitude of the middle of `homeBounds`; the equator when there is nothing to go by. */
export function homeLatitude(reference: Pick<Reference, 'layers' | 'settlements'>): number {
  const b = homeBounds(reference);
  return b ? (b[1] + b[3]) / 2 : 0;
}

/** Settlement names as HTML markers (no glyphs needed); the text follows the language (see MapView). */
export function addSettlementLabels(map: MapLibreMap, reference: Pick<Reference, 'settlements'>, name?: (s: Reference['settlements'][number]) => string) {
  for (const s of reference.settlements) {
    const el = document.createElement('div');
    el.className = `settlement-label ${s.properties.kind}`;
    el.dataset.ekatte = s.id;
    el.setAttribute('aria-hidden', 'true');
    if (name) el.textContent = name(s);
    // Below the point by more than a pile's marker (web/map/MapView.tsx), which often sits on a settlement's centre.
    new maplibregl.Marker({ element: el, anchor: 'top', offset: [0, 17] }).setLngLat(s.geometry.coordinates as [number, number]).addTo(map);
  }
}

/** Every base layer the citizen map and the editor's maps draw. */
export const ALL_BASE: BaseSource[] = ['neighbours', 'settlement-areas', 'municipality', 'water-bodies', 'rivers', 'landmarks'];

/**
 * A map on our offline base, as the citizen map and the editor's maps open it: the home view (of
 * the municipalities in `home`, or of all) or `view`, the interventions from `tiles` when given, no rotation, zoom and scale controls, the canvas named for screen readers. The street
 * basemap is an optional extra: when its tiles cannot be had it is dropped, our own layers are made
 * opaque again, and `onOffline` is told.
 */
export function createBaseMap(
  container: HTMLElement,
  reference: Reference,
  { label, view, home = [], maxZoom, tiles, onOffline }: { label: string; view?: { lon: number; lat: number; zoom: number }; home?: readonly string[]; maxZoom: number; tiles?: string; onOffline?(): void },
): MapLibreMap {
  const map = new maplibregl.Map({
    container,
    style: mapStyle(reference.basemap, homeLatitude(reference), tiles),
    ...(view ? { center: [view.lon, view.lat] as [number, number], zoom: view.zoom } : { bounds: homeBounds(reference, home), fitBoundsOptions: { padding: 20 } }),
    attributionControl: { compact: true, customAttribution: attributionText(reference) },
    maxZoom,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  // MapLibre skips its resize observer's first report, taking it for the size it was built at. A
  // container that settles in between (a font arriving, a note above the map) left the canvas a few
  // pixels off the container for good, and every marker with it. The first report is taken here.
  const settle = new ResizeObserver(() => {
    settle.disconnect();
    map.resize();
  });
  settle.observe(container);
  map.once('remove', () => settle.disconnect());
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.getCanvas().setAttribute('aria-label', label);
  map.on('error', (e) => {
    if ((e as { sourceId?: string }).sourceId === 'basemap' && map.getLayer('basemap')) {
      map.removeLayer('basemap');
      map.setPaintProperty('municipality-fill', 'fill-opacity', 0.8);
      map.setPaintProperty('neighbours-fill', 'fill-opacity', 0.9);
      onOffline?.();
    }
  });
  return map;
}
