// The feature-at-a-time reader must read exactly what JSON.parse of the whole file reads, wherever a
// chunk ends (inside a string, an escape, a Cyrillic letter, a key), and refuse exactly what it refuses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeatureCollection } from '../../data/feature-file.ts';
import { TMP } from '../helpers/fixtures.ts';

const dir = mkdtempSync(join(TMP, 'feature-file-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `${n++}.geojson`);
  writeFileSync(path, text);
  return path;
}

function read(path: string, chunkBytes?: number): { features: unknown[]; top: Record<string, unknown> } {
  const features: unknown[] = [];
  const it = readFeatureCollection(path, chunkBytes);
  for (let next = it.next(); ; next = it.next()) {
    if (next.done) return { features, top: next.value };
    features.push(next.value);
  }
}

const feature = (i: number) => ({
  type: 'Feature',
  id: `X-${i}`,
  geometry: { type: 'Point', coordinates: [25.1 + i / 1000, 42.6] },
  properties: { title: { bg: `Ремонт „${i}“ {[,]} \\"кавички\\" \u{1F30D}`, en: 'a, b: [c] {d}' }, features: [1, [2, { features: 3 }]], n: null, ok: true },
});

const DOCUMENTS: Record<string, string> = {
  compact: JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map(feature) }),
  pretty: JSON.stringify({ type: 'FeatureCollection', name: 'интервенции', features: [0, 1, 2, 3].map(feature) }, null, 2),
  'type after the features': JSON.stringify({ features: [0, 1].map(feature), type: 'FeatureCollection', 'features ': 'a key like it' }),
  'no features': '{"type":"FeatureCollection","features":[]}',
  'spaces in the empty array': '{ "type" : "FeatureCollection" , "features" : [ \n ] }',
  'one per line': `{"type":"FeatureCollection","features":[\n${[0, 1, 2].map((i) => JSON.stringify(feature(i))).join(',\n')}\n]}\n`,
  'features not an array': '{"type":"FeatureCollection","features":{"a":[1,2]}}',
  'not an object': '[{"features":[1]}]',
  'an escaped key': '{"type":"FeatureCollection","feat\\u0075res":[1,2]}',
};

const BROKEN: Record<string, string> = {
  'a trailing comma': '{"type":"FeatureCollection","features":[{"a":1},]}',
  'an empty member': '{"type":"FeatureCollection","features":[{"a":1},,{"b":2}]}',
  'cut short in a member': '{"type":"FeatureCollection","features":[{"a":1},{"b":',
  'cut short after the array': '{"type":"FeatureCollection","features":[{"a":1}]',
  'a bare word': '{"type":"FeatureCollection","features":[nope]}',
  'a no-break space for an empty array': '{"type":"FeatureCollection","features":[\u00a0]}',
  'not JSON': 'type: FeatureCollection',
  empty: '',
};

describe('reading a FeatureCollection a feature at a time', () => {
  it.each(Object.entries(DOCUMENTS))('reads %s as JSON.parse does, at every chunk size', (_, text) => {
    const whole = JSON.parse(text) as Record<string, unknown>;
    const path = file(text);
    const streamed = Array.isArray(whole.features) ? whole.features : [];
    const top = Array.isArray(whole) ? {} : { ...whole, ...(Array.isArray(whole.features) ? { features: [] } : {}) };
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) expect(read(path, size), `chunks of ${size} bytes`).toEqual({ features: streamed, top });
  });

  it.each(Object.entries(BROKEN))('throws a SyntaxError for %s, at every chunk size', (_, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const path = file(text);
    for (const size of [1, 3, 64, 1 << 20]) expect(() => read(path, size), `chunks of ${size} bytes`).toThrow(SyntaxError);
  });

  it('says which feature a fault is in', () => {
    const path = file('{"type":"FeatureCollection","features":[{"a":1},{"b":2},{"c":nope}]}');
    expect(() => read(path, 5)).toThrow(/^feature #2: /);
  });

  it('refuses two features arrays rather than serve the one JSON.parse would drop', () => {
    const path = file('{"type":"FeatureCollection","features":[1],"feat\\u0075res":[2]}');
    for (const size of [1, 1 << 20]) expect(() => read(path, size)).toThrow('two "features" members');
  });
});
