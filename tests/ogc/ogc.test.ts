// OGC API – Features on the Kazanlak data through `app.request`: resources, paging, CRS, filters,
// queryables, HTML, and the OpenAPI 3.0 document.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { toCrs } from '../../geo/crs.ts';
import { apiOn } from '../helpers/api.ts';
import { collect, KAZANLAK } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(KAZANLAK, 'ogc');
afterAll(() => store.close());

const EPSG = (n: number) => `http://www.opengis.net/def/crs/EPSG/0/${n}`;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

async function allItems(path: string, limit = 10): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  let url: string | undefined = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}`;
  for (let i = 0; url && i < 100; i++) {
    const body: { features: { id: string }[]; links: { rel: string; href: string }[] } = await json(url.replace('http://localhost', ''));
    out.push(...body.features);
    url = body.links.find((l) => l.rel === 'next')?.href;
  }
  return out;
}

describe('OGC API – Features core', () => {
  it('has a landing page with the required links', async () => {
    const body = await json('/ogc');
    expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']));
  });

  it('is open to every origin without credentials, and answers a preflight', async () => {
    const page = await get('/ogc/collections/interventions/items?limit=1', { headers: { Origin: 'https://gis.example' } });
    expect(page.headers.get('access-control-allow-origin')).toBe('*');
    expect(page.headers.get('access-control-allow-credentials')).toBeNull();
    expect(page.headers.get('access-control-expose-headers')).toContain('Content-Crs');
    const preflight = await get('/ogc/collections/interventions/items', {
      method: 'OPTIONS',
      headers: { Origin: 'https://gis.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('if-none-match');
    expect(preflight.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('declares its conformance classes', async () => {
    const { conformsTo } = await json('/ogc/conformance');
    expect(conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
        'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
      ]),
    );
  });

  it('lists the collections with extents, CRS, storage CRS and licence links', async () => {
    const { collections } = await json('/ogc/collections');
    const ids = collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['interventions', 'zones', 'settlements', 'settlement-areas', 'municipality', 'rivers', 'water-bodies', 'landmarks']));
    const interventions = collections.find((c: { id: string }) => c.id === 'interventions');
    expect(interventions.crs).toEqual([CRS84, EPSG(4326), EPSG(7801)]);
    expect(interventions.storageCrs).toBe(CRS84);
    expect(interventions.extent.spatial.bbox[0]).toHaveLength(4);
    expect(interventions.extent.temporal.interval[0][0]).toMatch(/^\d{4}-01-01T/);
    expect(interventions.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'items', 'license', 'http://www.opengis.net/def/rel/ogc/1.0/queryables']));
    expect((await get('/ogc/collections/roads')).status).toBe(404);
  });

  it('pages items with numberMatched, next/prev, and every feature exactly once', async () => {
    const first = await json('/ogc/collections/interventions/items?limit=10');
    expect(first).toMatchObject({ type: 'FeatureCollection', numberMatched: 86, numberReturned: 10 });
    expect(first.links.map((l: { rel: string; type: string }) => `${l.rel} ${l.type}`)).toEqual(
      expect.arrayContaining(['self application/geo+json', 'alternate text/html', 'collection application/json', 'next application/geo+json']),
    );
    const ids = (await allItems('/ogc/collections/interventions/items')).map((f) => f.id);
    expect(ids).toHaveLength(86);
    expect(new Set(ids).size).toBe(86);
  });

  it('caps a large limit at 10 000 instead of refusing it', async () => {
    const res = await get('/ogc/collections/interventions/items?limit=50000');
    expect(res.status).toBe(200);
    expect((await res.json()).numberReturned).toBe(86);
  });

  it('filters by bbox like /api and by each simple property', async () => {
    const bbox = '25.30,42.70,25.36,42.73';
    const ogc = (await allItems(`/ogc/collections/interventions/items?bbox=${bbox}`)).map((f) => f.id);
    const api = (await json(`/api/interventions?bbox=${bbox}&limit=1000`)).features.map((f: { id: string }) => f.id);
    expect(ogc).toEqual(api);
    for (const [name, value] of [['theme', 'water'], ['status', 'completed'], ['settlement', '83199'], ['accuracy', 'site'], ['goal', 'SG1'], ['priority', 'P-TOURISM'], ['funding', 'npvu'], ['zone', 'ITI1-Z2']]) {
      const ogcIds = (await allItems(`/ogc/collections/interventions/items?${name}=${value}`)).map((f) => f.id);
      const apiIds = (await json(`/api/interventions?${name}=${value}&limit=1000`)).features.map((f: { id: string }) => f.id);
      expect(ogcIds, name).toEqual(apiIds);
    }
  });

  it('matches datetime against the intervention period', async () => {
    const open = await json('/ogc/collections/interventions/items?datetime=2026-01-01/..&limit=1');
    expect(open.numberMatched).toBe((await store.countInterventions({ from: 2026 })));
    const instant = await json('/ogc/collections/interventions/items?datetime=2025-06-01T00:00:00Z&limit=1');
    expect(instant.numberMatched).toBe((await store.countInterventions({ from: 2025, to: 2025 })));
  });

  it('returns one feature, flattened to simple properties, and 404 for an unknown id', async () => {
    const f = await json('/ogc/collections/interventions/items/KZN-037');
    expect(f).toMatchObject({ type: 'Feature', id: 'KZN-037', properties: { title_bg: expect.stringContaining('Енина'), theme: 'water' } });
    expect(f.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'alternate', 'collection']);
    expect((await get('/ogc/collections/interventions/items/KZN-999')).status).toBe(404);
    expect((await json('/ogc/collections/settlements/items/83199')).properties.name_bg).toBe('Шипка');
  });
});

describe('Part 2: CRS by reference', () => {
  it('answers in EPSG:7801 northing first, within 1 cm of proj4, with Content-Crs', async () => {
    const res = await get(`/ogc/collections/interventions/items/KZN-037?crs=${EPSG(7801)}`);
    expect(res.headers.get('content-crs')).toBe(`<${EPSG(7801)}>`);
    const [n, e] = (await res.json()).geometry.coordinates;
    const [lon, lat] = (await store.getIntervention('KZN-037'))!.geometry!.coordinates as [number, number];
    const [en, ee] = toCrs([lon, lat], 'EPSG:7801');
    expect(Math.abs(n - en)).toBeLessThan(0.01);
    expect(Math.abs(e - ee)).toBeLessThan(0.01);
    expect(n).toBeGreaterThan(e);
  });

  it('answers in EPSG:4326 latitude first and in CRS84 by default', async () => {
    const lat = (await json(`/ogc/collections/interventions/items/KZN-037?crs=${EPSG(4326)}`)).geometry.coordinates;
    const lon = (await json('/ogc/collections/interventions/items/KZN-037')).geometry.coordinates;
    expect(lat).toEqual([lon[1], lon[0]]);
    expect((await get('/ogc/collections/interventions/items?limit=1')).headers.get('content-crs')).toBe(`<${CRS84}>`);
  });

  it('reads bbox in bbox-crs', async () => {
    const [minN, minE] = toCrs([25.3, 42.7], 'EPSG:7801');
    const [maxN, maxE] = toCrs([25.36, 42.73], 'EPSG:7801');
    const inBgs = (await allItems(`/ogc/collections/interventions/items?bbox=${minN},${minE},${maxN},${maxE}&bbox-crs=${EPSG(7801)}`)).map((f) => f.id);
    const inLatLon = (await allItems(`/ogc/collections/interventions/items?bbox=42.70,25.30,42.73,25.36&bbox-crs=${EPSG(4326)}`)).map((f) => f.id);
    expect(inLatLon).toEqual(['KZN-038', 'KZN-039', 'KZN-055', 'KZN-056', 'KZN-060']);
    expect(inBgs).toEqual(expect.arrayContaining(inLatLon));
  });
});

describe('Part 3: queryables and CQL2 text', () => {
  it('publishes the queryables as JSON Schema', async () => {
    const res = await get('/ogc/collections/interventions/queryables');
    expect(res.headers.get('content-type')).toMatch(/application\/schema\+json/);
    const schema = await res.json();
    expect(schema.properties.theme.enum).toContain('water');
    expect(schema.properties.budgetEur.type).toBe('number');
  });

  it.each([
    ["theme = 'water'", (p: any) => p.theme === 'water'],
    ["theme = 'water' AND budgetEur > 1000000", (p: any) => p.theme === 'water' && p.budgetEur > 1_000_000],
    ["(status <> 'planned') AND startYear >= 2024", (p: any) => p.status !== 'planned' && p.startYear >= 2024],
    ['budgetEur IS NULL', (p: any) => p.budgetEur === null],
    ['outsideMunicipality = TRUE', (p: any) => p.outsideMunicipality === true],
    ["theme = 'water' OR theme = 'sport'", (p: any) => p.theme === 'water' || p.theme === 'sport'],
    ["NOT (status = 'planned') AND (theme = 'water' OR budgetEur >= 5000000)", (p: any) => p.status !== 'planned' && (p.theme === 'water' || p.budgetEur >= 5_000_000)],
  ])('filters with %s', async (filter, predicate) => {
    const got = (await allItems(`/ogc/collections/interventions/items?filter-lang=cql2-text&filter=${encodeURIComponent(filter)}`, 100)).map((f) => f.id);
    const expected = (await collect(store.streamInterventions({})))
      .filter(({ feature }) => predicate(feature.properties))
      .map(({ feature }) => feature.id);
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(0);
  });

  it.each(["theme = 'water' OR", 'colour = 1', '((((theme', "NOT theme", "theme = 'unterminated", 'budgetEur >', ''])('refuses the filter %j with 400', async (filter) => {
    const res = await get(`/ogc/collections/interventions/items?filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.parameter).toBe('filter');
  });
});

