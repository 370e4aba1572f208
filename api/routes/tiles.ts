// /api/tiles: the filtered interventions as Mapbox Vector Tiles, so a map of any size loads what it
// shows and no more. Below ITEMS_FROM_ZOOM a tile holds a cluster per cell of a grid fixed to the
// world, with its count per theme (or the item itself when a cell holds one); from it, each item in
// its own geometry. The SQL is the store's (data/tile-sql.ts), the encoding @maplibre/geojson-vt's
// and @maplibre/vt-pbf's: the map library's own, so what the server writes is what MapLibre reads.
// Tiles are kept per store revision and query; the ETag (api/http.ts) lets a browser keep them too.
import { Hono } from 'hono';
import { THEMES, type InterventionFilter, type LayerFeature } from '../../geo/index.ts';
import { attributionLine } from '../../geo/layer.ts';
import { stackPoints } from '../../geo/stacks.ts';
import { BASE_MAX_ZOOM, CELLS_PER_TILE, ITEMS_FROM_ZOOM, LAST_DETAIL_ZOOM, MAX_TILE_ZOOM, TILE_EXTENT, tileGrid, type TileAddress, type TileGrid, ZONES_LAYER } from '../../geo/tile.ts';
import { TileJson } from '../../geo/responses.ts';
import type { CellRow, MapShape, Store } from '../../data/store.ts';
import type { Deps } from '../deps.ts';
import type { Snapshot } from '../snapshot.ts';
import { ApiError } from '../errors.ts';
import { toFilter } from '../filters.ts';
import { FILTER_PARAMS, parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';
import { bufferedBBox, encodeTile } from '../mvt.ts';
import { ResultCache } from '../geo-work/cache.ts';
import { BASE_FIELDS, placedTile, placeFeatures, type PlacedFeatures } from '../base-tiles.ts';

export const MVT = 'application/vnd.mapbox-vector-tile';
/** The layer every intervention tile holds. */
export const TILE_LAYER = 'interventions';
/** Items one tile from ITEMS_FROM_ZOOM on draws at most (a tile there is 2.4 km across; Kazanlak's densest holds 41). */
const ITEMS_PER_TILE = 10_000;
/** Tile bytes kept in memory per store; a tile is a few kilobytes, so this holds many thousand. */
const CACHE_BYTES = 32 * 1024 * 1024;
/** What keeping one more tile costs beyond its bytes (key, entry, promise): charged too, so empty tiles cannot fill memory. */
const ENTRY_BYTES = 512;
/**
 * How far beyond its edge a tile holds what it draws: one cell (a cluster of the ring around the
 * tile sits up to a cell away), so a cluster or a halo on the edge is drawn whole from either side.
 */
const TILE_BUFFER = TILE_EXTENT / CELLS_PER_TILE;

const FIELDS: Record<string, string> = {
  id: 'String: the intervention (a single item)',
  theme: 'String: its theme; of a cluster, the theme most of its items have',
  status: 'String: its status (a single item)',
  locationAccuracy: 'String: how well its place is known (a single item)',
  count: 'Number: how many interventions the feature stands for (1 for an item)',
  cluster: `Boolean: true for a cluster of several items (below zoom ${ITEMS_FROM_ZOOM})`,
  cell: 'String: of a cluster, its cell as zoom/column/row of the world grid, the same in every tile that draws it',
  ids: `String: of a pile of items at one position (from zoom ${ITEMS_FROM_ZOOM}), their ids as a JSON array`,
  ...Object.fromEntries(THEMES.ids.map((id) => [`theme:${id}`, `Number: of a cluster, how many of its items have theme ${id}`])),
};

const TILE_PATH = [
  { name: 'z', description: `zoom, 0 to ${MAX_TILE_ZOOM}`, example: '12' },
  { name: 'x', description: 'column, 0 to 2^z − 1 from the west', example: '2336' },
  { name: 'y', description: 'row, 0 to 2^z − 1 from the north', example: '1510' },
];

export const TILE_ROUTES: RouteDoc[] = [
  {
    path: '/api/tiles/interventions.json',
    summary: 'TileJSON of the interventions tiles: the tile URL for the same filter, the zooms, the fields',
    description: 'The filter parameters given here are carried into the tile URL, so a map that loads this document draws the same selection as the list.',
    tags: ['tiles'],
    query: [...FILTER_PARAMS],
    response: { type: 'application/json', schema: TileJson, description: 'TileJSON 3.0.0' },
  },
  {
    path: '/api/tiles/interventions/{z}/{x}/{y}.mvt',
    summary: `One vector tile of the filtered interventions: clusters with counts per theme below zoom ${ITEMS_FROM_ZOOM}, each item from it`,
    description: `Mapbox Vector Tile 2.1 with one layer, \`${TILE_LAYER}\`. Below zoom ${ITEMS_FROM_ZOOM} the located items are gathered on a grid of ${CELLS_PER_TILE}×${CELLS_PER_TILE} cells per tile, fixed to the world: a cell of several items is one point at their mean position with \`cluster\`, \`count\` and \`theme:<id>\` counts; a cell of one is the item's point. From zoom ${ITEMS_FROM_ZOOM} each item comes in its own geometry (points at one position as one pile with \`ids\`). Items without a place are in no tile. Empty tiles are empty bodies.`,
    tags: ['tiles'],
    query: [...FILTER_PARAMS],
    pathParams: TILE_PATH,
    response: { type: MVT, description: 'the tile' },
  },
  ...(['base', 'zones'] as const).flatMap((name): RouteDoc[] => [
    {
      path: `/api/tiles/${name}.json`,
      summary: `TileJSON of the ${name} tiles: ${name === 'base' ? "a vector layer per base layer" : `one vector layer, \`${ZONES_LAYER}\``}`,
      tags: ['tiles'],
      response: { type: 'application/json', schema: TileJson, description: 'TileJSON 3.0.0' },
    },
    {
      path: `/api/tiles/${name}/{z}/{x}/{y}.mvt`,
      summary: name === 'base' ? 'One vector tile of the base map: a layer per base layer of /api/layers, named as there' : `One vector tile of the plan's zones with a drawn extent (\`${ZONES_LAYER}\`, master-plan zones among them with \`masterPlanType\`)`,
      description: `Mapbox Vector Tile 2.1. Features carry what a style draws by: ${Object.keys(BASE_FIELDS).join(', ')}. Up to zoom ${BASE_MAX_ZOOM}; a map stretches that tile beyond. ${name === 'zones' ? 'With asOf, the zones as on that day; the' : 'The'} base layers have no past of their own. Empty tiles are empty bodies.`,
      tags: ['tiles'],
      pathParams: TILE_PATH,
      response: { type: MVT, description: 'the tile' },
    },
  ]),
];

