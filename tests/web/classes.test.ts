import { describe, expect, it } from 'vitest';
import { classify, classOf, colourOf, PALETTE, UNKNOWN, ZERO } from '../../web/coverage/classes.ts';

describe('choropleth classes', () => {
  it('gives zero its own class and splits the rest into up to five quantiles', () => {
    const classes = classify([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
    expect(classes.breaks).toEqual([2, 4, 6, 8, 10]);
    expect(classes.colours).toEqual(PALETTE);
    expect([0, 1, 2, 3, 10, 11].map((v) => classOf(v, classes))).toEqual([0, 1, 1, 2, 5, 5]);
    expect(colourOf(classOf(0, classes), classes)).toBe(ZERO);
    expect(colourOf(classOf(null, classes), classes)).toBe(UNKNOWN);
  });

  it('uses fewer classes when there are fewer distinct values', () => {
    const classes = classify([0, 5, 5, 9]);
    expect(classes.breaks).toEqual([5, 9]);
    expect(classes.colours).toHaveLength(2);
    expect(classify([0, 0]).breaks).toEqual([]);
  });
});
