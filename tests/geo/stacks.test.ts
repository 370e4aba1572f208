// Items at one position are one pile on the map, whatever their order; points a hair apart are not.
import { describe, expect, it } from 'vitest';
import { stackPoints } from '../../geo/stacks.ts';

const at = (id: string, lon: number, lat: number) => ({ id, geometry: { type: 'Point', coordinates: [lon, lat] } });

describe('stackPoints', () => {
  it('groups items sharing a position, largest pile first, and leaves the rest alone', () => {
    const { single, stacks } = stackPoints([
      at('a', 25.393, 42.6194),
      at('b', 25.32, 42.7),
      at('c', 25.393, 42.6194),
      at('d', 25.5, 42.6),
      at('e', 25.5, 42.6),
      at('f', 25.393, 42.6194),
      { id: 'g', geometry: null },
      { id: 'h', geometry: { type: 'LineString', coordinates: [[25, 42], [25.1, 42.1]] } },
    ]);
    expect(stacks.map((s) => s.features.map((f) => f.id))).toEqual([['a', 'c', 'f'], ['d', 'e']]);
    expect(stacks[0].at).toEqual([25.393, 42.6194]);
    expect(single.map((f) => f.id)).toEqual(['b']);
  });

  it('keeps points a few metres apart as separate pins', () => {
    const { single, stacks } = stackPoints([at('a', 25.393, 42.6194), at('b', 25.39305, 42.6194)]);
    expect(stacks).toEqual([]);
    expect(single).toHaveLength(2);
  });
});
