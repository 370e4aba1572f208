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

/** Why a text is not a well-known-text geometry, and where. */
export class WktError extends Error {}

const DEPTH: Record<string, number> = { POINT: 0, LINESTRING: 1, POLYGON: 2, MULTIPOINT: 1, MULTILINESTRING: 2, MULTIPOLYGON: 3 };
const TYPE_NAME: Record<string, Geometry['type']> = {
  POINT: 'Point', LINESTRING: 'LineString', POLYGON: 'Polygon', MULTIPOINT: 'MultiPoint', MULTILINESTRING: 'MultiLineString', MULTIPOLYGON: 'MultiPolygon',
};

/**
 * A geometry from well-known text (OGC 06-103r4), as planners paste it from QGIS or a spreadsheet:
 * any case, Z/M/ZM values dropped (we keep 2D), an "SRID=4326;" prefix allowed, MULTIPOINT with or
 * without inner parentheses. Axis order is x y, longitude then latitude. The structure is checked
 * here; rings, ranges and topology are checked where every geometry is (geometryProblems).
 */
export function fromWkt(text: string): Geometry {
  const source = text.trim().replace(/^SRID=(\d+);/i, (all, srid: string) => {
    if (srid !== '4326') throw new WktError(`SRID=${srid}: only longitude/latitude (SRID=4326) is read here`);
    return '';
  });
  const tokens = source.match(/[A-Za-z]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[(),]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined) throw new WktError(`the text ends early${expected ? `; expected "${expected}"` : ''}`);
    if (expected !== undefined && token.toUpperCase() !== expected) throw new WktError(`expected "${expected}" at token ${at}, found "${token}"`);
    return token;
  };
  const keyword = take().toUpperCase();
  if (!(keyword in DEPTH)) throw new WktError(`"${keyword}" is not a geometry type: POINT, LINESTRING, POLYGON or their MULTI forms`);
  let dims = 2;
  const modifier = peek()?.toUpperCase();
  if (modifier === 'Z' || modifier === 'M') (take(), (dims = 3));
  else if (modifier === 'ZM') (take(), (dims = 4));
  if (peek()?.toUpperCase() === 'EMPTY') throw new WktError(`${keyword} EMPTY has no place; leave the geometry out instead`);

  const position = (): Position => {
    const values: number[] = [];
    while (peek() !== undefined && peek() !== ',' && peek() !== ')') {
      const token = take();
      const value = Number(token);
      if (!/^[-+.\d]/.test(token) || !Number.isFinite(value)) throw new WktError(`"${token}" is not a number (token ${at})`);
      values.push(value);
    }
    // Without a Z or M keyword, three or four values still mean x y z (m): what QGIS writes as "POINT (x y z)".
    if (values.length < 2 || values.length > Math.max(dims, 4)) throw new WktError(`a position has ${values.length} numbers; expected x y${dims > 2 ? ' and more' : ''}`);
    return [values[0], values[1]];
  };
  const list = <T>(item: () => T): T[] => {
    take('(');
    const items = [item()];
    while (peek() === ',') (take(), items.push(item()));
    take(')');
    return items;
  };
  /** "(x y)": one position in parentheses, and only one (never the first of several, silently). */
  const single = () => {
    const positions = list(position);
    if (positions.length !== 1) throw new WktError(`a point has one position, found ${positions.length}`);
    return positions[0];
  };
  // MULTIPOINT (1 2, 3 4) and MULTIPOINT ((1 2), (3 4)) are both in use.
  const point = () => (peek() === '(' ? single() : position());
  const nested = (depth: number): unknown => (depth === 0 ? single() : depth === 1 ? list(keyword === 'MULTIPOINT' ? point : position) : list(() => nested(depth - 1)));
  const coordinates = nested(DEPTH[keyword]);
  if (at !== tokens.length) throw new WktError(`unexpected "${tokens[at]}" after the geometry (token ${at + 1})`);
  return { type: TYPE_NAME[keyword], coordinates } as Geometry;
}
