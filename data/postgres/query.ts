// Interventions by filter on PostgreSQL: the shared filter (data/filter-sql.ts) with PostGIS for
// boxes (GiST on the geometry, ST_Intersects deciding), a tsvector of the folded words for search,
// jsonb for CQL2; a `near` search runs the shared steps (data/near-search.ts) on candidates found by
// the GiST index, so distances are measured in true metres exactly as on SQLite.
import { column, type Queryable } from './db.ts';
import type { BBox, Geometry, InterventionFilter, Page, Sort } from '../../geo/index.ts';
import type { FeatureForm, Found, Place, PublishedIntervention, QueryResult } from '../store.ts';
import { only, onlySearch, orderBy, whereClause, type Dialect, type Where } from '../filter-sql.ts';
import { cellsSql, shapesSql, type CellRow, type MapShape } from '../tile-sql.ts';
import type { TileGrid } from '../../geo/tile.ts';
import { nearFound, nearPage, nearSearch, searchAsync, type Candidate, type CandidateBox, type NearRead } from '../near-search.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { cqlCondition } from './cql2.ts';


/**
 * A stored feature as every read of a published intervention sends it, as UTF-8 bytes: `updated`
 * and `masterPlanZones` spliced in beside `properties`, the zones from each zone's stored
 * `reference` (its id, code and names as JSON), byte for byte what SQLite's splice gives.
 */
const PUBLISHED = `convert_to(left(i.feature, -1) || ',"updated":' || coalesce(to_json(i.updated_at)::text, 'null') || ',"masterPlanZones":' || coalesce((
  SELECT '[' || string_agg(z.reference, ',' ORDER BY z.rowid) || ']'
  FROM intervention_master_plan_zone m JOIN zone z ON z.id = m.zone WHERE m.intervention = i.rowid), '[]') || '}', 'UTF8')`;

const FORM: Record<FeatureForm, string> = { geojson: PUBLISHED, ogc: "convert_to(i.ogc, 'UTF8')" };

/** The box as the geometry JS's geometryMeetsBBox tests against: a point or a line when it has no width or height. */
function boxGeometry([minLon, minLat, maxLon, maxLat]: BBox): string {
  if (minLon === maxLon && minLat === maxLat) return `POINT(${minLon} ${minLat})`;
  if (minLon === maxLon || minLat === maxLat) return `LINESTRING(${minLon} ${minLat}, ${maxLon} ${maxLat})`;
  return `POLYGON((${minLon} ${minLat}, ${maxLon} ${minLat}, ${maxLon} ${maxLat}, ${minLon} ${maxLat}, ${minLon} ${minLat}))`;
}

function envelope([minLon, minLat, maxLon, maxLat]: BBox, params: unknown[]): string {
  params.push(minLon, minLat, maxLon, maxLat);
  const n = params.length;
  return `ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`;
}

/** The tsquery of search terms: each a word prefix; the terms are folded to [a-z0-9], so quoting them is safe. */
const searchQuery = (terms: string[]) => terms.map((t) => `'${t}':*`).join(' & ');

export const POSTGRES: Dialect = {
  placeholder: (params) => `$${params.length}`,
  // The GiST index finds the candidates by their boxes; PostGIS decides exactly, edges included.
  bbox: (box, params) => {
    params.push(boxGeometry(box));
    return `ST_Intersects(i.geom, ST_GeomFromText($${params.length}, 4326))`;
  },
  roughBox: (box, params) => `i.geom && ${envelope(box, params)}`,
  search: (terms, params) => {
    params.push(searchQuery(terms));
    return `i.search @@ $${params.length}::tsquery`;
  },
  cql: cqlCondition,
};

export const postgresWhere = (filter: InterventionFilter): Where => whereClause(filter, POSTGRES);

export class PostgresQueries {
  constructor(private readonly db: Queryable, private readonly consistent: <T>(read: (db: Queryable) => Promise<T>) => Promise<T>) {}

  async get(id: string): Promise<PublishedIntervention | null> {
    const [bytes] = await column<Uint8Array>(this.db, `SELECT ${PUBLISHED} FROM intervention i WHERE i.id = $1`, [id]);
    return bytes ? parseJsonBytes<PublishedIntervention>(bytes) : null;
  }

