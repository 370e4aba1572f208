// File coordinates → CRS84. A reading is a CRS plus the order the file stores the two values in:
// GIS files (Shapefile, GeoPackage, GeoJSON, CSV with E/N columns) store easting/longitude first,
// whatever the authority's order, while Bulgarian surveyors' tables often put X = northing first.
// For geographic coordinates the two orders are CRS84 (lon, lat) and EPSG:4326 (lat, lon), as in
// geo/crs.ts; for projected ones the code stays and the order is part of the decision's reason.
import { CRS, type CrsCode, fromCrs } from '../../geo/crs.ts';
import type { Geometry, Position } from '../../geo/index.ts';
import { mapPositions } from '../../geo/normalise.ts';

export interface Reading {
  code: CrsCode;
  /** the file's first value is the northing (latitude) */
  northFirst: boolean;
}

export const isGeographic = (code: CrsCode) => code === 'OGC:CRS84' || code === 'EPSG:4326';

/** How GIS files store `code` unless something says otherwise. */
export const storedOrder = (code: CrsCode): Reading => ({ code, northFirst: code === 'EPSG:4326' });

/** The CRS to report: lat-first geographic coordinates are EPSG:4326, lon-first CRS84. */
export const reportedCode = ({ code, northFirst }: Reading): CrsCode => (isGeographic(code) ? (northFirst ? 'EPSG:4326' : 'OGC:CRS84') : code);

export function describe(reading: Reading): string {
  const code = reportedCode(reading);
  if (isGeographic(code)) return code === 'EPSG:4326' ? 'EPSG:4326 latitude/longitude' : 'WGS 84 longitude/latitude (CRS84)';
  return `${code} (${CRS[code].title}) ${reading.northFirst ? 'northing/easting' : 'easting/northing'}`;
}

/** One stored position → [lon, lat]; throws RangeError where the projection has no answer. */
export function positionToCrs84([first, second]: Position, { code, northFirst }: Reading): Position {
  const [east, north] = northFirst ? [second, first] : [first, second];
  if (isGeographic(code)) return [east, north];
  // fromCrs takes the authority's order; hand it (east, north) in that order.
  return fromCrs(CRS[code].northFirst ? [north, east] : [east, north], code);
}

export function toCrs84<G extends Geometry>(geometry: G, reading: Reading): G {
  return mapPositions(geometry, (p) => positionToCrs84(p, reading));
}
