// Coordinate reference systems we read and serve, on proj4. GeoJSON stays in CRS84 (lon, lat);
// these helpers exist for imports from Bulgarian cadastral/topographic data (BGS2005) and for the
// OGC API `crs` parameter, where coordinates must follow the *authority's* axis order.
import proj4 from 'proj4';
import type { Converter } from 'proj4';
import type { Geometry, Position } from './geojson.ts';
import { mapPositions } from './normalise.ts';

export type CrsCode = 'OGC:CRS84' | 'EPSG:4326' | 'EPSG:7801' | 'EPSG:7800' | 'EPSG:3857' | 'EPSG:32635';
/** The CRSs the API serves data in (the others are read on import only). */
export const SERVED_CRS = ['OGC:CRS84', 'EPSG:4326', 'EPSG:7801'] as const satisfies readonly CrsCode[];
export type ServedCrs = (typeof SERVED_CRS)[number];

export type AxisOrder = 'lon,lat' | 'lat,lon' | 'northing,easting' | 'easting,northing' | 'x,y';

export interface CrsInfo {
  code: CrsCode;
  uri: string;
  title: string;
  axisOrder: AxisOrder;
  /** proj4 always works in (east, north); this says whether the authority order is the reverse. */
  northFirst: boolean;
  proj4: string;
}

const EPSG_URI = 'http://www.opengis.net/def/crs/EPSG/0/';

// BGS2005 is a realisation of ETRS89; towgs84=0 treats it as WGS 84, which EPSG's own
// transformation "BGS2005 to WGS 84 (1)" also does at the ±1 m level, far below what this map shows.
// Parameters as published by EPSG (checked against epsg.io/7801 and OGC's def/crs register).
const BGS2005_CCS2005 =
  '+proj=lcc +lat_0=42.6678756833333 +lon_0=25.5 +lat_1=42 +lat_2=43.3333333333333 +x_0=500000 +y_0=4725824.3591 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const BGS2005_UTM35 = '+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const WGS84_UTM35 = '+proj=utm +zone=35 +datum=WGS84 +units=m +no_defs';
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const PSEUDO_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

export const CRS: Readonly<Record<CrsCode, CrsInfo>> = {
  'OGC:CRS84': {
    code: 'OGC:CRS84',
    uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    title: 'WGS 84 longitude/latitude (CRS84)',
    axisOrder: 'lon,lat',
    northFirst: false,
    proj4: WGS84,
  },
  'EPSG:4326': {
    code: 'EPSG:4326',
    uri: `${EPSG_URI}4326`,
    title: 'WGS 84',
    axisOrder: 'lat,lon',
    northFirst: true,
    proj4: WGS84,
  },
  'EPSG:7801': {
    code: 'EPSG:7801',
    uri: `${EPSG_URI}7801`,
    title: 'BGS2005 / CCS2005',
    axisOrder: 'northing,easting',
    northFirst: true,
    proj4: BGS2005_CCS2005,
  },
  // EPSG registers 7800 as "BGS2005 / UTM zone 35N (N-E)": axes northing (x), easting (y), the
  // official Bulgarian order. (The easting-first variant was EPSG:7804, now deprecated.)
  'EPSG:7800': {
    code: 'EPSG:7800',
    uri: `${EPSG_URI}7800`,
    title: 'BGS2005 / UTM zone 35N (N-E)',
    axisOrder: 'northing,easting',
    northFirst: true,
    proj4: BGS2005_UTM35,
  },
  'EPSG:3857': {
    code: 'EPSG:3857',
    uri: `${EPSG_URI}3857`,
    title: 'WGS 84 / Pseudo-Mercator',
    axisOrder: 'x,y',
    northFirst: false,
    proj4: PSEUDO_MERCATOR,
  },
  // What GPS receivers, agricultural registers and many consultants deliver in Bulgaria; read on
  // import only. Within a metre of BGS2005 / UTM 35N (EPSG:7800), easting first as EPSG defines it.
  'EPSG:32635': {
    code: 'EPSG:32635',
    uri: `${EPSG_URI}32635`,
    title: 'WGS 84 / UTM zone 35N',
    axisOrder: 'easting,northing',
    northFirst: false,
    proj4: WGS84_UTM35,
  },
};

const CODES = Object.keys(CRS) as CrsCode[];

/** Accepts a URI, a URN, 'EPSG:7801', '[EPSG:7801]' (a safe CURIE) or 'CRS84'; unknown → null. */
export function parseCrs(uriOrCode: string): CrsCode | null {
  const text = uriOrCode.trim().replace(/^\[(.*)\]$/, '$1');
  const byUri = CODES.find((code) => CRS[code].uri === text.replace(/^https:/, 'http:'));
  if (byUri) return byUri;
  const epsg = /^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[\d.]*:)(\d+)$/i.exec(text);
  if (epsg) return CODES.find((code) => code === `EPSG:${epsg[1]}`) ?? null;
  if (/^(?:(?:OGC:)?CRS84|urn:ogc:def:crs:OGC:1\.3:CRS84)$/i.test(text)) return 'OGC:CRS84';
  return null;
}

const converters = new Map<string, Converter>();

/** proj4 parses a definition on every call; one converter per pair of CRSs is enough. */
function converter(from: CrsCode, to: CrsCode): Converter {
  const key = `${from}>${to}`;
  let found = converters.get(key);
  if (!found) {
    found = proj4(CRS[from].proj4, CRS[to].proj4);
    converters.set(key, found);
  }
  return found;
}

const toAxisOrder = (code: CrsCode, [east, north]: [number, number]): [number, number] =>
  CRS[code].northFirst ? [north, east] : [east, north];

const fromAxisOrder = (code: CrsCode, [first, second]: readonly number[]): [number, number] =>
  CRS[code].northFirst ? [second, first] : [first, second];

function checked(result: number[], position: readonly number[], from: CrsCode, to: CrsCode): [number, number] {
  const [x, y] = result;
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw new RangeError(`[${position.slice(0, 2).join(', ')}] in ${from} cannot be expressed in ${to}`);
  return [x, y];
}

/** Transforms one position, each side in its CRS's own axis order. A height, if any, is kept as is. */
export function transformPosition(position: Position, from: CrsCode, to: CrsCode): Position {
  const input = fromAxisOrder(from, position);
  // CRS84 and EPSG:4326 differ only in axis order; skipping proj4 keeps the swap exact.
  const same = CRS[from].proj4 === CRS[to].proj4;
  const output = same ? input : checked(converter(from, to).forward(input), position, from, to);
  const [first, second] = toAxisOrder(to, output);
  return position.length > 2 ? [first, second, ...position.slice(2)] : [first, second];
}

/** [lon, lat] (CRS84) → coordinates in `code`, in that CRS's axis order. */
export function toCrs(position: [number, number], code: CrsCode): [number, number] {
  return transformPosition(position, 'OGC:CRS84', code).slice(0, 2) as [number, number];
}

/** Coordinates in `code` (its axis order) → [lon, lat]. */
export function fromCrs(position: [number, number], code: CrsCode): [number, number] {
  return transformPosition(position, code, 'OGC:CRS84').slice(0, 2) as [number, number];
}

export function transformGeometry<G extends Geometry>(geometry: G, from: CrsCode, to: CrsCode): G {
  return mapPositions(geometry, (p) => transformPosition(p, from, to));
}