  async count(filter: InterventionFilter, db: Queryable = this.db): Promise<number> {
    if (filter.near) return (await this.candidates(filter, undefined, 0)).length;
    const where = postgresWhere(filter);
    const [n] = await column<number>(db, `SELECT count(*) FROM intervention i ${where.sql}`, where.params);
    return n;
  }

  /** The rowids of a search alone, in dataset order, from the text index; null for any other filter. */
  private async indexed(filter: InterventionFilter): Promise<number[] | null> {
    if (!only(filter, 'bbox') && !onlySearch(filter)) return null;
    const where = postgresWhere(filter);
    return column<number>(this.db, `SELECT i.rowid FROM intervention i ${where.sql} ORDER BY i.rowid`, where.params);
  }

  /** A page of a `near` search: how many match, the page's candidates, and their stored bytes, in one read transaction. */
  private nearRead(filter: InterventionFilter, sort: Sort | undefined, page: Page, form: FeatureForm): Promise<NearRead> {
    return this.consistent(async (db) => {
      const found = await this.inRadius(db, filter, sort, page.offset + page.limit);
      const shown = found.slice(page.offset, page.offset + page.limit);
      return { numberMatched: found.length, shown, bytes: await this.jsonByRowid(shown.map((c) => c.row.rowid), form, db) };
    });
  }

  async queryJson(filter: InterventionFilter, sort?: Sort, page: Page = { limit: 100, offset: 0 }, form: FeatureForm = 'geojson'): Promise<{ numberMatched: number; features: Uint8Array[] }> {
    if (filter.near) {
      const { numberMatched, shown, bytes } = await this.nearRead(filter, sort, page, form);
      return { numberMatched, features: nearPage(shown, bytes) };
    }
    // A box or a search alone: all its rowids, read once, give both the count and the page.
    const rowids = sort ? null : await this.indexed(filter);
    if (rowids) return { numberMatched: rowids.length, features: await this.json(rowids.slice(page.offset, page.offset + page.limit), form) };
    const where = postgresWhere(filter);
    const n = where.params.length;
    const features = await column<Uint8Array>(this.db, `SELECT ${FORM[form]} FROM intervention i ${where.sql} ORDER BY ${orderBy(sort)} LIMIT $${n + 1} OFFSET $${n + 2}`, [...where.params, page.limit, page.offset]);
    // A page that is not full ends the match, so its end is the count (unless it is empty past the start).
    const whole = features.length < page.limit && (features.length > 0 || page.offset === 0);
    return { numberMatched: whole ? page.offset + features.length : await this.count(filter), features };
  }

  async query(filter: InterventionFilter, sort?: Sort, page: Page = { limit: 100, offset: 0 }): Promise<QueryResult> {
    if (filter.near) {
      const { numberMatched, shown, bytes } = await this.nearRead(filter, sort, page, 'geojson');
      return { numberMatched, items: nearFound(shown, bytes) };
    }
    const { numberMatched, features } = await this.queryJson(filter, sort, page);
    return { numberMatched, items: features.map((bytes) => ({ feature: parseJsonBytes<PublishedIntervention>(bytes) })) };
  }

  /** The filtered interventions in order, as rowids (with distances for `near`). */
  async ordered(filter: InterventionFilter, sort?: Sort): Promise<{ rowid: number; distance?: number }[]> {
    if (filter.near) return (await this.candidates(filter, sort)).map((c) => ({ rowid: c.row.rowid, distance: c.distance }));
    const where = postgresWhere(filter);
    return (await column<number>(this.db, `SELECT i.rowid FROM intervention i ${where.sql} ORDER BY ${orderBy(sort)}`, where.params)).map((rowid) => ({ rowid }));
  }

  /** The filter as a WHERE clause; within a radius, the rowids the distances found. */
  async filtered(filter: InterventionFilter): Promise<Where> {
    return filter.near ? { sql: 'WHERE i.rowid = ANY($1::bigint[])', params: [await this.rowids(filter)] } : postgresWhere(filter);
  }

  async cells(filter: InterventionFilter, grid: TileGrid): Promise<CellRow[]> {
    const { sql, params } = cellsSql(await this.filtered(filter), POSTGRES, grid);
    return (await this.db.query(sql, params)).rows as CellRow[];
  }

