// Puts a dataset into the SQLite store: every table cleared and refilled in the caller's
// transaction, in dataset order and without timestamps, so two loads of the same data hold the
// same content. What the store derives (settlement from the land area, zones an item falls in,
// net programme budgets, search keys) is computed here, once per load.
import type { Database } from 'better-sqlite3';
import { booleanIntersects } from '@turf/turf';
import { searchKey, type Geometry, type Intervention, type SettlementArea } from '../../geo/index.ts';
import { geometryBBox, pointInGeometry, representativePoint } from '../../geo/spatial.ts';
import type { Dataset } from '../dataset.ts';
import { SCHEMA_VERSION } from './migrations.ts';

/** Content tables, children first, so deleting in this order never trips a foreign key. */
const TABLES = [
  'intervention_funding', 'intervention_link', 'intervention_zone', 'intervention_rtree', 'intervention_search',
  'intervention', 'zone', 'settlement', 'plan_closure', 'plan_item', 'plan', 'layer',
];

export function load(db: Database, data: Dataset, hash: string) {
  for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
  const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  meta.run('schema_version', String(SCHEMA_VERSION));
  meta.run('dataset_hash', hash);
  meta.run('plan_id', data.plan.id);
  meta.run('sources_markdown', data.sourcesMarkdown);

  db.prepare('INSERT INTO plan (id, document) VALUES (?, ?)').run(data.plan.id, JSON.stringify(data.plan));
  const item = db.prepare(
    `INSERT INTO plan_item (id, level, parent_id, code, title_bg, title_en, confidence, position, item)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let position = 0;
  for (const g of data.plan.goals) item.run(g.id, 'goal', null, g.code, g.title.bg, g.title.en, g.confidence, position++, JSON.stringify(g));
  for (const p of data.plan.priorities)
    item.run(p.id, 'priority', p.goalId, p.code, p.title.bg, p.title.en, p.confidence, position++, JSON.stringify(p));
  for (const m of data.plan.measures)
    item.run(m.id, 'measure', m.priorityId, m.code, m.title.bg, m.title.en, m.confidence, position++, JSON.stringify(m));

  const closure = db.prepare('INSERT INTO plan_closure (item, ancestor, level) VALUES (?, ?, ?)');
  const parent = new Map<string, string | null>([
    ...data.plan.measures.map((m) => [m.id, m.priorityId] as const),
    ...data.plan.priorities.map((p) => [p.id, p.goalId] as const),
  ]);
  const levelOf = new Map<string, string>([
    ...data.plan.goals.map((g) => [g.id, 'goal'] as const),
    ...data.plan.priorities.map((p) => [p.id, 'priority'] as const),
    ...data.plan.measures.map((m) => [m.id, 'measure'] as const),
  ]);
  for (const item of levelOf.keys())
    for (let a: string | null | undefined = item; a; a = parent.get(a)) closure.run(item, a, levelOf.get(a)!);

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

  const zone = db.prepare('INSERT INTO zone (id, kind, name_bg, geometry_accuracy, has_geometry, feature) VALUES (?, ?, ?, ?, ?, ?)');
  for (const z of data.zones)
    zone.run(z.id, z.properties.kind, z.properties.name.bg, z.properties.geometryAccuracy, z.geometry ? 1 : 0, JSON.stringify(z));

  const names = new Map(data.settlements.map((s) => [s.properties.ekatte, s.properties.name]));
  const insert = {
    row: db.prepare(
      `INSERT INTO intervention (rowid, id, title_bg, title_en, title_sort, kind, programme_id, theme, status, settlement,
         location_accuracy, located, lon, lat, budget_eur, start_year, end_year, feature, document)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    funding: db.prepare('INSERT INTO intervention_funding (intervention, funding) VALUES (?, ?)'),
    link: db.prepare('INSERT INTO intervention_link (intervention, level, plan_item, confidence) VALUES (?, ?, ?, ?)'),
    zone: db.prepare('INSERT INTO intervention_zone (intervention, zone) VALUES (?, ?)'),
    rtree: db.prepare('INSERT INTO intervention_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)'),
    search: db.prepare('INSERT INTO intervention_search (rowid, keys) VALUES (?, ?)'),
  };
  const zonesWithGeometry = data.zones.filter((z) => z.geometry !== null);
  data.interventions.forEach((source, index) => {
    const rowid = index + 1;
    const feature = withSettlement(source, data.settlementAreas);
    const p = feature.properties;
    const point = feature.geometry ? representativePoint(feature.geometry) : null;
    insert.row.run(
      rowid, feature.id, p.title.bg, p.title.en, sortKey(p.title.bg), p.kind, p.programmeId, p.theme, p.status, p.settlement,
      p.locationAccuracy, feature.geometry ? 1 : 0, point?.[0] ?? null, point?.[1] ?? null, p.budgetEur, p.startYear, p.endYear,
      JSON.stringify(feature), JSON.stringify(source),
    );
    for (const f of p.funding) insert.funding.run(rowid, f);
    for (const l of p.planLinks) insert.link.run(rowid, l.level, l.id, l.confidence);
    if (feature.geometry) {
      const [minLon, minLat, maxLon, maxLat] = geometryBBox(feature.geometry);
      insert.rtree.run(rowid, minLon, maxLon, minLat, maxLat);
      for (const z of zonesWithGeometry)
        if (booleanIntersects(feature.geometry, z.geometry as Geometry)) insert.zone.run(rowid, z.id);
    }
    const name = p.settlement ? names.get(p.settlement) : undefined;
    const text = [feature.id, p.title.bg, p.title.en, p.summary.bg, p.summary.en, p.locationText, name?.bg, name?.en];
    insert.search.run(rowid, searchKey(text.filter(Boolean).join(' ')));
  });

  // Published programme totals include their members' budgets (the NPVU block list, the ITI
  // projects), so sums would count that money twice; the programme keeps only the remainder.
  db.exec(`
    UPDATE intervention SET geometry_type = json_extract(feature, '$.geometry.type');
    UPDATE intervention SET budget_eur_net = budget_eur;
    UPDATE intervention AS p SET budget_eur_net = max(0, round(p.budget_eur - (
      SELECT coalesce(sum(m.budget_eur), 0) FROM intervention m WHERE m.programme_id = p.id), 2))
    WHERE p.kind = 'programme' AND p.budget_eur IS NOT NULL;
  `);

  const layer = db.prepare('INSERT INTO layer (name, position, info, collection) VALUES (?, ?, ?, ?)');
  data.layers.forEach((l, i) =>
    layer.run(l.info.name, i, JSON.stringify(l.info), JSON.stringify({ type: 'FeatureCollection', features: l.features })),
  );
}

/** Titles sort by their first letter, not by the opening quote many Bulgarian titles start with. */
export function sortKey(title: string): string {
  return title.replace(/^[^\p{L}\p{N}]+/u, '').toLocaleLowerCase('bg');
}

/** Where the data does not name the settlement, the land area the item lies in does. */
function withSettlement(feature: Intervention, areas: SettlementArea[]): Intervention {
  if (feature.properties.settlement !== null || feature.geometry === null || feature.properties.outsideMunicipality) return feature;
  const point = representativePoint(feature.geometry);
  const area = areas.find((a) => pointInGeometry(point, a.geometry));
  return area ? { ...feature, properties: { ...feature.properties, settlement: area.properties.ekatte } } : feature;
}