describe('bad input', () => {
  it.each([
    ['/ogc/collections/interventions/items?foo=1', 'foo'],
    ['/ogc/collections/rivers/items?theme=water', 'theme'],
    ['/ogc/collections/interventions/items?limit=0', 'limit'],
    ['/ogc/collections/interventions/items?bbox=1,2,3', 'bbox'],
    ['/ogc/collections/interventions/items?crs=EPSG:3035', 'crs'],
    ['/ogc/collections/interventions/items?datetime=yesterday', 'datetime'],
    ['/ogc/collections/interventions/items?datetime=2026-01-01/2020-01-01', 'datetime'],
    ['/ogc/collections/interventions/items?f=xml', 'f'],
    ['/ogc/collections/interventions/items?filter-lang=cql2-json&filter=x', 'filter-lang'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.parameter).toBe(parameter);
  });
});

describe('HTML', () => {
  it.each(['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/interventions', '/ogc/collections/interventions/items', '/ogc/collections/interventions/items/KZN-037', '/ogc/collections/zones/items'])(
    '%s is a readable page for a browser',
    async (path) => {
      const res = await get(path, { headers: { Accept: 'text/html,application/xhtml+xml' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toMatch(/<h1>/);
      if (path.includes('/items')) expect(html).toContain('<svg');
    },
  );

  it('escapes what it shows', async () => {
    const html = await (await get('/ogc/collections/interventions/items/KZN-001?f=html')).text();
    expect(html).toContain('&quot;');
    expect(html).not.toMatch(/<script/);
  });
});

describe('OpenAPI 3.0 of /ogc', () => {
  it('validates', async () => {
    const document = await json('/ogc/api');
    expect(document.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
  });

  it('declares every parameter the server accepts, and the server accepts every parameter it declares', async () => {
    const document = await json('/ogc/api');
    for (const [path, item] of Object.entries<any>(document.paths)) {
      const url = path.replace('{featureId}', path.includes('/settlements/') ? '35167' : path.includes('/interventions/') ? 'KZN-001' : '__first__');
      if (url.includes('__first__')) continue;
      for (const p of item.get.parameters.filter((p: { in: string }) => p.in === 'query')) {
        const res = await get(`${url}?${p.name}=${encodeURIComponent(p.example ?? 'x')}`);
        const body = res.status === 400 ? await res.json() : null;
        expect(body?.error.code, `${path} ${p.name}`).not.toBe('unknown_parameter');
      }
      expect((await get(`${url}?undeclared=1`)).status, path).toBe(400);
    }
  });
});

describe('the HTML map of a page', () => {
  it('draws shapes with very many vertices as boxes, so the page stays light', async () => {
    const { mapView, MAP_VERTEX_LIMIT } = await import('../../api/ogc/views.ts');
    const n = MAP_VERTEX_LIMIT + 1000;
    const ring = Array.from({ length: n }, (_, i) => [25 + 0.1 * Math.cos((2 * Math.PI * i) / n), 42.6 + 0.1 * Math.sin((2 * Math.PI * i) / n)] as [number, number]);
    ring.push(ring[0]);
    const big = { type: 'Feature' as const, id: 'big', geometry: { type: 'Polygon' as const, coordinates: [ring] }, properties: { name_bg: 'голям' } };
    const html = mapView([big], []);
    expect(html).toContain('bounding boxes');
    expect(html.length).toBeLessThan(5_000);
    const small = mapView([{ ...big, geometry: { type: 'Point' as const, coordinates: [25, 42.6] } }], []);
    expect(small).not.toContain('bounding boxes');
  });
});

describe('RFC 3339 instants', () => {
  it('reads years before 100 as themselves (Date.UTC would make 0000 into 1900)', async () => {
    const { instantMs } = await import('../../api/ogc/params.ts');
    expect(instantMs('0000-07-03')!).toBeLessThan(instantMs('1900-06-05')!);
    expect(instantMs('0000-02-29')).not.toBeNull(); // year 0 is a leap year, 1900 is not
    expect(instantMs('1900-02-29')).toBeNull();
    expect(instantMs('0099-12-31T23:59:59Z')!).toBeLessThan(instantMs('0100-01-01')!);
    expect(instantMs('2025-06-01T10:00:00+02:00')).toBe(Date.UTC(2025, 5, 1, 8));
    expect((await get('/ogc/collections/interventions/items?datetime=0000-07-03%2F1900-06-05&limit=1')).status).toBe(200);
  });
});
