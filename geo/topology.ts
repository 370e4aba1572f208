// Ring topology for geometry validation: rings that cross themselves or each other, and holes
// outside their shell. Kept apart from normalise.ts because it is the one part with real geometry
// (segment intersection with a sweep over x), and it reads best on its own.
import type { Position } from './geojson.ts';

export type XY = [number, number];
export type Ring = Position[];
/** A location such as "ring 0 of polygon 1"; the empty string means "the geometry itself". */
export type Where = string;
export const within = (part: string, where: Where): Where => (where ? `${part} of ${where}` : part);

/** Shoelace area in square degrees, positive for counter-clockwise rings; taken relative to the first
 * position so that small parcels far from (0, 0) keep their area through floating-point error. */
export function signedArea(ring: readonly Position[]): number {
  if (ring.length === 0) return 0;
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  return sum / 2;
}

// Beyond this many self-intersections in one ring, more messages only bury the first ones.
const MAX_SELF_INTERSECTIONS = 3;

/** Computed points (intersections) get 7 decimals; more would be noise. */
export function describePoint(p: XY): string {
  return `[${p.map((n) => Number(n.toFixed(7))).join(', ')}]`;
}


interface Segment {
  ring: number;
  index: number; // in the ring without repeats
  from: number; // original position indices, for the message
  to: number;
  a: XY;
  b: XY;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

type Meeting = { kind: 'cross' | 'touch' | 'overlap'; at: XY } | null;

const orient = (a: XY, b: XY, c: XY) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

function collinearMeeting(a: XY, b: XY, c: XY, d: XY): Meeting {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = (p: XY) => ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
  const lo = Math.max(0, Math.min(t(c), t(d)));
  const hi = Math.min(1, Math.max(t(c), t(d)));
  if (lo > hi) return null;
  return { kind: lo === hi ? 'touch' : 'overlap', at: [a[0] + lo * dx, a[1] + lo * dy] };
}

const between = (a: XY, b: XY, p: XY) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** How segments ab and cd meet, if at all. */
function segmentMeeting(a: XY, b: XY, c: XY, d: XY): Meeting {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (d1 === 0 && d2 === 0) return collinearMeeting(a, b, c, d);
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const s = d1 / (d1 - d2);
    return { kind: 'cross', at: [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])] };
  }
  for (const [o, p, s, e] of [[d1, a, c, d], [d2, b, c, d], [d3, c, a, b], [d4, d, a, b]] as const)
    if (o === 0 && between(s, e, p)) return { kind: 'touch', at: p };
  return null;
}

function segmentsOf(rings: Ring[]): { segments: Segment[]; counts: number[] } {
  const segments: Segment[] = [];
  const counts = rings.map((ring, r) => {
    const original: number[] = [];
    const points: XY[] = [];
    ring.forEach((p, i) => {
      const prev = points[points.length - 1];
      if (prev && prev[0] === p[0] && prev[1] === p[1]) return;
      points.push([p[0], p[1]]);
      original.push(i);
    });
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      segments.push({
        ring: r, index: i, from: original[i], to: original[i + 1], a, b,
        minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]),
      });
    }
    return points.length - 1;
  });
  return { segments, counts };
}

/** Pairs of segments whose boxes overlap, by a sweep along x — O(n log n + k) rather than O(n²). */
function candidatePairs(segments: Segment[], visit: (s: Segment, t: Segment) => void): void {
  const sorted = [...segments].sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].minX <= s.maxX; j++) {
      const t = sorted[j];
      if (t.minY <= s.maxY && s.minY <= t.maxY) visit(s.index <= t.index ? s : t, s.index <= t.index ? t : s);
    }
  }
}

export function topologyProblems(rings: Ring[], where: Where): string[] {
  const { segments, counts } = segmentsOf(rings);
  const self = new Map<number, string[]>();
  const crossed = new Map<string, string>();
  const seen = new Set<string>();
  // Several segment pairs meet at a shared vertex; one message per ring and point is enough.
  const note = (ring: number, at: string, verb: string, message: string) => {
    const key = `${ring} ${verb} ${at}`;
    if (seen.has(key)) return;
    seen.add(key);
    self.set(ring, [...(self.get(ring) ?? []), message]);
  };
  const ringName = (r: number) => within(`ring ${r}`, where);

  candidatePairs(segments, (s, t) => {
    const meeting = segmentMeeting(s.a, s.b, t.a, t.b);
    if (!meeting) return;
    const at = describePoint(meeting.at);
    if (s.ring !== t.ring) {
      const key = `${Math.min(s.ring, t.ring)}/${Math.max(s.ring, t.ring)}`;
      if (meeting.kind !== 'touch' && !crossed.has(key)) {
        const [i, j] = [Math.min(s.ring, t.ring), Math.max(s.ring, t.ring)];
        crossed.set(key, `${ringName(j)} ${meeting.kind === 'cross' ? 'crosses' : 'overlaps'} ring ${i} at ${at}; rings of a polygon may touch at a point but not cross`);
      }
      return;
    }
    const n = counts[s.ring];
    const adjacent = t.index - s.index === 1 || (s.index === 0 && t.index === n - 1);
    if (adjacent) {
      if (meeting.kind !== 'overlap') return;
      // The tip of the spike is the vertex the two segments share.
      const [tip, index] = t.index === s.index + 1 ? [s.b, s.to] : [s.a, s.from];
      note(s.ring, describePoint(tip), 'spike', `${ringName(s.ring)} turns back on itself at position ${index} ${describePoint(tip)} (a spike)`);
      return;
    }
    const verb = { cross: 'crosses itself', touch: 'touches itself', overlap: 'runs along itself' }[meeting.kind];
    note(s.ring, at, verb, `${ringName(s.ring)} ${verb} at ${at} (segment ${s.from}–${s.to} meets segment ${t.from}–${t.to})`);
  });

  const problems: string[] = [];
  rings.forEach((ring, r) => {
    const found = self.get(r) ?? [];
    problems.push(...found.slice(0, MAX_SELF_INTERSECTIONS));
    if (found.length > MAX_SELF_INTERSECTIONS) problems.push(`${ringName(r)} has ${found.length - MAX_SELF_INTERSECTIONS} more self-intersections`);
    if (found.length === 0 && signedArea(ring) === 0) problems.push(`${ringName(r)} encloses no area`);
  });
  problems.push(...crossed.values());
  if (problems.length === 0) problems.push(...holesOutside(rings, where));
  return problems;
}

/** Ray casting; the boundary counts separately because a hole may touch its shell. */
function ringContains(ring: Ring, p: XY): 'inside' | 'outside' | 'boundary' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a: XY = [ring[i][0], ring[i][1]];
    const b: XY = [ring[j][0], ring[j][1]];
    if (orient(a, b, p) === 0 && between(a, b, p)) return 'boundary';
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

export function holesOutside(rings: Ring[], where: Where): string[] {
  const [shell, ...holes] = rings;
  return holes.flatMap((hole, h) => {
    const sides = hole.map((p) => ringContains(shell, [p[0], p[1]]));
    const side = sides.find((s) => s !== 'boundary') ?? 'boundary';
    return side === 'outside' ? [`${within(`ring ${h + 1}`, where)} (a hole) lies outside ring 0, the exterior ring`] : [];
  });
}

