// GeoJSON (RFC 7946) geometry shapes as zod schemas. They check the structure only; the geometric
// rules (closed rings, ranges, self-intersection, winding) live in `normalise.ts`, which names the
// feature and the problem in its messages.
import { z } from 'zod';

export const Position = z.tuple([z.number(), z.number()]).rest(z.number());
export type Position = [number, number, ...number[]];

export const Point = z.object({ type: z.literal('Point'), coordinates: Position });
export const MultiPoint = z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) });
export const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
export const MultiLineString = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(Position).min(2)),
});
export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)).min(1) });
export const MultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position)).min(1)),
});

export const Geometry = z.discriminatedUnion('type', [
  Point,
  MultiPoint,
  LineString,
  MultiLineString,
  Polygon,
  MultiPolygon,
]);
export type Geometry = z.infer<typeof Geometry>;
export type GeometryType = Geometry['type'];

export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

/** A Feature whose properties follow `props`; `geometry` may be null (an item with no place yet). */
export function featureOf<P extends z.ZodType, G extends z.ZodType>(props: P, geometry: G) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string().min(1),
    geometry,
    properties: props,
  });
}

export function featureCollectionOf<F extends z.ZodType>(feature: F) {
  return z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(feature) });
}
