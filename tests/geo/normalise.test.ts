import { describe, it, expect } from 'vitest';
import type { Geometry, Position } from '../../geo/geojson.ts';
import {
  type FeatureInput,
  geometryProblems,
  InvalidFeatureCollectionError,
  InvalidGeometryError,
  isCounterClockwise,
  normaliseFeatureCollection,
  normaliseGeometry,
  rewind,
  roundGeometry,
  roundPosition,
} from '../../geo/normalise.ts';

const square = (x: number, y: number, size: number, counterClockwise = true): Position[] => {
  const ring: Position[] = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
  return counterClockwise ? ring : [...ring].reverse();
};
const polygon = (...rings: Position[][]): Geometry => ({ type: 'Polygon', coordinates: rings });

/** The thrown error, so its fields can be inspected. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('roundPosition / roundGeometry', () => {
  it('rounds every coordinate to 6 decimals', () => {
    expect(roundPosition([25.1234564, 42.6543217])).toEqual([25.123456, 42.654322]);
    expect(roundPosition([-25.1234567, -42.0000004])).toEqual([-25.123457, -42]);
  });

  it('never produces -0', () => {
    const [lon, lat] = roundPosition([-0.0000001, -0.0000004]);
    expect(Object.is(lon, 0)).toBe(true);
    expect(Object.is(lat, 0)).toBe(true);
  });

  it('drops a third value to keep positions 2D', () => {
    expect(roundPosition([25.5, 42.5, 380.25])).toEqual([25.5, 42.5]);
  });

  it('honours other precisions', () => {
    expect(roundPosition([25.123456, 42.987654], 2)).toEqual([25.12, 42.99]);
  });

  it('keeps the nesting of every type and leaves the input alone', () => {
    const input: Geometry = {
      type: 'MultiPolygon',
      coordinates: [[[[0.12345678, 0], [1, 0, 5], [1, 1], [0.12345678, 0]]], [[[2, 2], [3, 2], [3, 3.000000049], [2, 2]]]],
    };
    const copy = structuredClone(input);
    expect(roundGeometry(input)).toEqual({
      type: 'MultiPolygon',
      coordinates: [[[[0.123457, 0], [1, 0], [1, 1], [0.123457, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]],
    });
    expect(input).toEqual(copy);
    expect(roundGeometry({ type: 'Point', coordinates: [25.00000049, 42.1, 7] })).toEqual({ type: 'Point', coordinates: [25, 42.1] });
    expect(roundGeometry({ type: 'MultiLineString', coordinates: [[[0.0000001, 1], [2, 3.3333333]]] })).toEqual({
      type: 'MultiLineString',
      coordinates: [[[0, 1], [2, 3.333333]]],
    });
  });
});

describe('isCounterClockwise', () => {
  it('tells the winding by the shoelace formula on lon/lat', () => {
    expect(isCounterClockwise(square(0, 0, 1))).toBe(true);
    expect(isCounterClockwise(square(0, 0, 1, false))).toBe(false);
    expect(isCounterClockwise(square(25.3, 42.6, 0.01))).toBe(true);
  });
});

describe('rewind', () => {
  it('turns a clockwise exterior ring counter-clockwise', () => {
    const rewound = rewind(polygon(square(0, 0, 10, false)));
    expect(rewound.coordinates).toEqual([square(0, 0, 10)]);
  });

  it('turns a counter-clockwise hole clockwise and leaves a correct shell alone', () => {
    const rewound = rewind(polygon(square(0, 0, 10), square(2, 2, 2, true)));
    expect(rewound.coordinates).toEqual([square(0, 0, 10), square(2, 2, 2, false)]);
  });

  it('fixes both directions at once', () => {
    const rewound = rewind(polygon(square(0, 0, 10, false), square(2, 2, 2, true))) as { coordinates: Position[][] };
    expect(isCounterClockwise(rewound.coordinates[0])).toBe(true);
    expect(isCounterClockwise(rewound.coordinates[1])).toBe(false);
  });

  it('leaves a correctly wound polygon as it was', () => {
    const g = polygon(square(0, 0, 10), square(2, 2, 2, false));
    expect(rewind(g)).toEqual(g);
  });

  it('rewinds every polygon of a MultiPolygon', () => {
    const g: Geometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 10, false), square(1, 1, 1, true)], [square(20, 0, 5, true)]],
    };
    const rewound = rewind(g) as { coordinates: Position[][][] };
    expect(rewound.coordinates.map((p) => p.map(isCounterClockwise))).toEqual([[true, false], [true]]);
  });

  it('does not touch points and lines, nor mutate its input', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[1, 0], [0, 0]] };
    expect(rewind(line)).toBe(line);
    const g = polygon(square(0, 0, 1, false));
    const copy = structuredClone(g);
    rewind(g);
    expect(g).toEqual(copy);
  });
});

describe('geometryProblems: structure', () => {
  it('finds nothing wrong with valid geometries of every type', () => {
    const valid: Geometry[] = [
      { type: 'Point', coordinates: [25.39, 42.62] },
      { type: 'Point', coordinates: [25.39, 42.62, 350] },
      { type: 'MultiPoint', coordinates: [[25.39, 42.62], [25.4, 42.63]] },
      { type: 'LineString', coordinates: [[25.39, 42.62], [25.4, 42.63]] },
      { type: 'MultiLineString', coordinates: [[[25.39, 42.62], [25.4, 42.63]], [[25, 42], [26, 43]]] },
      polygon(square(25, 42, 1), square(25.2, 42.2, 0.2, false)),
      { type: 'MultiPolygon', coordinates: [[square(25, 42, 1)], [square(27, 42, 1)]] },
      { type: 'Point', coordinates: [-180, -90] },
      { type: 'Point', coordinates: [180, 90] },
    ];
    for (const g of valid) expect(geometryProblems(g), JSON.stringify(g)).toEqual([]);
  });

  it('says when the geometry is missing or not an object', () => {
    expect(geometryProblems(null)).toEqual(['geometry is missing']);
    expect(geometryProblems(undefined)).toEqual(['geometry is missing']);
    expect(geometryProblems('POINT(25 42)')[0]).toMatch(/should be an object .* but is "POINT\(25 42\)"/);
    expect(geometryProblems([25, 42])[0]).toMatch(/should be an object/);
  });

  it('says when the type is missing or unknown', () => {
    expect(geometryProblems({ coordinates: [25, 42] })[0]).toMatch(/has no type \(expected one of Point, MultiPoint, LineString/);
    expect(geometryProblems({ type: 'Circle', coordinates: [25, 42] })[0]).toMatch(/unknown geometry type "Circle"/);
    expect(geometryProblems({ type: 'point', coordinates: [25, 42] })[0]).toMatch(/unknown geometry type "point"/);
    expect(geometryProblems({ type: 'GeometryCollection', geometries: [] })[0]).toMatch(/GeometryCollection is not supported/);
  });

  it('says when coordinates are missing', () => {
    expect(geometryProblems({ type: 'Polygon' })).toEqual(['the Polygon has no coordinates']);
  });

  it('names wrong nesting', () => {
    expect(geometryProblems({ type: 'Point', coordinates: [[25, 42]] })).toEqual([
      'the point should be a position [lon, lat] but is an array of arrays — check the nesting for a Point',
    ]);
    expect(geometryProblems({ type: 'LineString', coordinates: [25, 42] })).toEqual([
      'the coordinates of a LineString should be an array of positions but is a single position [25, 42] — check the nesting for a LineString',
    ]);
    // A Polygon given one level too shallow: its "rings" are positions.
    expect(geometryProblems({ type: 'Polygon', coordinates: square(0, 0, 1) })[0]).toBe(
      'ring 0 should be an array of positions but is a single position [0, 0] — check the nesting for a Polygon',
    );
    expect(geometryProblems({ type: 'MultiPolygon', coordinates: [square(0, 0, 1)] })[0]).toMatch(
      /^ring 0 of polygon 0 should be an array of positions but is a single position \[0, 0\] — check the nesting for a MultiPolygon/,
    );
    expect(geometryProblems({ type: 'MultiLineString', coordinates: 'x' })[0]).toMatch(/should be an array of lines but is "x"/);
    expect(geometryProblems({ type: 'LineString', coordinates: [[[0, 0], [1, 1]], [[1, 1], [2, 2]]] })[0]).toMatch(
      /^position 0 should be a position \[lon, lat\] but is an array of arrays — check the nesting for a LineString/,
    );
  });

  it('rejects positions that are not 2–3 finite numbers', () => {
    expect(geometryProblems({ type: 'Point', coordinates: [NaN, 42] })).toEqual(['the point is not 2–3 finite numbers: [NaN, 42]']);
    expect(geometryProblems({ type: 'Point', coordinates: [25, Infinity] })).toEqual([
      'the point is not 2–3 finite numbers: [25, Infinity]',
    ]);
    expect(geometryProblems({ type: 'Point', coordinates: ['25.3', '42.6'] })).toEqual([
      'the point is not 2–3 finite numbers: ["25.3", "42.6"]',
    ]);
    expect(geometryProblems({ type: 'Point', coordinates: [25] })).toEqual(['the point is not 2–3 finite numbers: [25]']);
    expect(geometryProblems({ type: 'Point', coordinates: [25, 42, 1, 2] })[0]).toMatch(/not 2–3 finite numbers/);
    expect(geometryProblems({ type: 'MultiPoint', coordinates: [[25, 42], [25, null]] })).toEqual([
      'position 1 is not 2–3 finite numbers: [25, null]',
    ]);
  });

  it('checks longitude and latitude ranges and says where', () => {
    const ring: Position[] = [[25, 42], [26, 42], [26, 43], [25, 95], [25, 42]];
    expect(geometryProblems(polygon(ring))).toEqual(['position 3 of ring 0: latitude 95 is outside −90..90']);
    expect(geometryProblems({ type: 'Point', coordinates: [181, 42] })).toEqual(['the point: longitude 181 is outside −180..180']);
    // Swapped axes, the usual mistake, fail on latitude.
    expect(geometryProblems({ type: 'LineString', coordinates: [[42.6, 25.4], [42.7, 125.4]] })).toEqual([
      'position 1: latitude 125.4 is outside −90..90',
    ]);
  });

  it('reports every problem, not only the first', () => {
    const g = { type: 'MultiPoint', coordinates: [[200, 42], [25, -91], [25, 42]] };
    expect(geometryProblems(g)).toEqual([
      'position 0: longitude 200 is outside −180..180',
      'position 1: latitude -91 is outside −90..90',
    ]);
  });

  it('needs at least two positions, and some length, in a line', () => {
    expect(geometryProblems({ type: 'LineString', coordinates: [[25, 42]] })).toEqual([
      'the line has 1 position; a line needs at least 2',
    ]);
    expect(geometryProblems({ type: 'MultiLineString', coordinates: [[[25, 42], [26, 42]], []] })).toEqual([
      'line 1 has 0 positions; a line needs at least 2',
    ]);
    expect(geometryProblems({ type: 'LineString', coordinates: [[25, 42], [25, 42]] })).toEqual([
      'the line has no length (all its positions are the same)',
    ]);
  });

  it('rejects empty geometries and polygons without rings', () => {
    expect(geometryProblems({ type: 'MultiPoint', coordinates: [] })[0]).toMatch(/the MultiPoint is empty; use a null geometry/);
    expect(geometryProblems({ type: 'Polygon', coordinates: [] })).toEqual(['the polygon has no rings; it needs an exterior ring']);
    expect(geometryProblems({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], []] })).toEqual([
      'polygon 1 has no rings; it needs an exterior ring',
    ]);
  });
});

describe('geometryProblems: rings', () => {
  it('needs four positions in a ring', () => {
    expect(geometryProblems(polygon([[0, 0], [1, 0], [0, 0]]))).toEqual([
      'ring 0 has 3 positions; a ring needs at least 4 (three corners and the first again)',
    ]);
  });

  it('says which ring of which polygon is not closed, with both ends', () => {
    const open: Position[] = [[25.1, 42.6], [25.3, 42.6], [25.3, 42.8], [25.2, 42.6]];
    const g = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [open]] };
    expect(geometryProblems(g)).toEqual([
      'ring 0 of polygon 1 is not closed (first position [25.1, 42.6] ≠ last [25.2, 42.6])',
    ]);
  });

  it('finds a ring that encloses no area', () => {
    expect(geometryProblems(polygon([[0, 0], [1, 1], [1, 1], [0, 0]]))).toEqual([
      'ring 0 encloses no area (fewer than 3 distinct positions)',
    ]);
    const flat = geometryProblems(polygon([[0, 0], [1, 0], [2, 0], [0, 0]]));
    expect(flat.length).toBeGreaterThan(0);
    expect(flat[0]).toMatch(/^ring 0 turns back on itself/);
  });

  it('finds a ring that crosses itself (a bow tie) and says where', () => {
    const bowTie: Position[] = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
    expect(geometryProblems(polygon(bowTie))).toEqual([
      'ring 0 crosses itself at [0.5, 0.5] (segment 0–1 meets segment 2–3)',
    ]);
  });

  it('finds self-intersections in any ring of any polygon', () => {
    const bowTie: Position[] = [[25, 42], [25.1, 42.1], [25.1, 42], [25, 42.1], [25, 42]];
    const g = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(24, 41, 3), bowTie.reverse()]] };
    const problems = geometryProblems(g);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ring 1 of polygon 1 crosses itself at \[25\.05, 42\.05\]/);
  });

  it('finds a ring that touches itself at a vertex', () => {
    // Two squares joined at one corner, drawn as a single ring.
    const ring: Position[] = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]];
    const problems = geometryProblems(polygon(ring));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ring 0 touches itself at \[1, 1\]/);
  });

  it('finds a spike that doubles back along itself', () => {
    const ring: Position[] = [[0, 0], [2, 0], [2, 1], [3, 1], [2, 1], [2, 2], [0, 2], [0, 0]];
    expect(geometryProblems(polygon(ring))).toContain('ring 0 turns back on itself at position 3 [3, 1] (a spike)');
  });

  it('tolerates repeated consecutive positions', () => {
    const ring: Position[] = [[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    expect(geometryProblems(polygon(ring))).toEqual([]);
  });

  it('finds many crossings in a zig-zag ring without flooding the message list', () => {
    const ring: Position[] = [[0, 0]];
    for (let i = 1; i <= 10; i++) ring.push([i, i % 2 === 0 ? 0 : 2]);
    ring.push([10, 3], [0, 3], [0, 1.5], [10, 1], [0, 0]);
    const problems = geometryProblems(polygon(ring));
    expect(problems.filter((p) => p.includes('crosses itself'))).toHaveLength(3);
    expect(problems.at(-1)).toMatch(/^ring 0 has \d+ more self-intersections$/);
  });

  it('finds rings of a polygon crossing each other', () => {
    const hole: Position[] = [[8, 2], [8, 4], [12, 4], [12, 2], [8, 2]];
    const problems = geometryProblems(polygon(square(0, 0, 10), hole));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ring 1 crosses ring 0 at \[10, [24]\]; rings of a polygon may touch at a point but not cross$/);
  });

  it('finds rings of a polygon that meet at more than one point, without crossing', () => {
    // Sharing an edge, or touching twice (which cuts off a piece of the interior), is invalid for
    // OGC Simple Features and Turf's booleanValid alike, though neither ring crosses the other.
    const sharesAnEdge: Position[] = [[0, 2], [3, 2], [3, 4], [0, 4], [0, 2]];
    expect(geometryProblems(polygon(square(0, 0, 10), sharesAnEdge))).toEqual([
      'ring 1 meets ring 0 at [0, 2] and again at [0, 4]; rings of a polygon may touch at one point only',
    ]);
    const touchesTwice: Position[] = [[0, 2], [3, 5], [0, 8], [1, 5], [0, 2]];
    expect(geometryProblems(polygon(square(0, 0, 10), touchesTwice))).toHaveLength(1);
    const throughTwoVertices: Position[] = [[5, 4], [10, 3], [12, 4], [10, 6], [5, 4]];
    expect(geometryProblems(polygon(square(0, 0, 10), throughTwoVertices))[0]).toMatch(/^ring 1 meets ring 0 at /);
  });

  it('lets a hole touch its shell at a single point', () => {
    const hole: Position[] = [[0, 5], [3, 7], [3, 3], [0, 5]];
    expect(geometryProblems(polygon(square(0, 0, 10), hole))).toEqual([]);
  });

  it('finds a hole outside its shell', () => {
    expect(geometryProblems(polygon(square(0, 0, 10), square(20, 20, 2, false)))).toEqual([
      'ring 1 (a hole) lies outside ring 0, the exterior ring',
    ]);
    const g = { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(2, 2, 1, false)], [square(20, 0, 5), square(40, 0, 1, false)]] };
    expect(geometryProblems(g)).toEqual(['ring 1 of polygon 1 (a hole) lies outside ring 0, the exterior ring']);
  });
});

describe('normaliseGeometry', () => {
  it('rounds, drops heights and rewinds a valid geometry', () => {
    const g = polygon(
      [[25.00000001, 42], [25, 43, 500], [26, 43], [26, 42], [25.00000001, 42]],
      [[25.2, 42.2], [25.4, 42.2], [25.4, 42.4], [25.2, 42.4], [25.2, 42.2]],
    );
    expect(normaliseGeometry(g, 'KZN-001')).toEqual(
      polygon([[25, 42], [26, 42], [26, 43], [25, 43], [25, 42]], [[25.2, 42.2], [25.2, 42.4], [25.4, 42.4], [25.4, 42.2], [25.2, 42.2]]),
    );
  });

  it('returns points and lines rounded', () => {
    expect(normaliseGeometry({ type: 'Point', coordinates: [25.391912345, 42.619412345] }, 'KZN-001')).toEqual({
      type: 'Point',
      coordinates: [25.391912, 42.619412],
    });
  });

  it('throws an InvalidGeometryError naming the feature and the problem', () => {
    const open: Position[] = [[25.1, 42.6], [25.3, 42.6], [25.3, 42.8], [25.2, 42.6]];
    const error = caught(() => normaliseGeometry(polygon(open), 'KZN-007'));
    expect(error).toBeInstanceOf(InvalidGeometryError);
    expect(error).toBeInstanceOf(Error);
    const e = error as InvalidGeometryError;
    expect(e.message).toBe('feature KZN-007: ring 0 is not closed (first position [25.1, 42.6] ≠ last [25.2, 42.6])');
    expect(e.featureId).toBe('KZN-007');
    expect(e.problems).toEqual(['ring 0 is not closed (first position [25.1, 42.6] ≠ last [25.2, 42.6])']);
    expect(e.name).toBe('InvalidGeometryError');
  });

  it('lists every problem of the feature in the message', () => {
    const e = caught(() => normaliseGeometry({ type: 'MultiPoint', coordinates: [[25, 95], [190, 42]] }, 'KZN-008')) as InvalidGeometryError;
    expect(e.problems).toHaveLength(2);
    expect(e.message).toBe(
      'feature KZN-008: position 0: latitude 95 is outside −90..90; position 1: longitude 190 is outside −180..180',
    );
  });

  it('rejects anything that is not a geometry', () => {
    expect(() => normaliseGeometry({ type: 'Feature', geometry: null }, 'KZN-009')).toThrow(/feature KZN-009: unknown geometry type "Feature"/);
    expect(() => normaliseGeometry(null, 'KZN-009')).toThrow('feature KZN-009: geometry is missing');
  });

  it('refuses a ring that rounding would collapse, and says so', () => {
    const tiny: Position[] = [[25, 42], [25.0000001, 42], [25.0000001, 42.0000001], [25, 42]];
    expect(geometryProblems(polygon(tiny))).toEqual([]);
    expect(() => normaliseGeometry(polygon(tiny), 'KZN-010')).toThrow(
      'feature KZN-010: after rounding to 6 decimals, ring 0 encloses no area (fewer than 3 distinct positions)',
    );
  });

  it('refuses a line that rounding would shrink to a point', () => {
    const line = { type: 'LineString', coordinates: [[25, 42], [25.0000002, 42.0000001]] };
    expect(() => normaliseGeometry(line, 'KZN-011')).toThrow(/after rounding to 6 decimals, the line has no length/);
  });
});

describe('normaliseFeatureCollection', () => {
  const feature = (id: string | undefined, geometry: unknown) => ({
    type: 'Feature' as const,
    ...(id === undefined ? {} : { id }),
    geometry,
    properties: { id, title: `item ${id}` },
  });

  it('normalises every geometry and keeps ids, properties, nulls and other members', () => {
    const fc = {
      type: 'FeatureCollection' as const,
      name: 'interventions',
      features: [
        feature('KZN-001', { type: 'Point', coordinates: [25.391912345, 42.6194, 300] }),
        feature('KZN-002', null),
        feature('KZN-003', polygon(square(25, 42, 0.1, false))),
      ],
    };
    const out = normaliseFeatureCollection(fc);
    expect(out.name).toBe('interventions');
    expect(out.features.map((f) => f.id)).toEqual(['KZN-001', 'KZN-002', 'KZN-003']);
    expect(out.features[0].geometry).toEqual({ type: 'Point', coordinates: [25.391912, 42.6194] });
    expect(out.features[1].geometry).toBeNull();
    expect(out.features[2].geometry).toEqual(polygon(square(25, 42, 0.1)));
    expect(out.features[2].properties).toEqual({ id: 'KZN-003', title: 'item KZN-003' });
  });

  it('collects the problems of every feature into one error', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature('KZN-001', { type: 'Point', coordinates: [25.39, 42.62] }),
        feature('KZN-002', { type: 'Point', coordinates: [25.39, 142.62] }),
        feature('KZN-003', polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])),
        feature('KZN-004', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0.5]]] }),
      ],
    };
    const error = caught(() => normaliseFeatureCollection(fc));
    expect(error).toBeInstanceOf(InvalidFeatureCollectionError);
    const e = error as InvalidFeatureCollectionError;
    expect(e.featureIds).toEqual(['KZN-002', 'KZN-003', 'KZN-004']);
    expect(e.errors.every((x) => x instanceof InvalidGeometryError)).toBe(true);
    expect(e.problems).toEqual([
      'feature KZN-002: the point: latitude 142.62 is outside −90..90',
      'feature KZN-003: ring 0 crosses itself at [0.5, 0.5] (segment 0–1 meets segment 2–3)',
      'feature KZN-004: ring 0 is not closed (first position [0, 0] ≠ last [0, 0.5])',
    ]);
    expect(e.message).toBe(
      '3 features have invalid geometry:\n' +
        '- feature KZN-002: the point: latitude 142.62 is outside −90..90\n' +
        '- feature KZN-003: ring 0 crosses itself at [0.5, 0.5] (segment 0–1 meets segment 2–3)\n' +
        '- feature KZN-004: ring 0 is not closed (first position [0, 0] ≠ last [0, 0.5])',
    );
    expect(e.message).not.toContain('KZN-001');
  });

  it('names a feature without an id by its position, and requires the geometry member', () => {
    const noGeometry = { type: 'Feature', properties: {} } as FeatureInput;
    const fc = { features: [noGeometry, feature(undefined, { type: 'Point', coordinates: [25, 95] })] };
    const e = caught(() => normaliseFeatureCollection(fc)) as InvalidFeatureCollectionError;
    expect(e.problems).toEqual([
      'feature #0: the feature has no geometry member (use null for a feature without a place)',
      'feature #1: the point: latitude 95 is outside −90..90',
    ]);
    expect(e.message.startsWith('2 features have invalid geometry:')).toBe(true);
  });

  it('uses the singular for one bad feature and does not mutate its input', () => {
    const fc = { features: [feature('KZN-001', polygon(square(0, 0, 1, false))), feature('KZN-005', { type: 'Point' })] };
    const copy = structuredClone(fc);
    expect(() => normaliseFeatureCollection(fc)).toThrow(/^1 feature has invalid geometry:\n- feature KZN-005: the Point has no coordinates$/);
    expect(fc).toEqual(copy);
  });
});
