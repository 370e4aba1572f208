// Puts a dataset into the PostgreSQL store, in the caller's transaction: every content table
// emptied and refilled in dataset order, what the store derives computed by the same code as on
// SQLite (data/intervention-row.ts), and rows sent a thousand at a time as arrays (unnest), so a
// national dataset is a few hundred statements, not millions of round trips.
import type pg from 'pg';
import { booleanIntersects } from '@turf/turf';
import type { Geometry, Plan, Settlement, SettlementArea, Zone } from '../../geo/index.ts';
import { masterPlanZonesOf, type ZoneArea } from '../../geo/master-plan.ts';
import { geometryBBox, representativePoint } from '../../geo/spatial.ts';
import { isMasterPlanZone } from '../../geo/zone.ts';
import type { Dataset } from '../dataset.ts';
import { contextOf, interventionRow, type ContentContext } from '../intervention-row.ts';
import { column, rows, type Queryable } from './db.ts';
import { netBudget } from '../net-budget.ts';
import { planRows } from '../plan-rows.ts';

const BATCH = 1000;

/** Content tables and the revisions of their items; TRUNCATE empties them at once, references included. */
const TABLES = ['revision', 'intervention_funding', 'intervention_link', 'intervention_zone', 'intervention_master_plan_zone', 'intervention', 'zone', 'settlement', 'plan_closure', 'plan_item', 'plan', 'layer'];

/**
 * INSERT … SELECT FROM unnest(arrays): one statement per batch of rows. `columns` name the values
 * sent, with the array type of each; they are the table's columns unless `computed` gives the
 * columns written and the expressions of the values that fill them (a geometry from its GeoJSON).
 */
async function insertRows(db: pg.PoolClient, table: string, columns: [string, string][], rows: unknown[][], computed?: { into: string; select: string }) {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, c) => batch.map((r) => r[c]));
    const names = columns.map(([name]) => name);
    const unnest = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ');
    await db.query(`INSERT INTO ${table} (${computed?.into ?? names.join(', ')}) SELECT ${computed?.select ?? names.join(', ')} FROM unnest(${unnest}) AS t (${names.join(', ')})`, arrays);
  }
}

