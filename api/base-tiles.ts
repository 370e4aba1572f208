// The base map and the plan's zones as vector tiles, two sources (api/routes/tiles.ts): the base
// layers (boundaries, settlement areas, rivers, water, landmarks, imported reference layers …), a
// layer each, and the zones, so a map of the whole country draws what it shows instead of
// downloading every boundary first. Two, because only the zones have a past: the base stays drawn
// on any day a map shows. Each feature carries only what a style draws by (id, kind, names, the
// zone's type and how exactly it is drawn); the rest (sources, licences) is in /api/layers and
// /api/zones.
//
// Built per store revision from the published snapshot: the features with their bounding boxes, so
// a tile cuts only those that reach it (a country's boundaries are thousands of polygons). The
// encoding is the interventions tiles' (api/mvt.ts), the same on both stores.
import type { BBox, Geometry } from '../geo/index.ts';
import { bboxIntersects, geometryBBox } from '../geo/spatial.ts';
import type { TileAddress } from '../geo/tile.ts';
import { bufferedBBox, encodeTile } from './mvt.ts';

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
export type PlacedFeatures = Map<string, Placed[]>;

/** A feature as a base or zones layer holds it: an id, a geometry (or none) and its properties. */
interface Source {
  id?: string | number;
  geometry: Geometry | null;
  properties?: Record<string, unknown> | null;
}

/** The drawable part of a feature: its geometry and BASE_FIELDS. */
function drawable(f: Source & { geometry: Geometry }): Placed {
  const properties = f.properties ?? {};
  const out: Record<string, string> = {};
  const key = f.id ?? properties.id;
  if (typeof key === 'string' || typeof key === 'number') out.id = String(key);
  const name = properties.name as { bg?: unknown; en?: unknown } | undefined;
  if (typeof name?.bg === 'string') out['name:bg'] = name.bg;
  if (typeof name?.en === 'string') out['name:en'] = name.en;
  for (const field of SCALARS) if (typeof properties[field] === 'string') out[field] = properties[field] as string;
  return { feature: { type: 'Feature', geometry: f.geometry as GeoJSON.Geometry, properties: out }, bbox: geometryBBox(f.geometry) };
}

/** Each layer's features that have a geometry, with their boxes, by tile layer name. */
export function placeFeatures(layers: [name: string, features: readonly Source[]][]): PlacedFeatures {
  return new Map(layers.map(([name, features]) => [name, features.flatMap((f) => (f.geometry ? [drawable(f as Source & { geometry: Geometry })] : []))]));
}

/** One tile of placed features: MVT with a layer for each that reaches it; empty when none does. */
export function placedTile(features: PlacedFeatures, tile: TileAddress): Uint8Array {
  const box = bufferedBBox(tile, BASE_BUFFER);
  return encodeTile(Object.fromEntries([...features].map(([name, placed]) => [name, placed.filter((p) => bboxIntersects(p.bbox, box)).map((p) => p.feature)])), tile, BASE_BUFFER);
}
