// The map style as data, derived from the same theme, status and accuracy tables as the legend and
// the list badges, so the three can never disagree. No layer uses text: labels are HTML, rendered
// with the bundled Noto Sans, so nothing needs glyphs from the internet.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { LOCATION_ACCURACIES, STATUSES, THEMES } from '../../geo/index.ts';
import type { Basemap } from '../app/api.ts';
import { MASTER_PLAN_FILL_OPACITY } from './master-plan.ts';
import { LAST_DETAIL_ZOOM } from '../../geo/tile.ts';

export const themeColour: ExpressionSpecification = [
  'match',
  ['get', 'theme'],
  ...THEMES.ids.flatMap((id) => [id, THEMES.table[id].colour]),
  '#495057',
] as unknown as ExpressionSpecification;

const byStatus = (field: 'opacity' | 'ring'): ExpressionSpecification =>
  ['match', ['get', 'status'], ...STATUSES.ids.flatMap((id) => [id, STATUSES.table[id][field]]), 1] as unknown as ExpressionSpecification;

/**
 * Metres on the ground per pixel at zoom 0 in Web Mercator at `latitude`. Style expressions cannot
 * read the latitude, so the halos are sized for the place the map shows (the municipality's centre);
 * across one municipality the scale changes by well under 1 %.
 */
export function metresPerPixelAtZ0(latitude: number): number {
  return 156543.03 * Math.cos((latitude * Math.PI) / 180);
}

const haloMetres: ExpressionSpecification = [
  'match',
  ['get', 'locationAccuracy'],
  ...LOCATION_ACCURACIES.ids.flatMap((id) => [id, LOCATION_ACCURACIES.table[id].radiusM ?? 0]),
  0,
] as unknown as ExpressionSpecification;
const haloRadius = (latitude: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 2],
  ['zoom'],
  0,
  ['/', haloMetres, metresPerPixelAtZ0(latitude)],
  22,
  ['/', ['*', haloMetres, 2 ** 22], metresPerPixelAtZ0(latitude)],
];

const highlighted: ExpressionSpecification = ['boolean', ['feature-state', 'highlight'], false];
const empty = { type: 'FeatureCollection', features: [] } as GeoJSON.FeatureCollection;

export const INTERACTIVE_LAYERS = ['intervention-points', 'intervention-stacks', 'intervention-clusters', 'intervention-lines', 'intervention-polygons'];

/** A point that is one item: neither a cluster nor a pile of items at one position (api/routes/tiles.ts). */
const oneItem: ExpressionSpecification = ['all', ['has', 'id'], ['==', ['geometry-type'], 'Point']];

/** The source of the interventions' vector tiles, and the layer in them. */
export const INTERVENTIONS = { source: 'interventions', sourceLayer: 'interventions' } as const;

/**
 * `latitude`: where the map is, for sizing the accuracy halos in metres (see `homeLatitude`).
 * `tiles`: the URL of the interventions' tiles for the filter shown (MapView changes it with the
 * filter); without it the map has no interventions (the coverage map draws its own).
 */
