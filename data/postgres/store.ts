// The PostgreSQL + PostGIS engine, selected by DATABASE_URL (data/open.ts). Reads run on a pool of
// connections; a read that takes several statements (a `near` search and its page) runs in one
// REPEATABLE READ transaction, so a publication between them cannot remove a row the first found.
// Nothing outside data/postgres/ imports pg.
import pg from 'pg';
import type { InterventionFilter, LayerInfo, Page, Plan, Settlement, SettlementArea, Sort, Zone } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow, BaseLayer, Dataset, Extent, FeatureForm, Found, Place, PlanTree, PublishedIntervention, QueryResult, SeedState, Store, StoreHealth } from '../store.ts';
import { assemblePlanTree } from '../plan-tree.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { migrate } from './schema.ts';
import { PostgresQueries, postgresWhere, type Queryable } from './query.ts';
import { load } from './load.ts';
import { aggregateRows, aggregateSql } from '../aggregate-sql.ts';
import { unported } from './unported.ts';

/** Rows per read when streaming: big enough to move fast, small enough to hold no read for long. */
const BATCH = 500;

/** bigint (count(*), ids) as a JS number: every count and id here is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

export class PostgresStore extends unported implements Store {
  readonly engine = 'postgis';
  private readonly queries: PostgresQueries;

  private constructor(private readonly pool: pg.Pool, private readonly schemaVersion: number) {
    super();
    this.queries = new PostgresQueries(pool, (read) => this.consistent(read));
  }

  /** Connects, and brings the schema forward. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, types, max: 8, application_name: 'piro-map' });
    // An idle connection the server dropped is an event, not a crash of the API process.
    pool.on('error', (error) => console.error(`postgis: idle connection lost: ${error.message}`));
    try {
      const client = await pool.connect();
      try {
        return new PostgresStore(pool, await migrate(client));
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async close() {
    await this.pool.end();
  }

  /** One transaction (REPEATABLE READ, read only) around several reads. */
  private async consistent<T>(read: (db: Queryable) => Promise<T>): Promise<T> {
    return this.transaction(read, 'REPEATABLE READ READ ONLY');
  }

  /** One transaction on one connection: committed when `work` resolves, rolled back when it throws. */
  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>, mode = 'READ COMMITTED'): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${mode}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async value<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    const { rows } = await this.pool.query({ text: sql, values: params, rowMode: 'array' });
    return rows[0]?.[0] as T | undefined;
  }

  private async column<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const { rows } = await this.pool.query({ text: sql, values: params, rowMode: 'array' });
    return rows.map((r: unknown[]) => r[0] as T);
  }

  private async features<T>(sql: string): Promise<T[]> {
    return (await this.column<string>(sql)).map((json) => JSON.parse(json) as T);
  }

  private meta(key: string): Promise<string | null> {
    return this.value<string>('SELECT value FROM meta WHERE key = $1', [key]).then((v) => v ?? null);
  }

  async revision(): Promise<number> {
    return Number((await this.meta('revision')) ?? 0);
  }

  async seedState(): Promise<SeedState> {
    const { rows } = await this.pool.query("SELECT key, value FROM meta WHERE key IN ('revision', 'seeded_revision', 'dataset_hash')");
    const meta = new Map(rows.map((r) => [r.key as string, r.value as string]));
    const seeded = meta.get('seeded_revision');
    return { revision: Number(meta.get('revision') ?? 0), seededRevision: seeded === undefined ? null : Number(seeded), datasetHash: meta.get('dataset_hash') ?? null };
  }

  async health(): Promise<StoreHealth> {
    const seed = await this.seedState();
    const { rows } = await this.pool.query(`SELECT
      (SELECT count(*) FROM intervention) AS interventions, (SELECT count(*) FROM intervention WHERE located = 1) AS located,
      (SELECT count(*) FROM zone) AS zones, (SELECT count(*) FROM settlement) AS settlements,
      (SELECT count(*) FROM plan_item) AS "planItems", (SELECT count(*) FROM layer) AS layers`);
    return {
      engine: this.engine,
      ...rows[0],
      schemaVersion: this.schemaVersion,
      revision: seed.revision,
      datasetHash: seed.datasetHash,
      changedSinceSeed: seed.seededRevision !== seed.revision,
    };
  }

  async sources(): Promise<string> {
    return (await this.meta('sources_markdown')) ?? '';
  }

  async plan(): Promise<Plan> {
    return JSON.parse((await this.value<string>("SELECT document FROM plan WHERE id = (SELECT value FROM meta WHERE key = 'plan_id')"))!);
  }

  settlements(): Promise<Settlement[]> {
    return this.features<Settlement>('SELECT feature FROM settlement ORDER BY ekatte');
  }

  settlementAreas(): Promise<SettlementArea[]> {
    return this.features<SettlementArea>('SELECT area_feature FROM settlement WHERE area_feature IS NOT NULL ORDER BY ekatte');
  }

  zones(): Promise<Zone[]> {
    return this.features<Zone>('SELECT feature FROM zone ORDER BY rowid');
  }

  layers(): Promise<LayerInfo[]> {
    return this.features<LayerInfo>('SELECT info FROM layer ORDER BY position');
  }

  async layer(name: string): Promise<BaseLayer | null> {
    const { rows } = await this.pool.query('SELECT info, collection FROM layer WHERE name = $1', [name]);
    return rows[0] ? { info: JSON.parse(rows[0].info), features: JSON.parse(rows[0].collection).features } : null;
  }

  getIntervention(id: string): Promise<PublishedIntervention | null> {
    return this.queries.get(id);
  }

  queryInterventions(filter: InterventionFilter, sort?: Sort, page?: Page): Promise<QueryResult> {
    return this.queries.query(filter, sort, page);
  }

  queryInterventionJson(filter: InterventionFilter, sort?: Sort, page?: Page, form?: FeatureForm): Promise<{ numberMatched: number; features: Uint8Array[] }> {
    return this.queries.queryJson(filter, sort, page, form);
  }

  countInterventions(filter: InterventionFilter): Promise<number> {
    return this.queries.count(filter);
  }

  async *streamInterventions(filter: InterventionFilter, sort?: Sort): AsyncGenerator<Found> {
    const order = await this.queries.ordered(filter, sort);
    for (let i = 0; i < order.length; i += BATCH) {
      const batch = order.slice(i, i + BATCH);
      const json = await this.queries.json(batch.map((r) => r.rowid));
      for (let j = 0; j < json.length; j++) yield { feature: parseJsonBytes(json[j]), distance: batch[j].distance };
    }
  }

  async *streamInterventionJson(filter: InterventionFilter, sort?: Sort): AsyncGenerator<Uint8Array> {
    if (filter.near) throw new Error('streamInterventionJson cannot measure distances; use streamInterventions');
    const order = await this.queries.ordered(filter, sort);
    for (let i = 0; i < order.length; i += BATCH) yield* await this.queries.json(order.slice(i, i + BATCH).map((r) => r.rowid));
  }

  interventionPlaces(filter: InterventionFilter): Promise<Place[]> {
    return this.queries.places(filter);
  }

  async aggregate(by: AggregateBy, filter: InterventionFilter = {}): Promise<AggregateRow[]> {
    const where = filter.near ? { sql: 'WHERE i.rowid = ANY($1::bigint[])', params: [await this.queries.rowids(filter)] } : postgresWhere(filter);
    const { counted, groups } = aggregateSql(by, where);
    const rows = (await this.pool.query(counted, where.params)).rows as AggregateRow[];
    return aggregateRows(rows, typeof groups === 'string' ? await this.column<string>(groups) : groups);
  }

  async planTree(filter: InterventionFilter = {}): Promise<PlanTree> {
    const all = await this.queries.rowids(filter);
    const budgets = new Map<number, number | null>();
    const { rows } = await this.pool.query({ text: 'SELECT rowid, budget_eur_net FROM intervention WHERE rowid = ANY($1::bigint[])', values: [all], rowMode: 'array' });
    for (const [rowid, budget] of rows as [number, number | null][]) budgets.set(rowid, budget);
    // Through the plan closure, a link to a measure also counts under its priority and goal; a
    // node's item is official when any of its links below that node is.
    const under = new Map<string, Map<number, boolean>>();
    const links = await this.pool.query(
      `SELECT c.ancestor AS item, l.intervention AS rowid, bool_or(l.confidence = 'official') AS official
       FROM intervention_link l JOIN plan_closure c ON c.item = l.plan_item
       WHERE l.intervention = ANY($1::bigint[]) GROUP BY c.ancestor, l.intervention`,
      [all],
    );
    for (const row of links.rows as { item: string; rowid: number; official: boolean }[]) {
      const members = under.get(row.item) ?? new Map<number, boolean>();
      members.set(row.rowid, row.official);
      under.set(row.item, members);
    }
    return assemblePlanTree(await this.plan(), { all, budgets, under });
  }

  async interventionExtent(): Promise<Extent> {
    const { rows } = await this.pool.query(`SELECT ST_XMin(e) AS a, ST_YMin(e) AS b, ST_XMax(e) AS c, ST_YMax(e) AS d FROM (SELECT ST_Extent(geom) AS e FROM intervention) x`);
    const years = (
      await this.pool.query('SELECT min(start_year) AS first, max(end_year) AS last, count(*) FILTER (WHERE start_year IS NOT NULL AND end_year IS NULL) AS open FROM intervention')
    ).rows[0] as { first: number | null; last: number | null; open: number };
    const box = rows[0] as Record<string, number | null>;
    return {
      bbox: box.a === null ? null : [down(box.a), down(box.b!), up(box.c!), up(box.d!)],
      firstYear: years.first,
      lastYear: years.last,
      openEnded: years.open > 0,
    };
  }

  async pendingDrafts(): Promise<number> {
    return (await this.value<number>("SELECT count(*) FROM (SELECT DISTINCT kind, item FROM revision WHERE state = 'draft') d"))!;
  }

  async seed(dataset: Dataset, datasetHash: string): Promise<void> {
    await this.transaction(async (db) => {
      // One seed at a time, and no revision number handed out twice.
      await db.query('LOCK TABLE meta IN EXCLUSIVE MODE');
      await load(db, dataset, datasetHash);
      const revision = Number((await db.query("SELECT value FROM meta WHERE key = 'revision'")).rows[0]?.value ?? 0) + 1;
      for (const key of ['revision', 'seeded_revision'])
        await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(revision)]);
    });
    // Statistics let the planner pick its plans on the new content.
    await this.pool.query('ANALYZE');
  }

  async dataset(): Promise<Dataset> {
    const interventions = (await this.column<string>('SELECT document FROM intervention ORDER BY rowid')).map((d) => JSON.parse(d));
    const layers = await Promise.all((await this.layers()).map(async (info) => (await this.layer(info.name))!));
    return {
      plan: await this.plan(),
      interventions,
      zones: await this.zones(),
      settlements: await this.settlements(),
      settlementAreas: await this.settlementAreas(),
      layers,
      sourcesMarkdown: await this.sources(),
    };
  }
}

// The extent as SQLite's R*Tree gives it (data/sqlite/store.ts), so both stores report the same
// figures: each edge as the nearest 32-bit float outwards (PostGIS keeps a shape's box so, not a
// point's), then six decimals, still outwards.
const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);
function float32(x: number, outwards: 1 | -1): number {
  f32[0] = x;
  if (Math.sign(f32[0] - x) !== -outwards || f32[0] === x) return f32[0];
  // One step of the float's last bit, away from zero when it grows the box that way.
  bits[0] += Math.sign(f32[0]) === outwards ? 1 : -1;
  return f32[0];
}
const down = (n: number) => Math.floor(float32(n, -1) * 1e6) / 1e6;
const up = (n: number) => Math.ceil(float32(n, 1) * 1e6) / 1e6;
