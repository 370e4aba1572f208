// The seeded request sequences both servers are asked, one case at a time: the same boxes and the
// same ids, as a path on our server and a path on MapServer's.
import { mulberry32 } from '../generate.ts';
import type { LayerName } from './mapserver.ts';

export type BBox = [number, number, number, number];

export interface Located {
  id: string;
  layer: LayerName;
  /** a point's position; NaN for lines and polygons */
  x: number;
  y: number;
}

export interface Case {
  name: string;
  /** the requests/s ratio target, when it sets one */
  target: number | null;
  ours: string[];
  peer: string[];
  /** the boxes (bbox cases) or items (id case) behind the paths, for the agreement check */
  boxes: BBox[];
  items: Located[];
  limit: number | null;
}

const SIDE = 0.1;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** OGC API paths of both servers; ours asks for every geometry type, MapServer's layer holds points. */
export const paths = {
  ours: (query: string) => `/ogc/collections/interventions/items?${query}`,
  peer: (layer: LayerName, query: string) => `/mapserv/peer/ogcapi/collections/${layer}/items?${query}`,
  oursItem: (id: string) => `/ogc/collections/interventions/items/${encodeURIComponent(id)}?f=json`,
  peerItem: (layer: LayerName, id: string) => `/mapserv/peer/ogcapi/collections/${layer}/items/${encodeURIComponent(id)}?f=json`,
};

export const bboxQuery = (b: BBox, limit: number) => `bbox=${b.join(',')}&limit=${limit}&f=json`;

/** 0.1° × 0.1° boxes anywhere in `extent`, most of them empty of data. */
export function boxesAnywhere(extent: BBox, n: number, seed: number): BBox[] {
  const rng = mulberry32(seed);
  const [minX, minY, maxX, maxY] = extent;
  return Array.from({ length: n }, () => {
    const x = minX + rng() * Math.max(0, maxX - minX - SIDE);
    const y = minY + rng() * Math.max(0, maxY - minY - SIDE);
    return [round6(x), round6(y), round6(x + SIDE), round6(y + SIDE)] as BBox;
  });
}

/** 0.1° × 0.1° boxes centred on a point intervention picked at random: where the data is. */
export function boxesOnData(points: Located[], n: number, seed: number): BBox[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const p = points[Math.floor(rng() * points.length)];
    return [round6(p.x - SIDE / 2), round6(p.y - SIDE / 2), round6(p.x + SIDE / 2), round6(p.y + SIDE / 2)] as BBox;
  });
}

export function pickItems(located: Located[], n: number, seed: number): Located[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => located[Math.floor(rng() * located.length)]);
}

/** Every case: boxes anywhere and on data at both limits, then items by id. */
export function cases(extent: BBox, located: Located[], n: number, seed: number): Case[] {
  const points = located.filter((l) => l.layer === 'points');
  const kinds = [
    { label: 'boxes anywhere', boxes: boxesAnywhere(extent, n, seed) },
    { label: 'boxes on data', boxes: boxesOnData(points, n, seed + 1) },
  ];
  const out: Case[] = [];
  for (const limit of [100, 1000])
    for (const kind of kinds)
      out.push({
        name: `${kind.label}, limit=${limit}`,
        target: limit === 100 ? 3 : 2,
        ours: kind.boxes.map((b) => paths.ours(bboxQuery(b, limit))),
        peer: kind.boxes.map((b) => paths.peer('points', bboxQuery(b, limit))),
        boxes: kind.boxes,
        items: [],
        limit,
      });
  const items = pickItems(located, n, seed + 2);
  out.push({
    name: 'items by id',
    target: null,
    ours: items.map((i) => paths.oursItem(i.id)),
    peer: items.map((i) => paths.peerItem(i.layer, i.id)),
    boxes: [],
    items,
    limit: null,
  });
  return out;
}
