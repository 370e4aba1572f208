// GeoJSON normalisation to RFC 7946: validate (with messages a data editor can act on), round to
// 6 decimals (~11 cm, the precision RFC 7946 §11.2 suggests), keep 2D, and wind exterior rings
// counter-clockwise and holes clockwise (§3.1.6). Structure and ring topology checks live here
// rather than in the zod schemas so each message can say *where* the problem is.
import { rewind as turfRewind } from '@turf/turf';
import type { Geometry, GeometryType, Position } from './geojson.ts';
export { signedArea } from './topology.ts';
import { distinctIndices, signedArea, topologyProblems, within, type Ring, type Where } from './topology.ts';

const TYPES: readonly GeometryType[] = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

// ---------------------------------------------------------------- rounding

export function roundPosition(position: Position, decimals = 6): Position {
  return [roundNumber(position[0], decimals), roundNumber(position[1], decimals)];
}

function roundNumber(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Rounding the magnitude keeps halves symmetric (Math.round alone sends -0.5 up to -0).
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

export function roundGeometry<G extends Geometry>(geometry: G, decimals = 6): G {
  return mapPositions(geometry, (p) => roundPosition(p, decimals));
}

/** Applies `fn` to every position, keeping the nesting; the input is not modified. */
export function mapPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  const c = geometry.coordinates as unknown;
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[geometry.type];
  const walk = (value: unknown, d: number): unknown =>
    d === 0 ? fn(value as Position) : (value as unknown[]).map((v) => walk(v, d - 1));
  return { ...geometry, coordinates: walk(c, depth) } as G;
}

// ---------------------------------------------------------------- winding

/** Counter-clockwise by the sign of the shoelace area on lon/lat (x east, y north). */
export function isCounterClockwise(ring: readonly Position[]): boolean {
  return signedArea(ring) > 0;
}

/**
 * Exterior rings counter-clockwise, holes clockwise, by Turf (on a copy). Points and lines pass
 * through untouched, as Turf would reverse a line it finds "clockwise"; and only the coordinates are
 * taken from Turf's copy, which drops members other than type and bbox.
 */
export function rewind<G extends Geometry>(geometry: G): G {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return geometry;
  return { ...geometry, coordinates: (turfRewind(geometry) as G).coordinates };
}

// ---------------------------------------------------------------- describing values

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value); // NaN and Infinity read as themselves
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : String(value);
}


// ---------------------------------------------------------------- structure


function positionProblems(value: unknown, where: Where, type: string): string[] {
  if (!Array.isArray(value)) return [`${where} should be a position [lon, lat] but is ${describe(value)}`];
  if (value.some(Array.isArray))
    return [`${where} should be a position [lon, lat] but is an array of arrays — check the nesting for a ${type}`];
  if (value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return [`${where} is not 2–3 finite numbers: ${describe(value)}`];
  const [lon, lat] = value as number[];
  const problems: string[] = [];
  if (lon < -180 || lon > 180) problems.push(`${where}: longitude ${lon} is outside −180..180`);
  if (lat < -90 || lat > 90) problems.push(`${where}: latitude ${lat} is outside −90..90`);
  return problems;
}

function listProblems(value: unknown, where: Where, what: string, type: string): string[] {
  if (Array.isArray(value)) return [];
  const subject = where || `the coordinates of a ${type}`;
  return [`${subject} should be an array of ${what} but is ${describe(value)} — check the nesting for a ${type}`];
}

function positionsProblems(value: unknown, where: Where, what: string, type: string): string[] {
  const problems = listProblems(value, where, what, type);
  if (problems.length) return problems;
  const list = value as unknown[];
  if (list.length > 0 && list.every((v) => typeof v === 'number'))
    return [`${where || `the coordinates of a ${type}`} should be an array of ${what} but is a single position ${describe(value)} — check the nesting for a ${type}`];
  return list.flatMap((p, i) => positionProblems(p, within(`position ${i}`, where), type));
}

function lineProblems(value: unknown, where: Where, type: string): string[] {
  const problems = positionsProblems(value, where, 'positions', type);
  if (problems.length) return problems;
  const line = value as Position[];
  const subject = where || 'the line';
  if (line.length < 2) return [`${subject} has ${line.length} position${line.length === 1 ? '' : 's'}; a line needs at least 2`];
  if (distinctIndices(line).length < 2) return [`${subject} has no length (all its positions are the same)`];
  return [];
}

function polygonProblems(value: unknown, where: Where, type: string): string[] {
  const problems = listProblems(value, where, 'rings', type);
  if (problems.length) return problems;
  const rings = value as unknown[];
  if (rings.length === 0) return [`${where || 'the polygon'} has no rings; it needs an exterior ring`];
  const ringProblems = rings.flatMap((ring, i) => {
    const at = within(`ring ${i}`, where);
    const structural = positionsProblems(ring, at, 'positions', type);
    return structural.length ? structural : closedRingProblems(ring as Ring, at);
  });
  return ringProblems.length ? ringProblems : topologyProblems(rings as Ring[], where);
}

function closedRingProblems(ring: Ring, where: Where): string[] {
  if (ring.length < 4) return [`${where} has ${ring.length} positions; a ring needs at least 4 (three corners and the first again)`];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1])
    return [`${where} is not closed (first position ${describe(first.slice(0, 2))} ≠ last ${describe(last.slice(0, 2))})`];
  if (distinctIndices(ring).length < 4) return [`${where} encloses no area (fewer than 3 distinct positions)`];
  return [];
}

