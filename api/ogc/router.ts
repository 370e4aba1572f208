// OGC API – Features (Part 1 Core, GeoJSON, HTML, OAS 3.0; Part 2 CRS by reference; Part 3
// queryables and CQL2 text filters) over the same store and filters as /api.
import { Hono, type Context } from 'hono';
import { Cql2Error, matchesCql2, parseCql2, propertiesOf, type Expression } from '../../geo/cql2.ts';
import { CRS, fromCrs, transformGeometry, type CrsCode } from '../../geo/crs.ts';
import { roundGeometry } from '../../geo/normalise.ts';
import { bboxIntersects, geometryBBox } from '../../geo/spatial.ts';
import type { BBox, InterventionFilter } from '../../geo/index.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../errors.ts';
import { toFilter, type KnownIds } from '../filters.ts';
import { parseQuery, type Param } from '../params.ts';
import { collections, flatten, interventionQueryables, type Collection, type OgcFeature } from './collections.ts';
import { escape, page, svgMap, table } from './html.ts';
import { ogcOpenApi } from './openapi.ts';
import { swaggerPage } from '../routes/docs.ts';
import { ITEM_PARAMS, itemsParams, PAGE_ONLY, SUPPORTED_CRS, type OgcCrs } from './params.ts';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
];

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const HTML = 'text/html';

function wantsHtml(c: Context, f: unknown): boolean {
  if (f) return f === 'html';
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html') && !/application\/(geo\+)?json/.test(accept);
}

function base(c: Context): string {
  return new URL(c.req.url).origin + '/ogc';
}

function notFound(what: string, id: string): never {
  throw new ApiError(404, 'not_found', `no ${what} "${id.slice(0, 100)}"`, { [what]: id.slice(0, 100) });
}

function link(href: string, rel: string, type: string, title?: string) {
  return title ? { href, rel, type, title } : { href, rel, type };
}

