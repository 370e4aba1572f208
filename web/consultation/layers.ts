// Citizens' contributions on the map, apart from the interventions by shape and colour: a yellow
// speech bubble with a dark outline (the outline carries the contrast: far above 3:1 on the light
// ground and on the street basemap alike) for a point, a dashed dark outline over a pale yellow for
// an area. No theme uses yellow, so a bubble is never mistaken for a plan item. An area a citizen is
// drawing for a proposal takes the same look.
import type maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Contribution } from '../../geo/contribution.ts';

export const VOICE_FILL = '#ffd43b';
export const VOICE_INK = '#212529';
const SOURCE = 'contributions';
const BUBBLE = 'voice-bubble';

/** The layers a click on the map opens a contribution from. */
export const CONTRIBUTION_LAYERS = ['contribution-points', 'contribution-fill'];
const ALL = ['contribution-fill', 'contribution-outline', 'contribution-highlight', 'contribution-points'];

/** Added once the map has loaded, above everything else: the layer is shown only when asked for. */
export function addContributionLayers(map: maplibregl.Map) {
  if (!map.hasImage(BUBBLE)) map.addImage(BUBBLE, bubble(), { pixelRatio: 1.5 });
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
  const hidden = { visibility: 'none' } as const;
  const highlighted = ['boolean', ['feature-state', 'highlight'], false] as maplibregl.ExpressionSpecification;
  map.addLayer({ id: 'contribution-fill', type: 'fill', source: SOURCE, layout: hidden, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': VOICE_FILL, 'fill-opacity': ['case', highlighted, 0.45, 0.2] } });
  map.addLayer({
    id: 'contribution-outline',
    type: 'line',
    source: SOURCE,
    layout: hidden,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'line-color': VOICE_INK, 'line-width': ['case', highlighted, 3.5, 2], 'line-dasharray': [1.5, 1.5] },
  });
  // The selected bubble gets a ring: icon size is layout, which feature state cannot drive.
  map.addLayer({
    id: 'contribution-highlight',
    type: 'circle',
    source: SOURCE,
    layout: hidden,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 22, 'circle-color': VOICE_FILL, 'circle-opacity': ['case', highlighted, 0.5, 0], 'circle-stroke-color': VOICE_INK, 'circle-stroke-width': ['case', highlighted, 3, 0] },
  });
  map.addLayer({
    id: 'contribution-points',
    type: 'symbol',
    source: SOURCE,
    layout: { ...hidden, 'icon-image': BUBBLE, 'icon-allow-overlap': true },
    filter: ['==', ['geometry-type'], 'Point'],
  });
}

const DRAFT = 'proposal-draft';

/**
 * The area a citizen is drawing, above the published ones and in their look (a dashed outline over
 * pale yellow), with its points as dots: the outline so far while there are two, the area from three.
 */
export function addDraftLayers(map: maplibregl.Map) {
  map.addSource(DRAFT, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'proposal-draft-fill', type: 'fill', source: DRAFT, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': VOICE_FILL, 'fill-opacity': 0.35 } });
  map.addLayer({
    id: 'proposal-draft-outline',
    type: 'line',
    source: DRAFT,
    filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'LineString']]],
    paint: { 'line-color': VOICE_INK, 'line-width': 2.5, 'line-dasharray': [1.5, 1.5] },
  });
  map.addLayer({
    id: 'proposal-draft-vertices',
    type: 'circle',
    source: DRAFT,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 5, 'circle-color': VOICE_FILL, 'circle-stroke-color': VOICE_INK, 'circle-stroke-width': 2 },
  });
}

/** Draws the vertices placed so far (none: nothing drawn). */
export function setDraft(map: maplibregl.Map, vertices: readonly [number, number][]) {
  const source = map.getSource(DRAFT) as GeoJSONSource | undefined;
  if (!source) return;
  const shape: GeoJSON.Geometry | null =
    vertices.length >= 3 ? { type: 'Polygon', coordinates: [[...vertices, vertices[0]]] } : vertices.length === 2 ? { type: 'LineString', coordinates: [...vertices] } : null;
  const features: GeoJSON.Feature[] = vertices.map((v) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: v } }));
  if (shape) features.unshift({ type: 'Feature', properties: {}, geometry: shape });
  source.setData({ type: 'FeatureCollection', features });
}

export function setContributions(map: maplibregl.Map, features: Contribution[], shown: boolean, selected: number | undefined) {
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (!source) return;
  source.setData({ type: 'FeatureCollection', features: features.filter((f) => f.geometry) as GeoJSON.Feature[] });
  for (const id of ALL) map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
  map.removeFeatureState({ source: SOURCE });
  if (selected !== undefined) map.setFeatureState({ source: SOURCE, id: selected }, { highlight: true });
}

/** A speech bubble with three dots, drawn once on a canvas: no sprite to fetch, no glyphs. */
function bubble(): ImageData {
  const size = 48;
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  ctx.canvas.width = ctx.canvas.height = size;
  ctx.lineWidth = 3.5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.roundRect(3, 3, 42, 30, 9);
  ctx.moveTo(10, 32);
  ctx.lineTo(6, 45);
  ctx.lineTo(22, 32);
  ctx.closePath();
  ctx.fillStyle = VOICE_FILL;
  ctx.strokeStyle = VOICE_INK;
  ctx.stroke();
  ctx.fill();
  ctx.fillStyle = VOICE_INK;
  for (const x of [14, 24, 34]) {
    ctx.beginPath();
    ctx.arc(x, 18, 3, 0, Math.PI * 2);
    ctx.fill();
  }
  return ctx.getImageData(0, 0, size, size);
}
