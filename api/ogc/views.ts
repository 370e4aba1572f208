// The HTML views of the OGC resources, for a person who opens the service in a browser: what each
// page says, built on the primitives in html.ts (page, table, inline SVG map).
import type { Geometry } from '../../geo/index.ts';
import { Prose, proseBg } from '../../geo/prose.ts';
import { geometryBBox, positionsOf } from '../../geo/spatial.ts';
import type { Collection } from './collections.ts';
import type { OgcFeature } from '../../geo/ogc-feature.ts';
import { escape, page, svgMap, table, type Crumb } from './html.ts';

/**
 * Past this many vertices an inline SVG map gets too heavy for a browser to open (a page of large
 * polygons reached ~140 000 and failed); then each shape is drawn as its bounding box, and the page
 * says so. The JSON keeps every vertex.
 */
export const MAP_VERTEX_LIMIT = 20_000;

function boxOf(g: Geometry): Geometry {
  if (g.type === 'Point') return g;
  const [w, s, e, n] = geometryBBox(g);
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** The features and context as the map can draw them, and whether they had to be reduced to boxes. */
function drawable(features: OgcFeature[], context: Geometry[]): { features: OgcFeature[]; context: Geometry[]; boxed: boolean } {
  const vertices = [...features.map((f) => f.geometry), ...context].reduce((n, g) => n + (g ? positionsOf(g).length : 0), 0);
  if (vertices <= MAP_VERTEX_LIMIT) return { features, context, boxed: false };
  return { features: features.map((f) => ({ ...f, geometry: f.geometry && boxOf(f.geometry) })), context: context.map(boxOf), boxed: true };
}

export function mapView(features: OgcFeature[], context: Geometry[]): string {
  const d = drawable(features, context);
  const note = d.boxed ? `<p class="muted">Shapes are drawn as their bounding boxes: together they have more than ${MAP_VERTEX_LIMIT} vertices. The JSON has every vertex.</p>` : '';
  return `${note}${svgMap(d.features, d.context)}`;
}

interface LinkLike {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

export function landingView(title: string, description: string, links: LinkLike[], crumbs: Crumb[], jsonHref: string): string {
  const items = links
    .filter((l) => l.rel !== 'self' && l.rel !== 'alternate')
    .map((l) => `<li><a href="${escape(l.href.includes('?') || l.type === 'text/html' ? l.href : `${l.href}?f=html`)}">${escape(l.title)}</a></li>`)
    .join('');
  return page(title, crumbs, `<p>${escape(description)}</p><ul>${items}</ul>`, jsonHref);
}

export function conformanceView(classes: string[], crumbs: Crumb[], jsonHref: string): string {
  return page('Conformance', crumbs, `<ul>${classes.map((u) => `<li>${escape(u)}</li>`).join('')}</ul>`, jsonHref);
}

export function collectionsView(base: string, list: { id: string; title?: string; description: string }[], crumbs: Crumb[], jsonHref: string): string {
  const rows = list.map((col) => [`<a href="${escape(`${base}/collections/${col.id}?f=html`)}">${escape(col.id)}</a>`, escape(col.title), escape(col.description)]);
  return page('Collections', crumbs, table(['id', 'title', 'description'], rows), jsonHref);
}

export function collectionView(base: string, col: Collection, crumbs: Crumb[], jsonHref: string): string {
  const html = `<p>${escape(col.description)}</p><p>Attribution: ${escape(col.attribution)}</p>
<p><a href="${escape(`${base}/collections/${col.id}/items?f=html`)}">Browse the features</a></p>
<p>Extent: ${escape(col.bbox?.join(', ') ?? 'none')}${col.temporal ? `; period ${escape(col.temporal.map((t) => t ?? '..').join(' / '))}` : ''}</p>`;
  return page(col.title.en ?? col.id, crumbs, html, jsonHref);
}

export function itemsView(
  base: string,
  col: Collection,
  shown: OgcFeature[],
  o: { matched: number; offset: number; nav: LinkLike[]; context: Geometry[]; crumbs: Crumb[]; jsonHref: string },
): string {
  const rows = shown.map((f) => [
    `<a href="${escape(`${base}/collections/${col.id}/items/${encodeURIComponent(f.id)}?f=html`)}">${escape(f.id)}</a>`,
    escape(f.properties.title_bg ?? f.properties.name_bg ?? ''),
    escape(f.geometry ? f.geometry.type : 'no place yet'),
  ]);
  const nav = o.nav.map((l) => `<a href="${escape(l.href.replace('f=json', 'f=html'))}">${escape(l.title)}</a>`).join(' · ');
  const html = `<p>${o.matched} feature(s); showing ${o.offset + 1}–${o.offset + shown.length}. ${nav}</p>
${mapView(shown, o.context)}
${table(['id', 'name', 'geometry'], rows)}`;
  return page(`${col.title.en ?? col.id}: features`, o.crumbs, html, o.jsonHref);
}

export function itemView(id: string, found: OgcFeature, context: Geometry[], crumbs: Crumb[], jsonHref: string): string {
  const rows = Object.entries(found.properties).map(([k, v]) => [escape(k), linkify(v)]);
  const title = String(found.properties.title_bg ?? found.properties.name_bg ?? id);
  return page(title, crumbs, `${mapView([found], context)}${table(['property', 'value'], rows)}`, jsonHref);
}

function linkify(v: unknown): string {
  if (Array.isArray(v)) return v.map(linkify).join('<br>');
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.url === 'string') return `<a href="${escape(o.url)}">${escape(o.url)}</a>${Prose.safeParse(o.supports).success ? ` — ${escape(proseBg(o.supports as Prose))}` : ''}`;
    return escape(JSON.stringify(v));
  }
  return escape(v);
}
