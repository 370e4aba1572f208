// The embedded engine: one SQLite file (better-sqlite3, WAL), an R*Tree for boxes, FTS5 for text.
// better-sqlite3 is synchronous and fast; the methods are async only to keep the contract every
// engine shares. Nothing outside data/sqlite/ imports better-sqlite3.
import Database from 'better-sqlite3';
import type { TileGrid } from '../../geo/tile.ts';
import type { CellRow, MapShape } from '../tile-sql.ts';
import type { BBox, InterventionFilter, LayerInfo, Page, Plan, Settlement, SettlementArea, Sort, Zone } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow, BaseLayer, Dataset, Extent, FeatureForm, Found, Place, PlanTree, PublishedIntervention, QueryResult, SeedState, Store, StoreHealth } from '../store.ts';
import { assemblePlanTree, planScope } from '../plan-tree.ts';
import { SqliteAccounts } from './accounts.ts';
import { SqliteEditing } from './editing.ts';
import { SqlitePublished } from './published.ts';
import { SqliteImports } from './imports.ts';
import { SqliteContributions } from './contributions.ts';
import { aggregate } from './aggregate.ts';
import { load } from './load.ts';
import { migrate } from './migrations.ts';
import { keepStatements } from './statements.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { InterventionQueries } from './query.ts';
import { tuneReads } from './tuning.ts';
import { ComposedStore, type StoreParts } from '../composed-store.ts';

const down = (n: number) => Math.floor(n * 1e6) / 1e6;
const up = (n: number) => Math.ceil(n * 1e6) / 1e6;
/** Counts done elsewhere (the server's worker thread); null when they could not be, and the store counts in place. */
type Counter = (by: AggregateBy, filter: InterventionFilter) => Promise<AggregateRow[] | null>;

/** Rows per read when streaming: big enough to move fast, small enough to hold no read for long. */
const BATCH = 500;

export class SqliteStore extends ComposedStore implements Store {
  readonly engine = 'sqlite';
  private readonly db: Database.Database;
  private readonly queries: InterventionQueries;
  private counter?: Counter;
  protected readonly parts: StoreParts;

  /** Opens (creating when missing) the database at `path` and brings its schema forward. */
  constructor(readonly path: string) {
    super();
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // Every commit reaches the disk before the API acknowledges it: a publication survives a power
    // cut, not only a killed process. Writes are a planner's clicks, so the fsync costs nothing felt.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // A writer elsewhere (a CLI command beside the server) makes us wait a little, not fail.
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    tuneReads(this.db);
    keepStatements(this.db);
    this.queries = new InterventionQueries(this.db);
    this.parts = {
      editing: new SqliteEditing(this.db),
      accounts: new SqliteAccounts(this.db),
      imports: new SqliteImports(this.db),
      published: new SqlitePublished(this.db),
      contributions: new SqliteContributions(this.db),
    };
  }

  async close() {
    this.db.close();
  }

