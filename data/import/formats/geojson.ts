// GeoJSON: RFC 7946 (CRS84), or the 2008 form with a `crs` member naming another system (QGIS and
// GDAL still write it for EPSG:3857 or 7801). Properties stay as they are, nested records of our
// own exports included, so such an export imports back unchanged.
import { parseCrs } from '../../../geo/crs.ts';
import type { ParsedFile } from '../parsed.ts';
import { columnsOf } from '../parsed.ts';
import { ImportRefused, type Decision } from '../source.ts';
import type { CrsCode } from '../../../geo/crs.ts';
import { type FeatureLike, rowsFromFeatures } from './rows.ts';

function features(json: unknown): FeatureLike[] {
  const value = json as { type?: unknown; features?: unknown; geometry?: unknown };
  if (value?.type === 'FeatureCollection' && Array.isArray(value.features)) return value.features as FeatureLike[];
  if (value?.type === 'Feature') return [value as FeatureLike];
  if (typeof value?.type === 'string' && ('coordinates' in value || 'geometries' in value)) return [{ geometry: value, properties: {} }];
  throw new ImportRefused('unreadable', 'the JSON is not GeoJSON: expected a FeatureCollection, a Feature or a geometry');
}

function declaredCrs(json: unknown): Decision<CrsCode> | null {
  const name = (json as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
  if (typeof name !== 'string') return null;
  const code = parseCrs(name) ?? (/\b(?:EPSG:{1,2}|EPSG\/0\/)900913$|EPSG:{1,2}102100$/i.test(name) ? 'EPSG:3857' : null);
  if (!code) throw new ImportRefused('crs_unknown', `the GeoJSON's crs member names "${name}", which this map does not read; convert the file to WGS 84 (CRS84) or BGS2005 / CCS2005 (EPSG:7801)`);
  // GeoJSON of 2008 stores x = longitude whatever the code's authority order, as GDAL reads it.
  const value = code === 'EPSG:4326' ? 'OGC:CRS84' : code;
  return { value, by: 'geojson-crs', reason: `the GeoJSON's crs member names ${name}` };
}

export function readGeojson(bytes: Uint8Array): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportRefused('unreadable', `the file is not valid JSON: ${(error as Error).message}`);
  }
  // Without a crs member RFC 7946 means CRS84, but files in Web Mercator or CCS2005 often drop
  // the member on the way; the numbers decide then (CRS84 wins for every proper GeoJSON).
  const declared = declaredCrs(json);
  const { rows, problems } = rowsFromFeatures(features(json));
  return { format: 'geojson', layers: [], layer: null, encoding: null, declaredCrs: declared, columns: columnsOf(rows), rows, problems };
}
