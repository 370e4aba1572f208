// Interventions by filter: the SQL that every list, facet, export and aggregate shares. Spatial
// filters go through the R*Tree, text through FTS5, the rest through plain indexed columns; a
// "near" filter is finished in JS, because only there is the distance measured in true metres.
import type { Database } from 'better-sqlite3';
import type { BBox, Geometry, InterventionFilter, Page, Sort } from '../../geo/index.ts';
import { geometryMeetsBBox } from '../../geo/spatial.ts';
import type { FeatureForm, Place, PublishedIntervention, QueryResult } from '../store.ts';
import { cqlCondition } from './cql2.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { only, onlySearch, orderBy, radiusBBox, whereClause, type Dialect, type Where } from '../filter-sql.ts';
import { cellsSql, shapesSql, type CellRow, type MapShape } from '../tile-sql.ts';
import type { TileGrid } from '../../geo/tile.ts';
import { nearFound, nearPage, nearSearch, searchNow, type Candidate, type CandidateBox, type NearRead } from '../near-search.ts';

/**
 * A stored feature as every read of a published intervention sends it, as UTF-8 bytes: `updated`
 * (when it was published) and `masterPlanZones` (the master-plan zones it lies in, from the zone
 * rows' own columns, so no zone geometry is parsed) spliced in beside `properties` by SQLite. A
 * page or an export is then sent without being decoded, parsed, written and encoded again. A stored
 * feature is always one JSON object, so it ends in `}`.
 */
const PUBLISHED = `CAST(substr(i.feature, 1, length(i.feature) - 1) || ',"updated":' || coalesce(json_quote(i.updated_at), 'null') || ',"masterPlanZones":' || (
  SELECT json_group_array(json_object('id', z.id, 'code', z.master_plan_type, 'name', json_object('bg', z.name_bg, 'en', z.name_en)) ORDER BY z.rowid)
  FROM intervention_master_plan_zone m JOIN zone z ON z.id = m.zone WHERE m.intervention = i.rowid) || '}' AS BLOB)`;

/** The bytes of each form (see FeatureForm). */
const FORM: Record<FeatureForm, string> = { geojson: PUBLISHED, ogc: 'CAST(i.ogc AS BLOB)' };

/** The R*Tree rows `r` whose (rounded, outward) box meets the box. */
function boxMeets([minLon, minLat, maxLon, maxLat]: number[], params: unknown[]): string {
  params.push(maxLon, minLon, maxLat, minLat);
  return 'r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ?';
}

/**
 * The R*Tree rows of the items whose geometry meets the box. The index's own boxes are 32-bit floats
 * rounded outwards, so they find every item and some beside it: a point up to ~4e-6° outside, a line
 * whose box overlaps while the line passes by. The exact boxes kept beside them (migration 11) decide
 * every point and every shape wholly inside or outside; only a shape across the edge is decided by
 * its geometry (geometry_meets_box, registered below), which the index keeps too (migration 12).
 */
function exactBoxRows([minLon, minLat, maxLon, maxLat]: number[], params: unknown[]): string {
  const meets = boxMeets([minLon, minLat, maxLon, maxLat], params);
  params.push(minLon, maxLon, minLat, maxLat, minLon, maxLon, minLat, maxLat, maxLon, minLon, maxLat, minLat, minLon, minLat, maxLon, maxLat);
  // The rounded box wholly inside decides first: it is read from the index's node, while the exact
  // columns are a lookup per row, needed only near the edge (a third of the cost of a 0.1° box).
  return `FROM intervention_rtree r WHERE ${meets}
    AND (r.min_lon >= ? AND r.max_lon <= ? AND r.min_lat >= ? AND r.max_lat <= ?
      OR r.exact_min_lon >= ? AND r.exact_max_lon <= ? AND r.exact_min_lat >= ? AND r.exact_max_lat <= ?
      OR NOT (r.exact_min_lon > ? OR r.exact_max_lon < ? OR r.exact_min_lat > ? OR r.exact_max_lat < ?)
        AND geometry_meets_box(r.shape, ?, ?, ?, ?))`;
}