export async function load(db: pg.PoolClient, data: Dataset, hash: string) {
  await db.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`);
  for (const [key, value] of [['dataset_hash', hash], ['plan_id', data.plans[0].id], ['sources_markdown', data.sourcesMarkdown]])
    await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);

  await writePlans(db, data.plans);

  const areaOf = new Map(data.settlementAreas.map((a) => [a.properties.ekatte, a]));
  await insertRows(
    db,
    'settlement',
    [['ekatte', 'text'], ['name_bg', 'text'], ['name_en', 'text'], ['kind', 'text'], ['population', 'integer'], ['population_year', 'integer'], ['lon', 'float8'], ['lat', 'float8'], ['feature', 'text'], ['area_feature', 'text']],
    data.settlements.map((s) => {
      const p = s.properties;
      const area = areaOf.get(p.ekatte);
      return [p.ekatte, p.name.bg, p.name.en, p.kind, p.population, p.populationYear, s.geometry.coordinates[0], s.geometry.coordinates[1], JSON.stringify(s), area ? JSON.stringify(area) : null];
    }),
  );

  await insertZones(db, data.zones.map((zone, i) => ({ zone, rowid: i + 1 })));

  // In Z-order of their place (see insertInterventions), a batch derived at a time: a million
  // interventions' rows at once would be gigabytes of strings.
  const context = contextOf(data);
  const ordered = data.interventions
    .map((source, index) => ({ source, rowid: index + 1, key: source.geometry ? zOrder(representativePoint(source.geometry)) : UNLOCATED }))
    .sort((a, b) => a.key - b.key);
  for (let start = 0; start < ordered.length; start += BATCH)
    await insertInterventions(
      db,
      ordered.slice(start, start + BATCH).map(({ source, rowid }) => ({ rowid, row: interventionRow(source, context), updated: data.updated?.get(source.id) ?? null })),
    );
  await netBudgets(db);

  await insertRows(
    db,
    'layer',
    [['name', 'text'], ['position', 'integer'], ['info', 'text'], ['collection', 'text']],
    data.layers.map((l, i) => [l.info.name, i, JSON.stringify(l.info), JSON.stringify({ type: 'FeatureCollection', features: l.features })]),
  );
}

/** Zones as rows, with the geometry PostGIS indexes and how an intervention names a master-plan zone. */
export async function insertZones(db: pg.PoolClient, zones: { zone: Zone; rowid: number | null }[]) {
  await insertRows(
    db,
    'zone',
    [['rowid', 'bigint'], ['id', 'text'], ['kind', 'text'], ['name_bg', 'text'], ['name_en', 'text'], ['master_plan_type', 'text'], ['geometry_accuracy', 'text'], ['has_geometry', 'smallint'], ['feature', 'text'], ['reference', 'text'], ['shape', 'text']],
    zones.map(({ zone: z, rowid }) => {
      const p = z.properties;
      const reference = JSON.stringify({ id: z.id, code: p.masterPlanType ?? null, name: { bg: p.name.bg, en: p.name.en ?? null } });
      return [rowid, z.id, p.kind, p.name.bg, p.name.en ?? null, p.masterPlanType ?? null, p.geometryAccuracy, z.geometry ? 1 : 0, JSON.stringify(z), reference, z.geometry ? JSON.stringify(z.geometry) : null];
    }),
    {
      into: 'rowid, id, kind, name_bg, name_en, master_plan_type, geometry_accuracy, has_geometry, feature, reference, geom',
      // A new zone (no rowid) comes last, as SQLite's rowid would put it.
      select: `coalesce(rowid, (SELECT coalesce(max(rowid), 0) + 1 FROM zone)), id, kind, name_bg, name_en, master_plan_type, geometry_accuracy, has_geometry, feature, reference,
        ST_SetSRID(ST_GeomFromGeoJSON(shape), 4326)`,
    },
  );
}

/**
 * A published zone joined to the published interventions: those its geometry meets, or for a
 * master-plan zone those lying in it. The GiST index finds the candidates; the same code as on
 * SQLite (turf, geo/master-plan.ts) decides, so both stores join the same pairs.
 */
export async function joinZone(db: pg.PoolClient, zone: Zone) {
  if (!zone.geometry) return;
  const candidates = await rows<{ rowid: number; g: string }>(
    db,
    "SELECT i.rowid, i.feature::json ->> 'geometry' AS g FROM intervention i JOIN zone z ON z.id = $1 WHERE i.geom && z.geom ORDER BY i.rowid",
    [zone.id],
  );
  const master = isMasterPlanZone(zone);
  const area: ZoneArea = { id: zone.id, geometry: zone.geometry as ZoneArea['geometry'] };
  const joined = candidates.filter((c) => {
    const geometry = JSON.parse(c.g) as Geometry;
    return master ? masterPlanZonesOf(geometry, [area]).length > 0 : booleanIntersects(geometry, zone.geometry as Geometry);
  });
  await insertRows(db, master ? 'intervention_master_plan_zone' : 'intervention_zone', [['intervention', 'bigint'], ['zone', 'text']], joined.map((c) => [c.rowid, zone.id]));
}

/** What deriving an intervention's rows needs, from the store's own published rows. */
export async function storedContext(db: Queryable): Promise<ContentContext> {
  const features = async <T>(sql: string) => (await column<string>(db, sql)).map((j) => JSON.parse(j) as T);
  return contextOf({
    // Only the default plan is asked of (whose municipality an item that names none serves).
    plans: await features<Plan>("SELECT document FROM plan WHERE id = (SELECT value FROM meta WHERE key = 'plan_id')"),
    settlements: await features<Settlement>('SELECT feature FROM settlement'),
    settlementAreas: await features<SettlementArea>('SELECT area_feature FROM settlement WHERE area_feature IS NOT NULL ORDER BY ekatte'),
    zones: await features<Zone>('SELECT feature FROM zone ORDER BY rowid'),
  });
}

type Derived = { rowid: number; row: ReturnType<typeof interventionRow>; updated: string | null };

/** past every place on the curve: the unlocated come last */
const UNLOCATED = 2 ** 32;

/**
 * Where a point falls on a Z-order curve over the world (16 bits of longitude and latitude,
 * interleaved): points near each other on the map are mostly near each other on the curve.
 */
function zOrder([lon, lat]: [number, number]): number {
  const x = Math.min(Math.floor(((lon + 180) / 360) * 65536), 65535);
  const y = Math.min(Math.floor(((lat + 90) / 180) * 65536), 65535);
  let key = 0;
  for (let bit = 15; bit >= 0; bit--) key = key * 4 + ((x >> bit) & 1) * 2 + ((y >> bit) & 1);
  return key;
}

/**
 * Interventions with every row derived from them: links, funding, zones, geometry, search words.
 * They are written in Z-order of their place, not in dataset order (their rowids keep that): the
 * matches of a box then share heap pages (a box of 5 700 matches at 100 000 items read 1 677 pages
 * instead of 5 123, EXPLAIN ANALYZE).
 */
export async function insertInterventions(db: pg.PoolClient, unordered: Derived[]) {
  const place = (d: Derived) => (d.row.point ? zOrder(d.row.point as [number, number]) : UNLOCATED);
  const items = unordered.map((d) => ({ d, key: place(d) })).sort((a, b) => a.key - b.key).map(({ d }) => d);
  await insertRows(
    db,
    'intervention',
    [
      ['rowid', 'bigint'], ['id', 'text'], ['title_bg', 'text'], ['title_en', 'text'], ['title_sort', 'text'], ['kind', 'text'], ['programme_id', 'text'], ['theme', 'text'], ['status', 'text'], ['settlement', 'text'],
      ['location_accuracy', 'text'], ['located', 'smallint'], ['lon', 'float8'], ['lat', 'float8'], ['budget_eur', 'float8'], ['start_year', 'integer'], ['end_year', 'integer'],
      ['feature', 'text'], ['document', 'text'], ['geometry_type', 'text'], ['updated_at', 'text'], ['ogc', 'text'], ['keys', 'text'], ['shape', 'text'], ['geometry', 'text'],
      ['min_lon', 'float8'], ['min_lat', 'float8'], ['max_lon', 'float8'], ['max_lat', 'float8'], ['municipality', 'text'],
    ],
    items.map(({ rowid, row, updated }) => {
      const p = row.feature.properties;
      const g = row.feature.geometry;
      return [
        rowid, row.feature.id, p.title.bg, p.title.en, row.titleSort, p.kind, p.programmeId, p.theme, p.status, p.settlement,
        p.locationAccuracy, g ? 1 : 0, row.point?.[0] ?? null, row.point?.[1] ?? null, p.budgetEur, p.startYear, p.endYear,
        row.featureJson, row.documentJson, g?.type ?? null, updated, row.ogcJson, row.searchKeys, g && g.type !== 'Point' ? JSON.stringify(g) : null, g ? JSON.stringify(g) : null,
        ...(g ? geometryBBox(g) : [null, null, null, null]), p.municipality,
      ];
    }),
    {
      into: `rowid, id, title_bg, title_en, title_sort, kind, programme_id, theme, status, settlement, location_accuracy, located, lon, lat, budget_eur, budget_eur_net,
        start_year, end_year, feature, document, geometry_type, updated_at, ogc, ogc_properties, search, shape, geom, min_lon, min_lat, max_lon, max_lat, municipality`,
      // A project's net budget is its budget; netBudgets then works out the programmes'.
      select: `rowid, id, title_bg, title_en, title_sort, kind, programme_id, theme, status, settlement, location_accuracy, located, lon, lat, budget_eur, budget_eur,
        start_year, end_year, feature, document, geometry_type, updated_at, ogc, ogc::jsonb -> 'properties', array_to_tsvector(string_to_array(keys, ' ')), shape,
        ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326), min_lon, min_lat, max_lon, max_lat, municipality`,
    },
  );
  const pairs = <T>(pick: (d: Derived) => T[]) => items.flatMap((d) => pick(d).map((v) => [d.rowid, v]));
  await insertRows(db, 'intervention_funding', [['intervention', 'bigint'], ['funding', 'text']], pairs((d) => d.row.feature.properties.funding));
  await insertRows(
    db,
    'intervention_link',
    [['intervention', 'bigint'], ['level', 'text'], ['plan_item', 'text'], ['confidence', 'text']],
    items.flatMap((d) => d.row.feature.properties.planLinks.map((l) => [d.rowid, l.level, l.id, l.confidence])),
  );
  await insertRows(db, 'intervention_zone', [['intervention', 'bigint'], ['zone', 'text']], pairs((d) => d.row.zones));
  await insertRows(db, 'intervention_master_plan_zone', [['intervention', 'bigint'], ['zone', 'text']], pairs((d) => d.row.masterPlanZones));
}

/** The plans' documents, and their items and closure as rows (data/plan-rows.ts); replaces what was there. */
export async function writePlans(db: pg.PoolClient, plans: readonly Plan[]) {
  await db.query('DELETE FROM plan_closure; DELETE FROM plan_item; DELETE FROM plan');
  const rows = planRows(plans);
  await insertRows(db, 'plan', [['id', 'text'], ['position', 'integer'], ['municipality', 'text'], ['document', 'text']], rows.plans);
  await insertRows(
    db,
    'plan_item',
    [['id', 'text'], ['level', 'text'], ['parent_id', 'text'], ['code', 'text'], ['title_bg', 'text'], ['title_en', 'text'], ['confidence', 'text'], ['position', 'integer'], ['item', 'text']],
    rows.items,
  );
  await insertRows(db, 'plan_closure', [['item', 'text'], ['ancestor', 'text'], ['level', 'text']], rows.closure);
}

/**
 * Programme totals keep only what their members do not already count (see data/net-budget.ts);
 * `programmes` limits the work to the programmes a change touched.
 */
export async function netBudgets(db: pg.PoolClient, programmes?: string[]) {
  const found = await rows<{ rowid: number; budget: number | null; members: number[] | null }>(
    db,
    `SELECT p.rowid, p.budget_eur AS budget, array_agg(m.budget_eur ORDER BY m.rowid) FILTER (WHERE m.budget_eur IS NOT NULL) AS members
     FROM intervention p LEFT JOIN intervention m ON m.programme_id = p.id
     WHERE p.kind = 'programme'${programmes ? ' AND p.id = ANY($1::text[])' : ''} GROUP BY p.rowid, p.budget_eur`,
    programmes ? [programmes] : [],
  );
  if (!found.length) return;
  await db.query('UPDATE intervention AS i SET budget_eur_net = n.net FROM unnest($1::bigint[], $2::float8[]) AS n (rowid, net) WHERE i.rowid = n.rowid', [
    found.map((r) => r.rowid),
    found.map((r) => netBudget(r.budget, r.members ?? [])),
  ]);
}