export function mapStyle(basemap: Basemap | null, latitude: number, tiles?: string): StyleSpecification {
  const sources: StyleSpecification['sources'] = {
    neighbours: { type: 'geojson', data: empty },
    'settlement-areas': { type: 'geojson', data: empty },
    municipality: { type: 'geojson', data: empty },
    'water-bodies': { type: 'geojson', data: empty },
    rivers: { type: 'geojson', data: empty },
    landmarks: { type: 'geojson', data: empty },
    zones: { type: 'geojson', data: empty },
    'master-plan': { type: 'geojson', data: empty, promoteId: 'id' },
    // `count` is 1 for an item, n for a cluster or a pile of n items at one position.
    ...(tiles ? { [INTERVENTIONS.source]: { type: 'vector', tiles: [tiles], maxzoom: LAST_DETAIL_ZOOM, promoteId: { [INTERVENTIONS.sourceLayer]: 'id' } } } : {}),
    near: { type: 'geojson', data: empty },
  };
  if (basemap) sources.basemap = { type: 'raster', tiles: basemap.tiles, tileSize: 256, maxzoom: basemap.maxzoom, attribution: basemap.attribution };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2ea' } },
    ...(basemap ? [{ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.85, 'raster-saturation': -0.4 } } as LayerSpecification] : []),
    { id: 'neighbours-fill', type: 'fill', source: 'neighbours', paint: { 'fill-color': '#dde1dc', 'fill-opacity': basemap ? 0.35 : 0.9 } },
    { id: 'neighbours-line', type: 'line', source: 'neighbours', paint: { 'line-color': '#9aa39c', 'line-width': 1 } },
    { id: 'municipality-fill', type: 'fill', source: 'municipality', paint: { 'fill-color': '#ffffff', 'fill-opacity': basemap ? 0.15 : 0.8 } },
    { id: 'settlement-areas-line', type: 'line', source: 'settlement-areas', paint: { 'line-color': '#8a948c', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
    { id: 'water-fill', type: 'fill', source: 'water-bodies', paint: { 'fill-color': '#9cc9ec' } },
    { id: 'rivers', type: 'line', source: 'rivers', paint: { 'line-color': '#5b9fd6', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 3] } },
    { id: 'municipality-line', type: 'line', source: 'municipality', paint: { 'line-color': '#343a40', 'line-width': 2 } },
    // The master-plan zoning (web/map/master-plan.ts gives each feature its colours); hidden until asked for.
    { id: 'master-plan-fill', type: 'fill', source: 'master-plan', layout: { visibility: 'none' }, paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': MASTER_PLAN_FILL_OPACITY } },
    { id: 'master-plan-line', type: 'line', source: 'master-plan', layout: { visibility: 'none' }, paint: { 'line-color': ['get', 'outline'], 'line-width': 1.5 } },
    { id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': '#7048e8', 'fill-opacity': 0.12 } },
    // Schematic zones are dashed: their drawn extent is an illustration, not a boundary.
    { id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#5f3dc4', 'line-width': 2, 'line-dasharray': [2, 2] } },
    { id: 'landmarks', type: 'circle', source: 'landmarks', paint: { 'circle-radius': 3, 'circle-color': '#495057', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
    ...(tiles ? interventionLayers(latitude) : []),
    { id: 'near-fill', type: 'fill', source: 'near', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1f5fa8', 'fill-opacity': 0.06 } },
    { id: 'near-line', type: 'line', source: 'near', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': '#1f5fa8', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    { id: 'near-point', type: 'circle', source: 'near', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': '#fff', 'circle-stroke-color': '#1f5fa8', 'circle-stroke-width': 3 } },
  ];
  return { version: 8, sources, layers };
}

const FROM_TILES = { source: INTERVENTIONS.source, 'source-layer': INTERVENTIONS.sourceLayer } as const;

/** The interventions from their tiles: halos, areas, lines, clusters, piles and single points, bottom to top. */
function interventionLayers(latitude: number): LayerSpecification[] {
  return [
    // The halo says how far the pin can be trusted: a settlement-level place covers the village.
    {
      id: 'intervention-halos',
      type: 'circle',
      ...FROM_TILES,
      filter: oneItem,
      paint: { 'circle-radius': haloRadius(latitude), 'circle-color': themeColour, 'circle-opacity': 0.08, 'circle-stroke-color': themeColour, 'circle-stroke-width': 1, 'circle-stroke-opacity': 0.35 },
    },
    { id: 'intervention-polygons', type: 'fill', ...FROM_TILES, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': themeColour, 'fill-opacity': ['case', highlighted, 0.55, 0.3] } },
    {
      id: 'intervention-lines',
      type: 'line',
      ...FROM_TILES,
      paint: { 'line-color': themeColour, 'line-width': ['case', highlighted, 7, 4], 'line-opacity': byStatus('opacity') },
    },
    {
      id: 'intervention-clusters',
      type: 'circle',
      ...FROM_TILES,
      filter: ['has', 'cluster'],
      paint: {
        'circle-color': '#1f5fa8',
        'circle-opacity': 0.9,
        'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 14, 50, 24, 1000, 30],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    },
    // A pile of items at one position: one dark disc under its count (an HTML button, web/map/MapView.tsx).
    {
      id: 'intervention-stacks',
      type: 'circle',
      ...FROM_TILES,
      filter: ['has', 'ids'],
      paint: { 'circle-color': '#343a40', 'circle-radius': 15, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    },
    {
      id: 'intervention-points',
      type: 'circle',
      ...FROM_TILES,
      filter: oneItem,
      paint: {
        'circle-radius': ['case', highlighted, 11, 7],
        'circle-color': themeColour,
        'circle-opacity': byStatus('opacity'),
        'circle-stroke-color': ['case', highlighted, '#111', '#fff'],
        'circle-stroke-width': ['case', highlighted, 3, byStatus('ring')],
      },
    },
  ] as LayerSpecification[];
}

/** Imported reference layers share one colour (≥ 3:1 against the map's light ground), distinct from themes and zones. */
export const REFERENCE_COLOUR = '#8a3b12';

/** The style of an imported reference layer by its geometry type, drawn just under the interventions. */
export function referenceLayerStyle(source: string, geometryType: 'Point' | 'LineString' | 'Polygon'): LayerSpecification[] {
  if (geometryType === 'Point')
    return [{ id: `${source}-points`, type: 'circle', source, paint: { 'circle-radius': 4, 'circle-color': REFERENCE_COLOUR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } }];
  if (geometryType === 'LineString') return [{ id: `${source}-lines`, type: 'line', source, paint: { 'line-color': REFERENCE_COLOUR, 'line-width': 2 } }];
  return [
    { id: `${source}-fill`, type: 'fill', source, paint: { 'fill-color': REFERENCE_COLOUR, 'fill-opacity': 0.1 } },
    { id: `${source}-line`, type: 'line', source, paint: { 'line-color': REFERENCE_COLOUR, 'line-width': 1.5 } },
  ];
}

/** The first layer of the interventions: reference layers go under it. */
export const firstInterventionLayer = (map: { getLayer(id: string): unknown }) => (map.getLayer('intervention-halos') ? 'intervention-halos' : undefined);
