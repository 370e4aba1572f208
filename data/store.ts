// The store contract: what every engine answers (SQLite now, PostGIS next), and the only way the
// API, the CLI commands, the bench and the tests read or replace the data. Every method is async,
// so an engine that talks to a server fits the same shape as the embedded one. Filters, sorting
// and paging are pushed into the engine (as pygeoapi's providers do); nothing above this interface
// knows which engine runs or how it stores things.
import type { TileGrid } from '../geo/tile.ts';
import type { CellRow, MapShape } from './tile-sql.ts';
import type {
  BBox,
  Geometry,
  InterventionFilter,
  LayerInfo,
  Page,
  Plan,
  Settlement,
  SettlementArea,
  Sort,
  Zone,
} from '../geo/index.ts';
import type { AggregateBy, AggregateRow, Extent, PlanTree, PublishedIntervention, StoreHealth } from '../geo/responses.ts';
import type { AccountStore } from './accounts.ts';
import type { ContributionStore } from './contributions.ts';
import type { BaseLayer, Dataset } from './dataset.ts';
import type { EditStore } from './editing.ts';
import type { ImportStore } from './imports.ts';
import type { PublicationStore } from './published.ts';
export type { BaseLayer, Dataset } from './dataset.ts';
export type { CellRow, MapShape } from './tile-sql.ts';

export type { AggregateBy, AggregateRow, Extent, PlanTree, PublishedIntervention, StoreHealth } from '../geo/responses.ts';
export { AGGREGATE_BY } from '../geo/responses.ts';

export interface Found {
  feature: PublishedIntervention;
  /** metres from the "near" point to the nearest part of the geometry */
  distance?: number;
}

export interface Place {
  id: string;
  geometry: Geometry | null;
}

export interface QueryResult {
  numberMatched: number;
  items: Found[];
}

/** Where the content came from: the dataset it was seeded with, and whether it changed since. */
export interface SeedState {
  /** bumped by every change; ETags and caches key on it */
  revision: number;
  /** the revision right after the last seed; null when the store was never seeded */
  seededRevision: number | null;
  /** hash of the dataset files of the last seed (see data/seed.ts) */
  datasetHash: string | null;
}

/** Reads of the published content, the seed, and (through EditStore and AccountStore) the planners' writes. */
/** The two forms a stored intervention is sent in (see queryInterventionJson). */
export type FeatureForm = 'geojson' | 'ogc';

export interface Store extends EditStore, AccountStore, ImportStore, PublicationStore, ContributionStore {
  /** Which engine answers, for the health report and the logs. */
  readonly engine: string;

  /** The store revision: a number that grows with every change of content. */
  revision(): Promise<number>;
  seedState(): Promise<SeedState>;
  health(): Promise<StoreHealth>;

  /** The default plan: the first of the dataset's (what the web app opens on). */
  plan(): Promise<Plan>;
  /** Every plan held, each of its own municipality, the default first. */
  plans(): Promise<Plan[]>;
  /** SOURCES.md of the dataset: every source and licence, in words. */
  sources(): Promise<string>;
  settlements(): Promise<Settlement[]>;
  settlementAreas(): Promise<SettlementArea[]>;
  zones(): Promise<Zone[]>;
  layers(): Promise<LayerInfo[]>;
  layer(name: string): Promise<BaseLayer | null>;

  /**
   * Every read of a published intervention below carries `updated` beside `properties`: when a
   * publication last changed it, null while it is as seeded. Drafts never change it.
   */
  getIntervention(id: string): Promise<PublishedIntervention | null>;
  /** One page of the filtered interventions, and how many match in all. */
  queryInterventions(filter: InterventionFilter, sort?: Sort, page?: Page): Promise<QueryResult>;
  /**
   * The same page as Feature JSON, for answers that send features as they are: RFC 7946 with
   * `updated` beside `properties` ('geojson', the default), or as /ogc serves it ('ogc': flat
   * properties, geo/ogc-feature.ts). Both are kept serialised and come as UTF-8 bytes, so a page is
   * read and sent, never decoded or rebuilt; found near a point, each has `distance_m` spliced in
   * as its first property.
   */
  queryInterventionJson(filter: InterventionFilter, sort?: Sort, page?: Page, form?: FeatureForm): Promise<{ numberMatched: number; features: Uint8Array[] }>;
  countInterventions(filter: InterventionFilter): Promise<number>;
  /**
   * Every filtered intervention, in order. The engine reads in bounded batches and holds no read
   * open between them, so a slow consumer (a client reading an export) blocks nobody.
   */
  streamInterventions(filter: InterventionFilter, sort?: Sort): AsyncIterable<Found>;
  /** The same as RFC 7946 Feature JSON in UTF-8 bytes, for exports that send features as they are (no `near`). */
  streamInterventionJson(filter: InterventionFilter, sort?: Sort): AsyncIterable<Uint8Array>;
  /**
   * The id and geometry (null when unlocated) of every filtered intervention, in order: what spatial
   * computations need, without the rest of each feature.
   */
  interventionPlaces(filter: InterventionFilter): Promise<Place[]>;
  /**
   * The filtered located interventions whose point lies in the cells of a tile's grid, counted per
   * cell and theme (data/tile-sql.ts): what a map tile below ITEMS_FROM_ZOOM draws.
   */
  interventionCells(filter: InterventionFilter, grid: TileGrid): Promise<CellRow[]>;
  /** The filtered located interventions that meet `box`, as a map draws them: at most `limit`, in dataset order. */
  interventionShapes(filter: InterventionFilter, box: BBox, limit: number): Promise<MapShape[]>;
  /** Count and EUR budget per group; every group listed, zeros included, and a `key: null` row for the rest. */
  aggregate(by: AggregateBy, filter?: InterventionFilter): Promise<AggregateRow[]>;
  /** goal → priority → measure with the count and budget of the filtered interventions under each node. */
  planTree(filter?: InterventionFilter): Promise<PlanTree>;
  /** The lon/lat extent of the located interventions and the span of their periods. */
  interventionExtent(): Promise<Extent>;

  /** Items with drafts waiting for review: a reseed would lose them. */
  pendingDrafts(): Promise<number>;

  /** Replaces the whole content with `dataset` in one transaction, forgets every revision and draft, and bumps the revision. */
  seed(dataset: Dataset, datasetHash: string): Promise<void>;
  /** The whole content, as the records a dataset folder holds (see data/dump.ts). */
  dataset(): Promise<Dataset>;

  close(): Promise<void>;
}
