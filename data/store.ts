// The store: the one way the API reads the plan, interventions, zones, settlements and layers.
import Database from 'better-sqlite3';
import type { InterventionFilter, LayerFeature, LayerInfo, Plan, Settlement, SettlementArea, Zone } from '../geo/index.ts';
import { InterventionQueries } from './intervention-query.ts';
import { aggregate, type AggregateBy, type AggregateRow } from './aggregate.ts';
import { databasePath } from './paths.ts';
import { planTree, type PlanTree } from './plan-tree.ts';

export interface Health {
  interventions: number;
  located: number;
  zones: number;
  settlements: number;
  planItems: number;
  layers: number;
  schemaVersion: number;
  datasetHash: string;
}

const down = (n: number) => Math.floor(n * 1e6) / 1e6;
const up = (n: number) => Math.ceil(n * 1e6) / 1e6;

export class Store {
  readonly db: Database.Database;
  readonly interventions: InterventionQueries;

  constructor(path = databasePath(), options: { readonly?: boolean } = {}) {
    this.db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true });
    if (!options.readonly) this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.interventions = new InterventionQueries(this.db);
  }

  close() {
    this.db.close();
  }

  private count(table: string, where = ''): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  }

  private meta(key: string): string {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? '';
  }

  health(): Health {
    return {
      interventions: this.count('intervention'),
      located: this.count('intervention', 'WHERE located = 1'),
      zones: this.count('zone'),
      settlements: this.count('settlement'),
      planItems: this.count('plan_item'),
      layers: this.count('layer'),
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      datasetHash: this.meta('dataset_hash'),
    };
  }

  /** The dataset's SOURCES.md: every source and licence. */
  sourcesMarkdown(): string {
    return this.meta('sources_markdown');
  }

  plan(): Plan {
    const row = this.db.prepare('SELECT document FROM plan WHERE id = ?').get(this.meta('plan_id')) as { document: string };
    return JSON.parse(row.document);
  }

  settlements(): Settlement[] {
    return this.features<Settlement>('SELECT feature FROM settlement ORDER BY ekatte');
  }

  settlementAreas(): SettlementArea[] {
    return this.features<SettlementArea>('SELECT area_feature AS feature FROM settlement WHERE area_feature IS NOT NULL ORDER BY ekatte');
  }

  zones(): Zone[] {
    return this.features<Zone>('SELECT feature FROM zone ORDER BY rowid');
  }

  layers(): LayerInfo[] {
    return (this.db.prepare('SELECT info FROM layer ORDER BY position').all() as { info: string }[]).map((r) => JSON.parse(r.info));
  }

  layer(name: string): { info: LayerInfo; features: LayerFeature[] } | null {
    const row = this.db.prepare('SELECT info, collection FROM layer WHERE name = ?').get(name) as
      | { info: string; collection: string }
      | undefined;
    return row ? { info: JSON.parse(row.info), features: JSON.parse(row.collection).features } : null;
  }

  /** Count and EUR budget of the filtered interventions per settlement, zone, goal, priority or theme. */
  aggregate(by: AggregateBy, filter: InterventionFilter = {}): AggregateRow[] {
    return aggregate(this.db, this.interventions, by, filter);
  }

  /** The lon/lat extent of the located interventions and the span of their periods. */
  interventionExtent(): { bbox: [number, number, number, number] | null; firstYear: number | null; lastYear: number | null; openEnded: boolean } {
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

  /** The goal → priority → measure tree with counts and budgets of the filtered interventions. */
  planTree(filter: InterventionFilter = {}): PlanTree {
    return planTree(this.db, this.interventions, this.plan(), filter);
  }

  private features<T>(sql: string): T[] {
    return (this.db.prepare(sql).all() as { feature: string }[]).map((r) => JSON.parse(r.feature) as T);
  }
}