  private count(table: string, where = ''): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  }

  private meta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  async revision(): Promise<number> {
    return Number(this.meta('revision') ?? 0);
  }

  async seedState(): Promise<SeedState> {
    const seeded = this.meta('seeded_revision');
    return { revision: await this.revision(), seededRevision: seeded === null ? null : Number(seeded), datasetHash: this.meta('dataset_hash') };
  }

  async health(): Promise<StoreHealth> {
    const seed = await this.seedState();
    return {
      engine: this.engine,
      interventions: this.count('intervention'),
      located: this.count('intervention', 'WHERE located = 1'),
      zones: this.count('zone'),
      settlements: this.count('settlement'),
      planItems: this.count('plan_item'),
      layers: this.count('layer'),
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      revision: seed.revision,
      datasetHash: seed.datasetHash,
      changedSinceSeed: seed.seededRevision !== seed.revision,
    };
  }

  async sources(): Promise<string> {
    return this.meta('sources_markdown') ?? '';
  }

  async plan(): Promise<Plan> {
    return JSON.parse(this.db.prepare('SELECT document FROM plan WHERE id = ?').pluck().get(this.meta('plan_id')) as string);
  }

  async plans(): Promise<Plan[]> {
    return this.features<Plan>('SELECT document FROM plan ORDER BY position');
  }

  async settlements(): Promise<Settlement[]> {
    return this.features<Settlement>('SELECT feature FROM settlement ORDER BY ekatte');
  }

  async settlementAreas(): Promise<SettlementArea[]> {
    return this.features<SettlementArea>('SELECT area_feature FROM settlement WHERE area_feature IS NOT NULL ORDER BY ekatte');
  }

  async zones(): Promise<Zone[]> {
    return this.features<Zone>('SELECT feature FROM zone ORDER BY rowid');
  }

  async layers(): Promise<LayerInfo[]> {
    return this.features<LayerInfo>('SELECT info FROM layer ORDER BY position');
  }

  async layer(name: string): Promise<BaseLayer | null> {
    const row = this.db.prepare('SELECT info, collection FROM layer WHERE name = ?').get(name) as { info: string; collection: string } | undefined;
    return row ? { info: JSON.parse(row.info), features: JSON.parse(row.collection).features } : null;
  }

  async getIntervention(id: string): Promise<PublishedIntervention | null> {
    return this.queries.get(id);
  }

  async queryInterventions(filter: InterventionFilter, sort?: Sort, page?: Page): Promise<QueryResult> {
    return this.queries.query(filter, sort, page);
  }

  async queryInterventionJson(filter: InterventionFilter, sort?: Sort, page?: Page, form?: FeatureForm): Promise<{ numberMatched: number; features: Uint8Array[] }> {
    return this.queries.queryJson(filter, sort, page, form);
  }

  async countInterventions(filter: InterventionFilter): Promise<number> {
    return this.queries.count(filter);
  }

  async *streamInterventions(filter: InterventionFilter, sort?: Sort): AsyncGenerator<Found> {
    const order = this.queries.ordered(filter, sort);
    for (let i = 0; i < order.length; i += BATCH) {
      const batch = order.slice(i, i + BATCH);
      const json = this.queries.jsonByRowid(batch.map((r) => r.rowid));
      // Matched by rowid: a row deleted since the listing is skipped, and the distances stay with their items.
      for (const { rowid, distance } of batch) {
        const bytes = json.get(rowid);
        if (bytes) yield { feature: parseJsonBytes(bytes), distance };
      }
    }
  }

  async *streamInterventionJson(filter: InterventionFilter, sort?: Sort): AsyncGenerator<Uint8Array> {
    if (filter.near) throw new Error('streamInterventionJson cannot measure distances; use streamInterventions');
    const order = this.queries.ordered(filter, sort);
    for (let i = 0; i < order.length; i += BATCH) yield* this.queries.json(order.slice(i, i + BATCH).map((r) => r.rowid));
  }

  async interventionPlaces(filter: InterventionFilter): Promise<Place[]> {
    return this.queries.places(filter);
  }

  async interventionCells(filter: InterventionFilter, grid: TileGrid): Promise<CellRow[]> {
    return this.queries.cells(filter, grid);
  }

  async interventionShapes(filter: InterventionFilter, box: BBox, limit: number): Promise<MapShape[]> {
    return this.queries.shapes(filter, box, limit);
  }

  /**
   * Hands the counts to `count` (the server's worker thread reading this file) instead of running
   * them on this connection, which would hold up the process's every other request meanwhile.
   */
  countWith(count: Counter) {
    this.counter = count;
  }

  async aggregate(by: AggregateBy, filter: InterventionFilter = {}): Promise<AggregateRow[]> {
    return (await this.counter?.(by, filter)) ?? aggregate(this.db, this.queries, by, filter);
  }

  async planTree(asked: InterventionFilter = {}): Promise<PlanTree> {
    // The tree is one plan's, so it counts only that plan's municipality's items.
    const { plan, filter } = planScope(await this.plans(), asked);
    // The items and their budgets in one read of the filter, which a covering index answers for the
    // common filters (a municipality, a theme, a status): the plan of one municipality among a
    // million items took 2.9 s when the budgets were read for every item and then picked.
    const where = this.queries.filtered(filter);
    const rows = this.db.prepare(`SELECT i.rowid, i.budget_eur_net FROM intervention i ${where.sql}`).raw().all(...where.params) as [number, number | null][];
    const all = rows.map(([rowid]) => rowid);
    const budgets = new Map(rows);
    const rowids = JSON.stringify(all);
    // Through the plan closure, a link to a measure also counts under its priority and goal; a
    // node's item is official when any of its links below that node is.
    const under = new Map<string, Map<number, boolean>>();
    for (const row of this.db
      .prepare(
        `SELECT c.ancestor AS item, l.intervention AS rowid, max(l.confidence = 'official') AS official
         FROM intervention_link l JOIN plan_closure c ON c.item = l.plan_item
         WHERE l.intervention IN (SELECT value FROM json_each(?))
         GROUP BY c.ancestor, l.intervention`,
      )
      .all(rowids) as { item: string; rowid: number; official: number }[]) {
      const members = under.get(row.item) ?? new Map<number, boolean>();
      members.set(row.rowid, row.official === 1);
      under.set(row.item, members);
    }
    return assemblePlanTree(plan, { all, budgets, under });
  }

  async interventionExtent(): Promise<Extent> {
    const box = this.db.prepare('SELECT min(min_lon) AS a, min(min_lat) AS b, max(max_lon) AS c, max(max_lat) AS d FROM intervention_rtree').get() as Record<string, number | null>;
    const years = this.db
      .prepare('SELECT min(start_year) AS first, max(end_year) AS last, count(*) FILTER (WHERE start_year IS NOT NULL AND end_year IS NULL) AS open FROM intervention')
      .get() as { first: number | null; last: number | null; open: number };
    return {
      // The R*Tree keeps 32-bit floats, rounded outwards; six decimals, still outwards, read better.
      bbox: box.a === null ? null : [down(box.a), down(box.b!), up(box.c!), up(box.d!)],
      firstYear: years.first,
      lastYear: years.last,
      openEnded: years.open > 0,
    };
  }

  async seed(dataset: Dataset, datasetHash: string): Promise<void> {
    this.db.transaction(() => {
      load(this.db, dataset, datasetHash);
      const revision = Number(this.meta('revision') ?? 0) + 1;
      const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      set.run('revision', String(revision));
      set.run('seeded_revision', String(revision));
    })();
    // Statistics let the planner pick the join order for facets on large datasets.
    this.db.exec('ANALYZE');
  }

  async pendingDrafts(): Promise<number> {
    return this.count('(SELECT DISTINCT kind, item FROM revision WHERE state = \'draft\')');
  }




  protected async interventionDocuments(): Promise<string[]> {
    return this.db.prepare('SELECT document FROM intervention ORDER BY rowid').pluck().all() as string[];
  }


  private features<T>(sql: string): T[] {
    return (this.db.prepare(sql).pluck().all() as string[]).map((json) => JSON.parse(json) as T);
  }
}
