// Base layers (municipality, rivers, landmarks …): reference geography for the map. Each feature
// carries a name, its source, licence and accuracy; other properties pass through as published.
import { z } from 'zod';
import { featureCollectionOf, featureOf, Geometry } from './geojson.ts';
import { LocalText } from './vocabulary.ts';

export const LayerFeatureProperties = z.looseObject({
  name: LocalText.extend({ bg: z.string().min(1) }),
  source: z.string().min(1),
  licence: z.string().min(1),
  accuracy: z.string().min(1),
});
export const LayerFeature = featureOf(LayerFeatureProperties, Geometry);
export type LayerFeature = z.infer<typeof LayerFeature>;
export const LayerCollection = featureCollectionOf(LayerFeature);

/** The catalogue of base layers: one entry a file under data/<municipality>/. */
export const LayerInfo = z.object({
  name: z.string().regex(/^[a-z][a-z-]*$/),
  title: LocalText,
  file: z.string().min(1),
  geometryType: z.enum(['Point', 'LineString', 'Polygon']),
  attribution: z.string().min(1),
  licence: z.string().min(1),
  /** A reference layer a planner imported: the citizens' map draws it and names it in the legend. */
  onMap: z.literal(true).optional(),
});
export type LayerInfo = z.infer<typeof LayerInfo>;

/** The layers' attributions in one line: each names its sources, and many share one ("© OpenStreetMap contributors"), said once. */
export function attributionLine(layers: readonly Pick<LayerInfo, 'attribution'>[]): string {
  return [...new Set(layers.flatMap((l) => l.attribution.split(' · ').map((part) => part.trim())))].join(' · ');
}
