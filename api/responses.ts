// Response helpers shared by the routers: GeoJSON media type, paging links, attachments.
import type { Context } from 'hono';
import type { Link } from '../geo/responses.ts';
import { joinBytes, roundMetres } from '../geo/json-bytes.ts';

export const GEOJSON = 'application/geo+json; charset=utf-8';

/**
 * A FeatureCollection's bytes from its head and its features' bytes as the store keeps them: a page
 * is joined, never decoded, parsed and written again.
 */
export function collectionText(head: object, features: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return joinBytes(features, ',', `${JSON.stringify(head).slice(0, -1)},"features":[`, ']}');
}

export function geojson(c: Context, body: unknown) {
  return c.body(JSON.stringify(body), 200, { 'Content-Type': GEOJSON });
}

/** self / next / prev for a page at `offset` of `limit` among `matched`, keeping the other parameters of `href`. */
export function pageLinks(href: string, offset: number, limit: number, matched: number, type = 'application/geo+json'): Link[] {
  const at = (o: number) => {
    const url = new URL(href);
    url.searchParams.set('offset', String(o));
    url.searchParams.set('limit', String(limit));
    return url.toString();
  };
  const links: Link[] = [{ href, rel: 'self', type }];
  if (offset + limit < matched) links.push({ href: at(offset + limit), rel: 'next', type });
  if (offset > 0) links.push({ href: at(Math.max(0, offset - limit)), rel: 'prev', type });
  return links;
}

/** The feature as stored, with `distance_m` added when it was found near a point. */
export function withDistance<F extends { properties: object }>({ feature, distance }: { feature: F; distance?: number }): F {
  if (distance === undefined) return feature;
  return { ...feature, properties: { ...feature.properties, distance_m: roundMetres(distance) } };
}

export function attachment(name: string, extension: string, date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  return `attachment; filename="${name}-${day}.${extension}"`;
}
