// Typed reads of the HTTP API. Every answer's type is `z.infer` of the zod schema in geo/ that the
// server answers with and documents in OpenAPI, so the two cannot drift apart unnoticed.
import { useEffect, useState } from 'react';
import { filterToQuery, type InterventionFilter } from '../../geo/filter.ts';
import type { LayerFeature, LayerInfo, Settlement, Zone } from '../../geo/index.ts';
import type { Basemap, Config, FacetValue, FoundIntervention, InterventionPage, LayerEntry, PlanWithTree } from '../../geo/responses.ts';
import { loadPages, PAGE_SIZE } from './paging.ts';

export type { Basemap, Access, Coverage, CoverageRow, FacetValue, Facets } from '../../geo/responses.ts';
export type Found = FoundIntervention;
export type Page = InterventionPage;
type Plan = PlanWithTree;

export interface Reference {
  plan: Plan;
  settlements: Settlement[];
  zones: Zone[];
  layers: { info: LayerInfo; features: LayerFeature[] }[];
  basemap: Basemap | null;
}

async function get<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json() as Promise<T>;
}

export function query(filter: InterventionFilter, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ ...filterToQuery(filter), ...extra }).toString().replace(/%2C/g, ',');
}

/** The first page of the filtered list; `useInterventions` follows its `next` links. */
export const interventionsUrl = (filter: InterventionFilter, extra: Record<string, string> = {}) =>
  `/api/interventions?${query(filter, { limit: String(PAGE_SIZE), ...extra })}`;

export const exportUrl = (format: 'geojson' | 'csv', filter: InterventionFilter, sort?: string) =>
  `/api/export/interventions.${format}?${query(filter, sort ? { sort } : {})}`;

export async function loadReference(): Promise<Reference> {
  const [plan, settlements, zones, layers, config] = await Promise.all([
    get<Plan>('/api/plan'),
    get<{ features: Settlement[] }>('/api/settlements'),
    get<{ features: Zone[] }>('/api/zones'),
    get<LayerEntry[]>('/api/layers'),
    get<Config>('/api/config'),
  ]);
  const withFeatures = await Promise.all(
    layers.map(async (info) => ({ info, features: (await get<{ features: LayerFeature[] }>(`/api/layers/${info.name}`)).features })),
  );
  return { plan, settlements: settlements.features, zones: zones.features, layers: withFeatures, basemap: config.basemap };
}

/** Fetches `url` whenever it changes, dropping answers to requests that have been superseded. */
export function useFetch<T>(url: string | null): { data: T | undefined; error: boolean; loading: boolean } {
  return useLoad(url, (u, signal) => get<T>(u, signal));
}

/** The whole filtered list (up to MAX_ITEMS), page after page; `complete` says whether that is all. */
export function useInterventions(url: string | null) {
  return useLoad(url, (u, signal) => loadPages(u, (page) => get<Page>(page, signal)));
}

function useLoad<T>(url: string | null, load: (url: string, signal: AbortSignal) => Promise<T>): { data: T | undefined; error: boolean; loading: boolean } {
  const [result, setResult] = useState<{ url: string | null; data?: T; error: boolean }>({ url: null, error: false });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    load(url, controller.signal)
      .then((data) => setResult({ url, data, error: false }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setResult((r) => ({ ...r, url, error: true }));
      });
    return () => controller.abort();
  }, [url]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data: result.data, error: result.error, loading: result.url !== url };
}
