// /api/tiles on the Kazanlak dataset: every located item is counted once per zoom in the cells of
// the tiles that cover it, clusters say how many of each theme they hold, from zoom 14 each item is
// there in its own geometry, the filters of the list apply, and bad tile addresses are 400s.
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, describe, expect, it } from 'vitest';
import { TileJson } from '../../geo/responses.ts';
import { TileCache } from '../../api/routes/tiles.ts';
import { representativePoint } from '../../geo/spatial.ts';
import { CELLS_PER_TILE, ITEMS_FROM_ZOOM, tileAt, tileBBox, tileGrid, type TileAddress } from '../../geo/tile.ts';
import type { InterventionFilter } from '../../geo/index.ts';
import { apiOn, ORIGIN } from '../helpers/api.ts';
import { KAZANLAK, MINI } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(KAZANLAK, 'api-tiles');
afterAll(() => store.close());

/** Each located item's point, as the store keeps it (the representative point of its geometry). */
async function points(filter: InterventionFilter = {}) {
  return (await store.interventionPlaces({ ...filter, located: true })).map((p) => ({ id: p.id, at: representativePoint(p.geometry!) }));
}

/** The tiles at zoom z that hold a point of `at`. */
function tilesOf(at: [number, number][], z: number): TileAddress[] {
  return [...new Map(at.map(([lon, lat]) => tileAt(lon, lat, z)).map((t) => [`${t.x}/${t.y}`, t])).values()];
}

