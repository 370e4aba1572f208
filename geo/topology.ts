// Ring topology for geometry validation: rings that cross or touch themselves, rings of a polygon
// that meet each other, and holes outside their shell. Turf finds the meeting points (its sweep,
// `lineIntersect`, within a ring and between rings); this module words them so that a data editor
// can act, which takes what Turf does not say: which segments meet, and whether they cross or touch.
import { booleanPointInPolygon, featureCollection, lineIntersect, lineString, polygon } from '@turf/turf';
import type { LineString } from 'geojson';
import type { Position } from './geojson.ts';

type XY = [number, number];
export type Ring = Position[];
/** A location such as "ring 0 of polygon 1"; the empty string means "the geometry itself". */
export type Where = string;
export const within = (part: string, where: Where): Where => (where ? `${part} of ${where}` : part);

/**
 * Shoelace area in square degrees, positive for counter-clockwise rings (x east, y north); taken
 * relative to the first position, otherwise a parcel-sized ring at 25°E 42°N loses its area to
 * cancellation between products of ~10³.
 */
export function signedArea(ring: readonly Position[]): number {
  if (ring.length === 0) return 0;
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  return sum / 2;
}

/**
 * Indices of the positions that differ from the one before. Repeats are legal but make zero-length
 * segments that would read as the ring touching itself.
 */
export function distinctIndices(positions: readonly Position[]): number[] {
  return positions.flatMap((p, i) => (i > 0 && p[0] === positions[i - 1][0] && p[1] === positions[i - 1][1] ? [] : [i]));
}

// Beyond this many self-intersections in one ring, more messages only bury the first ones.
const MAX_SELF_INTERSECTIONS = 3;

/**
 * Computed points (intersections) get 7 decimals; more would be noise. Points are also compared as
 * they read here: Turf returns a vertex where rings touch a few ulps (~1e-14°) off, and 7 decimals
 * (~1 cm) are still finer than the 6 that positions are rounded to.
 */
function describePoint(p: readonly number[]): string {
  return `[${[p[0], p[1]].map((n) => Number(n.toFixed(7))).join(', ')}]`;
}

type Found = ReturnType<typeof lineIntersect>;
/** Turf's points, one per point as the messages print it (several segment pairs meet at a vertex). */
const meetingPoints = (found: Found) => new Map(found.features.map((f) => [describePoint(f.geometry.coordinates), f.geometry.coordinates as XY]));

export function topologyProblems(rings: Ring[], where: Where): string[] {
  const problems = [...rings.flatMap((ring, r) => selfProblems(ring, within(`ring ${r}`, where))), ...ringsMeeting(rings, where)];
  return problems.length ? problems : holesOutside(rings, where);
}

function selfProblems(ring: Ring, name: string): string[] {
  const kept = distinctIndices(ring);
  const points = kept.map((i): XY => [ring[i][0], ring[i][1]]);
  const spikes = spikeTips(points).map((i) => `${name} turns back on itself at position ${kept[i]} ${describePoint(points[i])} (a spike)`);
  const meetings = [...selfMeetings(points)];
  const found = spikes.length + meetings.length;
  const shown = meetings.slice(0, Math.max(0, MAX_SELF_INTERSECTIONS - spikes.length)).map(([at, p]) => {
    const [s, t] = segmentsMeetingAt(points, p);
    const touch = [s, s + 1, t, t + 1].some((i) => describePoint(points[i]) === at);
    return `${name} ${touch ? 'touches' : 'crosses'} itself at ${at} (segment ${kept[s]}–${kept[s + 1]} meets segment ${kept[t]}–${kept[t + 1]})`;
  });
  const problems = [...spikes.slice(0, MAX_SELF_INTERSECTIONS), ...shown];
  if (found > MAX_SELF_INTERSECTIONS) problems.push(`${name} has ${found - MAX_SELF_INTERSECTIONS} more self-intersections`);
  if (found === 0 && signedArea(ring) === 0) problems.push(`${name} encloses no area`);
  return problems;
}

