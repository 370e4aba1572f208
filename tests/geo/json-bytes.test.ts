// A near page's distance is spliced into the stored bytes (geo/json-bytes.ts): the result must be the
// feature with `distance_m` among its properties, whatever its strings hold.
import { describe, expect, it } from 'vitest';
import { jsonBytes, parseJsonBytes, withDistanceBytes } from '../../geo/json-bytes.ts';

const splice = (feature: object, metres: number) => parseJsonBytes<{ properties: Record<string, unknown> }>(withDistanceBytes(jsonBytes(feature), metres));

describe('withDistanceBytes', () => {
  it('adds distance_m, to the decimetre, and keeps everything else', () => {
    const feature = { type: 'Feature', id: 'A', geometry: { type: 'Point', coordinates: [25.4, 42.6] }, properties: { id: 'A', title: { bg: 'Парк' } }, updated: null };
    expect(splice(feature, 1234.567)).toEqual({ ...feature, properties: { ...feature.properties, distance_m: 1234.6 } });
  });

  it('is not misled by the key written inside a string or nested deeper', () => {
    const feature = { type: 'Feature', id: 'x"properties":{"y', geometry: null, properties: { note: '"properties":{', inner: { properties: { a: 1 } } } };
    expect(splice(feature, 0)).toEqual({ ...feature, properties: { ...feature.properties, distance_m: 0 } });
  });

  it('handles empty properties, and a feature without any', () => {
    expect(splice({ type: 'Feature', geometry: null, properties: {} }, 5).properties).toEqual({ distance_m: 5 });
    expect(splice({ type: 'Feature', geometry: null, properties: null }, 5).properties).toEqual({ distance_m: 5 });
  });
});
