// Puts a dataset into the SQLite store: every table cleared and refilled in the caller's
// transaction, in dataset order and without timestamps, so two loads of the same data hold the
// same content. What the store derives (settlement from the land area, zones an item falls in,
// net programme budgets, search keys) is computed here, once per load.
import type { Database } from 'better-sqlite3';
import { booleanIntersects } from '@turf/turf';
import type { Geometry, Intervention, Plan, Settlement, SettlementArea, Zone } from '../../geo/index.ts';
import type { ZoneArea } from '../../geo/master-plan.ts';
import { isMasterPlanZone } from '../../geo/zone.ts';
import { insertBox, interventionsInBox } from './candidates.ts';
import { joinZone } from './master-plan.ts';
import { contextOf, interventionRow, type ContentContext } from '../intervention-row.ts';
import type { Dataset } from '../dataset.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { planRows } from '../plan-rows.ts';

/** Content tables and the revisions of their items, children first, so deleting in this order never trips a foreign key. */
const TABLES = [
  'revision', 'intervention_funding', 'intervention_link', 'intervention_zone', 'intervention_master_plan_zone', 'intervention_rtree', 'intervention_search',
  'intervention', 'zone', 'settlement', 'plan_closure', 'plan_item', 'plan', 'layer',
];

export function load(db: Database, data: Dataset, hash: string) {
  for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
  const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  meta.run('schema_version', String(SCHEMA_VERSION));
  meta.run('dataset_hash', hash);
  meta.run('plan_id', data.plans[0].id);
  meta.run('sources_markdown', data.sourcesMarkdown);

  writePlans(db, data.plans);

  const areaOf = new Map(data.settlementAreas.map((a) => [a.properties.ekatte, a]));
  const settlement = db.prepare(
    `INSERT INTO settlement (ekatte, name_bg, name_en, kind, population, population_year, lon, lat, feature, area_feature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of data.settlements) {
    const p = s.properties;
    const [lon, lat] = s.geometry.coordinates;
    const area = areaOf.get(p.ekatte);
    settlement.run(p.ekatte, p.name.bg, p.name.en, p.kind, p.population, p.populationYear, lon, lat, JSON.stringify(s), area ? JSON.stringify(area) : null);
  }

  for (const z of data.zones) insertZone(db, z, { zonesOf: false });

  const context = contentContext(db, data);
  // As seeded: no publication has changed them, so no time (see insertIntervention); a view of the past knows when.
  data.interventions.forEach((source, index) => insertIntervention(db, index + 1, source, context, data.updated?.get(source.id) ?? null));
  netBudgets(db);

  const layer = db.prepare('INSERT INTO layer (name, position, info, collection) VALUES (?, ?, ?, ?)');
  data.layers.forEach((l, i) =>
    layer.run(l.info.name, i, JSON.stringify(l.info), JSON.stringify({ type: 'FeatureCollection', features: l.features })),
  );
}

/** The plans' documents, and their items and closure as rows (data/plan-rows.ts); replaces what was there. */
export function writePlans(db: Database, plans: readonly Plan[]) {
  for (const table of ['plan_closure', 'plan_item', 'plan']) db.exec(`DELETE FROM ${table}`);
  const rows = planRows(plans);
  const plan = db.prepare('INSERT INTO plan (id, position, municipality, document) VALUES (?, ?, ?, ?)');
  for (const r of rows.plans) plan.run(...r);
  const item = db.prepare('INSERT INTO plan_item (id, level, parent_id, code, title_bg, title_en, confidence, position, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows.items) item.run(...r);
  const closure = db.prepare('INSERT INTO plan_closure (item, ancestor, level) VALUES (?, ?, ?)');
  for (const r of rows.closure) closure.run(...r);
}

/**
 * Inserts a zone; with `zonesOf`, also records which published interventions it meets, or for a
 * master-plan zone which lie in it (a load does that per intervention).
 */
export function insertZone(db: Database, z: Zone, { zonesOf, rowid = null }: { zonesOf: boolean; rowid?: number | null }) {
  db.prepare('INSERT INTO zone (rowid, id, kind, name_bg, name_en, master_plan_type, geometry_accuracy, has_geometry, feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    rowid, z.id, z.properties.kind, z.properties.name.bg, z.properties.name.en, z.properties.masterPlanType ?? null, z.properties.geometryAccuracy, z.geometry ? 1 : 0, JSON.stringify(z),
  );
  if (!zonesOf || !z.geometry) return;
  if (isMasterPlanZone(z)) return joinZone(db, { id: z.id, geometry: z.geometry as ZoneArea['geometry'] });
  const insert = db.prepare('INSERT INTO intervention_zone (intervention, zone) VALUES (?, ?)');
  for (const c of interventionsInBox(db, z.geometry)) if (booleanIntersects(c.geometry, z.geometry as Geometry)) insert.run(c.rowid, z.id);
}

export type { ContentContext } from '../intervention-row.ts';

/** The context from the dataset being loaded, or else from the store's own rows. */
export function contentContext(db: Database, data?: Pick<Dataset, 'plans' | 'settlements' | 'settlementAreas' | 'zones'>): ContentContext {
  const features = <T>(sql: string) => (db.prepare(sql).pluck().all() as string[]).map((j) => JSON.parse(j) as T);
  return contextOf(
    data ?? {
      // Only the default plan is asked of (whose municipality an item that names none serves).
      plans: features<Plan>("SELECT document FROM plan WHERE id = (SELECT value FROM meta WHERE key = 'plan_id')"),
      settlements: features<Settlement>('SELECT feature FROM settlement'),
      settlementAreas: features<SettlementArea>('SELECT area_feature FROM settlement WHERE area_feature IS NOT NULL ORDER BY ekatte'),
      zones: features<Zone>('SELECT feature FROM zone ORDER BY rowid'),
    },
  );
}

/**
 * One intervention with every row derived from it: links, funding, zones, box, search keys.
 * `updatedAt` is when a publication made this its published state (the public "last updated");
 * null for a record as seeded from the dataset.
 */
export function insertIntervention(db: Database, rowid: number, source: Intervention, context: ContentContext, updatedAt: string | null) {
  const row = interventionRow(source, context);
  const { feature, point } = row;
  const p = feature.properties;
  db.prepare(
    `INSERT INTO intervention (rowid, id, title_bg, title_en, title_sort, kind, programme_id, theme, status, settlement,
       location_accuracy, located, lon, lat, budget_eur, start_year, end_year, feature, document, geometry_type, budget_eur_net, updated_at, ogc, municipality)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    rowid, feature.id, p.title.bg, p.title.en, row.titleSort, p.kind, p.programmeId, p.theme, p.status, p.settlement,
    p.locationAccuracy, feature.geometry ? 1 : 0, point?.[0] ?? null, point?.[1] ?? null, p.budgetEur, p.startYear, p.endYear,
    row.featureJson, row.documentJson, feature.geometry?.type ?? null, p.budgetEur, updatedAt, row.ogcJson, p.municipality,
  );
  const funding = db.prepare('INSERT INTO intervention_funding (intervention, funding) VALUES (?, ?)');
  for (const f of p.funding) funding.run(rowid, f);
  const link = db.prepare('INSERT INTO intervention_link (intervention, level, plan_item, confidence) VALUES (?, ?, ?, ?)');
  for (const l of p.planLinks) link.run(rowid, l.level, l.id, l.confidence);
  if (feature.geometry) insertBox(db, rowid, feature.geometry);
  const zone = db.prepare('INSERT INTO intervention_zone (intervention, zone) VALUES (?, ?)');
  for (const z of row.zones) zone.run(rowid, z);
  const masterPlanZone = db.prepare('INSERT INTO intervention_master_plan_zone (intervention, zone) VALUES (?, ?)');
  for (const z of row.masterPlanZones) masterPlanZone.run(rowid, z);
  db.prepare('INSERT INTO intervention_search (rowid, keys) VALUES (?, ?)').run(rowid, row.searchKeys);
}