export function ogcRoutes(store: Store, known: KnownIds) {
  const r = new Hono();
  const all = collections(store);
  const municipality = store.layer('municipality')?.features.map((f) => f.geometry) ?? [];
  const crumbs = (c: Context, ...more: { href: string; label: string }[]) => [{ href: `${base(c)}?f=html`, label: 'OGC API' }, ...more];
  const collectionOr404 = (id: string) => all.get(id) ?? notFound('collection', id);

  r.get('/', (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const b = base(c);
    const links = [
      link(`${b}?f=json`, 'self', JSON_TYPE, 'this document'),
      link(`${b}?f=html`, 'alternate', HTML, 'this document as HTML'),
      link(`${b}/api`, 'service-desc', 'application/vnd.oai.openapi+json;version=3.0', 'the API definition'),
      link(`${b}/api.html`, 'service-doc', HTML, 'the API documentation'),
      link(`${b}/conformance`, 'conformance', JSON_TYPE, 'conformance classes'),
      link(`${b}/collections`, 'data', JSON_TYPE, 'feature collections'),
    ];
    const title = `piro-map: ${store.plan().shortTitle.bg ?? ''}`.trim();
    const body = { title, description: 'The plan, its interventions, zones and base layers as OGC API – Features.', links };
    if (!wantsHtml(c, q.f)) return c.json(body);
    return c.html(
      page(title, crumbs(c), `<p>${escape(body.description)}</p><ul>${links
        .filter((l) => l.rel !== 'self' && l.rel !== 'alternate')
        .map((l) => `<li><a href="${escape(l.href.includes('?') || l.type === HTML ? l.href : `${l.href}?f=html`)}">${escape(l.title)}</a></li>`)
        .join('')}</ul>`, `${b}?f=json`),
    );
  });

  r.get('/conformance', (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    if (!wantsHtml(c, q.f)) return c.json({ conformsTo: CONFORMANCE });
    return c.html(page('Conformance', crumbs(c), `<ul>${CONFORMANCE.map((u) => `<li>${escape(u)}</li>`).join('')}</ul>`, `${base(c)}/conformance?f=json`));
  });

  const api = (c: Context) => ogcOpenApi([...all.values()], base(c));
  r.get('/api', (c) => {
    parseQuery(c.req.url, PAGE_ONLY);
    return c.body(JSON.stringify(api(c)), 200, { 'Content-Type': 'application/vnd.oai.openapi+json;version=3.0' });
  });
  r.get('/api.html', (c) => {
    parseQuery(c.req.url, []);
    return c.html(swaggerPage('/ogc/api'));
  });

  const describe = (c: Context, col: Collection) => {
    const b = `${base(c)}/collections/${col.id}`;
    return {
      id: col.id,
      title: col.title.en ?? col.title.bg,
      description: col.description,
      attribution: col.attribution,
      itemType: 'feature',
      crs: SUPPORTED_CRS,
      storageCrs: CRS['OGC:CRS84'].uri,
      extent: {
        spatial: { bbox: col.bbox ? [col.bbox] : [], crs: CRS['OGC:CRS84'].uri },
        ...(col.temporal ? { temporal: { interval: [col.temporal], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
      },
      links: [
        link(`${b}?f=json`, 'self', JSON_TYPE, 'this collection'),
        link(`${b}?f=html`, 'alternate', HTML, 'this collection as HTML'),
        link(`${b}/items?f=json`, 'items', GEOJSON, 'the features'),
        link(`${b}/items?f=html`, 'items', HTML, 'the features as HTML'),
        ...(col.filterable ? [link(`${b}/queryables`, 'http://www.opengis.net/def/rel/ogc/1.0/queryables', 'application/schema+json', 'queryables')] : []),
        link(`${new URL(c.req.url).origin}/api/sources`, 'license', 'text/markdown', col.licence),
      ],
    };
  };

  r.get('/collections', (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const list = [...all.values()].map((col) => describe(c, col));
    const links = [link(`${base(c)}/collections?f=json`, 'self', JSON_TYPE), link(`${base(c)}/collections?f=html`, 'alternate', HTML)];
    if (!wantsHtml(c, q.f)) return c.json({ links, collections: list, crs: SUPPORTED_CRS });
    const rows = list.map((col) => [`<a href="${escape(`${base(c)}/collections/${col.id}?f=html`)}">${escape(col.id)}</a>`, escape(col.title), escape(col.description)]);
    return c.html(page('Collections', crumbs(c), table(['id', 'title', 'description'], rows), `${base(c)}/collections?f=json`));
  });

  r.get('/collections/:collectionId', (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const col = collectionOr404(c.req.param('collectionId'));
    const body = describe(c, col);
    if (!wantsHtml(c, q.f)) return c.json(body);
    const html = `<p>${escape(col.description)}</p><p>Attribution: ${escape(col.attribution)}</p>
<p><a href="${escape(`${base(c)}/collections/${col.id}/items?f=html`)}">Browse the features</a></p>
<p>Extent: ${escape(col.bbox?.join(', ') ?? 'none')}${col.temporal ? `; period ${escape(col.temporal.map((t) => t ?? '..').join(' / '))}` : ''}</p>`;
    return c.html(page(body.title ?? col.id, crumbs(c, { href: `${base(c)}/collections?f=html`, label: 'Collections' }), html, `${base(c)}/collections/${col.id}?f=json`));
  });

  r.get('/collections/:collectionId/queryables', (c) => {
    parseQuery(c.req.url, PAGE_ONLY);
    const col = collectionOr404(c.req.param('collectionId'));
    if (!col.filterable) notFound('queryables for collection', col.id);
    return c.body(JSON.stringify(interventionQueryables(`${base(c)}/collections/${col.id}/queryables`)), 200, {
      'Content-Type': 'application/schema+json',
    });
  });

  r.get('/collections/:collectionId/items', (c) => {
    const col = collectionOr404(c.req.param('collectionId'));
    const params: Param[] = itemsParams(col.filterable);
    const q = parseQuery(c.req.url, params);
    const crs = (q.crs as OgcCrs | undefined) ?? 'OGC:CRS84';
    const limit = (q.limit as number | undefined) ?? 100;
    const offset = (q.offset as number | undefined) ?? 0;
    const bbox = q.bbox ? toLonLatBBox(q.bbox as number[], (q['bbox-crs'] as OgcCrs | undefined) ?? 'OGC:CRS84') : undefined;
    if (q['bbox-crs'] && !q.bbox) throw new ApiError(400, 'invalid_parameter', 'query parameter "bbox-crs": needs a bbox', { parameter: 'bbox-crs' });
    const matching = col.filterable ? interventionItems(store, known, q, bbox) : col.features().filter((f) => !bbox || (f.geometry && bboxIntersects(geometryBBox(f.geometry), bbox)));
    const pageItems = matching.slice(offset, offset + limit).map((f) => inCrs(f, crs));
    const self = new URL(c.req.url);
    const at = (o: number, f: string) => {
      const u = new URL(self);
      u.searchParams.set('offset', String(o));
      u.searchParams.set('limit', String(limit));
      u.searchParams.set('f', f);
      return u.toString();
    };
    const links = [
      link(at(offset, 'json'), 'self', GEOJSON, 'this page'),
      link(at(offset, 'html'), 'alternate', HTML, 'this page as HTML'),
      link(`${base(c)}/collections/${col.id}`, 'collection', JSON_TYPE, 'the collection'),
      ...(offset + limit < matching.length ? [link(at(offset + limit, 'json'), 'next', GEOJSON, 'next page')] : []),
      ...(offset > 0 ? [link(at(Math.max(0, offset - limit), 'json'), 'prev', GEOJSON, 'previous page')] : []),
    ];
    c.header('Content-Crs', `<${CRS[crs].uri}>`);
    const body = {
      type: 'FeatureCollection',
      numberMatched: matching.length,
      numberReturned: pageItems.length,
      timeStamp: new Date().toISOString(),
      links,
      features: pageItems,
    };
    if (!wantsHtml(c, q.f)) return c.body(JSON.stringify(body), 200, { 'Content-Type': `${GEOJSON}; charset=utf-8` });
    const shown = matching.slice(offset, offset + limit);
    const rows = shown.map((f) => [
      `<a href="${escape(`${base(c)}/collections/${col.id}/items/${encodeURIComponent(f.id)}?f=html`)}">${escape(f.id)}</a>`,
      escape(f.properties.title_bg ?? f.properties.name_bg ?? ''),
      escape(f.geometry ? f.geometry.type : 'no place yet'),
    ]);
    const nav = links.filter((l) => l.rel === 'next' || l.rel === 'prev').map((l) => `<a href="${escape(l.href.replace('f=json', 'f=html'))}">${escape(l.title)}</a>`).join(' · ');
    const html = `<p>${matching.length} feature(s); showing ${offset + 1}–${offset + shown.length}. ${nav}</p>
${svgMap(shown, municipality)}
${table(['id', 'name', 'geometry'], rows)}`;
    return c.html(page(`${col.title.en ?? col.id}: features`, crumbs(c, { href: `${base(c)}/collections/${col.id}?f=html`, label: col.id }), html, at(offset, 'json')));
  });

  r.get('/collections/:collectionId/items/:featureId', (c) => {
    const col = collectionOr404(c.req.param('collectionId'));
    const q = parseQuery(c.req.url, ITEM_PARAMS);
    const id = c.req.param('featureId');
    const crs = (q.crs as OgcCrs | undefined) ?? 'OGC:CRS84';
    const found = col.filterable ? oneIntervention(store, id) : col.features().find((f) => f.id === id);
    if (!found) notFound('feature', id);
    const b = `${base(c)}/collections/${col.id}/items/${encodeURIComponent(id)}`;
    c.header('Content-Crs', `<${CRS[crs].uri}>`);
    const feature = {
      ...inCrs(found, crs),
      links: [link(`${b}?f=json`, 'self', GEOJSON), link(`${b}?f=html`, 'alternate', HTML), link(`${base(c)}/collections/${col.id}`, 'collection', JSON_TYPE)],
    };
    if (!wantsHtml(c, q.f)) return c.body(JSON.stringify(feature), 200, { 'Content-Type': `${GEOJSON}; charset=utf-8` });
    const rows = Object.entries(found.properties).map(([k, v]) => [escape(k), linkify(v)]);
    return c.html(
      page(String(found.properties.title_bg ?? found.properties.name_bg ?? id), crumbs(c, { href: `${base(c)}/collections/${col.id}/items?f=html`, label: col.id }), `${svgMap([found], municipality)}${table(['property', 'value'], rows)}`, `${b}?f=json`),
    );
  });

  return r;
}

function linkify(v: unknown): string {
  if (Array.isArray(v)) return v.map(linkify).join('<br>');
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.url === 'string') return `<a href="${escape(o.url)}">${escape(o.url)}</a>${o.supports ? ` — ${escape(o.supports)}` : ''}`;
    return escape(JSON.stringify(v));
  }
  return escape(v);
}

/** A bbox given in `crs` (its axis order) as a lon/lat box holding all four corners. */
function toLonLatBBox(b: number[], crs: CrsCode): BBox {
  const box = crs === 'OGC:CRS84' ? (b as BBox) : cornersToLonLat(b, crs);
  if (box.some((n) => !Number.isFinite(n)) || box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90)
    throw new ApiError(400, 'invalid_parameter', `query parameter "bbox": not a valid box in ${crs} (longitude −180..180, latitude −90..90)`, { parameter: 'bbox' });
  return box;
}

function cornersToLonLat(b: number[], crs: CrsCode): BBox {
  const corners = [
    [b[0], b[1]],
    [b[0], b[3]],
    [b[2], b[1]],
    [b[2], b[3]],
  ].map((p) => {
    try {
      return fromCrs(p as [number, number], crs);
    } catch {
      return [Number.NaN, Number.NaN]; // a corner the CRS cannot express: refused below
    }
  });
  const lons = corners.map((p) => p[0]);
  const lats = corners.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

function inCrs(f: OgcFeature, crs: OgcCrs): OgcFeature {
  if (!f.geometry || crs === 'OGC:CRS84') return f;
  return { ...f, geometry: roundGeometry(transformGeometry(f.geometry, 'OGC:CRS84', crs), crs === 'EPSG:7801' ? 3 : 7) };
}

function oneIntervention(store: Store, id: string): OgcFeature | undefined {
  const f = store.interventions.get(id);
  return f ? { type: 'Feature', id: f.id, geometry: f.geometry, properties: flatten(f.properties) } : undefined;
}

function interventionItems(store: Store, known: KnownIds, q: Record<string, unknown>, bbox: BBox | undefined): OgcFeature[] {
  const { datetime, filter: cql, 'filter-crs': _crs, ...rest } = q;
  if (q['filter-lang'] && !cql) throw new ApiError(400, 'invalid_parameter', 'query parameter "filter-lang": needs a filter', { parameter: 'filter-lang' });
  const filter: InterventionFilter = toFilter(rest, known);
  if (bbox) filter.bbox = bbox;
  const period = datetime as { from?: number; to?: number } | undefined;
  if (period?.from !== undefined) filter.from = period.from;
  if (period?.to !== undefined) filter.to = period.to;
  const expression = typeof cql === 'string' ? parseFilter(cql) : null;
  const out: OgcFeature[] = [];
  for (const { feature } of store.interventions.iterate(filter)) {
    const properties = flatten(feature.properties);
    if (expression && !matchesCql2(expression, properties)) continue;
    out.push({ type: 'Feature', id: feature.id, geometry: feature.geometry, properties });
  }
  return out;
}

const QUERYABLE = new Set(Object.keys(interventionQueryables('').properties));

function parseFilter(cql: string): Expression {
  try {
    const expression = parseCql2(cql);
    const unknown = propertiesOf(expression).filter((p) => !QUERYABLE.has(p) || p === 'geometry');
    if (unknown.length)
      throw new Cql2Error(`"${unknown[0]}" is not a queryable; see /queryables (${[...QUERYABLE].filter((p) => p !== 'geometry').join(', ')})`);
    return expression;
  } catch (error) {
    if (error instanceof Cql2Error)
      throw new ApiError(400, 'invalid_parameter', `query parameter "filter": ${error.message}`, { parameter: 'filter', reason: error.message });
    throw error;
  }
}

