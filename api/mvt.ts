// Writing a vector tile: features cut to the tile, with a buffer beyond its edge so a line or a
// disc there is drawn whole from either side, and encoded as MVT 2.1 by the map library's own
// cutter and encoder (@maplibre/geojson-vt, @maplibre/vt-pbf): what the server writes is what
// MapLibre reads. The interventions tiles and the base and zones tiles share it.
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { BBox } from '../geo/index.ts';
import { tileBBox, TILE_EXTENT, type TileAddress } from '../geo/tile.ts';

/** Every empty tile is this one. */
const EMPTY_TILE = new Uint8Array(0);

/** The tile's box grown by `buffer` tile units on every side (of TILE_EXTENT across), within the world. */
export function bufferedBBox(tile: TileAddress, buffer: number): BBox {
  const [w, s, e, n] = tileBBox(tile);
  const dx = ((e - w) * buffer) / TILE_EXTENT;
  const dy = ((n - s) * buffer) / TILE_EXTENT;
  return [Math.max(w - dx, -180), Math.max(s - dy, -90), Math.min(e + dx, 180), Math.min(n + dy, 90)];
}

/** The tile's bytes: a layer for each name with features in the tile; EMPTY_TILE when none has. */
export function encodeTile(layers: Record<string, GeoJSON.Feature[]>, tile: TileAddress, buffer: number): Uint8Array {
  const cut: Record<string, NonNullable<ReturnType<typeof geoJSONToTile>>> = {};
  for (const [name, features] of Object.entries(layers)) {
    if (!features.length) continue;
    const layer = geoJSONToTile({ type: 'FeatureCollection', features }, tile.z, tile.x, tile.y, { extent: TILE_EXTENT, buffer, clip: true, maxZoom: tile.z });
    if (layer?.features.length) cut[name] = layer;
  }
  return Object.keys(cut).length ? fromGeojsonVt(cut, { version: 2, extent: TILE_EXTENT }) : EMPTY_TILE;
}