async function tile(t: TileAddress, query = ''): Promise<{ status: number; type: string | null; features: VectorTileFeature[]; bytes: number }> {
  const res = await get(`/api/tiles/interventions/${t.z}/${t.x}/${t.y}.mvt${query}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const layer = res.status === 200 && bytes.length ? new VectorTile(new PbfReader(bytes)).layers.interventions : undefined;
  return { status: res.status, type: res.headers.get('content-type'), features: layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i)) : [], bytes: bytes.length };
}

const inside = ([lon, lat]: [number, number], [w, s, e, n]: number[]) => lon >= w && lon < e && lat > s && lat <= n;

describe('the cells of a tile (store)', () => {
  const filters: [string, InterventionFilter][] = [
    ['no filter', {}],
    ['theme=transport,water', { theme: ['transport', 'water'] }],
    ['near the town centre', { near: { lon: 25.3927, lat: 42.6191, radius: 3000 } }],
  ];
  it.each(filters)('count every located item once in its own tile at every zoom below 14 (%s)', async (_, filter) => {
    const all = await points(filter);
    expect(all.length).toBeGreaterThan(0);
    for (let z = 0; z < ITEMS_FROM_ZOOM; z++) {
      let counted = 0;
      for (const t of tilesOf(all.map((p) => p.at), z)) {
        const grid = tileGrid(t);
        const own = (await store.interventionCells(filter, grid)).filter((r) => {
          const column = grid.column + r.cx - t.x * CELLS_PER_TILE;
          const row = grid.row + r.cy - t.y * CELLS_PER_TILE;
          return column >= 0 && column < CELLS_PER_TILE && row >= 0 && row < CELLS_PER_TILE;
        });
        const n = own.reduce((sum, r) => sum + r.count, 0);
        expect(n, `${z}/${t.x}/${t.y}`).toBe(all.filter((p) => inside(p.at, tileBBox(t))).length);
        counted += n;
      }
      expect(counted, `zoom ${z}`).toBe(all.length);
    }
  });

  it('splits a tile exactly: the outer edges of its cells are its own, to the last bit', async () => {
    // Scaling by a power of two is exact, so a point on a tile's edge is on its cells' edge too, and
    // the half-open rules of tileBBox and of the cells put it in the same one place.
    for (const t of [tileAt(25.3927, 42.6191, 10), { z: 3, x: 0, y: 0 }, { z: 3, x: 7, y: 7 }]) {
      const grid = tileGrid(t);
      const [w, s, e, n] = tileBBox(t);
      // The ring of cells around the tile, but none beyond the world's edge.
      const column = t.x === 0 ? 0 : 1;
      const row = t.y === 0 ? 0 : 1;
      expect([grid.lonEdges[column], grid.lonEdges[column + CELLS_PER_TILE]]).toEqual([w, e]);
      expect([grid.latEdges[row], grid.latEdges[row + CELLS_PER_TILE]]).toEqual([n, s]);
    }
  });
});

describe('GET /api/tiles/interventions/{z}/{x}/{y}.mvt', () => {
  const centre = tileAt(25.3927, 42.6191, 10);

  it('answers MVT with clusters that count their items per theme', async () => {
    const { status, type, features } = await tile(centre);
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.mapbox-vector-tile');
    const clusters = features.filter((f) => f.properties.cluster);
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) {
      const perTheme = Object.entries(c.properties).filter(([k]) => k.startsWith('theme:'));
      expect(perTheme.reduce((n, [, v]) => n + Number(v), 0)).toBe(c.properties.count);
      const most = Math.max(...perTheme.map(([, v]) => Number(v)));
      expect(c.properties[`theme:${c.properties.theme}`]).toBe(most);
    }
    for (const f of features.filter((x) => !x.properties.cluster)) {
      expect(f.properties).toMatchObject({ count: 1, id: expect.stringMatching(/^KZN-/), theme: expect.any(String), status: expect.any(String), locationAccuracy: expect.any(String) });
    }
  });

  it('from zoom 14 holds each item in its own geometry, piles of one position as one feature with their ids', async () => {
    const all = await points();
    const seen = new Set<string>();
    for (const t of tilesOf(all.map((p) => p.at), ITEMS_FROM_ZOOM)) {
      for (const f of (await tile(t)).features) {
        if (f.properties.ids) {
          const ids = JSON.parse(String(f.properties.ids)) as string[];
          expect(ids.length).toBe(f.properties.count);
          expect(ids.length).toBeGreaterThan(1);
          ids.forEach((id) => seen.add(id));
        } else seen.add(String(f.properties.id));
        expect(f.properties.cluster).toBeUndefined();
      }
    }
    for (const p of all) expect(seen, p.id).toContain(p.id);
  });

  it('from zoom 14 draws lines and areas in their shape (the mini fixture has both)', async () => {
    const mini = await apiOn(MINI, 'api-tiles-mini');
    try {
      const located = (await mini.store.interventionPlaces({ located: true })).filter((p) => p.geometry!.type !== 'Point');
      expect(located.length).toBeGreaterThan(0);
      for (const p of located) {
        const t = tileAt(...representativePoint(p.geometry!), 15);
        const res = await mini.get(`/api/tiles/interventions/15/${t.x}/${t.y}.mvt`);
        const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.interventions;
        const mine = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((f) => f.properties.id === p.id);
        expect(mine?.type, p.id).toBe(p.geometry!.type === 'LineString' ? 2 : 3);
      }
    } finally {
      await mini.store.close();
    }
  });

  it('applies the filters of the list', async () => {
    const world = { z: 0, x: 0, y: 0 };
    const count = async (query: string) => (await tile(world, query)).features.reduce((n, f) => n + Number(f.properties.count), 0);
    expect(await count('')).toBe((await points()).length);
    expect(await count('?theme=water')).toBe((await points({ theme: ['water'] })).length);
    expect(await count('?status=completed&theme=water')).toBe((await points({ theme: ['water'], status: ['completed'] })).length);
    expect(await count('?q=%D1%88%D0%B8%D0%BF%D0%BA%D0%B0')).toBe((await points({ q: 'шипка' })).length);
    expect(await count('?near=25.3927,42.6191&radius=1000')).toBe((await points({ near: { lon: 25.3927, lat: 42.6191, radius: 1000 } })).length);
    expect(await count('?located=false')).toBe(0);
    expect((await tile(world, '?theme=nonsense')).status).toBe(400);
  });

  it('is empty (and 200) where nothing is', async () => {
    const { status, bytes } = await tile({ z: 12, x: 0, y: 0 });
    expect([status, bytes]).toEqual([200, 0]);
  });

  it('gives an ETag and answers 304 to it', async () => {
    const url = `/api/tiles/interventions/${centre.z}/${centre.x}/${centre.y}.mvt`;
    const first = await get(url);
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect((await get(url, { headers: { 'If-None-Match': tag! } })).status).toBe(304);
  });

  it('reads the past with asOf, as every public read does', async () => {
    const res = await get(`/api/tiles/interventions/0/0/0.mvt?asOf=2020-12-31`);
    expect(res.status).toBe(200);
    const now = (await tile({ z: 0, x: 0, y: 0 })).features.reduce((n, f) => n + Number(f.properties.count), 0);
    const then = (await tile({ z: 0, x: 0, y: 0 }, '?asOf=2020-12-31')).features.reduce((n, f) => n + Number(f.properties.count), 0);
    expect(then).toBeLessThan(now);
  });

  it.each([
    ['/api/tiles/interventions/23/0/0.mvt', 'z'],
    ['/api/tiles/interventions/-1/0/0.mvt', 'z'],
    ['/api/tiles/interventions/a/0/0.mvt', 'z'],
    ['/api/tiles/interventions/1/2/0.mvt', 'x'],
    ['/api/tiles/interventions/1/0/2.mvt', 'y'],
    ['/api/tiles/interventions/3/1.5/0.mvt', 'x'],
    ['/api/tiles/interventions/3/0/1e1.mvt', 'y'],
    ['/api/tiles/interventions/3/0/%00.mvt', 'y'],
    ['/api/tiles/interventions/3/0/99999999999999999999.mvt', 'y'],
    ['/api/tiles/interventions/03/0/0.mvt', 'z'],
    ['/api/tiles/interventions/3/00/0.mvt', 'x'],
  ])('%s is a 400 naming %s', async (url, parameter) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_parameter', details: { parameter } });
  });

  it.each(['/api/tiles/interventions/3/0/0.png', '/api/tiles/interventions/3/0/0', '/api/tiles/interventions/3/0', '/api/tiles/streets/0/0/0.mvt'])('%s is a 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('the tile cache', () => {
  it('charges each entry beyond its bytes, drops the least recently used, and keeps a newer entry when an older one fails', async () => {
    const cache = new TileCache(10_000);
    for (let i = 0; i < 1000; i++) await cache.get(`empty ${i}`, async () => new Uint8Array(0));
    // Empty tiles cost their keeping: 1000 of them do not fit in 10 kB.
    expect(cache.size).toBeLessThan(30);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    let fail!: (e: Error) => void;
    const failing = cache.get('k', () => new Promise((_, reject) => (fail = reject)));
    for (let i = 0; i < 40; i++) await cache.get(`push ${i}`, async () => new Uint8Array(100)); // pushes 'k' out
    const fresh = await cache.get('k', async () => new Uint8Array([1]));
    fail(new Error('gone'));
    await expect(failing).rejects.toThrow('gone');
    expect(await cache.get('k', async () => new Uint8Array([2]))).toBe(fresh);
  });
});

describe('GET /api/tiles/interventions.json', () => {
  it('is TileJSON whose tile URL carries the filter, from PUBLIC_URL', async () => {
    const body = TileJson.parse(await json('/api/tiles/interventions.json?theme=water'));
    expect(body.tiles).toEqual([`${ORIGIN}/api/tiles/interventions/{z}/{x}/{y}.mvt?theme=water`]);
    expect(body.vector_layers.map((l) => l.id)).toEqual(['interventions']);
    const [w, s, e, n] = body.bounds!;
    expect(w < 25.4 && e > 25.4 && s < 42.62 && n > 42.62).toBe(true);
    const wrong = await get('/api/tiles/interventions.json?theme=nonsense');
    expect(wrong.status).toBe(400);
  });
});

describe('the base and zones tiles', () => {
  async function base(t: TileAddress, query = '', source = 'base') {
    const res = await get(`/api/tiles/${source}/${t.z}/${t.x}/${t.y}.mvt${query}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const layers = res.status === 200 && bytes.length ? new VectorTile(new PbfReader(bytes)).layers : {};
    const features = (name: string) => (layers[name] ? Array.from({ length: layers[name].length }, (_, i) => layers[name].feature(i)) : []);
    return { status: res.status, type: res.headers.get('content-type'), bytes: bytes.length, names: Object.keys(layers).sort(), features };
  }
  /** The tiles at zoom z that a box reaches. */
  function tilesOver([w, s, e, n]: number[], z: number): TileAddress[] {
    const a = tileAt(w, n, z);
    const b = tileAt(e, s, z);
    const out: TileAddress[] = [];
    for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
    return out;
  }

  it('is TileJSON naming a vector layer per base layer, with the layers\' attribution, and one for the zones, from PUBLIC_URL', async () => {
    const body = TileJson.parse(await json('/api/tiles/base.json'));
    expect(body.tiles).toEqual([`${ORIGIN}/api/tiles/base/{z}/{x}/{y}.mvt`]);
    const layers = (await json('/api/layers')) as { name: string; attribution: string }[];
    expect(body.vector_layers.map((l) => l.id)).toEqual(layers.map((l) => l.name));
    const zones = TileJson.parse(await json('/api/tiles/zones.json'));
    expect(zones.tiles).toEqual([`${ORIGIN}/api/tiles/zones/{z}/{x}/{y}.mvt`]);
    expect(zones.vector_layers.map((l) => l.id)).toEqual(['zones']);
    for (const l of layers) for (const part of l.attribution.split(' · ')) expect(body.attribution).toContain(part.trim());
    expect(body.attribution!.split(' · ').length).toBe(new Set(body.attribution!.split(' · ')).size);
    expect((await get('/api/tiles/base.json?theme=water')).status).toBe(400);
  });

  it('draws each base layer and each zone with a drawn extent in the tiles over it, with what a style needs and nothing more', async () => {
    const layers = (await json('/api/layers?include=features')) as { name: string; features: { id?: string; geometry: unknown }[] }[];
    const zones = ((await json('/api/zones')) as { features: { id: string; geometry: GeoJSON.Geometry | null; properties: { kind: string; masterPlanType?: string } }[] }).features;
    const box = (await json('/api/tiles/base.json')).bounds as number[];
    const seen = new Map<string, Set<string>>();
    for (const t of tilesOver(box, 11)) {
      const [layerTile, zoneTile] = [await base(t), await base(t, '', 'zones')];
      expect([layerTile.status, zoneTile.status]).toEqual([200, 200]);
      expect(zoneTile.names.every((n) => n === 'zones')).toBe(true);
      for (const tile of [layerTile, zoneTile])
      for (const name of tile.names)
        for (const f of tile.features(name)) {
          (seen.get(name) ?? seen.set(name, new Set()).get(name)!).add(String(f.properties.id));
          expect(Object.keys(f.properties).every((k) => ['id', 'name:bg', 'name:en', 'kind', 'municipalityCode', 'masterPlanType', 'geometryAccuracy'].includes(k)), JSON.stringify(f.properties)).toBe(true);
        }
    }
    const municipality = layers.find((l) => l.name === 'municipality')!;
    expect([...(seen.get('municipality') ?? [])]).toEqual(municipality.features.map((f) => String(f.id)));
    expect(seen.get('settlement-areas')?.size).toBe(layers.find((l) => l.name === 'settlement-areas')!.features.length);
    const drawn = zones.filter((z) => z.geometry);
    expect(drawn.length).toBeGreaterThan(0);
    for (const z of drawn) expect(seen.get('zones')?.has(z.id), z.id).toBe(true);
    // A zone without a drawn extent is in no tile.
    for (const z of zones.filter((z) => !z.geometry)) expect(seen.get('zones')?.has(z.id)).toBeFalsy();
  });

  it('names a settlement area in both languages and says what kind it is', async () => {
    const centre = tileAt(25.3927, 42.6191, 12);
    const tile = await base(centre);
    expect(tile.type).toBe('application/vnd.mapbox-vector-tile');
    const kazanlak = tile.features('settlement-areas').find((f) => f.properties['name:bg'] === 'Казанлък');
    expect(kazanlak?.properties).toMatchObject({ 'name:en': 'Kazanlak', kind: 'town', municipalityCode: 'SZR12' });
  });

  it('is empty (and 200) where nothing is, keeps an ETag, reads the past, and refuses what is not a tile', async () => {
    expect(await base({ z: 12, x: 0, y: 0 })).toMatchObject({ status: 200, bytes: 0 });
    const url = '/api/tiles/base/0/0/0.mvt';
    const tag = (await get(url)).headers.get('etag');
    expect(tag).toBeTruthy();
    expect((await get(url, { headers: { 'If-None-Match': tag! } })).status).toBe(304);
    expect((await base({ z: 0, x: 0, y: 0 }, '?asOf=2022-01-01', 'zones')).status).toBe(200);
    for (const [path, parameter] of [['/api/tiles/base/23/0/0.mvt', 'z'], ['/api/tiles/base/1/2/0.mvt', 'x']]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.parameter).toBe(parameter);
    }
    expect((await get('/api/tiles/base/0/0/0.mvt?layers=rivers')).status).toBe(400);
    expect((await get('/api/tiles/base/0/0/0.png')).status).toBe(404);
  });
});
