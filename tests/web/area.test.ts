import { describe, expect, it } from 'vitest';
import { NewContribution } from '../../geo/contribution.ts';
import { signedArea } from '../../geo/topology.ts';
import { areaGeometry } from '../../web/consultation/area.ts';

// A small square near the square of Шипка, corners in the order a citizen clicks them.
const SW: [number, number] = [25.334, 42.71];
const SE: [number, number] = [25.336, 42.71];
const NE: [number, number] = [25.336, 42.712];
const NW: [number, number] = [25.334, 42.712];

describe('the area a citizen draws for a proposal', () => {
  it('is nothing until there are three points', () => {
    expect(areaGeometry([])).toBeNull();
    expect(areaGeometry([SW, SE])).toBeNull();
  });

  it('is closed by its first point, counter-clockwise as clicked', () => {
    expect(areaGeometry([SW, SE, NE, NW])).toEqual({ type: 'Polygon', coordinates: [[SW, SE, NE, NW, SW]] });
  });

  it('is turned counter-clockwise when clicked clockwise, the same points kept', () => {
    const g = areaGeometry([SW, NW, NE, SE])!;
    expect(g.coordinates[0]).toEqual([SE, NE, NW, SW, SE]);
    expect(signedArea(g.coordinates[0])).toBeGreaterThan(0);
  });

  it('is a geometry the API takes in a proposal', () => {
    const draft = { kind: 'proposal', text: 'Парк', displayName: 'М', theme: 'public_space', geometry: areaGeometry([SW, NW, NE]), proof: { challenge: 'c', nonce: '1' } };
    expect(NewContribution.safeParse(draft).success).toBe(true);
  });
});
