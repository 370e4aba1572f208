// Geometries as the libraries hand them over (GeoJSON-like objects from togeojson, shpjs and wkx)
// become our Geometry: 2D only, and only the six types we store. A GeometryCollection whose members
// are all of one kind (KML's MultiGeometry of points, say) becomes the matching Multi* type; a mixed
// one has no place in one record and is refused with a reason.
import type { Geometry, Position } from '../../geo/index.ts';

/** Why one row's geometry cannot be read; the row is reported, the file still read. */
export class GeometryProblem extends Error {}

type Loose = { type?: unknown; coordinates?: unknown; geometries?: unknown };

const SIMPLE = ['Point', 'LineString', 'Polygon'] as const;
const MULTI = { Point: 'MultiPoint', LineString: 'MultiLineString', Polygon: 'MultiPolygon' } as const;
type Simple = (typeof SIMPLE)[number];
const DEPTH: Record<Geometry['type'], number> = { Point: 0, LineString: 1, Polygon: 2, MultiPoint: 1, MultiLineString: 2, MultiPolygon: 3 };

function position(value: unknown): Position {
  if (!Array.isArray(value) || value.length < 2) throw new GeometryProblem('a position has fewer than two numbers');
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    throw new GeometryProblem(`[${value.slice(0, 2).join(', ')}] is not a pair of numbers`);
  return [x, y];
}

function nested(value: unknown, depth: number): unknown {
  if (depth === 0) return position(value);
  if (!Array.isArray(value)) throw new GeometryProblem('the coordinates are not nested as the geometry type says');
  return value.map((item) => nested(item, depth - 1));
}

/** The members' coordinates as one Multi* geometry, or a problem if the kinds are mixed. */
function fromCollection(members: unknown[]): Geometry {
  const parts = members.map(toGeometry2d).filter((g): g is Geometry => g !== null);
  if (!parts.length) throw new GeometryProblem('an empty GeometryCollection');
  const kind = (g: Geometry): Simple => g.type.replace(/^Multi/, '') as Simple;
  const kinds = new Set(parts.map(kind));
  if (kinds.size > 1) throw new GeometryProblem(`a GeometryCollection mixes ${[...kinds].join(' and ')}; split it into one record per kind`);
  const only = [...kinds][0];
  const coordinates = parts.flatMap((g) => (g.type === only ? [g.coordinates] : (g.coordinates as unknown[])));
  return { type: MULTI[only], coordinates } as Geometry;
}

/** A 2D Geometry, null for a missing one; throws GeometryProblem with a reason otherwise. */
export function toGeometry2d(value: unknown): Geometry | null {
  if (value === null || value === undefined) return null;
  const g = value as Loose;
  if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) throw new GeometryProblem('a GeometryCollection without geometries');
    return fromCollection(g.geometries);
  }
  if (typeof g.type !== 'string' || !(g.type in DEPTH)) throw new GeometryProblem(`"${String(g.type)}" is not a geometry type we store`);
  const type = g.type as Geometry['type'];
  return { type, coordinates: nested(g.coordinates, DEPTH[type]) } as Geometry;
}
