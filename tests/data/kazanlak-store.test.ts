// The store on the real Kazanlak dataset: what a resident of Shipka or a planner would see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../data/store.ts';
import { collect, seededStore, KAZANLAK } from '../helpers/fixtures.ts';

let store: Store;
beforeAll(async () => {
  store = (await seededStore(KAZANLAK, 'kazanlak')).store;
});
afterAll(() => store.close());

const SHIPKA = { lon: 25.3329, lat: 42.7123 };

describe('the Kazanlak store', () => {
  it('lists Shipka interventions first for a point in Shipka, by true distance', async () => {
    const { items } = (await store.queryInterventions({ near: { ...SHIPKA, radius: 20_000 } }, undefined, { limit: 1000, offset: 0 }));
    const shipka = (await store.countInterventions({ settlement: ['83199'], located: true, near: { ...SHIPKA, radius: 20_000 } }));
    expect(shipka).toBeGreaterThan(3);
    // Items on Shipka Peak and Buzludzha lie in Shipka's land area but kilometres from the town,
    // so the first ones are those placed in the town itself.
    expect(items.slice(0, 3).every((f) => f.feature.properties.settlement === '83199')).toBe(true);
    const distances = items.map((f) => f.distance!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(50);
  });

  it.each([
    ['shipka', '83199'],
    ['Шипка', '83199'],
    ['rozovo', '62983'],
    ['Rozovo', '62983'],
    ['enina', '27499'],
  ])('finds %s in the text of that settlement’s items', async (q, ekatte) => {
    const found = (await store.queryInterventions({ q }, undefined, { limit: 1000, offset: 0 })).items;
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.feature.properties.settlement === ekatte)).toBe(true);
  });

  it('finds Kazanlak by its Latin name', async () => {
    expect((await store.countInterventions({ q: 'kazanlak' }))).toBeGreaterThan(30);
    expect((await store.countInterventions({ q: 'kazanluk' }))).toBe((await store.countInterventions({ q: 'Казанлък' })));
  });

  it('counts per settlement add up to the items that have a settlement, all 20 listed', async () => {
    const rows = (await store.aggregate('settlement'));
    const named = rows.filter((r) => r.key !== null);
    expect(named).toHaveLength(20);
    const withSettlement = (await store.countInterventions({})) - (rows.find((r) => r.key === null)?.count ?? 0);
    expect(named.reduce((n, r) => n + r.count, 0)).toBe(withSettlement);
  });

  it('keeps unlocated items in every non-spatial result', async () => {
    const unlocated = (await store.countInterventions({ located: false }));
    expect(unlocated).toBeGreaterThan(0);
    expect((await store.countInterventions({}))).toBe(86);
    expect((await store.countInterventions({ bbox: [24, 41, 27, 44] }))).toBe(86 - unlocated);
  });
});

describe('the dataset files', () => {
  it.each(['interventions', 'zones', 'settlements', 'settlement-areas', 'municipality', 'rivers', 'water-bodies', 'landmarks', 'neighbouring-municipalities', 'reference-points'])(
    '%s.geojson passes an RFC 7946 check',
    (name) => {
      const text = readFileSync(join(KAZANLAK, `${name}.geojson`), 'utf8');
      expect(() => check(text)).not.toThrow();
    },
  );
});
