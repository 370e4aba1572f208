// Items that share one position (36 of Kazanlak's sit on the town's centre point, which stands for
// the town, not for a site) would be drawn as one pin that hides all but the top one. The map
// draws each such pile as one marker with a count that opens the list of them.

/** Positions closer than this (degrees, ~0.1 m) are the same position. */
const SAME = 1e-6;

export interface Stack<F> {
  /** the shared position, as a stable key */
  key: string;
  at: [number, number];
  features: F[];
}

type PointFeature = { geometry: { type: string; coordinates?: unknown } | null };

/** Point features grouped by position: the ones alone, and the piles of two or more (largest first). */
export function stackPoints<F extends PointFeature>(features: readonly F[]): { single: F[]; stacks: Stack<F>[] } {
  const groups = new Map<string, Stack<F>>();
  for (const f of features) {
    if (f.geometry?.type !== 'Point') continue;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const key = `${Math.round(lon / SAME)},${Math.round(lat / SAME)}`;
    const group = groups.get(key) ?? { key, at: [lon, lat] as [number, number], features: [] };
    group.features.push(f);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  return {
    single: all.filter((g) => g.features.length === 1).map((g) => g.features[0]),
    stacks: all.filter((g) => g.features.length > 1).sort((a, b) => b.features.length - a.features.length),
  };
}
