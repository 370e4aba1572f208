// HTML views of the OGC resources, for a person who opens the service in a browser: plain pages,
// keyboard-readable tables, and a small inline SVG map (no scripts, no tiles, works offline).
import type { Geometry, Position } from '../../geo/index.ts';
import { positionsOf } from '../../geo/spatial.ts';
import type { OgcFeature } from '../../geo/ogc-feature.ts';

export function escape(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// The one inline style sheet of every page (the SVG map's too), a constant so that the
// Content-Security-Policy allows exactly it, by hash (api/security.ts), and no other inline style.
export const PAGE_STYLE = `
  body { font-family: system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 70rem; padding: 1rem; line-height: 1.45; }
  a { color: #1f5fa8; } a:focus { outline: 3px solid #1f5fa8; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
  th, td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f1f3f5; }
  td:first-child { white-space: nowrap; }
  nav { font-size: 0.9rem; margin-bottom: 1rem; }
  svg { border: 1px solid #ccc; background: #f8f9fa; max-width: 100%; height: auto; }
  .muted { color: #555; }
  svg .ctx { fill: none; stroke: #868e96; stroke-width: 1; }
  svg .f { fill: #c92a2a; fill-opacity: 0.35; stroke: #a61e1e; stroke-width: 1.5; }
  svg circle.f { fill-opacity: 0.9; }
  svg polyline.f { fill: none; }
`;

export interface Crumb {
  href: string;
  label: string;
}

export function page(title: string, crumbs: Crumb[], body: string, jsonHref: string): string {
  const trail = crumbs.map((c) => `<a href="${escape(c.href)}">${escape(c.label)}</a>`).join(' / ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — piro-map OGC API</title>
<link rel="alternate" type="application/json" href="${escape(jsonHref)}">
<style>${PAGE_STYLE}</style>
</head>
<body>
<nav aria-label="breadcrumb">${trail}</nav>
<main>
<h1>${escape(title)}</h1>
${body}
<p class="muted"><a href="${escape(jsonHref)}">This page as JSON</a></p>
</main>
</body>
</html>`;
}

export function table(headers: string[], rows: (string | number | null)[][], caption?: string): string {
  const head = headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${cell ?? ''}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${escape(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** An SVG sketch of features (lon/lat, equirectangular at the mean latitude) over a context outline. */
export function svgMap(features: OgcFeature[], context: Geometry[] = [], width = 640): string {
  const located = features.filter((f) => f.geometry);
  const all = [...located.map((f) => f.geometry!), ...context].flatMap(positionsOf);
  if (!all.length) return '<p class="muted">No item on this page has a place yet.</p>';
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = (width - 20) / spanX;
  const height = Math.min(Math.round(spanY * scale + 20), 900);
  const s = Math.min(scale, (height - 20) / spanY);
  const xy = (p: Position) => `${(10 + (p[0] - minLon) * k * s).toFixed(1)},${(10 + (maxLat - p[1]) * s).toFixed(1)}`;
  const path = (rings: Position[][]) => rings.map((r) => `M${r.map(xy).join('L')}Z`).join('');
  const draw = (g: Geometry, label: string, cls: string): string => {
    const title = label ? `<title>${escape(label)}</title>` : '';
    switch (g.type) {
      case 'Point':
        return `<circle class="${cls}" cx="${xy(g.coordinates).split(',')[0]}" cy="${xy(g.coordinates).split(',')[1]}" r="4">${title}</circle>`;
      case 'MultiPoint':
        return g.coordinates.map((c) => draw({ type: 'Point', coordinates: c }, label, cls)).join('');
      case 'LineString':
        return `<polyline class="${cls}" points="${g.coordinates.map(xy).join(' ')}">${title}</polyline>`;
      case 'MultiLineString':
        return g.coordinates.map((c) => draw({ type: 'LineString', coordinates: c }, label, cls)).join('');
      case 'Polygon':
        return `<path class="${cls}" d="${path(g.coordinates)}">${title}</path>`;
      case 'MultiPolygon':
        return `<path class="${cls}" d="${g.coordinates.map(path).join('')}">${title}</path>`;
    }
  };
  const labelOf = (f: OgcFeature) => String(f.properties.title_bg ?? f.properties.name_bg ?? f.id);
  return `<svg role="img" aria-label="Map of ${located.length} item(s)" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${context.map((g) => draw(g, '', 'ctx')).join('\n')}
${located.map((f) => draw(f.geometry!, labelOf(f), 'f')).join('\n')}
</svg>`;
}
