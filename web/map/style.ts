// The map style as data, derived from the same theme, status and accuracy tables as the legend and
// the list badges, so the three can never disagree. No layer uses text: labels are HTML, rendered
// with the bundled Noto Sans, so nothing needs glyphs from the internet. The base layers and the
// zones come from the base tiles (/api/tiles/base), the interventions from theirs: the map loads
// what it shows, for a municipality or the country.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { LOCATION_ACCURACIES, STATUSES, THEMES } from '../../geo/index.ts';
import type { Basemap } from '../app/api.ts';
import { MASTER_PLAN_FALLBACK, MASTER_PLAN_FILL_OPACITY } from './master-plan.ts';
import { BASE_MAX_ZOOM, LAST_DETAIL_ZOOM, ZONES_LAYER } from '../../geo/tile.ts';
import { MASTER_PLAN_KIND } from '../../geo/zone.ts';

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

/** How a map is drawn: the street basemap if any, where it is, its tile sources, and the master-plan colours. */
export interface MapStyleOptions {
  basemap: Basemap | null;
  /** where the map is, for sizing the accuracy halos in metres (see `homeLatitude`) */
  latitude: number;
  /** the URL of the base tiles (web/app/api.ts baseTilesUrl): the base layers have no past, so they are drawn whatever the day */
  base: string;
  /** the URL of the zones' tiles for the day shown (zonesTilesUrl); without it the map has no zones (the coverage and editor maps) */
  zones?: string;
  /** the URL of the interventions' tiles for the filter shown (MapView changes it with the filter); without it the map has no interventions (the coverage map draws its own) */
  tiles?: string;
  /** each master-plan type's fill and outline (web/map/master-plan.ts); a zone of a type not listed is grey */
  masterPlanColours?: { code: string; colour: string; outline: string }[];
}

/** The base layers, each a layer of the base tiles named as in /api/layers. */
const BASE = (layer: string) => ({ source: 'base', 'source-layer': layer }) as const;
const isMasterPlan: ExpressionSpecification = ['==', ['get', 'kind'], MASTER_PLAN_KIND];
const byMasterPlanType = (colours: MapStyleOptions['masterPlanColours'], field: 'colour' | 'outline'): ExpressionSpecification | string =>
  colours?.length ? (['match', ['get', 'masterPlanType'], ...colours.flatMap((c) => [c.code, c[field]]), MASTER_PLAN_FALLBACK[field]] as unknown as ExpressionSpecification) : MASTER_PLAN_FALLBACK[field];