/**
 * Where a ring crosses or touches itself, by Turf's sweep. (Turf's kinks would do, but it compares
 * every pair of segments: 3 s for a 20 000-vertex ring, where the sweep takes 40 ms.) The sweep skips segments
 * of one ring that share a vertex, so a ring that passes twice through one vertex is found here, by
 * the repeated position.
 */
function selfMeetings(points: XY[]): Map<string, XY> {
  const meetings = meetingPoints(lineIntersect(lineString(points), featureCollection<LineString>([]), { ignoreSelfIntersections: false }));
  const seen = new Set<string>();
  for (const p of points.slice(0, -1)) {
    const key = `${p[0]},${p[1]}`;
    if (seen.has(key)) meetings.set(describePoint(p), p);
    seen.add(key);
  }
  return meetings;
}

/**
 * Vertices where the ring doubles back along the segment it came by. Turf never reports segments
 * that meet end to end, nor those that run along each other, so this one case is ours to find.
 */
function spikeTips(points: XY[]): number[] {
  const n = points.length - 1; // the last point repeats the first
  return points.slice(0, n).flatMap(([x, y], i) => {
    const [px, py] = points[i === 0 ? n - 1 : i - 1];
    const [nx, ny] = points[i + 1];
    const collinear = (x - px) * (ny - y) - (y - py) * (nx - x) === 0;
    return collinear && (x - px) * (nx - x) + (y - py) * (ny - y) < 0 ? [i] : [];
  });
}

/**
 * The two segments that meet at `p`, for the message: Turf says where, not which. The nearest
 * segment, and the nearest one that is not its neighbour; indices into `points`, in order.
 */
function segmentsMeetingAt(points: XY[], p: XY): [number, number] {
  const n = points.length - 1;
  const byDistance = Array.from({ length: n }, (_, i) => i)
    .map((i) => [distanceToSegment(p, points[i], points[i + 1]), i])
    .sort((a, b) => a[0] - b[0])
    .map(([, i]) => i);
  const s = byDistance[0];
  const neighbours = (i: number) => i === s || Math.abs(i - s) === 1 || Math.abs(i - s) === n - 1;
  const t = byDistance.find((i) => !neighbours(i))!; // neighbours meet only at their shared vertex
  return s < t ? [s, t] : [t, s];
}

function distanceToSegment(p: XY, a: XY, b: XY): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Rings of a polygon may share one point (a hole touching its shell) but no more: a second shared
 * point means they cross, run along each other or cut the interior in two — the rule Turf's
 * booleanValid applies between shell and holes. lineIntersect skips collinear overlaps but reports where they
 * begin and end; a meeting point that is a vertex of neither ring is a crossing.
 */
function ringsMeeting(rings: Ring[], where: Where): string[] {
  const problems: string[] = [];
  const vertices = rings.map((ring) => new Set(ring.map(describePoint)));
  for (let j = 1; j < rings.length; j++)
    for (let i = 0; i < j; i++) {
      const shared = [...meetingPoints(lineIntersect(lineString(rings[i]), lineString(rings[j]))).keys()];
      if (shared.length < 2) continue;
      const crossing = shared.find((at) => !vertices[i].has(at) && !vertices[j].has(at));
      const ring = within(`ring ${j}`, where);
      problems.push(
        crossing
          ? `${ring} crosses ring ${i} at ${crossing}; rings of a polygon may touch at a point but not cross`
          : `${ring} meets ring ${i} at ${shared[0]} and again at ${shared[1]}; rings of a polygon may touch at one point only`,
      );
    }
  return problems;
}

/** A hole may touch its shell, so it is judged by its first vertex off the shell's boundary. */
function holesOutside(rings: Ring[], where: Where): string[] {
  const [shell, ...holes] = rings;
  const exterior = polygon([shell]);
  return holes.flatMap((hole, h) => {
    const inside = (p: Position, ignoreBoundary: boolean) => booleanPointInPolygon(p, exterior, { ignoreBoundary });
    const off = hole.find((p) => inside(p, false) === inside(p, true));
    return off && !inside(off, false) ? [`${within(`ring ${h + 1}`, where)} (a hole) lies outside ring 0, the exterior ring`] : [];
  });
}
