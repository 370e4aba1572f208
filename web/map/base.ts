// What the maps (citizen, coverage, editor) share on the offline base: one attribution line for all
// sources, folded at start, where they open, settlement names, and the base map itself.
import maplibregl, { type Map as MapLibreMap } from 'maplibre-gl';
import { attributionLine } from '../../geo/layer.ts';
import { geometryBBox, unionBBox } from '../../geo/spatial.ts';
import { baseTilesUrl, type Reference } from '../app/api.ts';
import { masterPlanColours } from './master-plan.ts';
import { mapStyle } from './style.ts';

export type Bounds = [number, number, number, number];

/** Every base layer's sources in one line (geo/layer.ts). */
export const attributionText = (reference: Reference): string => attributionLine(reference.layers);

/** Folds the attribution behind its (i) button: it is long. */
export function foldAttribution(map: MapLibreMap) {
  map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/**
 * Where the maps open: the boxes of the municipalities chosen, of all when none is, or the span of
 * the settlements when the dataset has no boundary; undefined when it has neither.
 */
export function homeBounds(reference: Pick<Reference, 'municipalities' | 'settlements'>, municipalities: readonly string[] = []): Bounds | undefined {
  const chosen = reference.municipalities.filter((m) => municipalities.includes(m.code));
  const box = unionBBox((chosen.length ? chosen : reference.municipalities).map((m) => m.bbox)) ?? unionBBox(reference.settlements.map((s) => geometryBBox(s.geometry)));
  return (box ?? undefined) as Bounds | undefined;
}

/** The latitude of the middle of `homeBounds`; the equator when there is nothing to go by. */
export function homeLatitude(reference: Pick<Reference, 'municipalities' | 'settlements'>): number {
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

/**
 * A map on our offline base, as the citizen map and the editor's maps open it: the base tiles, the
 * home view (of the municipalities in `home`, or of all) or `view`, the zones from `zones` and the
 * interventions from `tiles` when given (the master-plan zones in their types' colours), no rotation, zoom and scale controls, the canvas named for screen readers. The street
 * basemap is an optional extra: when its tiles cannot be had it is dropped, our own layers are made
 * opaque again, and `onOffline` is told.
 */
export function createBaseMap(
  container: HTMLElement,
  reference: Reference,
  { label, zones, view, home = [], maxZoom, tiles, onOffline }: { label: string; zones?: string; view?: { lon: number; lat: number; zoom: number }; home?: readonly string[]; maxZoom: number; tiles?: string; onOffline?(): void },
): MapLibreMap {
  const map = new maplibregl.Map({
    container,
    style: mapStyle({ basemap: reference.basemap, latitude: homeLatitude(reference), base: baseTilesUrl(), zones, tiles, masterPlanColours: masterPlanColours(reference.masterPlanTypes) }),
    ...(view ? { center: [view.lon, view.lat] as [number, number], zoom: view.zoom } : { bounds: homeBounds(reference, home), fitBoundsOptions: { padding: 20 } }),
    attributionControl: { compact: true, customAttribution: attributionText(reference) },
    maxZoom,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.once('style.load', () => foldAttribution(map));
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
