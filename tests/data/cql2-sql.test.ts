// CQL2 compiled to SQL (data/sqlite/cql2.ts) must select exactly what matchesCql2 selects in
// memory, over every queryable and every type of literal, mismatched types and nulls included:
// /ogc now filters in the store, the feed of changes still matches in memory, and the two may
// never disagree. Random expressions over the shipped Kazanlak data, with literals drawn from its
// own values so comparisons hit as well as miss.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cql2Text, matchesCql2, parseCql2, type Expression, type Literal } from '../../geo/cql2.ts';
import { matchContext, matchesFilter } from '../../geo/filter-match.ts';
import { asOgc } from '../../geo/ogc-feature.ts';
import { interventionQueryables } from '../../api/ogc/collections.ts';
import type { Store } from '../../data/store.ts';
import { collect, KAZANLAK, seededStore } from '../helpers/fixtures.ts';

let store: Store;
let features: { id: string; properties: Record<string, unknown> }[];
const NAMES = Object.keys(interventionQueryables('').properties).filter((p) => p !== 'geometry');

beforeAll(async () => {
  store = (await seededStore(KAZANLAK, 'cql2-sql')).store;
  features = (await collect(store.streamInterventions({}))).map(({ feature }) => asOgc(feature));
});
afterAll(() => store?.close());

const ids = async (cql: Expression) => (await collect(store.streamInterventions({ cql }))).map(({ feature }) => feature.id);

describe('CQL2 in SQL', () => {
  it('selects what the in-memory matcher selects, for random expressions', async () => {
    const seen = new Map(NAMES.map((n) => [n, [...new Set(features.map((f) => f.properties[n]).filter((v): v is Literal => v !== null && typeof v !== 'object'))]]));
    const literal = (name: string) =>
      fc.oneof(
        fc.constantFrom(...(seen.get(name)!.length ? seen.get(name)! : ['x'])),
        fc.string({ maxLength: 4 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 2015, max: 2030 }),
        fc.boolean(),
      );
    const comparison = fc.constantFrom(...NAMES).chain((property) =>
      fc.oneof(
        fc.record({ property: fc.constant(property), op: fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const), value: literal(property) }),
        fc.record({ property: fc.constant(property), op: fc.constantFrom('isNull', 'isNotNull' as const) }),
      ),
    ) as fc.Arbitrary<Expression>;
    const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
      expression: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        comparison,
        fc.record({ and: fc.array(tie('expression'), { minLength: 2, maxLength: 3 }) }),
        fc.record({ or: fc.array(tie('expression'), { minLength: 2, maxLength: 3 }) }),
        fc.record({ not: tie('expression') }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(expression, async (e) => {
        const expected = features.filter((f) => matchesCql2(e, f.properties)).map((f) => f.id);
        expect(await ids(e)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back from its own text, so links and cache keys carry the same filter', () => {
    for (const text of ["theme = 'water' AND NOT (budgetEur > 1e6 OR title_bg = 'It''s')", 'periodInferred = TRUE OR endYear IS NOT NULL'])
      expect(parseCql2(cql2Text(parseCql2(text)))).toEqual(parseCql2(text));
  });

  it('agrees with the in-memory filter the feed of changes uses', async () => {
    const [plan, zones, areas, settlements] = await Promise.all([store.plan(), store.zones(), store.settlementAreas(), store.settlements()]);
    const context = matchContext([plan], zones, areas, new Map(settlements.map((s) => [s.properties.ekatte, s.properties.name])));
    const records = (await store.dataset()).interventions;
    for (const text of ["settlement = '35167'", "theme = 'water' OR budgetEur >= 5000000", 'NOT (startYear < 2024)', 'programmeId IS NULL']) {
      const cql = parseCql2(text);
      const inMemory = records.filter((r) => matchesFilter(r, { cql }, context)).map((r) => r.id);
      expect(await ids(cql), text).toEqual(inMemory);
      expect(inMemory.length, text).toBeGreaterThan(0);
    }
  });
});
