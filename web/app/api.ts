// Typed reads of the HTTP API. Every answer's type is `z.infer` of the zod schema in geo/ that the
// server answers with and documents in OpenAPI, so the two cannot drift apart unnoticed.
import { createContext, useContext, useEffect, useState } from 'react';
import { filterToQuery, type InterventionFilter } from '../../geo/filter.ts';
import type { FacetValue, FoundIntervention, InterventionPage, PlanWithTree } from '../../geo/responses.ts';
import type { LayerFeature, Zone } from '../../geo/index.ts';
import { ApiFailure, get } from './http.ts';
import { LIST_ITEMS, loadPages, PAGE_SIZE, type Loaded } from './paging.ts';
import { planUrl, type Reference } from './reference.ts';
import type { PublicView } from './state.ts';

export { ApiFailure, get } from './http.ts';
export { loadReference, planUrl, type Reference } from './reference.ts';
export type { Basemap, Access, Coverage, CoverageRow, FacetValue, Facets } from '../../geo/responses.ts';
export type Found = FoundIntervention;
export type Page = InterventionPage;
type Plan = PlanWithTree;

export function query(filter: InterventionFilter, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ ...filterToQuery(filter), ...extra }).toString().replace(/%2C/g, ',');
}

/**
 * The published past the public pages show (asOf, changedSince). The pages provide it once; every
 * read through `useFetch` and `useInterventions`, and every link through `inView`, carries it, so no
 * caller can forget it. Without a provider (the planners' pages) it is the present.
 */
export const ViewContext = createContext<PublicView>({});

/** `url`, a public read of /api, asking for the state `view` names. */
export function inView(url: string, view: PublicView): string {
  const params = new URLSearchParams();
  if (view.asOf) params.set('asOf', view.asOf);
  if (view.changedSince) params.set('changedSince', view.changedSince);
  const text = params.toString();
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}

/** `inView` for the view of the page this is rendered in: for links (downloads) the page hands out. */
export function useInView(): (url: string) => string {
  const view = useContext(ViewContext);
  return (url) => inView(url, view);
}

/** The first page of the filtered list; `useInterventions` follows its `next` links. */
export const interventionsUrl = (filter: InterventionFilter, extra: Record<string, string> = {}) =>
  `/api/interventions?${query(filter, { limit: String(PAGE_SIZE), ...extra })}`;

/** The vector tiles of the filtered interventions, as the map asks for them (absolute: MapLibre fetches in a worker). */
export function tilesUrl(filter: InterventionFilter): string {
  const q = query(filter);
  return `${location.origin}/api/tiles/interventions/{z}/{x}/{y}.mvt${q ? `?${q}` : ''}`;
}

/** The base tiles (the base layers, which have no past), as the maps ask for them. */
export const baseTilesUrl = () => `${location.origin}/api/tiles/base/{z}/{x}/{y}.mvt`;
/** The zones' tiles; `inView` adds the day shown. */
export const zonesTilesUrl = () => `${location.origin}/api/tiles/zones/{z}/{x}/{y}.mvt`;

export const exportUrl = (format: 'geojson' | 'csv', filter: InterventionFilter, sort?: string) =>
  `/api/export/interventions.${format}?${query(filter, sort ? { sort } : {})}`;

/**
 * The Atom feed of published changes to what `filter` selects, for a reader to follow: the list's
 * filters, never a day of the past (a feed is about what comes next).
 */
export function changesFeedUrl(filter: InterventionFilter): string {
  const q = query(filter);
  return `/api/changes.atom${q ? `?${q}` : ''}`;
}

/** The annual implementation report for `year`, as a printable page. */
/** `municipality`: whose plan, in a store of several (the default plan's otherwise) */
export const annualReportUrl = (year: number, municipality?: string) => `/api/reports/annual/${year}.html${municipality ? `?municipality=${encodeURIComponent(municipality)}` : ''}`;

/**
 * Lists started before anyone asked: the first list of the map is requested beside the reference
 * data rather than after it, and handed to the hook that asks for it (once; later asks load anew).
 */
interface Early {
  pages: Promise<Loaded<Found>>;
  /** what is in so far, and who is told of the next page (the hook, once it asks) */
  latest?: Loaded<Found>;
  listener?: (partial: Loaded<Found>) => void;
}
const early = new Map<string, Early>();

export function loadEarly(url: string) {
  const entry: Early = {
    pages: loadPages(url, (page) => get<Page>(page), LIST_ITEMS, (partial) => {
      entry.latest = partial;
      entry.listener?.(partial);
    }),
  };
  entry.pages.catch(() => undefined); // asked for again by the hook, which reports a failure
  early.set(url, entry);
}

/** What of the reference data has a published past: the plan tree and the zones as on `view`. */
export type Dated = Pick<Reference, 'plan' | 'zones'>;

export async function loadDated(view: PublicView, municipalities: readonly string[] = []): Promise<Dated> {
  const [plan, zones] = await Promise.all([get<Plan>(inView(planUrl(municipalities), view)), get<{ features: Zone[] }>(inView('/api/zones', view))]);
  return { plan, zones: zones.features };
}

/** Fetches `url` whenever it changes, dropping answers to requests that have been superseded. */
export function useFetch<T>(url: string | null): Fetched<T> {
  const view = useContext(ViewContext);
  return useLoad(url && inView(url, view), (u, signal) => get<T>(u, signal));
}

/** A base layer's features, read when a page needs them (the maps draw every layer from the base tiles); no data until in, or for no name. */
export function useLayerFeatures(name: string | null): Fetched<LayerFeature[]> {
  const layer = useFetch<{ features: LayerFeature[] }>(name && `/api/layers/${name}`);
  return { ...layer, data: layer.data?.features };
}

/** The filtered list (up to LIST_ITEMS), page after page; `complete` says whether that is all. */
export function useInterventions(url: string | null) {
  const view = useContext(ViewContext);
  // The API's `next` links repeat the query, the view included.
  return useLoad<Loaded<Found>>(url && inView(url, view), (u, signal, progress) => {
    const started = early.get(u);
    early.delete(u);
    if (!started) return loadPages(u, (page) => get<Page>(page, signal), LIST_ITEMS, progress);
    started.listener = progress;
    if (started.latest) progress(started.latest);
    return started.pages;
  });
}

export interface Fetched<T> {
  data: T | undefined;
  error: boolean;
  /** what the API said when it refused, if it did */
  failure?: ApiFailure;
  loading: boolean;
}

/**
 * `load` may hand over what it has before it is done (`progress`): that is shown at once, still
 * `loading`, so the map draws a large list's first page while the rest comes.
 */
function useLoad<T>(url: string | null, load: (url: string, signal: AbortSignal, progress: (partial: T) => void) => Promise<T>): Fetched<T> {
  const [result, setResult] = useState<{ url: string | null; data?: T; error: boolean; failure?: ApiFailure; partial?: boolean }>({ url: null, error: false });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    const progress = (data: T) => {
      if (!controller.signal.aborted) setResult({ url, data, error: false, partial: true });
    };
    load(url, controller.signal, progress)
      .then((data) => setResult({ url, data, error: false }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setResult((r) => ({ ...r, url, error: true, failure: e instanceof ApiFailure ? e : undefined }));
      });
    return () => controller.abort();
  }, [url]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data: result.data, error: result.error, failure: result.failure, loading: result.url !== url || result.partial === true };
}
