// The interventions' boxes in the R*Tree: written beside each item, and the first, cheap step of
// every spatial join of zones against interventions.
import type { Database } from 'better-sqlite3';
import type { Geometry } from '../../geo/index.ts';
import { geometryBBox } from '../../geo/spatial.ts';

/** The located interventions whose box meets the geometry's (the R*Tree's answer): the candidates of a zone's spatial join. */
export function interventionsInBox(db: Database, geometry: Geometry): { rowid: number; geometry: Geometry }[] {
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry);
  const rows = db
    .prepare(
      `SELECT i.rowid, json_extract(i.feature, '$.geometry') AS geometry FROM intervention_rtree r JOIN intervention i ON i.rowid = r.id
       WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?`,
    )
    .all(minLon, maxLon, minLat, maxLat) as { rowid: number; geometry: string }[];
  return rows.map((r) => ({ rowid: r.rowid, geometry: JSON.parse(r.geometry) }));
}

/**
 * An item's box in the R*Tree (rounded outwards by it) and, beside it, exactly; a shape other than a
 * point also keeps its geometry there, so a bbox query decides a shape across the box's edge from
 * the index alone, without reading the item's much larger row.
 */
export function insertBox(db: Database, rowid: number, geometry: Geometry) {
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry);
  db.prepare(
    'INSERT INTO intervention_rtree (id, min_lon, max_lon, min_lat, max_lat, exact_min_lon, exact_max_lon, exact_min_lat, exact_max_lat, shape) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(rowid, minLon, maxLon, minLat, maxLat, minLon, maxLon, minLat, maxLat, geometry.type === 'Point' ? null : JSON.stringify(geometry));
}
