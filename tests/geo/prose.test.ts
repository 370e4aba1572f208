// Words with their translation: which text a reader of each language sees, when it is marked as a
// translation, and what the dataset check reads as "not Bulgarian".
import { describe, expect, it } from 'vitest';
import { bulgarianMissing, languageOf, planItemLabel, Prose, proseBg, proseIn } from '../../geo/index.ts';

const basis = { bg: 'Центърът на Шипка', en: 'The centre of Shipka', original: 'en' as const };

describe('prose', () => {
  it('shows each reader their language and marks the translation', () => {
    expect(proseIn(basis, 'bg')).toEqual({ text: 'Центърът на Шипка', lang: 'bg', translated: true });
    expect(proseIn(basis, 'en')).toEqual({ text: 'The centre of Shipka', lang: 'en', translated: false });
    expect(proseBg(basis)).toBe('Центърът на Шипка');
  });

  it('falls back to the original when there is no translation, in its own language', () => {
    expect(proseIn({ bg: null, en: 'GPS survey', original: 'en' }, 'bg')).toEqual({ text: 'GPS survey', lang: 'en', translated: false });
    expect(proseIn('по данни от ГИС', 'en')).toEqual({ text: 'по данни от ГИС', lang: 'bg', translated: false });
  });

  it('refuses a translated text without its original, and unknown members', () => {
    expect(Prose.safeParse({ bg: 'превод', en: null, original: 'en' }).success).toBe(false);
    expect(Prose.safeParse({ bg: 'а', en: 'a', original: 'bg', extra: 1 }).success).toBe(false);
    expect(Prose.safeParse('').success).toBe(false);
    expect(Prose.safeParse('текст').success).toBe(true);
  });

  it('judges a plain text by its script, and an English phrase inside Bulgarian words', () => {
    expect(languageOf('Център')).toBe('bg');
    expect(languageOf('Centre')).toBe('en');
    expect(languageOf('SZR2070')).toBe('en');
    expect(languageOf('2024')).toBeNull();
    expect(bulgarianMissing('ПРР 2021-2027 (ИТИ)')).toBeNull();
    expect(bulgarianMissing('МРРБ – споразумение (likely state budget – guess)')).toMatch(/not in Bulgarian/);
    expect(bulgarianMissing('Point placed at the centre')).toMatch(/not in Bulgarian/);
    expect(bulgarianMissing({ bg: null, en: 'Point', original: 'en' })).toMatch(/no Bulgarian version/);
    expect(bulgarianMissing(basis)).toBeNull();
    expect(bulgarianMissing(null)).toBeNull();
  });
});

describe('plan item names', () => {
  it('show the plan’s own code and title, never our ids, and say when a title is unknown', () => {
    expect(planItemLabel('goal', { code: null, title: { bg: 'Цел', en: 'Goal' } })).toEqual({ bg: 'Цел', en: 'Goal' });
    expect(planItemLabel('goal', { code: '1', title: { bg: 'Цел', en: null } })).toEqual({ bg: '1 Цел', en: '1 Цел' });
    expect(planItemLabel('goal', { code: null, title: { bg: null, en: null } })).toEqual({
      bg: 'Стратегическа цел (заглавието не е публикувано)',
      en: 'Strategic goal (title not published)',
    });
  });
});