export function geometryProblems(geometry: unknown): string[] {
  if (geometry === null || geometry === undefined) return ['geometry is missing'];
  if (typeof geometry !== 'object' || Array.isArray(geometry))
    return [`geometry should be an object with "type" and "coordinates" but is ${describe(geometry)}`];
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const expected = `expected one of ${TYPES.join(', ')}`;
  if (type === undefined) return [`geometry has no type (${expected})`];
  if (type === 'GeometryCollection') return ['GeometryCollection is not supported; use a Multi* geometry instead'];
  if (!TYPES.includes(type as GeometryType)) return [`unknown geometry type ${describe(type)} (${expected})`];
  if (coordinates === undefined) return [`the ${type} has no coordinates`];
  const t = type as GeometryType;
  // Empty geometries are legal GeoJSON but say nothing; a feature without a place has null.
  if (Array.isArray(coordinates) && coordinates.length === 0 && t.startsWith('Multi'))
    return [`the ${t} is empty; use a null geometry for a feature without a place`];
  switch (t) {
    case 'Point':
      return positionProblems(coordinates, 'the point', t);
    case 'MultiPoint':
      return positionsProblems(coordinates, '', 'positions', t);
    case 'LineString':
      return lineProblems(coordinates, '', t);
    case 'MultiLineString':
      return partsProblems(coordinates, 'line', t, lineProblems);
    case 'Polygon':
      return polygonProblems(coordinates, '', t);
    case 'MultiPolygon':
      return partsProblems(coordinates, 'polygon', t, polygonProblems);
  }
}

function partsProblems(value: unknown, part: string, type: string, check: (v: unknown, where: Where, type: string) => string[]) {
  const problems = listProblems(value, '', `${part}s`, type);
  return problems.length ? problems : (value as unknown[]).flatMap((v, i) => check(v, `${part} ${i}`, type));
}

// ---------------------------------------------------------------- features

export class InvalidGeometryError extends Error {
  readonly featureId: string;
  readonly problems: string[];

  constructor(featureId: string, problems: string[]) {
    super(`feature ${featureId}: ${problems.join('; ')}`);
    this.name = 'InvalidGeometryError';
    this.featureId = featureId;
    this.problems = problems;
  }
}

/** Every invalid feature of a collection at once, so one import run shows all there is to fix. */
export class InvalidFeatureCollectionError extends Error {
  readonly errors: InvalidGeometryError[];
  readonly featureIds: string[];
  readonly problems: string[];

  constructor(errors: InvalidGeometryError[]) {
    const lines = errors.flatMap((e) => e.problems.map((p) => `feature ${e.featureId}: ${p}`));
    const count = `${errors.length} feature${errors.length === 1 ? ' has' : 's have'} invalid geometry`;
    super(`${count}:\n${lines.map((l) => `- ${l}`).join('\n')}`);
    this.name = 'InvalidFeatureCollectionError';
    this.errors = errors;
    this.featureIds = errors.map((e) => e.featureId);
    this.problems = lines;
  }
}

export function normaliseGeometry(geometry: unknown, featureId: string): Geometry {
  const problems = geometryProblems(geometry);
  if (problems.length) throw new InvalidGeometryError(featureId, problems);
  const rounded = roundGeometry(geometry as Geometry);
  const afterRounding = geometryProblems(rounded);
  if (afterRounding.length)
    throw new InvalidGeometryError(featureId, afterRounding.map((p) => `after rounding to 6 decimals, ${p}`));
  return rewind(rounded);
}

export interface FeatureInput {
  id?: string | number;
  geometry?: unknown;
}

export type NormalisedFeature<F> = Omit<F, 'geometry'> & { geometry: Geometry | null };

export type NormalisedCollection<C extends { features: FeatureInput[] }> = Omit<C, 'features'> & {
  features: NormalisedFeature<C['features'][number]>[];
};

export function normaliseFeatureCollection<C extends { features: FeatureInput[] }>(fc: C): NormalisedCollection<C> {
  const errors: InvalidGeometryError[] = [];
  const features = fc.features.map((feature, i) => {
    const id = feature.id === undefined ? `#${i}` : String(feature.id);
    try {
      if (!('geometry' in feature)) throw new InvalidGeometryError(id, ['the feature has no geometry member (use null for a feature without a place)']);
      const geometry = feature.geometry === null ? null : normaliseGeometry(feature.geometry, id);
      return { ...feature, geometry };
    } catch (error) {
      if (!(error instanceof InvalidGeometryError)) throw error;
      errors.push(error);
      return { ...feature, geometry: null };
    }
  });
  if (errors.length) throw new InvalidFeatureCollectionError(errors);
  return { ...fc, features } as NormalisedCollection<C>;
}
