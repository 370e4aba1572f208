// The base map and the plan's zones as vector tiles: one tile source, a layer per base layer
// (boundaries, settlement areas, rivers, water, landmarks, imported reference layers …) and one for
// the zones, so a map of the whole country draws what it shows instead of downloading every
// boundary first. Each feature carries only what a style draws by (id, kind, names, the zone's
// type and how exactly it is drawn); the rest (sources, licences) is in /api/layers and /api/zones.
//
// Built per store revision from the published snapshot: the features with their bounding boxes, so
// a tile cuts only those that reach it (a country's boundaries are thousands of polygons). The
// encoding is the interventions tiles' (api/routes/tiles.ts), the same on both stores.
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { BaseLayer } from '../data/store.ts';
import type { BBox, Geometry, Zone } from '../geo/index.ts';
import { bboxIntersects, geometryBBox } from '../geo/spatial.ts';
import { tileBBox, TILE_EXTENT, ZONES_LAYER, type TileAddress } from '../geo/tile.ts';

/** How far a tile holds what lies beyond its edge, in tile units: a line's width or a halo at the edge is drawn whole. */
const BASE_BUFFER = 64;

/** What a base tile's features carry, by field: the same in every layer (a field a feature lacks is absent). */
export const BASE_FIELDS: Record<string, string> = {
  id: 'String: the feature (a municipality or settlement code, a zone id …)',
  'name:bg': 'String: its name in Bulgarian',
  'name:en': 'String: its name in English',
  kind: 'String: its kind (a settlement area: town or village; a zone: iti_priority, oup_land_use …)',
  municipalityCode: 'String: the municipality it lies in (settlement areas)',
  masterPlanType: 'String: of a master-plan zone, its type code (/api/master-plan/zone-types)',
  geometryAccuracy: 'String: of a zone, how exactly its extent is drawn (a schematic one is an illustration)',
};
const SCALARS = ['kind', 'municipalityCode', 'masterPlanType', 'geometryAccuracy'] as const;

interface Placed {
  feature: GeoJSON.Feature;
  bbox: BBox;
}

/** The features of each tile layer with their boxes, for one revision. */
export type BaseFeatures = Map<string, Placed[]>;

/** The drawable part of a feature: its geometry and BASE_FIELDS. */
function drawable(id: string | number | undefined, geometry: Geometry, properties: Record<string, unknown>): Placed {
  const out: Record<string, string> = {};
  const key = id ?? properties.id;
  if (typeof key === 'string' || typeof key === 'number') out.id = String(key);
  const name = properties.name as { bg?: unknown; en?: unknown } | undefined;
  if (typeof name?.bg === 'string') out['name:bg'] = name.bg;
  if (typeof name?.en === 'string') out['name:en'] = name.en;
  for (const field of SCALARS) if (typeof properties[field] === 'string') out[field] = properties[field] as string;
  return { feature: { type: 'Feature', geometry: geometry as GeoJSON.Geometry, properties: out }, bbox: geometryBBox(geometry) };
}

/** Every base layer's and the zones' features with a geometry, by tile layer. */
export function baseFeatures(layers: BaseLayer[], zones: Zone[]): BaseFeatures {
  const out: BaseFeatures = new Map();
  for (const layer of layers) out.set(layer.info.name, layer.features.flatMap((f) => (f.geometry ? [drawable(f.id, f.geometry, f.properties ?? {})] : [])));
  out.set(ZONES_LAYER, zones.flatMap((z) => (z.geometry ? [drawable(z.id, z.geometry, z.properties)] : [])));
  return out;
}

/** One base tile: MVT with a layer for each that reaches it; empty when none does. */
export function baseTile(features: BaseFeatures, tile: TileAddress): Uint8Array {
  const [w, s, e, n] = tileBBox(tile);
  const dx = ((e - w) * BASE_BUFFER) / TILE_EXTENT;
  const dy = ((n - s) * BASE_BUFFER) / TILE_EXTENT;
  const box: BBox = [w - dx, s - dy, e + dx, n + dy];
  const layers: Record<string, NonNullable<ReturnType<typeof geoJSONToTile>>> = {};
  for (const [name, placed] of features) {
    const reaching = placed.filter((p) => bboxIntersects(p.bbox, box)).map((p) => p.feature);
    if (!reaching.length) continue;
    const layer = geoJSONToTile({ type: 'FeatureCollection', features: reaching }, tile.z, tile.x, tile.y, { extent: TILE_EXTENT, buffer: BASE_BUFFER, clip: true, maxZoom: tile.z });
    if (layer?.features.length) layers[name] = layer;
  }
  return Object.keys(layers).length ? fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }) : new Uint8Array(0);
}
