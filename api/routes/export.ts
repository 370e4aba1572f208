// Downloads of exactly what a filter shows: GeoJSON (RFC 7946, or BGS2005 on request) and CSV with
// its CSVW sidecar, streamed feature by feature so memory does not grow with the result.
import { Hono, type Context } from 'hono';
import { planFor } from '../../data/plan-tree.ts';
import { filterToQuery, type Geometry } from '../../geo/index.ts';
import { FeatureExport, InterventionExport } from '../../geo/responses.ts';
import { CRS, transformGeometry } from '../../geo/crs.ts';
import { mapPositions, rewind, roundGeometry } from '../../geo/normalise.ts';
import { publicHref, type Deps } from '../deps.ts';
import { toFilter, toSort } from '../filters.ts';
import { CRS_PARAM, FILTER_PARAMS, parseQuery, SORT_PARAM, type ExportCrs } from '../params.ts';
import { attachment, GEOJSON, withDistance } from '../responses.ts';
import { batched, mapAsync, sendKept, streamed, type Piece } from '../stream.ts';
import { negotiateEncoding } from '../encoding.ts';
import type { RouteDoc } from '../route-doc.ts';
import { CSV_COLUMNS, csvHeader, csvRow, csvwMetadata } from '../csv.ts';
import { layerOr404 } from './reference.ts';

interface Exportable {
  feature: { type: 'Feature'; id: string; geometry: Geometry | null; properties: object };
  distance?: number;
}
const GEOJSON_PARAMS = [...FILTER_PARAMS, SORT_PARAM, CRS_PARAM] as const;
const CSV_PARAMS = [...FILTER_PARAMS, SORT_PARAM] as const;

export const EXPORT_ROUTES: RouteDoc[] = [
  {
    path: '/api/export/interventions.geojson',
    summary: 'Every intervention matching the filter as a GeoJSON file (no paging)',
    description:
      'RFC 7946 (CRS84, 6 decimals, counter-clockwise exterior rings) by default, with the applied filter (`filter`), the generation time (`generated`) and the attribution and licences (`attribution`, `licence`) as foreign members. Items without a place are included with `geometry: null`.',
    tags: ['export'],
    query: [...GEOJSON_PARAMS],
    response: { type: 'application/geo+json', schema: InterventionExport, description: 'a FeatureCollection as an attachment' },
  },
  {
    path: '/api/export/interventions.csv',
    summary: 'Every intervention matching the filter as CSV (UTF-8 with BOM)',
    description:
      'One row per intervention: lon/lat for points, WKT for other geometries, empty for items without a place. The applied filter, columns and licences are restated in the CSVW metadata linked from the `Link` header (`/api/export/interventions.csv-metadata.json` with the same parameters).',
    tags: ['export'],
    query: [...CSV_PARAMS],
    response: { type: 'text/csv', description: 'CSV as an attachment' },
  },
  {
    path: '/api/export/interventions.csv-metadata.json',
    summary: 'CSVW metadata of the CSV export: the applied filter, columns, sources and licence',
    tags: ['export'],
    query: [...CSV_PARAMS],
    response: { type: 'application/csvm+json', description: 'W3C CSV on the Web metadata' },
  },
  {
    path: '/api/export/zones.geojson',
    summary: 'All zones as a GeoJSON file',
    tags: ['export'],
    query: [CRS_PARAM],
    response: { type: 'application/geo+json', schema: FeatureExport, description: 'a FeatureCollection as an attachment' },
  },
  {
    path: '/api/export/layers/{name}.geojson',
    summary: 'One base layer as a GeoJSON file',
    tags: ['export'],
    query: [CRS_PARAM],
    pathParams: [{ name: 'name', description: 'layer name from /api/layers (every dataset has a "municipality" layer)', example: 'municipality' }],
    response: { type: 'application/geo+json', schema: FeatureExport, description: 'a FeatureCollection as an attachment' },
    errors: [404],
  },
];

/**
 * Coordinates for the export: RFC 7946 lon/lat by default. A GeoJSON file in another CRS keeps
 * GeoJSON's x, y order (GeoJSON 2008 §3: easting, northing; lon, lat), because that is how GDAL
 * and QGIS read such files whatever axis order the CRS itself defines (EPSG:7801 defines northing
 * first; OGC API – Features, which follows the CRS order, is the place for that).
 */
function exportGeometry(g: Geometry | null, crs: ExportCrs): Geometry | null {
  if (!g) return null;
  const rfc = rewind(roundGeometry(g));
  if (crs !== 'EPSG:7801') return rfc;
  const northFirst = transformGeometry(rfc, 'OGC:CRS84', 'EPSG:7801');
  return roundGeometry(mapPositions(northFirst, ([n, e]) => [e, n]), 3);
}

