// The cheap check before dispatch: buffering and merging grows much faster than the input, so an
// input past the vertex limit is refused on the main thread (a count, no geometry work) instead of
// occupying a worker until the time limit.
import type { Geometry } from '../../geo/index.ts';
import { positionsOf } from '../../geo/spatial.ts';
import { tooLarge } from './errors.ts';

export function vertexCount(geometries: Iterable<Geometry>): number {
  let n = 0;
  for (const g of geometries) n += positionsOf(g).length;
  return n;
}

/** Throws 413 too_large when the geometries to buffer and merge have more than `limit` vertices. */
export function guardVertices(geometries: Iterable<Geometry>, limit: number) {
  const n = vertexCount(geometries);
  if (n > limit) throw tooLarge(n, limit);
}