/** z, x and y from the path, each checked: a 400 names the one that is wrong. */
function tileOf(z: string, x: string, file: string): TileAddress {
  const y = /^(.*)\.mvt$/.exec(file)?.[1];
  if (y === undefined) throw new ApiError(404, 'not_found', `no tile "${file.slice(0, 100)}": tiles are {z}/{x}/{y}.mvt`);
  const whole = (name: string, text: string, max: number) => {
    // No leading zeros: one tile, one URL (and one ETag, one cache entry).
    if (!/^(0|[1-9]\d{0,7})$/.test(text) || Number(text) > max)
      throw new ApiError(400, 'invalid_parameter', `path parameter "${name}": "${text.slice(0, 100)}" is not a whole number from 0 to ${max} (without leading zeros)`, { parameter: name, value: text.slice(0, 100) });
    return Number(text);
  };
  const zoom = whole('z', z, MAX_TILE_ZOOM);
  const last = 2 ** zoom - 1;
  return { z: zoom, x: whole('x', x, last), y: whole('y', y, last) };
}

/** The features of a tile below ITEMS_FROM_ZOOM: one per cell, a cluster or the single item. */
function cellFeatures(rows: CellRow[], tile: TileAddress, grid: TileGrid): GeoJSON.Feature[] {
  const cells = new Map<string, CellRow[]>();
  for (const r of rows) {
    const key = `${r.cx},${r.cy}`;
    const cell = cells.get(key);
    if (cell) cell.push(r);
    else cells.set(key, [r]);
  }
  return [...cells.values()].map((themes) => {
    const count = themes.reduce((n, r) => n + r.count, 0);
    const at = [themes.reduce((s, r) => s + r.lonSum, 0) / count, themes.reduce((s, r) => s + r.latSum, 0) / count];
    const geometry: GeoJSON.Point = { type: 'Point', coordinates: at };
    if (count === 1) {
      const [r] = themes;
      return { type: 'Feature', geometry, properties: { id: r.id, theme: r.theme, status: r.status, locationAccuracy: r.accuracy, count } };
    }
    // Rows come in theme order: a tie goes to the theme whose id sorts first, on every engine.
    const most = themes.reduce((a, b) => (b.count > a.count ? b : a));
    // The same cluster in the neighbouring tiles' buffers carries the same cell: a map counts it once.
    const cell = `${tile.z}/${grid.column + themes[0].cx}/${grid.row + themes[0].cy}`;
    return { type: 'Feature', geometry, properties: { cluster: true, cell, count, theme: most.theme, ...Object.fromEntries(themes.map((r) => [`theme:${r.theme}`, r.count])) } };
  });
}

