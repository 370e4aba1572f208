// OGC API – Features (Part 1 Core, GeoJSON, HTML, OAS 3.0; Part 2 CRS by reference; Part 3
// queryables and CQL2 text filters) over the same store and filters as /api: thin handlers that
// parse, ask query.ts for the features and answer as JSON or as a views.ts page.
import { Hono, type Context } from 'hono';
import { CRS } from '../../geo/crs.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../params.ts';
import { swaggerPage } from '../routes/docs.ts';
import { collections, interventionQueryables, type Collection } from './collections.ts';
import type { OgcFeature } from '../../geo/ogc-feature.ts';
import { plansTitle } from '../../geo/plan.ts';
import { collectionText } from '../responses.ts';
import { dataExamples } from '../examples.ts';
import { ogcOpenApi } from './openapi.ts';
import { BASE_ITEM_PARAMS, FILTERABLE_ITEM_PARAMS, ITEM_PARAMS, PAGE_ONLY, SUPPORTED_CRS, type ItemQuery } from './params.ts';
import { inCrs, matchingFeatures, oneFeature } from './query.ts';
import { collectionsView, collectionView, conformanceView, itemsView, itemView, landingView } from './views.ts';
import { jsonBytes, parseJsonBytes } from '../../geo/json-bytes.ts';

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

function notFound(what: string, id: string): never {
  throw new ApiError(404, 'not_found', `no ${what} "${id.slice(0, 100)}"`, { [what]: id.slice(0, 100) });
}

function link(href: string, rel: string, type: string, title?: string) {
  return title ? { href, rel, type, title } : { href, rel, type };
}

