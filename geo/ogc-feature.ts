// A feature as OGC API – Features serves it: a string id and one level of simple properties
// ("title_bg"), which is what GIS tools turn into attribute columns. In geo because the store keeps
// each intervention in this form beside its GeoJSON (data/sqlite/load.ts), so a page of /ogc items
// is written from stored text, and CQL2 filters are matched against these same flat names.
import type { Geometry } from './geojson.ts';

export interface OgcFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** One level of properties: { title: { bg, en } } becomes title_bg, title_en. Arrays stay arrays. */
export function flatten(properties: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [sub, v] of Object.entries(value)) out[`${key}_${sub}`] = v;
    else out[key] = value;
  }
  return out;
}

export const asOgc = (f: { id: string | number; geometry: Geometry | null; properties: object }): OgcFeature => ({
  type: 'Feature',
  id: String(f.id),
  geometry: f.geometry,
  properties: flatten(f.properties),
});

/** The feature as /ogc sends it, as text: what the store keeps beside each published intervention. */
export const ogcJson = (f: Parameters<typeof asOgc>[0]): string => JSON.stringify(asOgc(f));
