// What a coordinate system's well-known text (a Shapefile's .prj, a GeoPackage's srs definition)
// names. ESRI's .prj files carry no EPSG code, so the names and, failing those, the projection
// parameters are recognised too.
import type { CrsCode } from '../../geo/crs.ts';

export type WktCrs =
  | { kind: 'crs'; code: CrsCode; name: string; via: string }
  | { kind: 'ks1970'; name: string }
  | { kind: 'unknown'; name: string };

// EPSG codes that mean one of ours. Files store easting first, so 7804 (BGS2005 / UTM 35N, E-N,
// deprecated) reads as 7800; geographic BGS2005/ETRS89 is WGS 84 within a metre (see geo/crs.ts).
const BY_EPSG: Record<string, CrsCode> = {
  '4326': 'OGC:CRS84',
  '4258': 'OGC:CRS84',
  '7798': 'OGC:CRS84',
  '7801': 'EPSG:7801',
  '7800': 'EPSG:7800',
  '7804': 'EPSG:7800',
  '7803': 'EPSG:7800',
  '3857': 'EPSG:3857',
  '900913': 'EPSG:3857',
  '3785': 'EPSG:3857',
  '102100': 'EPSG:3857',
  '102113': 'EPSG:3857',
  '32635': 'EPSG:32635',
};

// Names writers give КС1970 (Bulgaria's 1970 system, zones K3, K5, K7, K9): "KS1970", "KS70",
// "CS70", "Coordinate System 1970", "BGS_1970_K9", "К-3" …
const KS1970 = [
  /(?:^|[^\p{L}])(?:KS|CS|КС)[\s_-]?(?:19)?70(?:\D|$)/iu,
  /coordinate[\s_]+system[\s_]+(?:19)?70\b/i,
  /\bBGS[\s_]*1970/i,
  /координатна[\s_]+система[\s_]+(?:19)?70/iu,
];
/** A zone alone ("K9", "К-3") means КС1970 only as the system's own name, not anywhere in the text. */
const KS1970_ZONE = /^\s*[KК][\s_-]?[3579]\s*$|(?:^|[^\p{L}\d])(?:zone|зона)[\s_-]*[KК][\s_-]?[3579](?:\D|$)/iu;

const normalised = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

function byName(name: string, geographicOnly: boolean): CrsCode | null {
  const n = normalised(name);
  if (/BGS_?2005.*CCS_?2005|^CCS_?2005|CADASTRAL.*2005/.test(n)) return 'EPSG:7801';
  if (/BGS_?2005.*UTM.*35/.test(n)) return 'EPSG:7800';
  if (/WGS_?(?:19)?84.*UTM.*35_?N?/.test(n)) return 'EPSG:32635';
  if (/PSEUDO_MERCATOR|WEB_MERCATOR|AUXILIARY_SPHERE|POPULAR_VISUALI[SZ]ATION|GOOGLE|900913|3857/.test(n)) return 'EPSG:3857';
  if (geographicOnly && /WGS_?(?:19)?84|ETRS_?(?:19)?89|BGS_?2005/.test(n)) return 'OGC:CRS84';
  return null;
}

const parameter = (wkt: string, name: RegExp) => {
  const found = new RegExp(`PARAMETER\\[\\s*"(?:${name.source})"\\s*,\\s*(-?[\\d.eE+-]+)`, 'i').exec(wkt);
  return found ? Number(found[1]) : null;
};
const near = (value: number | null, expected: number, tolerance = 1e-6) => value !== null && Math.abs(value - expected) <= tolerance;

/** CCS2005 and UTM 35N by their defining parameters, for a .prj that names them some other way. */
function byParameters(wkt: string): CrsCode | null {
  const meridian = parameter(wkt, /central_meridian|longitude_of_origin|longitude of natural origin|longitude of false origin/);
  if (/Lambert_Conformal_Conic|Lambert Conic Conformal/i.test(wkt) && near(meridian, 25.5) && near(parameter(wkt, /standard_parallel_1|latitude of 1st standard parallel/), 42))
    return 'EPSG:7801';
  if (/Transverse_Mercator|Transverse Mercator/i.test(wkt) && near(meridian, 27) && near(parameter(wkt, /scale_factor|scale factor at natural origin/), 0.9996) && near(parameter(wkt, /false_easting|false easting/), 500000, 0.01))
    return /GRS_?1980|GRS 1980|BGS|ETRS/i.test(wkt) ? 'EPSG:7800' : 'EPSG:32635';
  return null;
}

export function recogniseWkt(wkt: string): WktCrs {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const name = /^\s*\w+\[\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 60);
  if (KS1970.some((pattern) => pattern.test(text)) || KS1970_ZONE.test(name)) return { kind: 'ks1970', name };
  // In WKT the outermost object's identifier comes last.
  const ids = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*[\],]/gi)];
  const epsg = ids.at(-1)?.[1];
  if (epsg && BY_EPSG[epsg]) return { kind: 'crs', code: BY_EPSG[epsg], name, via: `EPSG:${epsg}` };
  const geographicOnly = /^\s*(?:GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\[/i.test(text);
  const named = byName(name, geographicOnly);
  if (named) return { kind: 'crs', code: named, name, via: `its name "${name}"` };
  const fromParameters = byParameters(text);
  if (fromParameters) return { kind: 'crs', code: fromParameters, name, via: 'its projection parameters' };
  return { kind: 'unknown', name };
}