export function ogcRoutes(deps: Deps) {
  const r = new Hono();
  const base = () => `${deps.publicUrl()}/ogc`;
  const crumbs = (...more: { href: string; label: string }[]) => [{ href: `${base()}?f=html`, label: 'OGC API' }, ...more];
  const all = async () => collections(deps.store, await deps.snapshot(), deps.past);
  // A view of the past offers no contributions (api/ogc/collections.ts): asked for there, they are
  // a 404 that says which past (api/views.ts), as the document's asOf on every collection allows.
  const collectionOr404 = async (c: Context) => {
    const id = c.req.param('collectionId') ?? '';
    return (await all()).get(id) ?? notFound('collection', id);
  };
  const context = async () => (await deps.store.layer('municipality'))?.features.map((f) => f.geometry) ?? [];

  r.get('/', async (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const b = base();
    const links = [
      link(`${b}?f=json`, 'self', JSON_TYPE, 'this document'),
      link(`${b}?f=html`, 'alternate', HTML, 'this document as HTML'),
      link(`${b}/api`, 'service-desc', 'application/vnd.oai.openapi+json;version=3.0', 'the API definition'),
      link(`${b}/api.html`, 'service-doc', HTML, 'the API documentation'),
      link(`${b}/conformance`, 'conformance', JSON_TYPE, 'conformance classes'),
      link(`${b}/collections`, 'data', JSON_TYPE, 'feature collections'),
    ];
    const { plan, plans } = await deps.snapshot();
    const title = `piro-map: ${plansTitle(plan.shortTitle, plans.length).bg ?? ''}`.trim();
    const body = { title, description: 'The plan, its interventions, zones and base layers as OGC API – Features.', links };
    if (!wantsHtml(c, q.f)) return c.json(body);
    return c.html(landingView(title, body.description, links, crumbs(), `${b}?f=json`));
  });

  r.get('/conformance', (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    if (!wantsHtml(c, q.f)) return c.json({ conformsTo: CONFORMANCE });
    return c.html(conformanceView(CONFORMANCE, crumbs(), `${base()}/conformance?f=json`));
  });

  r.get('/api', async (c) => {
    parseQuery(c.req.url, PAGE_ONLY);
    const snapshot = await deps.snapshot();
    const document = ogcOpenApi([...collections(deps.store, snapshot, deps.past).values()], base(), await dataExamples(deps.store, snapshot));
    return c.body(JSON.stringify(document), 200, { 'Content-Type': 'application/vnd.oai.openapi+json;version=3.0' });
  });
  r.get('/api.html', (c) => {
    parseQuery(c.req.url, []);
    return c.html(swaggerPage('/ogc/api'));
  });

  const describe = (col: Collection) => {
    const b = `${base()}/collections/${col.id}`;
    return {
      id: col.id,
      title: col.title.en ?? col.title.bg ?? col.id,
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
        link(`${deps.publicUrl()}/api/sources`, 'license', 'text/markdown', col.licence),
      ],
    };
  };

  r.get('/collections', async (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const list = [...(await all()).values()].map(describe);
    const links = [link(`${base()}/collections?f=json`, 'self', JSON_TYPE), link(`${base()}/collections?f=html`, 'alternate', HTML)];
    if (!wantsHtml(c, q.f)) return c.json({ links, collections: list, crs: SUPPORTED_CRS });
    return c.html(collectionsView(base(), list, crumbs(), `${base()}/collections?f=json`));
  });

  r.get('/collections/:collectionId', async (c) => {
    const q = parseQuery(c.req.url, PAGE_ONLY);
    const col = await collectionOr404(c);
    if (!wantsHtml(c, q.f)) return c.json(describe(col));
    return c.html(collectionView(base(), col, crumbs({ href: `${base()}/collections?f=html`, label: 'Collections' }), `${base()}/collections/${col.id}?f=json`));
  });

  r.get('/collections/:collectionId/queryables', async (c) => {
    parseQuery(c.req.url, PAGE_ONLY);
    const col = await collectionOr404(c);
    if (!col.filterable) notFound('queryables for collection', col.id);
    return c.body(JSON.stringify(interventionQueryables(`${base()}/collections/${col.id}/queryables`)), 200, { 'Content-Type': 'application/schema+json' });
  });

  r.get('/collections/:collectionId/items', async (c) => {
    const col = await collectionOr404(c);
    const q: ItemQuery = col.filterable ? parseQuery(c.req.url, FILTERABLE_ITEM_PARAMS) : parseQuery(c.req.url, BASE_ITEM_PARAMS);
    const crs = q.crs ?? 'OGC:CRS84';
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const { matched, features: page } = await matchingFeatures(deps, col, q, { limit, offset });
    const self = new URL(c.req.url);
    const at = (o: number, f: string) => {
      const u = new URL(`${base()}/collections/${col.id}/items${self.search}`);
      u.searchParams.set('offset', String(o));
      u.searchParams.set('limit', String(limit));
      u.searchParams.set('f', f);
      return u.toString();
    };
    const nav = [
      ...(offset + limit < matched ? [link(at(offset + limit, 'json'), 'next', GEOJSON, 'next page')] : []),
      ...(offset > 0 ? [link(at(Math.max(0, offset - limit), 'json'), 'prev', GEOJSON, 'previous page')] : []),
    ];
    const links = [
      link(at(offset, 'json'), 'self', GEOJSON, 'this page'),
      link(at(offset, 'html'), 'alternate', HTML, 'this page as HTML'),
      link(`${base()}/collections/${col.id}`, 'collection', JSON_TYPE, 'the collection'),
      ...nav,
    ];
    c.header('Content-Crs', `<${CRS[crs].uri}>`);
    const shown = () => page.map((f) => parseJsonBytes<OgcFeature>(f));
    if (wantsHtml(c, q.f))
      return c.html(
        itemsView(base(), col, shown(), {
          matched,
          offset,
          nav,
          context: await context(),
          crumbs: crumbs({ href: `${base()}/collections/${col.id}?f=html`, label: col.id }),
          jsonHref: at(offset, 'json'),
        }),
      );
    // In lon/lat the stored features go out as they are, joined into the collection's text.
    const features = crs === 'OGC:CRS84' ? page : shown().map((f) => jsonBytes(inCrs(f, crs)));
    const head = { type: 'FeatureCollection', numberMatched: matched, numberReturned: page.length, timeStamp: new Date().toISOString(), links };
    return c.body(collectionText(head, features), 200, { 'Content-Type': `${GEOJSON}; charset=utf-8` });
  });

  r.get('/collections/:collectionId/items/:featureId', async (c) => {
    const col = await collectionOr404(c);
    const q = parseQuery(c.req.url, ITEM_PARAMS);
    const id = c.req.param('featureId');
    const crs = q.crs ?? 'OGC:CRS84';
    const found = (await oneFeature(deps, col, id)) ?? notFound('feature', id);
    const b = `${base()}/collections/${col.id}/items/${encodeURIComponent(id)}`;
    c.header('Content-Crs', `<${CRS[crs].uri}>`);
    if (wantsHtml(c, q.f)) return c.html(itemView(id, found, await context(), crumbs({ href: `${base()}/collections/${col.id}/items?f=html`, label: col.id }), `${b}?f=json`));
    const feature = {
      ...inCrs(found, crs),
      links: [link(`${b}?f=json`, 'self', GEOJSON), link(`${b}?f=html`, 'alternate', HTML), link(`${base()}/collections/${col.id}`, 'collection', JSON_TYPE)],
    };
    return c.body(JSON.stringify(feature), 200, { 'Content-Type': `${GEOJSON}; charset=utf-8` });
  });

  return r;
}
