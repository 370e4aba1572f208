// The master-plan relation in SQLite: which published master-plan zones each published
// intervention lies in (geo/master-plan.ts decides), kept in intervention_master_plan_zone. Written
// per intervention when one is inserted (seed, publication), per zone when a master-plan zone is
// published, and dropped with either by the foreign keys' cascade, always inside the caller's
// transaction, so a read never sees an intervention without its zones.
import type { Database } from 'better-sqlite3';
import type { Geometry } from '../../geo/index.ts';
import { masterPlanZonesOf, type ZoneArea } from '../../geo/master-plan.ts';
import type { Areal } from '../../geo/spatial.ts';
import { MASTER_PLAN_KIND } from '../../geo/zone.ts';
import { interventionsInBox } from './candidates.ts';

/** The published master-plan zones that have an area, in zone order. */
export function masterPlanAreas(db: Database): ZoneArea[] {
  const rows = db.prepare(`SELECT id, json_extract(feature, '$.geometry') AS g FROM zone WHERE kind = ? AND has_geometry = 1 ORDER BY rowid`).all(MASTER_PLAN_KIND) as { id: string; g: string }[];
  return rows.map((r) => ({ id: r.id, geometry: JSON.parse(r.g) as Areal }));
}

/** Records the interventions one master-plan zone holds; the R*Tree narrows them to those whose box meets the zone's. */
export function joinZone(db: Database, zone: ZoneArea) {
  const insert = db.prepare('INSERT INTO intervention_master_plan_zone (intervention, zone) VALUES (?, ?)');
  for (const c of interventionsInBox(db, zone.geometry)) if (masterPlanZonesOf(c.geometry, [zone]).length) insert.run(c.rowid, zone.id);
}

/** The whole relation again, from every published zone and intervention (a store brought forward to schema 8). */
export function recomputeMasterPlanZones(db: Database) {
  db.exec('DELETE FROM intervention_master_plan_zone');
  for (const zone of masterPlanAreas(db)) joinZone(db, zone);
}