async function clusters(store: Store, filter: InterventionFilter, tile: TileAddress): Promise<GeoJSON.Feature[]> {
  const grid = tileGrid(tile);
  return cellFeatures(await store.interventionCells(filter, grid), tile, grid);
}

/** The features of a tile from ITEMS_FROM_ZOOM: each item in its geometry; points at one position as a pile. */
function itemFeatures(shapes: MapShape[]): GeoJSON.Feature[] {
  const feature = (s: MapShape): GeoJSON.Feature => ({ type: 'Feature', geometry: s.geometry as GeoJSON.Geometry, properties: { id: s.id, theme: s.theme, status: s.status, locationAccuracy: s.accuracy, count: 1 } });
  const { single, stacks } = stackPoints(shapes);
  return [
    ...shapes.filter((s) => s.geometry.type !== 'Point').map(feature),
    ...single.map(feature),
    ...stacks.map((p): GeoJSON.Feature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.at }, properties: { count: p.features.length, ids: JSON.stringify(p.features.map((f) => f.id)) } })),
  ];
}

/** A tile's bytes: MVT of one layer, empty when nothing is in it. */
export async function interventionTile(store: Store, filter: InterventionFilter, tile: TileAddress): Promise<Uint8Array> {
  const features =
    tile.z < ITEMS_FROM_ZOOM
      ? await clusters(store, filter, tile)
      : itemFeatures(await store.interventionShapes(filter, bufferedBBox(tile, TILE_BUFFER), ITEMS_PER_TILE));
  return encodeTile({ [TILE_LAYER]: features }, tile, TILE_BUFFER);
}

/** Tiles kept by key, the least recently used dropped past `limit` bytes (each charged ENTRY_BYTES more). */
export class TileCache {
  constructor(private readonly limit = CACHE_BYTES) {}

  private readonly held = new Map<string, { tile: Promise<Uint8Array>; bytes: number }>();
  /** what the kept tiles cost, as charged */
  bytes = 0;

  get size(): number {
    return this.held.size;
  }

  get(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.held.get(key);
    if (hit) {
      this.held.delete(key);
      this.held.set(key, hit);
      return hit.tile;
    }
    const entry = { tile: make(), bytes: 0 };
    this.held.set(key, entry);
    entry.tile.then(
      (tile) => {
        if (this.held.get(key) !== entry) return;
        entry.bytes = tile.length + key.length + ENTRY_BYTES;
        this.bytes += entry.bytes;
        for (const [old, kept] of this.held) {
          if (this.bytes <= this.limit) break;
          this.held.delete(old);
          this.bytes -= kept.bytes;
        }
      },
      // A failed tile is asked again next time; a newer entry under the same key stays.
      () => {
        if (this.held.get(key) === entry) this.held.delete(key);
      },
    );
    return entry.tile;
  }
}

