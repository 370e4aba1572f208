// The URL is the state: filters, selection, the near-me point and radius, the map view, language
// and toggles all live in the query string, so a reload or a shared link restores exactly, and
// back/forward step through what the user did.
import { useCallback, useEffect, useState } from 'react';
import { filterToQuery, type InterventionFilter, type Near } from '../../geo/filter.ts';
import { ITEM_KINDS, type ItemKind } from '../../geo/editing.ts';
import { Day, today } from '../../geo/calendar.ts';
import type { Lang } from './i18n.ts';
import { listParam } from './url.ts';

export const LIST_FILTERS = ['municipality', 'theme', 'status', 'funding', 'settlement', 'zone', 'goal', 'priority', 'measure'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

export type CoverageMetric = 'count' | 'budget' | 'perResident';

/** The planner's coverage view: grouping, metric, table order and the gap overlay. */
export interface CoverageState {
  by: 'settlement' | 'zone' | 'masterPlanZone';
  metric: CoverageMetric;
  /** table column to sort by; the metric when unset */
  sort?: string;
  /** theme of the gap overlay ('' = any theme); undefined = no overlay */
  gapTheme?: string;
  gapDistance: number;
}

/** The planners' pages (web/editor), loaded only when one is opened. */
export const EDITOR_PAGES = ['signin', 'editor', 'edit', 'plan', 'zone', 'review', 'history', 'import', 'moderation'] as const;
export type EditorPage = (typeof EDITOR_PAGES)[number];
/** 'contribution': a citizen's own contribution, opened from the private link given when it was posted (item = its id). */
export type Page = 'map' | 'coverage' | 'contribution' | EditorPage;
export const isEditorPage = (page: Page): page is EditorPage => (EDITOR_PAGES as readonly string[]).includes(page);

export interface AppState {
  page: Page;
  /** the item an editor page works on: an intervention, plan item or zone id, or "new"; on the import page, the upload's id */
  item?: string;
  /** on the history page: intervention, plan-item or zone */
  kind?: ItemKind;
  coverage: CoverageState;
  lists: Record<ListFilter, string[]>;
  year?: number;
  minBudget?: number;
  maxBudget?: number;
  q?: string;
  near?: Near;
  selected?: string;
  view?: View;
  lang: Lang;
  /** list only what is in the map view */
  inView: boolean;
  sort?: string;
  showZones: boolean;
  /** the master-plan (ОУП) layer; off unless asked for */
  showMasterPlan: boolean;
  /** the layer of citizens' published contributions (questions, comments, proposals with a place) */
  showContributions: boolean;
  /** the published state on this past day (YYYY-MM-DD); unset = today */
  asOf?: string;
  /** only what changed after this day (YYYY-MM-DD), before `asOf` */
  changedSince?: string;
}

/** Which published past the public reads show, as the API's `asOf` and `changedSince` take it. */
export interface PublicView {
  asOf?: string;
  changedSince?: string;
}

const emptyLists = (): Record<ListFilter, string[]> => Object.fromEntries(LIST_FILTERS.map((k) => [k, []])) as unknown as Record<ListFilter, string[]>;

const num = (v: string | null): number | undefined => {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

const dayOr = (v: string | null): string | undefined => (v !== null && Day.safeParse(v).success ? v : undefined);

/**
 * The two days of the view, as far as they make sense together: today is no past (the URL leaves it
 * out), and a "changed since" on or after the day shown is dropped. A future day is kept: the API
 * refuses it, and the page shows its words.
 */
export function viewDays(asOf: string | undefined, changedSince: string | undefined, now: string = today()): PublicView {
  const shown = asOf === now ? undefined : asOf;
  return { asOf: shown, changedSince: changedSince !== undefined && changedSince < (shown ?? now) ? changedSince : undefined };
}

/** `now` is today in Sofia; tests name it. */
export function parseState(search: string, now: string = today()): AppState {
  const p = new URLSearchParams(search);
  const lists = emptyLists();
  for (const key of LIST_FILTERS) lists[key] = listParam(p, key);
  const [lon, lat] = (p.get('near') ?? '').split(',').map(Number);
  const near = Number.isFinite(lon) && Number.isFinite(lat) && p.get('near') ? { lon, lat, radius: num(p.get('radius')) ?? 5000 } : undefined;
  const [zoom, vlat, vlon] = (p.get('map') ?? '').split('/').map(Number);
  const view = p.get('map') && [zoom, vlat, vlon].every(Number.isFinite) ? { zoom, lat: vlat, lon: vlon } : undefined;
  const metric = p.get('metric');
  const page = p.get('page') ?? '';
  const kind = p.get('kind') ?? '';
  return {
    page: page === 'coverage' || page === 'contribution' || isEditorPage(page as Page) ? (page as Page) : 'map',
    item: p.get('item') || undefined,
    kind: (ITEM_KINDS as readonly string[]).includes(kind) ? (kind as ItemKind) : undefined,
    coverage: {
      by: p.get('by') === 'zone' || p.get('by') === 'masterPlanZone' ? (p.get('by') as 'zone' | 'masterPlanZone') : 'settlement',
      metric: metric === 'budget' || metric === 'perResident' ? metric : 'count',
      sort: p.get('csort') || undefined,
      gapTheme: p.has('gap') ? (p.get('gap') ?? '') : undefined,
      gapDistance: num(p.get('gapDistance')) ?? 2000,
    },
    lists,
    year: num(p.get('year')),
    minBudget: num(p.get('minBudget')),
    maxBudget: num(p.get('maxBudget')),
    q: p.get('q') || undefined,
    near,
    selected: p.get('sel') || undefined,
    view,
    lang: p.get('lang') === 'en' ? 'en' : 'bg',
    inView: p.get('area') === '1',
    sort: p.get('sort') || undefined,
    showZones: p.get('zones') !== '0',
    showMasterPlan: p.get('oup') === '1',
    showContributions: p.get('voices') === '1',
    ...viewDays(dayOr(p.get('asOf')), dayOr(p.get('changedSince')), now),
  };
}

/** The view the public reads of a page ask for: the planners' pages always work on the present. */
export function publicView(s: AppState): PublicView {
  if (isEditorPage(s.page)) return {};
  return { ...(s.asOf ? { asOf: s.asOf } : {}), ...(s.changedSince ? { changedSince: s.changedSince } : {}) };
}

/** The filter as the API reads it (without the map-view bbox, which the caller adds when wanted). */
/** The list's order as query parameters: the chosen one, or by distance around a near-me point. */
export function listSort(s: AppState): Record<string, string> {
  const sort = s.sort ?? (s.near ? 'distance' : undefined);
  return sort ? { sort } : {};
}

export function toFilter(s: AppState): InterventionFilter {
  const f: InterventionFilter = {};
  for (const key of LIST_FILTERS) if (s.lists[key].length) (f as Record<string, string[]>)[key] = s.lists[key];
  if (s.year !== undefined) f.year = s.year;
  if (s.minBudget !== undefined) f.minBudget = s.minBudget;
  if (s.maxBudget !== undefined) f.maxBudget = s.maxBudget;
  if (s.q) f.q = s.q;
  if (s.near) f.near = s.near;
  return f;
}

export function serialiseState(s: AppState, now: string = today()): string {
  const p = new URLSearchParams(filterToQuery(toFilter(s)));
  const view = viewDays(s.asOf, s.changedSince, now);
  if (view.asOf) p.set('asOf', view.asOf);
  if (view.changedSince) p.set('changedSince', view.changedSince);
  if (s.page === 'coverage') {
    p.set('page', 'coverage');
    if (s.coverage.by !== 'settlement') p.set('by', s.coverage.by);
    if (s.coverage.metric !== 'count') p.set('metric', s.coverage.metric);
    if (s.coverage.sort) p.set('csort', s.coverage.sort);
    if (s.coverage.gapTheme !== undefined) p.set('gap', s.coverage.gapTheme);
    if (s.coverage.gapDistance !== 2000) p.set('gapDistance', String(s.coverage.gapDistance));
  }
  if (isEditorPage(s.page) || s.page === 'contribution') p.set('page', s.page);
  if (s.item) p.set('item', s.item);
  if (s.kind) p.set('kind', s.kind);
  if (s.sort) p.set('sort', s.sort);
  if (s.selected) p.set('sel', s.selected);
  if (s.lang !== 'bg') p.set('lang', s.lang);
  if (s.inView) p.set('area', '1');
  if (!s.showZones) p.set('zones', '0');
  if (s.showMasterPlan) p.set('oup', '1');
  if (s.showContributions) p.set('voices', '1');
  if (s.view) p.set('map', `${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(5)}/${s.view.lon.toFixed(5)}`);
  const text = p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
  return text ? `?${text}` : '';
}

export function hasFilters(s: AppState): boolean {
  return LIST_FILTERS.some((k) => s.lists[k].length) || s.year !== undefined || s.minBudget !== undefined || s.maxBudget !== undefined || !!s.q;
}

export function clearFilters(s: AppState): AppState {
  return { ...s, lists: emptyLists(), year: undefined, minBudget: undefined, maxBudget: undefined, q: undefined };
}

/**
 * The app state bound to the URL. `update` pushes a history entry (a user action that back should
 * undo); `replace` rewrites the current one (map panning, typing), so history stays meaningful.
 */
export function useUrlState() {
  const [state, setState] = useState(() => parseState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(parseState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const write = useCallback((next: AppState, mode: 'push' | 'replace') => {
    // The private link's key is in the fragment: a language switch on its page must not drop it.
    const hash = next.page === 'contribution' ? window.location.hash : '';
    const url = `${window.location.pathname}${serialiseState(next)}${hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${hash}`) window.history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
    setState(next);
  }, []);
  const update = useCallback((change: (s: AppState) => AppState) => write(change(parseStateFromCurrent()), 'push'), [write]);
  const replace = useCallback((change: (s: AppState) => AppState) => write(change(parseStateFromCurrent()), 'replace'), [write]);
  return { state, update, replace };
}

// Changes apply to what the URL says now, so two quick updates never overwrite each other.
function parseStateFromCurrent(): AppState {
  return parseState(window.location.search);
}