/** The FTS5 query for search terms: every word must match the start of a word, in either script ("shipk" finds "Шипка"). */
const searchMatch = (terms: string[]) => terms.map((t) => `"${t}"*`).join(' AND ');

/** SQLite's side of the shared filter: the R*Tree for boxes, FTS5 for words, JSON functions for CQL2. */
export const SQLITE: Dialect = {
  placeholder: () => '?',
  bbox: (box, params) => `i.rowid IN (SELECT r.id ${exactBoxRows(box, params)})`,
  roughBox: (box, params) => `i.rowid IN (SELECT r.id FROM intervention_rtree r WHERE ${boxMeets(box, params)})`,
  search: (terms, params) => {
    params.push(searchMatch(terms));
    return 'i.rowid IN (SELECT rowid FROM intervention_search WHERE intervention_search MATCH ?)';
  },
  cql: cqlCondition,
};

export const sqliteWhere = (filter: InterventionFilter): Where => whereClause(filter, SQLITE);

const onlyBox = (filter: InterventionFilter) => only(filter, 'bbox');

export class InterventionQueries {
  constructor(private db: Database) {
    db.function('geometry_meets_box', { deterministic: true }, (geometry, minLon, minLat, maxLon, maxLat) =>
      typeof geometry === 'string' && geometryMeetsBBox(JSON.parse(geometry) as Geometry, [minLon, minLat, maxLon, maxLat] as BBox) ? 1 : 0,
    );
  }

  get(id: string): PublishedIntervention | null {
    const bytes = this.db.prepare(`SELECT ${PUBLISHED} FROM intervention i WHERE i.id = ?`).pluck().get(id) as Uint8Array | undefined;
    return bytes ? parseJsonBytes<PublishedIntervention>(bytes) : null;
  }

