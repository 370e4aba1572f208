// The municipality's extent, widened by a margin: the test that both picks a coordinate system by
// magnitude and flags a row that landed somewhere else. 30 km covers a municipality's villages and
// a generous bounding box; it stays far below the ~120 km between CCS2005 and UTM 35N eastings.
import type { Position } from '../../geo/index.ts';

export const MARGIN_KM = 30;
const KM_PER_DEGREE_LAT = 111.32;

export type BBox = [number, number, number, number];

export function widen([west, south, east, north]: BBox, km = MARGIN_KM): BBox {
  const dLat = km / KM_PER_DEGREE_LAT;
  const dLon = km / (KM_PER_DEGREE_LAT * Math.cos((((south + north) / 2) * Math.PI) / 180));
  return [west - dLon, south - dLat, east + dLon, north + dLat];
}

export const inside = ([lon, lat]: Position, [west, south, east, north]: BBox) => lon >= west && lon <= east && lat >= south && lat <= north;

/** Roughly how far (km) a [lon, lat] lies outside a bbox; 0 inside. Good to a few per cent here. */
export function kmOutside([lon, lat]: Position, [west, south, east, north]: BBox): number {
  const dLat = Math.max(south - lat, 0, lat - north);
  const dLon = Math.max(west - lon, 0, lon - east);
  const kmLon = dLon * KM_PER_DEGREE_LAT * Math.cos((Math.min(Math.abs(lat), 89) * Math.PI) / 180);
  return Math.hypot(dLat * KM_PER_DEGREE_LAT, kmLon);
}
