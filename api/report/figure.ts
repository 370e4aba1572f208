// The report's map figure: an SVG drawn on the server from the municipal boundary and the located
// interventions on the day, one mark per intervention. No tiles and no script, so it prints and
// works offline. Status shows twice over: by the status glyph the list badges use (○ ◔ ◑ ◕ ● ⊘,
// geo/vocabulary.ts), filled as far as the work is, and by colour — the glyph alone survives a
// greyscale printer and colour-blind readers, the colour tells marks apart at a glance.
import { STATUSES, type Geometry, type Position, type Status } from '../../geo/index.ts';
import { escape } from '../ogc/html.ts';
import type { AnnualReport } from '../../data/report.ts';
import { local, statusLabel, word, type Lang } from './words.ts';

/** Each status's ink, from the vocabulary (shared with the detail's timeline). */
export const STATUS_INK = Object.fromEntries(STATUSES.ids.map((s) => [s, STATUSES.table[s].colour])) as Record<Status, string>;
export const BOUNDARY_FILL = '#f1f3f5';

/** One status mark centred on (x, y), as SVG elements with presentation attributes (no style attribute: CSP). */
export function glyph(status: Status, x: number, y: number, r: number): string {
  const ink = STATUS_INK[status];
  const { fill: fraction, symbol } = STATUSES.table[status];
  const f = (n: number) => n.toFixed(1);
  const ring = `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="#ffffff" stroke="${ink}" stroke-width="${f(r / 3)}"/>`;
  if (symbol === '⊘') {
    const d = r * 0.7;
    return `${ring}<line x1="${f(x - d)}" y1="${f(y + d)}" x2="${f(x + d)}" y2="${f(y - d)}" stroke="${ink}" stroke-width="${f(r / 3)}"/>`;
  }
  if (fraction === 0) return ring;
  if (fraction === 1) return `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" fill="${ink}" stroke="${ink}" stroke-width="${f(r / 3)}"/>`;
  const angle = -Math.PI / 2 + 2 * Math.PI * fraction;
  const sector = `M${f(x)},${f(y)}L${f(x)},${f(y - r)}A${f(r)},${f(r)} 0 ${fraction > 0.5 ? 1 : 0} 1 ${f(x + r * Math.cos(angle))},${f(y + r * Math.sin(angle))}Z`;
  return `${ring}<path d="${sector}" fill="${ink}"/>`;
}

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/** The figure: the outline, the marks, and a legend with the count of each status on the map. */
export function mapFigure(report: AnnualReport, outline: Geometry[], lang: Lang, width = 640): string {
  const located = report.located;
  const outlineRings = outline.flatMap(rings);
  const all = [...outlineRings.flat(), ...located.map((l) => [l.lon, l.lat])];
  if (!located.length || !all.length) return `<figure class="map"><p class="muted">${escape(word(lang, 'mapNone'))}</p></figure>`;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  // Equirectangular at the mean latitude: across one municipality the distortion is invisible.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 12;
  const s = (width - 2 * pad) / Math.max((maxLon - minLon) * k, 1e-6);
  const height = Math.round(Math.max(maxLat - minLat, 1e-6) * s + 2 * pad);
  const x = (lon: number) => pad + (lon - minLon) * k * s;
  const y = (lat: number) => pad + (maxLat - lat) * s;
  const path = outlineRings.map((r) => `M${r.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('L')}Z`).join('');
  const order = (st: Status) => STATUSES.ids.indexOf(st);
  const marks = [...located]
    .sort((a, b) => order(a.status) - order(b.status))
    .map((l) => `<g><title>${escape(`${l.id} — ${local(lang, l.title)} (${statusLabel(lang, l.status)})`)}</title>${glyph(l.status, x(l.lon), y(l.lat), 5)}</g>`)
    .join('');
  const counts = STATUSES.ids.map((st) => [st, located.filter((l) => l.status === st).length] as const).filter(([, n]) => n > 0);
  const legend = counts
    .map(([st, n]) => `<li><svg class="key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">${glyph(st, 8, 8, 5.5)}</svg> ${escape(statusLabel(lang, st))}: ${n}</li>`)
    .join('');
  return `<figure class="map">
<svg role="img" aria-labelledby="map-caption" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid meet">
<path d="${path}" fill="${BOUNDARY_FILL}" stroke="#495057" stroke-width="1.2" fill-rule="evenodd"/>
${marks}
</svg>
<figcaption id="map-caption">${escape(word(lang, 'map'))} (${located.length}). <ul class="legend">${legend}</ul><span class="muted">${escape(word(lang, 'mapNote'))}</span></figcaption>
</figure>`;
}