/** Removes an intervention and every row derived from it (the virtual tables have no foreign keys). */
export function deleteIntervention(db: Database, rowid: number) {
  db.prepare('DELETE FROM intervention_rtree WHERE id = ?').run(rowid);
  db.prepare('DELETE FROM intervention_search WHERE rowid = ?').run(rowid);
  db.prepare('DELETE FROM intervention WHERE rowid = ?').run(rowid);
}

/**
 * Published programme totals include their members' budgets (the NPVU block list, the ITI
 * projects), so sums would count that money twice; the programme keeps only the remainder. A
 * project's net budget is its budget (written so by insertIntervention); `programmes` limits the
 * work to the programmes a change touched.
 */
export function netBudgets(db: Database, programmes?: string[]) {
  const net = `budget_eur_net = CASE WHEN p.budget_eur IS NULL THEN NULL ELSE max(0, round(p.budget_eur - (
    SELECT coalesce(sum(m.budget_eur), 0) FROM intervention m WHERE m.programme_id = p.id), 2)) END`;
  if (programmes) db.prepare(`UPDATE intervention AS p SET ${net} WHERE p.id IN (SELECT value FROM json_each(?)) AND p.kind = 'programme'`).run(JSON.stringify(programmes));
  else db.exec(`UPDATE intervention AS p SET ${net} WHERE p.kind = 'programme'`);
}