export function mapStyle({ basemap, latitude, base, zones, tiles, masterPlanColours }: MapStyleOptions): StyleSpecification {
  const sources: StyleSpecification['sources'] = {
    base: { type: 'vector', tiles: [base], maxzoom: BASE_MAX_ZOOM },
    ...(zones ? { zones: { type: 'vector', tiles: [zones], maxzoom: BASE_MAX_ZOOM } } : {}),
    // `count` is 1 for an item, n for a cluster or a pile of n items at one position.
    ...(tiles ? { [INTERVENTIONS.source]: { type: 'vector', tiles: [tiles], maxzoom: LAST_DETAIL_ZOOM, promoteId: { [INTERVENTIONS.sourceLayer]: 'id' } } } : {}),
    near: { type: 'geojson', data: empty },
  };
  if (basemap) sources.basemap = { type: 'raster', tiles: basemap.tiles, tileSize: 256, maxzoom: basemap.maxzoom, attribution: basemap.attribution };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2ea' } },
    ...(basemap ? [{ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.85, 'raster-saturation': -0.4 } } as LayerSpecification] : []),
    { id: 'neighbours-fill', type: 'fill', ...BASE('neighbouring-municipalities'), paint: { 'fill-color': '#dde1dc', 'fill-opacity': basemap ? 0.35 : 0.9 } },
    { id: 'neighbours-line', type: 'line', ...BASE('neighbouring-municipalities'), paint: { 'line-color': '#9aa39c', 'line-width': 1 } },
    { id: 'municipality-fill', type: 'fill', ...BASE('municipality'), paint: { 'fill-color': '#ffffff', 'fill-opacity': basemap ? 0.15 : 0.8 } },
    { id: 'settlement-areas-line', type: 'line', ...BASE('settlement-areas'), paint: { 'line-color': '#8a948c', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
    { id: 'water-fill', type: 'fill', ...BASE('water-bodies'), paint: { 'fill-color': '#9cc9ec' } },
    { id: 'rivers', type: 'line', ...BASE('rivers'), paint: { 'line-color': '#5b9fd6', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 3] } },
    { id: 'municipality-line', type: 'line', ...BASE('municipality'), paint: { 'line-color': '#343a40', 'line-width': 2 } },
    ...(zones ? zoneLayers(masterPlanColours) : []),
    { id: 'landmarks', type: 'circle', ...BASE('landmarks'), paint: { 'circle-radius': 3, 'circle-color': '#495057', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
    ...(tiles ? interventionLayers(latitude) : []),
    { id: 'near-fill', type: 'fill', source: 'near', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1f5fa8', 'fill-opacity': 0.06 } },
    { id: 'near-line', type: 'line', source: 'near', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': '#1f5fa8', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    { id: 'near-point', type: 'circle', source: 'near', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': '#fff', 'circle-stroke-color': '#1f5fa8', 'circle-stroke-width': 3 } },
  ];
  return { version: 8, sources, layers };
}

const ZONES = { source: 'zones', 'source-layer': ZONES_LAYER } as const;

/** The zones: the master-plan zoning coloured by type (web/map/master-plan.ts), hidden until asked for; the plan's zones over it. */
function zoneLayers(masterPlanColours: MapStyleOptions['masterPlanColours']): LayerSpecification[] {
  return [
    { id: 'master-plan-fill', type: 'fill', ...ZONES, filter: isMasterPlan, layout: { visibility: 'none' }, paint: { 'fill-color': byMasterPlanType(masterPlanColours, 'colour'), 'fill-opacity': MASTER_PLAN_FILL_OPACITY } },
    { id: 'master-plan-line', type: 'line', ...ZONES, filter: isMasterPlan, layout: { visibility: 'none' }, paint: { 'line-color': byMasterPlanType(masterPlanColours, 'outline'), 'line-width': 1.5 } },
    { id: 'zones-fill', type: 'fill', ...ZONES, filter: ['!', isMasterPlan], paint: { 'fill-color': '#7048e8', 'fill-opacity': 0.12 } },
    // Schematic zones are dashed: their drawn extent is an illustration, not a boundary.
    { id: 'zones-line', type: 'line', ...ZONES, filter: ['!', isMasterPlan], paint: { 'line-color': '#5f3dc4', 'line-width': 2, 'line-dasharray': [2, 2] } },
  ];
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

/** The municipalities' fill: white, or only the chosen ones white and the others greyed as neighbours are (a boundary's id is its code). */
export function municipalityFill(chosen: readonly string[]): ExpressionSpecification | string {
  return chosen.length ? ['case', ['in', ['get', 'id'], ['literal', chosen]], '#ffffff', '#dde1dc'] : '#ffffff';
}

/** Imported reference layers share one colour (≥ 3:1 against the map's light ground), distinct from themes and zones. */
export const REFERENCE_COLOUR = '#8a3b12';

/** The style of an imported reference layer (a layer of the base tiles) by its geometry type, drawn just under the interventions. */
export function referenceLayerStyle(layer: string, geometryType: 'Point' | 'LineString' | 'Polygon'): LayerSpecification[] {
  const id = `reference-${layer}`;
  if (geometryType === 'Point')
    return [{ id: `${id}-points`, type: 'circle', ...BASE(layer), paint: { 'circle-radius': 4, 'circle-color': REFERENCE_COLOUR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } }];
  if (geometryType === 'LineString') return [{ id: `${id}-lines`, type: 'line', ...BASE(layer), paint: { 'line-color': REFERENCE_COLOUR, 'line-width': 2 } }];
  return [
    { id: `${id}-fill`, type: 'fill', ...BASE(layer), paint: { 'fill-color': REFERENCE_COLOUR, 'fill-opacity': 0.1 } },
    { id: `${id}-line`, type: 'line', ...BASE(layer), paint: { 'line-color': REFERENCE_COLOUR, 'line-width': 1.5 } },
  ];
}

/** The first layer of the interventions: reference layers go under it. */
export const firstInterventionLayer = (map: { getLayer(id: string): unknown }) => (map.getLayer('intervention-halos') ? 'intervention-halos' : undefined);
