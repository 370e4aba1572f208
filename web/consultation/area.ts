// The area a citizen draws for a proposal, as the API takes it: the vertices in the order clicked,
// closed by the first one again, the exterior ring counter-clockwise (RFC 7946; the server rewinds
// anyway, but then what is stored is what was sent). Validity (self-intersection, the municipality)
// is the server's to judge: its refusal is shown beside the form, in its words.
import type { ContributionGeometry } from '../../geo/contribution.ts';
import { signedArea } from '../../geo/topology.ts';

type LonLat = [number, number];
type Polygon = Extract<ContributionGeometry, { type: 'Polygon' }>;

/** A ring needs three corners; the server takes at most 500 positions, the closing one included. */
export const AREA_MIN_VERTICES = 3;
export const AREA_MAX_VERTICES = 499;

/** The polygon of `vertices` (already rounded), or null while there are fewer than three. */
export function areaGeometry(vertices: readonly LonLat[]): Polygon | null {
  if (vertices.length < AREA_MIN_VERTICES) return null;
  const open = signedArea([...vertices, vertices[0]]) < 0 ? [...vertices].reverse() : [...vertices];
  return { type: 'Polygon', coordinates: [[...open, open[0]]] };
}