function crsMembers(crs: ExportCrs): Record<string, unknown> {
  if (crs === 'CRS84') return {};
  const code = crs === 'EPSG:7801' ? 'EPSG::7801' : 'EPSG::4326';
  // Not RFC 7946: the old-style `crs` member is how GDAL and QGIS learn the CRS of such a file.
  return {
    crs: { type: 'name', properties: { name: `urn:ogc:def:crs:${code}` } },
    coordinateOrder: crs === 'EPSG:7801' ? 'easting,northing' : 'lon,lat',
  };
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export function exportRoutes(deps: Deps) {
  const r = new Hono();
  const licence = 'Facts from public sources cited per feature; positions and boundaries: see attribution (OpenStreetMap-derived data under ODbL-1.0). Full list: /api/sources';

  /** A FeatureCollection piece by piece: the head, the features (as JSON text or bytes), the tail. */
  async function* collectionChunks(name: string, head: Record<string, unknown>, features: AsyncIterable<Piece>, crs: ExportCrs): AsyncGenerator<Piece> {
    const { attribution } = await deps.snapshot();
    const top = { type: 'FeatureCollection', name, ...crsMembers(crs), ...head, generated: new Date().toISOString(), attribution, licence };
    yield `${JSON.stringify(top).slice(0, -1)},"features":[\n`;
    let count = 0;
    yield* batched(mapAsync(features, (f) => (count++, f)), 200, ',\n');
    yield `\n],"numberReturned":${count}}\n`;
  }
  const downloadHeaders = (name: string, crs: ExportCrs) => {
    const headers: Record<string, string> = { 'Content-Type': GEOJSON, 'Content-Disposition': attachment(name, 'geojson') };
    if (crs !== 'CRS84') headers['Content-Crs'] = `<${CRS[crs].uri}>`;
    return headers;
  };
  const featureCollection = (c: Context, name: string, head: Record<string, unknown>, features: AsyncIterable<Piece>, crs: ExportCrs) =>
    streamed(c, collectionChunks(name, head, features, crs), downloadHeaders(name, crs));
  const asJson = (items: AsyncIterable<Exportable>, crs: ExportCrs) =>
    mapAsync(items, (found) => {
      const feature = withDistance(found);
      return JSON.stringify({ ...feature, geometry: exportGeometry(feature.geometry, crs) });
    });

  r.get('/interventions.geojson', async (c) => {
    const q = parseQuery(c.req.url, GEOJSON_PARAMS);
    const filter = toFilter(q, (await deps.snapshot()).known);
    const crs = q.crs ?? 'CRS84';
    const sort = toSort(q, filter);
    // The whole live dataset is kept as a file per revision (api/export-cache.ts).
    if (deps.exportCache && !deps.past && crs === 'CRS84' && !sort && Object.keys(filterToQuery(filter)).length === 0) {
      const gzip = negotiateEncoding(c.req.header('accept-encoding')) === 'gzip';
      const whole = () => collectionChunks('interventions', { filter: {} }, deps.store.streamInterventionJson({}), crs);
      const kept = await deps.exportCache.open(await deps.store.revision(), gzip, whole);
      if (kept) return sendKept(kept, gzip, downloadHeaders('interventions', crs));
    }
    // Stored features are RFC 7946 already: in CRS84 and without distances they go out as stored.
    const features =
      crs === 'CRS84' && !filter.near ? deps.store.streamInterventionJson(filter, sort) : asJson(deps.store.streamInterventions(filter, sort), crs);
    return featureCollection(c, 'interventions', { filter: filterToQuery(filter) }, features, crs);
  });

  r.get('/interventions.csv', async (c) => {
    const q = parseQuery(c.req.url, CSV_PARAMS);
    const snapshot = await deps.snapshot();
    const filter = toFilter(q, snapshot.known);
    // Every check happens before the stream starts: once headers are out, an error can only cut the file.
    const sort = toSort(q, filter);
    const names = new Map([...snapshot.settlementName].map(([id, name]) => [id, name.bg ?? id]));
    const columns = CSV_COLUMNS.filter((col) => col.name !== 'distance_m' || filter.near);
    async function* chunks() {
      // The BOM makes Excel read the file as UTF-8, so Cyrillic survives a double-click.
      yield `\uFEFF${csvHeader(columns)}`;
      yield* batched(mapAsync(deps.store.streamInterventions(filter, sort), (found) => csvRow(columns, found, names)));
    }
    const metadata = publicHref(deps, c.req.url).replace('/interventions.csv', '/interventions.csv-metadata.json');
    return streamed(c, chunks(), {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': attachment('interventions', 'csv'),
      Link: `<${metadata}>; rel="describedby"; type="application/csvm+json"`,
    });
  });

  r.get('/interventions.csv-metadata.json', async (c) => {
    const q = parseQuery(c.req.url, CSV_PARAMS);
    const snapshot = await deps.snapshot();
    const filter = toFilter(q, snapshot.known);
    toSort(q, filter); // refuse what the CSV itself would refuse
    const columns = CSV_COLUMNS.filter((col) => col.name !== 'distance_m' || filter.near);
    const body = csvwMetadata({
      csvUrl: publicHref(deps, c.req.url).replace('/interventions.csv-metadata.json', '/interventions.csv'),
      title: planFor(snapshot.plans, filter).shortTitle,
      filter: filterToQuery(filter),
      matched: await deps.store.countInterventions(filter),
      columns,
      attribution: snapshot.attribution,
      licence,
    });
    return c.body(JSON.stringify(body, null, 2), 200, { 'Content-Type': 'application/csvm+json; charset=utf-8' });
  });

  r.get('/zones.geojson', async (c) => {
    const q = parseQuery(c.req.url, [CRS_PARAM]);
    const crs = q.crs ?? 'CRS84';
    const zones = (await deps.snapshot()).zones;
    return featureCollection(c, 'zones', {}, asJson(fromArray(zones.map((feature) => ({ feature }))), crs), crs);
  });

  r.get('/layers/:file', async (c) => {
    const q = parseQuery(c.req.url, [CRS_PARAM]);
    const file = c.req.param('file');
    const layer = await layerOr404(deps, file.replace(/\.geojson$/, ''));
    if (!file.endsWith('.geojson')) return c.notFound();
    const crs = q.crs ?? 'CRS84';
    const features = layer.features.map((feature) => ({ feature: { ...feature, id: String(feature.id) } }));
    return featureCollection(c, layer.info.name, {}, asJson(fromArray(features), crs), crs);
  });
  return r;
}
