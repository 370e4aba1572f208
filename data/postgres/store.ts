// The PostgreSQL + PostGIS engine, selected by DATABASE_URL (data/open.ts). Reads run on a pool of
// connections; a read that takes several statements (a `near` search and its page) runs in one
// REPEATABLE READ transaction, so a publication between them cannot remove a row the first found.
// Nothing outside data/postgres/ imports pg.
import type pg from 'pg';
import type { InterventionFilter, LayerInfo, Page, Plan, Settlement, SettlementArea, Sort, Zone } from '../../geo/index.ts';
import type { AggregateBy, AggregateRow, BaseLayer, Dataset, Extent, FeatureForm, Found, Place, PlanTree, PublishedIntervention, QueryResult, SeedState, Store, StoreHealth } from '../store.ts';
import { assemblePlanTree } from '../plan-tree.ts';
import { parseJsonBytes } from '../../geo/json-bytes.ts';
import { migrate } from './schema.ts';
import { PostgresQueries, postgresWhere } from './query.ts';
import { column, connect, consistent, value, write } from './db.ts';
import { load } from './load.ts';
import { aggregateRows, aggregateSql } from '../aggregate-sql.ts';
import { PostgresEditing } from './editing.ts';
import { PostgresAccounts } from './accounts.ts';
import { PostgresPublished } from './published.ts';
import { PostgresImports } from './imports.ts';
import { PostgresContributions } from './contributions.ts';
import type { ImportBatch } from '../imports.ts';
import type { ImportMapping } from '../../geo/import-mapping.ts';
import type { LayerFeature } from '../../geo/index.ts';
import type { ContributionFilter, ContributionInput, PostLimits } from '../contributions.ts';
import type { AnswerInput, Closure, ClosureTarget, Contribution, ContributionState, OwnContribution, RejectReason, StaffContribution } from '../../geo/contribution.ts';
import type { Account, Role, SessionAccount } from '../accounts.ts';
import type { Actor, DraftInput, EditRefused, Head, ItemKind, ReviewInput } from '../editing.ts';
import type { AuditEntry, History, ReviewEntry, Revision, WriteResult } from '../../geo/editing.ts';
import type { Publication, PublicationQuery, PublishedVersion } from '../published.ts';

/** Rows per read when streaming: big enough to move fast, small enough to hold no read for long. */
const BATCH = 500;

export class PostgresStore implements Store {
  readonly engine = 'postgis';
  private readonly queries: PostgresQueries;
  private readonly editing: PostgresEditing;
  private readonly accountRows: PostgresAccounts;
  private readonly published: PostgresPublished;
  private readonly imports: PostgresImports;
  private readonly contributionRows: PostgresContributions;

  private constructor(private readonly pool: pg.Pool, private readonly schemaVersion: number) {
    this.queries = new PostgresQueries(pool, (read) => consistent(pool, read));
    this.editing = new PostgresEditing(pool);
    this.accountRows = new PostgresAccounts(pool);
    this.published = new PostgresPublished(pool);
    this.imports = new PostgresImports(pool);
    this.contributionRows = new PostgresContributions(pool);
  }

