// The URL is the state: what is written can be read back, and unknown or broken values fall back.
import { describe, expect, it } from 'vitest';
import { clearFilters, hasFilters, parseState, serialiseState, toFilter } from '../../web/app/state.ts';

describe('URL state', () => {
  it('reads back exactly what it writes', () => {
    const search = '?theme=water,transport&status=planned&year=2025&q=шипка&near=25.3329,42.7123&radius=2000&sort=-budget&sel=KZN-038&lang=en&area=1&zones=0&map=12.50/42.71230/25.33290';
    const state = parseState(search);
    expect(state).toMatchObject({
      lists: { theme: ['water', 'transport'], status: ['planned'] },
      year: 2025,
      q: 'шипка',
      near: { lon: 25.3329, lat: 42.7123, radius: 2000 },
      sort: '-budget',
      selected: 'KZN-038',
      lang: 'en',
      inView: true,
      showZones: false,
      view: { zoom: 12.5, lat: 42.7123, lon: 25.3329 },
      page: 'map',
    });
    expect(parseState(serialiseState(state))).toEqual(state);
  });

  it('keeps the coverage view settings', () => {
    const state = parseState('?page=coverage&by=zone&metric=perResident&csort=name&gap=education&gapDistance=3000');
    expect(state.coverage).toEqual({ by: 'zone', metric: 'perResident', sort: 'name', gapTheme: 'education', gapDistance: 3000 });
    expect(parseState(serialiseState(state)).coverage).toEqual(state.coverage);
  });

  it('turns the state into the API filter and clears it', () => {
    const state = parseState('?theme=water&minBudget=1000&near=25.39,42.62');
    expect(toFilter(state)).toEqual({ theme: ['water'], minBudget: 1000, near: { lon: 25.39, lat: 42.62, radius: 5000 } });
    expect(hasFilters(state)).toBe(true);
    expect(hasFilters(clearFilters(state))).toBe(false);
    expect(clearFilters(state).near).toEqual(state.near);
  });

  it('falls back on defaults for broken values', () => {
    const state = parseState('?near=abc&year=soon&map=x/y/z&lang=fr&metric=colour&by=moon');
    expect(state.near).toBeUndefined();
    expect(state.year).toBeUndefined();
    expect(state.view).toBeUndefined();
    expect(state.lang).toBe('bg');
    expect(state.coverage).toMatchObject({ metric: 'count', by: 'settlement' });
    expect(serialiseState(parseState(''))).toBe('');
  });
});