  async shapes(filter: InterventionFilter, box: BBox, limit: number): Promise<MapShape[]> {
    const { sql, params } = shapesSql(await this.filtered(filter), POSTGRES, box, "i.feature::json -> 'geometry'", limit);
    return (await this.db.query(sql, params)).rows as MapShape[];
  }

  async rowids(filter: InterventionFilter): Promise<number[]> {
    if (filter.near) return (await this.candidates(filter)).map((c) => c.row.rowid);
    const where = postgresWhere(filter);
    return column<number>(this.db, `SELECT i.rowid FROM intervention i ${where.sql}`, where.params);
  }

  async places(filter: InterventionFilter): Promise<Place[]> {
    const select = "SELECT i.id, i.feature::json -> 'geometry' AS g";
    if (filter.near) {
      // In distance order, as the list gives them.
      const order = (await this.ordered(filter)).map((r) => r.rowid);
      const { rows } = await this.db.query(`${select} FROM unnest($1::bigint[]) WITH ORDINALITY j (rowid, n) JOIN intervention i ON i.rowid = j.rowid ORDER BY j.n`, [order]);
      return rows.map((r) => ({ id: r.id, geometry: r.g }));
    }
    const where = postgresWhere(filter);
    const { rows } = await this.db.query(`${select} FROM intervention i ${where.sql} ORDER BY i.rowid`, where.params);
    return rows.map((r) => ({ id: r.id, geometry: r.g }));
  }

  /** The Feature JSON of these rows in either form, in the order given; a row deleted meanwhile is skipped. */
  async json(rowids: number[], form: FeatureForm = 'geojson', db: Queryable = this.db): Promise<Uint8Array[]> {
    const byRowid = await this.jsonByRowid(rowids, form, db);
    return rowids.map((r) => byRowid.get(r)).filter((f): f is Uint8Array => f !== undefined);
  }

  /** The same, by rowid: a row deleted meanwhile is missing. */
  async jsonByRowid(rowids: number[], form: FeatureForm = 'geojson', db: Queryable = this.db): Promise<Map<number, Uint8Array>> {
    if (!rowids.length) return new Map();
    const { rows } = await db.query({ text: `SELECT i.rowid, ${FORM[form]} FROM intervention i WHERE i.rowid = ANY($1::bigint[])`, values: [rowids], rowMode: 'array' });
    return new Map(rows as [number, Uint8Array][]);
  }

  private candidates(filter: InterventionFilter, sort?: Sort, measured = Infinity): Promise<Candidate[]> {
    return this.consistent((db) => this.inRadius(db, filter, sort, measured));
  }

  private async inRadius(db: Queryable, filter: InterventionFilter, sort: Sort | undefined, measured: number): Promise<Candidate[]> {
    const near = filter.near!;
    const where = postgresWhere(filter);
    const byDistance = (sort?.key ?? 'distance') === 'distance';
    // The geometry's own box (PostGIS keeps it rounded outwards, as SQLite's R*Tree does): bounds only.
    const { rows } = await db.query({
      text: `SELECT i.rowid, ST_XMin(i.geom), ST_YMin(i.geom), ST_XMax(i.geom), ST_YMax(i.geom)${byDistance ? '' : ', i.budget_eur, i.title_sort, i.start_year, i.end_year'}
             FROM intervention i ${where.sql}`,
      values: where.params,
      rowMode: 'array',
    });
    return searchAsync(nearSearch(near, rows as CandidateBox[], sort, measured), (rowids) => this.readGeometries(db, rowids));
  }

  /** The exact place of each rowid: a point's coordinates, a shape's GeoJSON as written. */
  private async readGeometries(db: Queryable, rowids: number[]): Promise<Map<number, Geometry>> {
    const { rows } = await db.query({ text: 'SELECT rowid, lon, lat, shape FROM intervention WHERE rowid = ANY($1::bigint[])', values: [rowids], rowMode: 'array' });
    return new Map(
      (rows as [number, number, number, string | null][]).map(([id, lon, lat, shape]) => [id, shape === null ? ({ type: 'Point', coordinates: [lon, lat] } as Geometry) : (JSON.parse(shape) as Geometry)]),
    );
  }
}