  /** Connects, and brings the schema forward. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = connect(url);
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

  private value<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return value<T>(this.pool, sql, params);
  }

  private column<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return column<T>(this.pool, sql, params);
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
    await write(this.pool, async (db) => {
      await load(db, dataset, datasetHash);
      const revision = Number((await db.query("SELECT value FROM meta WHERE key = 'revision'")).rows[0]?.value ?? 0) + 1;
      for (const key of ['revision', 'seeded_revision'])
        await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(revision)]);
    });
    // Statistics let the planner pick its plans on the new content.
    await this.pool.query('ANALYZE');
  }

  // Editing, accounts and publications live in their own modules; the store answers for them.
  publishedAt(instant: string): Promise<PublishedVersion[]> { return this.published.publishedAt(instant); }
  publications(options: PublicationQuery): Promise<Publication[]> { return this.published.publications(options); }
  head(kind: ItemKind, id: string): Promise<Head | null> { return this.editing.head(kind, id); }
  saveDrafts(drafts: DraftInput[], actor: Actor): Promise<WriteResult[]> { return this.editing.saveDrafts(drafts, actor); }
  publish(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.editing.publish(input, actor); }
  unpublish(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.editing.unpublish(input, actor); }
  reject(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.editing.reject(input, actor); }
  history(kind: ItemKind, id: string): Promise<History | null> { return this.editing.history(kind, id); }
  revisionOf(kind: ItemKind, id: string, number: number): Promise<Revision | null> { return this.editing.revisionOf(kind, id, number); }
  review(): Promise<ReviewEntry[]> { return this.editing.review(); }
  audit(options: { before?: number; limit: number }): Promise<AuditEntry[]> { return this.editing.audit(options); }
  checkDrafts(drafts: DraftInput[], actor: Actor): Promise<(EditRefused | null)[]> { return this.editing.checkDrafts(drafts, actor); }
  createAccount(input: { email: string; role: Role; passwordHash: string }, actor: number | null): Promise<Account> { return this.accountRows.createAccount(input, actor); }
  accounts(): Promise<Account[]> { return this.accountRows.accounts(); }
  accountByEmail(email: string): Promise<Account | null> { return this.accountRows.accountByEmail(email); }
  setPassword(id: number, passwordHash: string, actor: number | null): Promise<void> { return this.accountRows.setPassword(id, passwordHash, actor); }
  accountForLogin(email: string): Promise<{ account: Account; passwordHash: string } | null> { return this.accountRows.accountForLogin(email); }
  updateAccount(id: number, change: { role?: Role; disabled?: boolean }, actor: number | null): Promise<Account | null> { return this.accountRows.updateAccount(id, change, actor); }
  createSession(accountId: number, tokenHash: string, expiresAt: string, address: string | null): Promise<void> { return this.accountRows.createSession(accountId, tokenHash, expiresAt, address); }
  session(tokenHash: string, at: string): Promise<SessionAccount | null> { return this.accountRows.session(tokenHash, at); }
  revokeSession(tokenHash: string): Promise<void> { return this.accountRows.revokeSession(tokenHash); }

  saveImport(batch: ImportBatch): Promise<void> { return this.imports.saveImport(batch); }
  importBatch(id: string): Promise<ImportBatch | null> { return this.imports.importBatch(id); }
  layoutMapping(layout: string): Promise<ImportMapping | null> { return this.imports.layoutMapping(layout); }
  rememberLayout(layout: string, mapping: ImportMapping): Promise<void> { return this.imports.rememberLayout(layout, mapping); }
  replaceLayer(info: LayerInfo, features: LayerFeature[], actor: Actor): Promise<void> { return this.imports.replaceLayer(info, features, actor); }

  addContribution(input: ContributionInput, limits: PostLimits, at: string): Promise<{ id: number; state: ContributionState }> { return this.contributionRows.addContribution(input, limits, at); }
  publishedContributions(filter: ContributionFilter): Promise<Contribution[]> { return this.contributionRows.publishedContributions(filter); }
  staffContributions(filter: { state?: ContributionState; answered?: boolean }): Promise<StaffContribution[]> { return this.contributionRows.staffContributions(filter); }
  staffContribution(id: number): Promise<StaffContribution | null> { return this.contributionRows.staffContribution(id); }
  ownContribution(id: number, keyHash: string): Promise<OwnContribution | null> { return this.contributionRows.ownContribution(id, keyHash); }
  contributionsPosted(since: string, until: string): Promise<StaffContribution[]> { return this.contributionRows.contributionsPosted(since, until); }
  approveContribution(id: number, actor: number): Promise<StaffContribution> { return this.contributionRows.approveContribution(id, actor); }
  rejectContribution(id: number, reason: RejectReason, actor: number): Promise<StaffContribution> { return this.contributionRows.rejectContribution(id, reason, actor); }
  mergeContribution(id: number, into: number, actor: number): Promise<StaffContribution> { return this.contributionRows.mergeContribution(id, into, actor); }
  answerContribution(id: number, answer: AnswerInput, actor: number): Promise<StaffContribution> { return this.contributionRows.answerContribution(id, answer, actor); }
  withdrawContribution(id: number, keyHash: string): Promise<OwnContribution | null> { return this.contributionRows.withdrawContribution(id, keyHash); }
  closures(): Promise<Closure[]> { return this.contributionRows.closures(); }
  setClosure(target: ClosureTarget, closed: boolean, actor: number): Promise<Closure[]> { return this.contributionRows.setClosure(target, closed, actor); }
  consultationRevision(): Promise<number> { return this.contributionRows.consultationRevision(); }
  consultationSecret(): Promise<string> { return this.contributionRows.consultationSecret(); }

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
