// Well-known text for the CSV export, where a geometry has to fit in one cell.
import type { Geometry, Position } from './geojson.ts';

const xy = (p: Position) => `${p[0]} ${p[1]}`;
const path = (ps: Position[]) => `(${ps.map(xy).join(', ')})`;
const rings = (rs: Position[][]) => `(${rs.map(path).join(', ')})`;

export function toWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${xy(g.coordinates)})`;
    case 'MultiPoint':
      return g.coordinates.length ? `MULTIPOINT (${g.coordinates.map((p) => `(${xy(p)})`).join(', ')})` : 'MULTIPOINT EMPTY';
    case 'LineString':
      return `LINESTRING ${path(g.coordinates)}`;
    case 'MultiLineString':
      return g.coordinates.length ? `MULTILINESTRING ${rings(g.coordinates)}` : 'MULTILINESTRING EMPTY';
    case 'Polygon':
      return `POLYGON ${rings(g.coordinates)}`;
    case 'MultiPolygon':
      return g.coordinates.length ? `MULTIPOLYGON (${g.coordinates.map(rings).join(', ')})` : 'MULTIPOLYGON EMPTY';
  }
}
