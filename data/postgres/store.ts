// The PostgreSQL + PostGIS engine, selected by DATABASE_URL (data/open.ts). Reads run on a pool of
// connections; a read that takes several statements (a `near` search and its page) runs in one
// REPEATABLE READ transaction, so a publication between them cannot remove a row the first found.
// Nothing outside data/postgres/ imports pg.
import type pg from 'pg';
import type { TileGrid } from '../../geo/tile.ts';
import type { CellRow, MapShape } from '../tile-sql.ts';
import type { BBox, InterventionFilter, LayerInfo, Page, Plan, Settlement, SettlementArea, Sort, Zone } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow, BaseLayer, Dataset, Extent, FeatureForm, Found, Place, PlanTree, PublishedIntervention, QueryResult, SeedState, Store, StoreHealth } from '../store.ts';
import { assemblePlanTree, planScope } from '../plan-tree.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { migrate } from './schema.ts';
import { ComposedStore, type StoreParts } from '../composed-store.ts';
import { PostgresQueries } from './query.ts';
import { column, connect, consistent, value, write } from './db.ts';
import { load } from './load.ts';
import { aggregateRows, aggregateSql } from '../aggregate-sql.ts';
import { PostgresEditing } from './editing.ts';
import { PostgresAccounts } from './accounts.ts';
import { PostgresPublished } from './published.ts';
import { PostgresImports } from './imports.ts';
import { PostgresContributions } from './contributions.ts';

/** Rows per read when streaming: big enough to move fast, small enough to hold no read for long. */
const BATCH = 500;

export class PostgresStore extends ComposedStore implements Store {
  readonly engine = 'postgis';
  private readonly queries: PostgresQueries;
  protected readonly parts: StoreParts;

  /**
   * `pool` is the primary: writes, and the reads a write depends on (heads, accounts, the seed);
   * `reads` answers the public reads, a read replica's pool when there is one (else the primary's).
   * The store revision the public reads key on is read from `reads` too, so an ETag never names
   * content the replica has not replayed yet.
   */
  private constructor(private readonly pool: pg.Pool, private readonly reads: pg.Pool, private readonly schemaVersion: number) {
    super();
    this.queries = new PostgresQueries(reads, (read) => consistent(reads, read));
    this.parts = {
      editing: new PostgresEditing(pool),
      accounts: new PostgresAccounts(pool),
      published: new PostgresPublished(reads),
      imports: new PostgresImports(pool),
      contributions: new PostgresContributions(pool),
    };
  }

  /** Connects to the primary (and a read replica, when named), and brings the schema forward on the primary. */
  static async open(url: string, replicaUrl?: string): Promise<PostgresStore> {
    const pool = connect(url);
    const reads = replicaUrl ? connect(replicaUrl) : pool;
    try {
      const client = await pool.connect();
      try {
        return new PostgresStore(pool, reads, await migrate(client));
      } finally {
        client.release();
      }
    } catch (error) {
      await Promise.all([...new Set([pool, reads])].map((p) => p.end()));
      throw error;
    }
  }

  async close() {
    await Promise.all([...new Set([this.pool, this.reads])].map((p) => p.end()));
  }

  private value<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return value<T>(this.reads, sql, params);
  }

  private column<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return column<T>(this.reads, sql, params);
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

  plans(): Promise<Plan[]> {
    return this.features<Plan>('SELECT document FROM plan ORDER BY position');
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
    const { rows } = await this.reads.query('SELECT info, collection FROM layer WHERE name = $1', [name]);
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
      const json = await this.queries.jsonByRowid(batch.map((r) => r.rowid));
      // Matched by rowid: a row deleted since the listing is skipped, and the distances stay with their items.
      for (const { rowid, distance } of batch) {
        const bytes = json.get(rowid);
        if (bytes) yield { feature: parseJsonBytes(bytes), distance };
      }
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

  interventionCells(filter: InterventionFilter, grid: TileGrid): Promise<CellRow[]> {
    return this.queries.cells(filter, grid);
  }

  interventionShapes(filter: InterventionFilter, box: BBox, limit: number): Promise<MapShape[]> {
    return this.queries.shapes(filter, box, limit);
  }

  async aggregate(by: AggregateBy, filter: InterventionFilter = {}): Promise<AggregateRow[]> {
    const where = await this.queries.filtered(filter);
    const { counted, groups } = aggregateSql(by, where);
    const rows = (await this.reads.query(counted, where.params)).rows as AggregateRow[];
    return aggregateRows(rows, typeof groups === 'string' ? await this.column<string>(groups) : groups);
  }

  async planTree(asked: InterventionFilter = {}): Promise<PlanTree> {
    // The tree is one plan's, so it counts only that plan's municipality's items.
    const { plan, filter } = planScope(await this.plans(), asked);
    const all = await this.queries.rowids(filter);
    const budgets = new Map<number, number | null>();
    const { rows } = await this.reads.query({ text: 'SELECT rowid, budget_eur_net FROM intervention WHERE rowid = ANY($1::bigint[])', values: [all], rowMode: 'array' });
    for (const [rowid, budget] of rows as [number, number | null][]) budgets.set(rowid, budget);
    // Through the plan closure, a link to a measure also counts under its priority and goal; a
    // node's item is official when any of its links below that node is.
    const under = new Map<string, Map<number, boolean>>();
    const links = await this.reads.query(
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
    return assemblePlanTree(plan, { all, budgets, under });
  }

  async interventionExtent(): Promise<Extent> {
    const { rows } = await this.reads.query('SELECT min(min_lon) AS a, min(min_lat) AS b, max(max_lon) AS c, max(max_lat) AS d FROM intervention');
    const years = (
      await this.reads.query('SELECT min(start_year) AS first, max(end_year) AS last, count(*) FILTER (WHERE start_year IS NOT NULL AND end_year IS NULL) AS open FROM intervention')
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
    return (await value<number>(this.pool, "SELECT count(*) FROM (SELECT DISTINCT kind, item FROM revision WHERE state = 'draft') d"))!;
  }

  async seed(dataset: Dataset, datasetHash: string): Promise<void> {
    await write(this.pool, async (db) => {
      await load(db, dataset, datasetHash);
      const revision = Number((await db.query("SELECT value FROM meta WHERE key = 'revision'")).rows[0]?.value ?? 0) + 1;
      for (const key of ['revision', 'seeded_revision'])
        await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(revision)]);
    });
    // Statistics let the planner pick its plans on the new content; the vacuum marks the items'
    // pages all-visible, without which a facet's index-only scan would visit every row anyway.
    await this.pool.query('VACUUM intervention');
    await this.pool.query('ANALYZE');
  }




  protected interventionDocuments(): Promise<string[]> {
    return this.column<string>('SELECT document FROM intervention ORDER BY rowid');
  }

}

// The extent as SQLite's R*Tree gives it (data/sqlite/store.ts), so both stores report the same
// figures: each edge stored as the R*Tree stores a coordinate (a 32-bit float; when the nearest one
// lies inwards, the value scaled outwards by 2^-23 and converted again, as rtreeValueDown/Up do),
// then six decimals, still outwards.
const EPSILON = 1 / 8388608;
function rtreeValue(d: number, outwards: 1 | -1): number {
  const f = Math.fround(d);
  if (outwards < 0 ? f <= d : f >= d) return f;
  const away = (d < 0) === (outwards < 0);
  return Math.fround(d * (away ? 1 + EPSILON : 1 - EPSILON));
}
const down = (n: number) => Math.floor(rtreeValue(n, -1) * 1e6) / 1e6;
const up = (n: number) => Math.ceil(rtreeValue(n, 1) * 1e6) / 1e6;
