// The URL is the state: what is written can be read back, and unknown or broken values fall back.
import { describe, expect, it } from 'vitest';
import { changesFeedUrl, inView, interventionsUrl } from '../../web/app/api.ts';
import { clearFilters, hasFilters, parseState, publicView, serialiseState, toFilter } from '../../web/app/state.ts';

describe('URL state', () => {
  it('reads back exactly what it writes', () => {
    const search = '?municipality=SZR12,SZR22&theme=water,transport&status=planned&year=2025&q=шипка&near=25.3329,42.7123&radius=2000&sort=-budget&sel=KZN-038&lang=en&area=1&zones=0&map=12.50/42.71230/25.33290';
    const state = parseState(search);
    expect(state).toMatchObject({
      lists: { municipality: ['SZR12', 'SZR22'], theme: ['water', 'transport'], status: ['planned'] },
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

  describe('the day shown (asOf) and the changes since (changedSince)', () => {
    const NOW = '2026-12-06';

    it('reads back a past day and a day of changes before it, and hands both to the public reads', () => {
      const state = parseState('?theme=water&asOf=2024-12-31&changedSince=2023-12-31', NOW);
      expect(state).toMatchObject({ asOf: '2024-12-31', changedSince: '2023-12-31' });
      const search = serialiseState(state, NOW);
      expect(new URLSearchParams(search).get('asOf')).toBe('2024-12-31');
      expect(new URLSearchParams(search).get('changedSince')).toBe('2023-12-31');
      expect(parseState(search, NOW)).toEqual(state);
      expect(publicView(state)).toEqual({ asOf: '2024-12-31', changedSince: '2023-12-31' });
    });

    it('keeps changes since a day without a past day (today is shown)', () => {
      const state = parseState('?changedSince=2025-12-31', NOW);
      expect(state.asOf).toBeUndefined();
      expect(state.changedSince).toBe('2025-12-31');
      expect(serialiseState(state, NOW)).toBe('?changedSince=2025-12-31');
    });

    it('leaves today out of the URL: today is no past', () => {
      expect(parseState(`?asOf=${NOW}`, NOW).asOf).toBeUndefined();
      expect(serialiseState({ ...parseState('', NOW), asOf: NOW }, NOW)).toBe('');
      expect(serialiseState({ ...parseState('', NOW), asOf: '' }, NOW)).toBe('');
    });

    it('ignores days that are no days, and changes since a day not before the one shown', () => {
      for (const bad of ['yesterday', '2024-02-30', '2024-13-01', '24-12-31', '2024-1-5', '20245-01-01', '']) {
        const state = parseState(`?asOf=${encodeURIComponent(bad)}&changedSince=${encodeURIComponent(bad)}`, NOW);
        expect(state.asOf, bad).toBeUndefined();
        expect(state.changedSince, bad).toBeUndefined();
      }
      expect(parseState('?asOf=2024-12-31&changedSince=2024-12-31', NOW)).toMatchObject({ asOf: '2024-12-31', changedSince: undefined });
      expect(parseState('?asOf=2024-12-31&changedSince=2025-06-01', NOW)).toMatchObject({ asOf: '2024-12-31', changedSince: undefined });
      expect(parseState(`?changedSince=${NOW}`, NOW).changedSince).toBeUndefined();
      expect(serialiseState({ ...parseState('', NOW), asOf: '2024-12-31', changedSince: '2025-01-01' }, NOW)).toBe('?asOf=2024-12-31');
    });

    it('keeps a future day, which the API refuses in words the page shows', () => {
      expect(parseState('?asOf=2030-01-01', NOW).asOf).toBe('2030-01-01');
    });

    it('is not a filter: "clear all" keeps it, and the planners\' pages read the present', () => {
      const state = parseState('?theme=water&asOf=2024-12-31&changedSince=2023-12-31', NOW);
      expect(toFilter(state)).toEqual({ theme: ['water'] });
      expect(clearFilters(state)).toMatchObject({ asOf: '2024-12-31', changedSince: '2023-12-31' });
      expect(hasFilters(clearFilters(state))).toBe(false);
      expect(publicView({ ...state, page: 'coverage' })).toEqual({ asOf: '2024-12-31', changedSince: '2023-12-31' });
      expect(publicView({ ...state, page: 'editor' })).toEqual({});
    });
  });

  it('puts the view on a public read, and never on the feed of what the filters select', () => {
    const state = parseState('?theme=water&settlement=35167&asOf=2024-12-31&changedSince=2023-12-31', '2026-12-06');
    const view = publicView(state);
    expect(inView('/api/plan', view)).toBe('/api/plan?asOf=2024-12-31&changedSince=2023-12-31');
    expect(inView('/api/facets?theme=water', { asOf: '2024-12-31' })).toBe('/api/facets?theme=water&asOf=2024-12-31');
    expect(inView('/api/plan', {})).toBe('/api/plan');
    const list = new URL(inView(interventionsUrl(toFilter(state)), view), 'http://x');
    expect(Object.fromEntries(list.searchParams)).toMatchObject({ theme: 'water', settlement: '35167', asOf: '2024-12-31', changedSince: '2023-12-31' });
    const feed = new URL(changesFeedUrl(toFilter(state)), 'http://x');
    expect(feed.pathname).toBe('/api/changes.atom');
    expect(Object.fromEntries(feed.searchParams)).toEqual({ theme: 'water', settlement: '35167' });
    expect(changesFeedUrl({})).toBe('/api/changes.atom');
  });
});