  count(filter: InterventionFilter): number {
    if (filter.near) return this.candidates(filter, undefined, 0).length;
    // A bbox alone, or a search alone, is counted in its index without reading the items' rows: a
    // row is a seek into the wide table, and a common word matches thousands (40 ms at 100 000).
    if (onlyBox(filter)) {
      const params: unknown[] = [];
      const rows = exactBoxRows(filter.bbox!, params);
      return (this.db.prepare(`SELECT count(*) AS n ${rows}`).get(...params) as { n: number }).n;
    }
    const terms = onlySearch(filter);
    if (terms) return this.db.prepare('SELECT count(*) FROM intervention_search WHERE intervention_search MATCH ?').pluck().get(searchMatch(terms)) as number;
    const where = sqliteWhere(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM intervention i ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  /**
   * The rowids, in dataset order, of a filter that one index answers alone (a box, a search),
   * read without the items' rows; null for any other filter.
   */
  private indexed(filter: InterventionFilter): number[] | null {
    if (onlyBox(filter)) {
      const params: unknown[] = [];
      return (this.db.prepare(`SELECT r.id ${exactBoxRows(filter.bbox!, params)}`).pluck().all(...params) as number[]).sort((a, b) => a - b);
    }
    const terms = onlySearch(filter);
    return terms ? (this.db.prepare('SELECT rowid FROM intervention_search WHERE intervention_search MATCH ? ORDER BY rowid').pluck().all(searchMatch(terms)) as number[]) : null;
  }

  /** One page as Feature JSON in either form; found near a point, each carries `distance_m`. */
  queryJson(filter: InterventionFilter, sort?: Sort, page: Page = { limit: 100, offset: 0 }, form: FeatureForm = 'geojson'): { numberMatched: number; features: Uint8Array[] } {
    if (filter.near) {
      const { numberMatched, shown, bytes } = this.nearRead(filter, sort, page, form);
      return { numberMatched, features: nearPage(shown, bytes) };
    }
    // A box or a search alone: the rowids of all its matches, read once from its index, give both the
    // count and the page. A count and a page in dataset order would each walk the index's matches.
    const rowids = sort ? null : this.indexed(filter);
    if (rowids) return { numberMatched: rowids.length, features: this.json(rowids.slice(page.offset, page.offset + page.limit), form) };
    const where = sqliteWhere(filter);
    const order = `FROM intervention i ${where.sql} ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`;
    const features = this.db.prepare(`SELECT ${FORM[form]} ${order}`).pluck().all(...where.params, page.limit, page.offset) as Uint8Array[];
    // A page that is not full ends the match, so its end is the count (unless it is empty past the start).
    const whole = features.length < page.limit && (features.length > 0 || page.offset === 0);
    return { numberMatched: whole ? page.offset + features.length : this.count(filter), features };
  }

  /** One page of the filtered interventions and how many match in all. */
  query(filter: InterventionFilter, sort?: Sort, page: Page = { limit: 100, offset: 0 }): QueryResult {
    if (filter.near) {
      const { numberMatched, shown, bytes } = this.nearRead(filter, sort, page, 'geojson');
      return { numberMatched, items: nearFound(shown, bytes) };
    }
    const { numberMatched, features } = this.queryJson(filter, sort, page);
    return { numberMatched, items: features.map((bytes) => ({ feature: parseJsonBytes<PublishedIntervention>(bytes) })) };
  }

  /**
   * The filtered interventions in order, as rowids (with distances for `near`): small enough to
   * hold for any export, so the features themselves can be read in batches by `json`.
   */
  ordered(filter: InterventionFilter, sort?: Sort): { rowid: number; distance?: number }[] {
    if (filter.near) return this.candidates(filter, sort).map((c) => ({ rowid: c.row.rowid, distance: c.distance }));
    const where = sqliteWhere(filter);
    // Everything in dataset order: asked for unordered, SQLite lists the rowids from its narrowest
    // index (a few MB); asked for in rowid order, it walks the wide table itself (seconds cold at 100 000).
    const rowids = !where.sql && !sort
      ? (this.db.prepare('SELECT rowid FROM intervention').pluck().all() as number[]).sort((a, b) => a - b)
      : (this.db.prepare(`SELECT i.rowid FROM intervention i ${where.sql} ORDER BY ${orderBy(sort)}`).pluck().all(...where.params) as number[]);
    return rowids.map((rowid) => ({ rowid }));
  }

  /** Id and geometry of every filtered intervention, read by SQLite's JSON functions, not parsed whole. */
  places(filter: InterventionFilter): Place[] {
    const select = "SELECT i.id, json_extract(i.feature, '$.geometry') AS g";
    let rows: { id: string; g: string | null }[];
    if (filter.near) {
      // In distance order, as the list gives them.
      const order = JSON.stringify(this.ordered(filter).map((r) => r.rowid));
      rows = this.db.prepare(`${select} FROM json_each(?) j JOIN intervention i ON i.rowid = j.value ORDER BY j.key`).all(order) as typeof rows;
    } else {
      const where = sqliteWhere(filter);
      rows = this.db.prepare(`${select} FROM intervention i ${where.sql} ORDER BY i.rowid`).all(...where.params) as typeof rows;
    }
    return rows.map((r) => ({ id: r.id, geometry: r.g === null ? null : JSON.parse(r.g) }));
  }

  /** The Feature JSON of these rows in either form, in the order given. */
  json(rowids: number[], form: FeatureForm = 'geojson'): Uint8Array[] {
    const byRowid = this.jsonByRowid(rowids, form);
    // A row deleted between the listing and this batch is skipped, never sent half-read.
    return rowids.map((r) => byRowid.get(r)).filter((f): f is Uint8Array => f !== undefined);
  }

  /** The same, by rowid: a row deleted meanwhile is missing. */
  jsonByRowid(rowids: number[], form: FeatureForm = 'geojson'): Map<number, Uint8Array> {
    return new Map(this.db.prepare(`SELECT i.rowid, ${FORM[form]} FROM intervention i WHERE i.rowid IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(rowids)) as [number, Uint8Array][]);
  }

  /** The filter as a WHERE clause; within a radius, the rowids the distances found. */
  filtered(filter: InterventionFilter): Where {
    return filter.near ? { sql: 'WHERE i.rowid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(this.rowids(filter))] } : sqliteWhere(filter);
  }

  cells(filter: InterventionFilter, grid: TileGrid): CellRow[] {
    const { sql, params } = cellsSql(this.filtered(filter), SQLITE, grid);
    return this.db.prepare(sql).all(...params) as CellRow[];
  }

  shapes(filter: InterventionFilter, box: BBox, limit: number): MapShape[] {
    const { sql, params } = shapesSql(this.filtered(filter), SQLITE, box, "json_extract(i.feature, '$.geometry')", limit);
    return (this.db.prepare(sql).all(...params) as (Omit<MapShape, 'geometry'> & { geometry: string })[]).map((r) => ({ ...r, geometry: JSON.parse(r.geometry) }));
  }

  /** rowids of the filtered interventions, for aggregates that must agree with the list. */
  rowids(filter: InterventionFilter): number[] {
    if (filter.near) return this.candidates(filter).map((c) => c.row.rowid);
    const where = sqliteWhere(filter);
    return (this.db.prepare(`SELECT i.rowid FROM intervention i ${where.sql}`).all(...where.params) as { rowid: number }[]).map(
      (r) => r.rowid,
    );
  }

  /**
   * Everything within the radius, sorted, with the true distance of the first `measured` (all of
   * them unless a page needs fewer). Up to 50 km, bounds decide every candidate that is clearly
   * inside or outside: first from the index's box alone, then, near the edge, from a local estimate
   * of the distance to its geometry (geo/distance-estimate.ts). Only a candidate that the estimate
   * leaves undecided, or that a page shows or an order needs, is measured exactly.
   */
  private candidates(filter: InterventionFilter, sort?: Sort, measured = Infinity): Candidate[] {
    return this.consistent(() => this.inRadius(filter, sort, measured));
  }

  /**
   * One read transaction around several statements: a publication in another process between them
   * could otherwise remove a row the first statement found (better-sqlite3 nests these as savepoints).
   */
  private consistent<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  private inRadius(filter: InterventionFilter, sort: Sort | undefined, measured: number): Candidate[] {
    const near = filter.near!;
    // The boxes come from the R*Tree's nodes; its exact columns (a point's position, a shape's
    // geometry) cost a lookup per row, and the items' wide rows are read only for the other
    // conditions and for a sort other than by distance.
    const params: unknown[] = [];
    const box = boxMeets(radiusBBox(near.lon, near.lat, near.radius), params);
    const others = sqliteWhere({ ...filter, near: undefined });
    const byDistance = (sort?.key ?? 'distance') === 'distance';
    // Read raw: thousands of rows in a city, and rows as objects cost three times as much.
    const rows = this.db
      .prepare(
        `SELECT r.id, r.min_lon, r.min_lat, r.max_lon, r.max_lat${byDistance ? '' : ', i.budget_eur, i.title_sort, i.start_year, i.end_year'}
         FROM intervention_rtree r ${byDistance ? '' : 'JOIN intervention i ON i.rowid = r.id'}
         WHERE ${box}${others.sql ? ` AND r.id IN (SELECT i.rowid FROM intervention i ${others.sql})` : ''}`,
      )
      .raw()
      .all(...params, ...others.params) as CandidateBox[];
    return searchNow(nearSearch(near, rows, sort, measured), (rowids) => this.readGeometries(rowids));
  }

  /** The exact place of each rowid: a point's position, a shape's geometry, from the index's exact columns. */
  private readGeometries(rowids: number[]): Map<number, Geometry> {
    const rows = this.db
      .prepare('SELECT r.id, r.exact_min_lon, r.exact_min_lat, r.shape FROM json_each(?) j CROSS JOIN intervention_rtree r ON r.id = j.value')
      .raw()
      .all(JSON.stringify(rowids)) as [number, number, number, string | null][];
    return new Map(rows.map(([id, lon, lat, shape]) => [id, shape === null ? ({ type: 'Point', coordinates: [lon, lat] } as Geometry) : (JSON.parse(shape) as Geometry)]));
  }

  /** A page of a `near` search: how many match, the page's candidates, and their stored bytes, in one read transaction. */
  private nearRead(filter: InterventionFilter, sort: Sort | undefined, page: Page, form: FeatureForm): NearRead {
    return this.consistent(() => {
      const found = this.candidates(filter, sort, page.offset + page.limit);
      const shown = found.slice(page.offset, page.offset + page.limit);
      return { numberMatched: found.length, shown, bytes: this.jsonByRowid(shown.map((c) => c.row.rowid), form) };
    });
  }
}
