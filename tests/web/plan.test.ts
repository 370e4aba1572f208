// The app's titles and search hint come from the plan and its settlements, not from the code.
import { describe, expect, it } from 'vitest';
import type { Settlement } from '../../geo/index.ts';
import { coverageTitle, documentTitle, planTitle, searchHint } from '../../web/app/plan.ts';

const plan = {
  shortTitle: { bg: 'ПИРО Примерно 2028–2034', en: 'PIRO Primerno 2028–2034' },
  municipality: { name: { bg: 'Община Примерно', en: 'Primerno Municipality' }, code: 'XXX00', adminCentreEkatte: '99999' },
};
const settlement = (id: string, bg: string, en: string) => ({ type: 'Feature', id, properties: { name: { bg, en } } }) as unknown as Settlement;

describe('titles from the plan', () => {
  it('names the page after the plan, in the chosen language', () => {
    expect(planTitle('bg', plan)).toBe('ПИРО Примерно 2028–2034');
    expect(planTitle('en', plan)).toBe('PIRO Primerno 2028–2034');
    expect(documentTitle('en', 'map', plan)).toBe('PIRO Primerno 2028–2034');
    expect(documentTitle('bg', 'coverage', plan)).toBe('Покритие на плана — ПИРО Примерно 2028–2034');
    expect(coverageTitle('en', plan)).toBe('Plan coverage — PIRO Primerno 2028–2034');
  });

  it('falls back on the other language, then on a generic name', () => {
    expect(planTitle('en', { shortTitle: { bg: 'ПИРО Примерно', en: null } })).toBe('ПИРО Примерно');
    expect(planTitle('bg', { shortTitle: { bg: null, en: null } })).toBe('ПИРО');
    expect(planTitle('en', undefined)).toBe('Integrated Development Plan');
  });
});

describe('the search hint', () => {
  it("names the plan's administrative centre in both scripts", () => {
    const settlements = [settlement('11111', 'Село', 'Selo'), settlement('99999', 'Примерно', 'Primerno')];
    expect(searchHint('bg', plan, settlements)).toBe('Търсене (напр. Примерно, primerno, водопровод)');
    expect(searchHint('en', plan, settlements)).toBe('Search (e.g. Primerno, Примерно, water main)');
  });

  it('names no place when the centre is not among the settlements', () => {
    expect(searchHint('bg', plan, [settlement('11111', 'Село', 'Selo')])).toBe('Търсене (напр. водопровод)');
  });
});
