// What a map tile draws of the filtered interventions, as SQL every engine runs: below
// ITEMS_FROM_ZOOM the points gathered in the cells of the tile's grid (geo/tile.ts), counted per
// theme; from it, each item in its own geometry. The cell edges are compared, never computed in
// SQL, so both engines put every point in the same cell (their logarithms may differ in the last bit).
import type { BBox, Geometry } from '../geo/index.ts';
import type { TileGrid } from '../geo/tile.ts';
import type { Dialect, Where } from './filter-sql.ts';

/** The filtered located points of one cell and one theme. */
export interface CellRow {
  /** the cell's column and row in the tile's grid (0 is the grid's west column and north row) */
  cx: number;
  cy: number;
  theme: string;
  count: number;
  /** sums of the points' coordinates, for the cluster's centre */
  lonSum: number;
  latSum: number;
  /** the first item's id, status and accuracy: what a cell of one item draws */
  id: string;
  status: string;
  accuracy: string;
}

/** An intervention as a map draws it. */
export interface MapShape {
  id: string;
  theme: string;
  status: string;
  accuracy: string;
  geometry: Geometry;
}

/** Parameters pushed after `where`'s, in the order they appear in the text (SQLite's `?` go by order, PostgreSQL's `$n` by number). */
function binder(where: Where, dialect: Dialect) {
  const params = [...where.params];
  return {
    params,
    value(v: unknown) {
      params.push(v);
      return dialect.placeholder(params);
    },
  };
}

const and = (where: Where) => (where.sql ? `${where.sql} AND` : 'WHERE');

/** CASE over the edges between cells: the index of the cell `column` falls in. */
function cellOf(column: string, edges: number[], value: (v: unknown) => string, compare: '<' | '>'): string {
  const inner = edges.slice(1, -1);
  return `CASE ${inner.map((e, k) => `WHEN ${column} ${compare} ${value(e)} THEN ${k}`).join(' ')} ELSE ${inner.length} END`;
}

/** The filtered located points in the grid, per cell and theme, in cell order. */
export function cellsSql(where: Where, dialect: Dialect, grid: TileGrid): Where {
  const { params, value } = binder(where, dialect);
  const west = grid.lonEdges[0];
  const east = grid.lonEdges.at(-1)!;
  const north = grid.latEdges[0];
  const south = grid.latEdges.at(-1)!;
  // The index finds the candidates by their boxes; the point (lon, lat) decides.
  const inGrid = `${and(where)} ${dialect.roughBox([west, south, east, north], params)}
      AND i.located = 1 AND i.lon >= ${value(west)} AND i.lon < ${value(east)} AND i.lat > ${value(south)} AND i.lat <= ${value(north)}`;
  // The CTE comes first in the text, as its parameters do.
  const sql = `WITH hit AS (SELECT i.id, i.theme, i.status, i.location_accuracy, i.lon, i.lat FROM intervention i ${inGrid})
    SELECT ${cellOf('lon', grid.lonEdges, value, '<')} AS cx, ${cellOf('lat', grid.latEdges, value, '>')} AS cy, theme, count(*) AS count,
      sum(lon) AS "lonSum", sum(lat) AS "latSum", min(id) AS id, min(status) AS status, min(location_accuracy) AS accuracy
    FROM hit GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  return { sql, params };
}

/** The filtered located items that meet `box`, in dataset order, at most `limit`; `geometry` is the engine's expression of an item's GeoJSON geometry as text. */
export function shapesSql(where: Where, dialect: Dialect, box: BBox, geometry: string, limit: number): Where {
  const { params, value } = binder(where, dialect);
  const sql = `SELECT i.id, i.theme, i.status, i.location_accuracy AS accuracy, ${geometry} AS geometry FROM intervention i
    ${and(where)} ${dialect.bbox(box, params)} AND i.located = 1 ORDER BY i.rowid LIMIT ${value(limit)}`;
  return { sql, params };
}