export function tileRoutes(deps: Deps) {
  const r = new Hono();
  // One cache per store: a view of the past (api/views.ts) builds its own routers.
  const cache = new TileCache();
  r.get('/tiles/interventions.json', async (c) => {
    const snapshot = await deps.snapshot();
    toFilter(parseQuery(c.req.url, FILTER_PARAMS), snapshot.known);
    const search = new URL(c.req.url).search;
    const body: TileJson = {
      tilejson: '3.0.0',
      name: 'interventions',
      description: `The interventions of the plan that have a place: clustered below zoom ${ITEMS_FROM_ZOOM}, each in its own geometry from it.`,
      scheme: 'xyz',
      tiles: [`${deps.publicUrl()}/api/tiles/interventions/{z}/{x}/{y}.mvt${search}`],
      minzoom: 0,
      maxzoom: LAST_DETAIL_ZOOM,
      ...(snapshot.extent.bbox ? { bounds: snapshot.extent.bbox } : {}),
      vector_layers: [{ id: TILE_LAYER, description: 'interventions', minzoom: 0, maxzoom: LAST_DETAIL_ZOOM, fields: FIELDS }],
    };
    return c.json(body);
  });
  // The base layers and the zones: placed features per revision, made when a tile first asks.
  const sources: Record<'base' | 'zones', { read(snapshot: Snapshot): Promise<PlacedFeatures>; description: string; layers(snapshot: Snapshot): [string, string][] }> = {
    base: {
      read: async (snapshot) => placeFeatures((await Promise.all(snapshot.layers.map((l) => deps.store.layer(l.name)))).flatMap((l) => (l ? [[l.info.name, l.features] as [string, LayerFeature[]]] : []))),
      description: 'The base map: boundaries, settlement areas, water, landmarks and the imported reference layers, a vector layer each.',
      layers: (snapshot) => snapshot.layers.map((l) => [l.name, l.title.en ?? l.title.bg ?? l.name]),
    },
    zones: {
      read: async (snapshot) => placeFeatures([[ZONES_LAYER, snapshot.zones]]),
      description: 'The zones the plan acts on that have a drawn extent, master-plan zones among them.',
      layers: () => [[ZONES_LAYER, 'the zones the plan acts on, master-plan zones among them']],
    },
  };
  // One revision's placed features per source (a failed read is not kept: the next tile tries again).
  const placed = new ResultCache(2);
  for (const [name, source] of Object.entries(sources)) {
    const featuresOf = (snapshot: Snapshot) => placed.get(`${name}|${snapshot.revision}`, () => source.read(snapshot));
    r.get(`/tiles/${name}.json`, async (c) => {
      parseQuery(c.req.url, []);
      const snapshot = await deps.snapshot();
      const bounds = snapshot.layerBBox.get('municipality') ?? snapshot.extent.bbox;
      const body: TileJson = {
        tilejson: '3.0.0',
        name,
        description: source.description,
        scheme: 'xyz',
        tiles: [`${deps.publicUrl()}/api/tiles/${name}/{z}/{x}/{y}.mvt`],
        minzoom: 0,
        maxzoom: BASE_MAX_ZOOM,
        ...(bounds ? { bounds } : {}),
        ...(name === 'base' ? { attribution: attributionLine(snapshot.layers) } : {}),
        vector_layers: source.layers(snapshot).map(([id, description]) => ({ id, description, minzoom: 0, maxzoom: BASE_MAX_ZOOM, fields: BASE_FIELDS })),
      };
      return c.json(body);
    });
    r.get(`/tiles/${name}/:z/:x/:file`, async (c) => {
      const tile = tileOf(c.req.param('z'), c.req.param('x'), c.req.param('file'));
      parseQuery(c.req.url, []);
      const snapshot = await deps.snapshot();
      const bytes = await cache.get(`${name}|${snapshot.revision}|${tile.z}/${tile.x}/${tile.y}`, async () => placedTile(await featuresOf(snapshot), tile));
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': MVT });
    });
  }
  r.get('/tiles/interventions/:z/:x/:file', async (c) => {
    const tile = tileOf(c.req.param('z'), c.req.param('x'), c.req.param('file'));
    const snapshot = await deps.snapshot();
    const filter = toFilter(parseQuery(c.req.url, FILTER_PARAMS), snapshot.known);
    const key = `${snapshot.revision}|${tile.z}/${tile.x}/${tile.y}|${new URL(c.req.url).search}`;
    const bytes = await cache.get(key, () => interventionTile(deps.store, filter, tile));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': MVT });
  });
  return r;
}
