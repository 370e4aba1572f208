// The municipality filter groups its options by province, so a region is one box to tick.
import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../geo/index.ts';
import { byProvince } from '../../web/filters/Filters.tsx';

const municipality = (code: string, province: string | null, nuts3: string | null): Municipality => ({
  code,
  lau: code,
  nuts3,
  name: { bg: code, en: code },
  province: { bg: province ?? '', en: province ? `${province} (en)` : null },
  adminCentreEkatte: null,
  plan: null,
  interventions: 0,
  bbox: [0, 0, 1, 1],
});
const value = (code: string, count = 1) => ({ value: code, label: { bg: code, en: code }, count });

describe('municipalities by province', () => {
  const held = [municipality('SZR12', 'Стара Загора', 'BG344'), municipality('SZR22', 'Стара Загора', 'BG344'), municipality('VAR01', 'Варна', 'BG331'), municipality('BLG03', 'Благоевград', 'BG413')];

  it('groups in the facets order, provinces by name, the unknown ones last', () => {
    const groups = byProvince([value('SZR22', 3), value('VAR01'), value('SZR12', 5), value('XXX01'), value('BLG03')], held, 'bg');
    expect(groups.map((g) => [g.name?.bg ?? null, g.options.map((o) => o.value)])).toEqual([
      ['Благоевград', ['BLG03']],
      ['Варна', ['VAR01']],
      ['Стара Загора', ['SZR22', 'SZR12']],
      [null, ['XXX01']],
    ]);
  });

  it('groups by NUTS 3 where a municipality names no province, by name where it names no NUTS 3', () => {
    const more = [...held, municipality('SZR31', null, 'BG344'), municipality('VAR09', 'Варна', null), municipality('ZZZ01', null, null)];
    const groups = byProvince([value('SZR31'), value('SZR12'), value('VAR09'), value('ZZZ01')], more, 'bg');
    expect(groups.map((g) => [g.key, g.name?.bg ?? null, g.options.map((o) => o.value)])).toEqual([
      ['Варна', 'Варна', ['VAR09']],
      ['BG344', 'Стара Загора', ['SZR31', 'SZR12']],
      ['', null, ['ZZZ01']],
    ]);
  });

  it('does not group the municipalities of one province', () => {
    const groups = byProvince([value('SZR12'), value('SZR22')], held, 'en');
    expect(groups).toHaveLength(1);
    expect(groups[0].name).toBeNull();
    expect(groups[0].options.map((o) => o.value)).toEqual(['SZR12', 'SZR22']);
  });
});
