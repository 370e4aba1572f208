// Web Mercator tiles (the XYZ scheme every web map asks in) and the grid that gathers interventions
// into clusters on them. The grid is fixed to the world, not to a tile, so a cell is the same cell
// in every tile that shows it: a cluster near a tile's edge is drawn whole on both sides.
import type { BBox } from './index.ts';

/** Tiles are asked for from zoom 0 (the world) to 22 (a few metres); the TileJSON says where detail ends. */
export const MAX_TILE_ZOOM = 22;
/** From this zoom every intervention is drawn in its own geometry; below it, points gathered in cells. */
export const ITEMS_FROM_ZOOM = 14;
/** The last zoom tiles add detail at (the TileJSON's maxzoom): past it the map enlarges these, whose geometry is finer than a pixel. */
export const LAST_DETAIL_ZOOM = 16;
/** The base and zones tiles add detail up to this zoom: past it a map stretches them; their data has nothing finer than about 2 m. */
export const BASE_MAX_ZOOM = 14;
/** The one layer of a zones tile (/api/tiles/zones); a base tile has a layer per base layer, named as it. */
export const ZONES_LAYER = 'zones';
/** Tile coordinates run 0…4096 across a tile (the MVT default). */
export const TILE_EXTENT = 4096;
/** Cells per tile side: 8 cells of 64 px on a 512 px tile, about the radius a reader tells two clusters apart by. */
export const CELLS_PER_TILE = 8;
/** The latitude where Web Mercator ends: tile 0/0/0 is square. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The longitude of a vertical line `t` tiles from the west at zoom `z` (t may be fractional). */
export function tileLon(t: number, z: number): number {
  return (t / 2 ** z) * 360 - 180;
}

/** The latitude of a horizontal line `t` tiles from the north at zoom `z`. */
export function tileLat(t: number, z: number): number {
  const n = Math.PI * (1 - (2 * t) / 2 ** z);
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

/** The tile at zoom z that holds the point (lon, lat). */
export function tileAt(lon: number, lat: number, z: number): TileAddress {
  const n = 2 ** z;
  const r = (Math.max(Math.min(lat, MAX_MERCATOR_LAT), -MAX_MERCATOR_LAT) * Math.PI) / 180;
  const clamp = (t: number) => Math.min(Math.max(Math.floor(t * n), 0), n - 1);
  return { z, x: clamp((lon + 180) / 360), y: clamp((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) };
}

/** What a tile covers, in lon/lat. */
export function tileBBox({ z, x, y }: TileAddress): BBox {
  return [tileLon(x, z), tileLat(y + 1, z), tileLon(x + 1, z), tileLat(y, z)];
}

/**
 * The cells a tile draws: its own CELLS_PER_TILE² and a ring of one cell around them (the buffer a
 * renderer needs to draw a cluster on the edge whole). `lonEdges` run west to east, `latEdges` north
 * to south; cell (i, j) holds the points with lonEdges[i] ≤ lon < lonEdges[i+1] and
 * latEdges[j+1] < lat ≤ latEdges[j], so a point on an edge is in exactly one cell.
 */
export interface TileGrid {
  lonEdges: number[];
  latEdges: number[];
  /** the index in the world grid of the first column and row */
  column: number;
  row: number;
}

export function tileGrid({ z, x, y }: TileAddress): TileGrid {
  const cells = CELLS_PER_TILE * 2 ** z;
  const first = (t: number) => Math.max(t * CELLS_PER_TILE - 1, 0);
  const last = (t: number) => Math.min((t + 1) * CELLS_PER_TILE + 1, cells);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const zoom = z + Math.log2(CELLS_PER_TILE);
  return {
    lonEdges: range(first(x), last(x)).map((c) => tileLon(c, zoom)),
    latEdges: range(first(y), last(y)).map((r) => tileLat(r, zoom)),
    column: first(x),
    row: first(y),
  };
}
