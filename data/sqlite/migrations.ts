// The store's schema, as an ordered list of migrations. `PRAGMA user_version` records how many have
// been applied, so an existing database file is brought forward instead of being thrown away —
// which matters once planners edit data in it.
import type { Database } from 'better-sqlite3';
import { recomputeMasterPlanZones } from './master-plan.ts';
import { withProgress, type Intervention } from '../../geo/intervention.ts';
import type { Geometry } from '../../geo/geojson.ts';
import { insertBox } from './candidates.ts';
import { geometryBBox } from '../../geo/spatial.ts';
import { ogcJson } from '../../geo/ogc-feature.ts';
import type { Plan } from '../../geo/plan.ts';
import { withMunicipality } from '../intervention-row.ts';
import { codedOutlines } from '../../geo/municipality.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** work SQL cannot do (a spatial join), run after `sql` in the same transaction */
  after?: (db: Database) => void;
  /** rebuilds a table others refer to: run with foreign keys off, and checked before it commits */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema: plan, settlements, zones, interventions, spatial and text indexes',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE plan (id TEXT PRIMARY KEY, document TEXT NOT NULL) STRICT;

      CREATE TABLE plan_item (
        id TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('goal', 'priority', 'measure')),
        parent_id TEXT,
        code TEXT,
        title_bg TEXT,
        title_en TEXT,
        confidence TEXT NOT NULL,
        position INTEGER NOT NULL,
        item TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settlement (
        ekatte TEXT PRIMARY KEY,
        name_bg TEXT NOT NULL,
        name_en TEXT NOT NULL,
        kind TEXT NOT NULL,
        population INTEGER,
        population_year INTEGER,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        feature TEXT NOT NULL,
        area_feature TEXT
      ) STRICT;

      CREATE TABLE zone (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name_bg TEXT NOT NULL,
        geometry_accuracy TEXT,
        has_geometry INTEGER NOT NULL,
        feature TEXT NOT NULL
      ) STRICT;

      CREATE TABLE intervention (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title_bg TEXT NOT NULL,
        title_en TEXT,
        title_sort TEXT NOT NULL,
        kind TEXT NOT NULL,
        programme_id TEXT,
        theme TEXT NOT NULL,
        status TEXT NOT NULL,
        settlement TEXT,
        location_accuracy TEXT NOT NULL,
        located INTEGER NOT NULL,
        lon REAL,
        lat REAL,
        budget_eur REAL,
        start_year INTEGER,
        end_year INTEGER,
        feature TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intervention_theme ON intervention (theme);
      CREATE INDEX intervention_status ON intervention (status);
      CREATE INDEX intervention_settlement ON intervention (settlement);
      CREATE INDEX intervention_budget ON intervention (budget_eur);
      CREATE INDEX intervention_start ON intervention (start_year, end_year);
      CREATE INDEX intervention_title ON intervention (title_sort);

      CREATE TABLE intervention_funding (
        intervention INTEGER NOT NULL REFERENCES intervention (rowid) ON DELETE CASCADE,
        funding TEXT NOT NULL,
        PRIMARY KEY (funding, intervention)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE intervention_link (
        intervention INTEGER NOT NULL REFERENCES intervention (rowid) ON DELETE CASCADE,
        level TEXT NOT NULL,
        plan_item TEXT NOT NULL,
        confidence TEXT NOT NULL,
        PRIMARY KEY (plan_item, intervention)
      ) STRICT, WITHOUT ROWID;

      -- Which zones an intervention falls in, worked out from geometry at build time.
      CREATE TABLE intervention_zone (
        intervention INTEGER NOT NULL REFERENCES intervention (rowid) ON DELETE CASCADE,
        zone TEXT NOT NULL REFERENCES zone (id) ON DELETE CASCADE,
        PRIMARY KEY (zone, intervention)
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE intervention_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);

      -- One column of folded Latin search keys (see geo/transliterate.ts), so Cyrillic and Latin
      -- spellings meet; the index holds keys only, the text lives in the intervention row.
      CREATE VIRTUAL TABLE intervention_search USING fts5 (keys, tokenize = 'ascii');

      CREATE TABLE layer (name TEXT PRIMARY KEY, position INTEGER NOT NULL, info TEXT NOT NULL, collection TEXT NOT NULL) STRICT;
    `,
  },
  {
    version: 2,
    name: 'net budgets, and the plan hierarchy as a closure so a goal finds what is linked below it',
    sql: `
      ALTER TABLE intervention ADD COLUMN budget_eur_net REAL;
      UPDATE intervention SET budget_eur_net = budget_eur;
      -- Every plan item with itself and each of its ancestors: a link to a measure is also a link
      -- to its priority and goal.
      CREATE TABLE plan_closure (
        item TEXT NOT NULL,
        ancestor TEXT NOT NULL,
        level TEXT NOT NULL,
        PRIMARY KEY (ancestor, item)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX plan_closure_item ON plan_closure (item, level);
    `,
  },
  {
    version: 3,
    name: 'indexes from intervention to its links, funding and zones; geometry type for distance without parsing',
    sql: `
      -- Facets join these from the intervention side; without them each join scans the whole table.
      CREATE INDEX intervention_funding_by_intervention ON intervention_funding (intervention, funding);
      CREATE INDEX intervention_zone_by_intervention ON intervention_zone (intervention, zone);
      CREATE INDEX intervention_link_by_intervention ON intervention_link (intervention, level, plan_item);
      -- Grouping every row by theme reads this index instead of rows that carry the feature JSON.
      CREATE INDEX intervention_theme_budget ON intervention (theme, budget_eur_net, budget_eur);
      -- For a Point, lon/lat are the geometry: nearby distances need no JSON.
      ALTER TABLE intervention ADD COLUMN geometry_type TEXT;
    `,
  },
  {
    version: 4,
    name: 'the database is the truth: a revision counter, the seed it came from, and each record as its steward wrote it',
    sql: `
      -- Every change bumps the revision; ETags and caches key on it. A database built by an earlier
      -- schema holds exactly the dataset it was built from, so that build counts as its seed; a new,
      -- empty database has neither until it is seeded.
      INSERT OR IGNORE INTO meta (key, value) SELECT 'revision', '1' WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset_hash');
      INSERT OR IGNORE INTO meta (key, value) SELECT 'seeded_revision', '1' WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset_hash');
      -- The record as written (dumped back to the dataset folder), beside the public feature, which
      -- adds what the store derives (the settlement from the land area). Earlier databases kept only
      -- the feature, so there the derived settlement is taken as written.
      ALTER TABLE intervention ADD COLUMN document TEXT;
      UPDATE intervention SET document = feature;
    `,
  },
  {
    version: 5,
    name: 'planners: accounts and sessions, every revision of every item, and an append-only audit log',
    sql: `
      CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
        password TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;

      -- The token's SHA-256, never the token: a copy of the file opens no session.
      CREATE TABLE session (
        token_hash TEXT PRIMARY KEY,
        account INTEGER NOT NULL REFERENCES account (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        address TEXT
      ) STRICT;
      CREATE INDEX session_account ON session (account);

      -- Every version of every edited item. The content tables hold what is published; an item
      -- nobody has edited since the seed has no rows here until its first edit, when the seeded
      -- record becomes its revision 1.
      CREATE TABLE revision (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('intervention', 'plan-item', 'zone')),
        item TEXT NOT NULL,
        number INTEGER NOT NULL,
        document TEXT,
        state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'rejected')),
        action TEXT NOT NULL CHECK (action IN ('seed', 'create', 'update', 'delete', 'revert')),
        based_on INTEGER,
        reverts_to INTEGER,
        author INTEGER REFERENCES account (id),
        created_at TEXT,
        reason TEXT,
        reviewer INTEGER REFERENCES account (id),
        reviewed_at TEXT,
        review_reason TEXT,
        UNIQUE (kind, item, number)
      ) STRICT;
      CREATE INDEX revision_pending ON revision (kind, item) WHERE state = 'draft';

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor INTEGER REFERENCES account (id),
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT
      ) STRICT;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 6,
    name: 'members of a programme by index: every save checks them, every publication sums them',
    sql: `
      -- Without it, a programme's members were a scan of every intervention: 0.3 s per save at 100 000.
      CREATE INDEX intervention_programme ON intervention (programme_id) WHERE programme_id IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'when the published state of each intervention last changed, for the public "last updated"',
    sql: `
      -- The reviewed_at of the item's newest published revision, written by the publication that
      -- applies it; null while the item is as seeded. On the row, so lists and exports read it with
      -- the feature instead of joining the revisions. A database edited before this schema takes it
      -- from its revisions (a seed revision has no reviewed_at, so it leaves null).
      ALTER TABLE intervention ADD COLUMN updated_at TEXT;
      UPDATE intervention SET updated_at = (
        SELECT r.reviewed_at FROM revision r WHERE r.kind = 'intervention' AND r.item = intervention.id AND r.state = 'published'
        ORDER BY r.number DESC LIMIT 1
      );
    `,
  },
  {
    version: 8,
    name: 'master-plan (ОУП) zones: the zones each intervention lies in, and each zone\'s type code and English name for public reads',
    sql: `
      -- Which master-plan zones an intervention lies in (geo/master-plan.ts), kept apart from
      -- intervention_zone: a zoning covers the whole territory, so its zones would crowd the
      -- zones the plan acts on, and "lies in" is not "touches".
      CREATE TABLE intervention_master_plan_zone (
        intervention INTEGER NOT NULL REFERENCES intervention (rowid) ON DELETE CASCADE,
        zone TEXT NOT NULL REFERENCES zone (id) ON DELETE CASCADE,
        PRIMARY KEY (intervention, zone)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX intervention_master_plan_zone_by_zone ON intervention_master_plan_zone (zone, intervention);
      -- Every public read of an intervention names its zones' code and name: from these columns,
      -- not by parsing each zone's feature (its geometry) per intervention.
      ALTER TABLE zone ADD COLUMN master_plan_type TEXT;
      ALTER TABLE zone ADD COLUMN name_en TEXT;
      UPDATE zone SET master_plan_type = json_extract(feature, '$.properties.masterPlanType'), name_en = json_extract(feature, '$.properties.name.en');
      DELETE FROM intervention_zone WHERE zone IN (SELECT id FROM zone WHERE kind = 'oup_land_use');
    `,
    after: recomputeMasterPlanZones,
  },
  {
    version: 9,
    name: 'imports: uploaded files kept for their preview and commit, and the mapping remembered per file layout',
    sql: `
      -- The file itself is kept (not its parsed rows), so a preview asked again with another CRS,
      -- encoding or mapping reads it afresh, and the commit rebuilds what the last preview showed.
      CREATE TABLE import_batch (
        id TEXT PRIMARY KEY,
        account INTEGER NOT NULL REFERENCES account (id),
        created_at TEXT NOT NULL,
        touched_at TEXT NOT NULL,
        target TEXT NOT NULL,
        file_name TEXT NOT NULL,
        bytes BLOB NOT NULL,
        options TEXT NOT NULL,
        mapping TEXT,
        seen TEXT NOT NULL,
        digest TEXT,
        committed_at TEXT
      ) STRICT;
      CREATE INDEX import_batch_touched ON import_batch (touched_at);
      CREATE TABLE import_layout (layout TEXT PRIMARY KEY, mapping TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
    `,
  },
  {
    version: 10,
    name: 'progress entries: every intervention\'s single status becomes its first entry; published revisions by time, for the map as of a date and the feed',
    sql: `
      -- The map as of a date and the feed of changes read published revisions by when they were published.
      CREATE INDEX revision_published ON revision (reviewed_at) WHERE state = 'published';
    `,
    // Records written before entries existed, published or in revisions, read as the dataset loader
    // reads an older file: the status becomes the first entry (geo/progress.ts). Same content, so
    // history shows no change where there was none.
    after: (db) => {
      const progress = (json: string) => {
        const record = JSON.parse(json) as Intervention;
        return JSON.stringify(withProgress({ ...record, properties: { ...record.properties } }));
      };
      const rows = db.prepare('SELECT rowid, feature, document FROM intervention').all() as { rowid: number; feature: string; document: string | null }[];
      const update = db.prepare('UPDATE intervention SET feature = ?, document = ? WHERE rowid = ?');
      for (const r of rows) update.run(progress(r.feature), r.document === null ? null : progress(r.document), r.rowid);
      const revisions = db.prepare("SELECT id, document FROM revision WHERE kind = 'intervention' AND document IS NOT NULL").all() as { id: number; document: string }[];
      const revise = db.prepare('UPDATE revision SET document = ? WHERE id = ?');
      for (const r of revisions) revise.run(progress(r.document), r.id);
    },
  },
  {
    version: 11,
    name: 'the exact bounding boxes beside the R*Tree\'s rounded ones, so a bbox query is decided in the index',
    // The R*Tree keeps its boxes as 32-bit floats rounded outwards: it finds every item in a box and
    // some beside it. Its auxiliary columns keep the exact boxes (doubles), so a query decides every
    // point, and every shape wholly inside or outside, without reading the item's row.
    sql: `
      DROP TABLE intervention_rtree;
      CREATE VIRTUAL TABLE intervention_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat, +exact_min_lon, +exact_max_lon, +exact_min_lat, +exact_max_lat);
    `,
    after: (db) => {
      const rows = db.prepare("SELECT rowid, json_extract(feature, '$.geometry') AS geometry FROM intervention WHERE geometry_type IS NOT NULL").all() as { rowid: number; geometry: string }[];
      // This schema's columns, not insertBox's: migration 12 adds one.
      const insert = db.prepare('INSERT INTO intervention_rtree VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const r of rows) {
        const [minLon, minLat, maxLon, maxLat] = geometryBBox(JSON.parse(r.geometry) as Geometry);
        insert.run(r.rowid, minLon, maxLon, minLat, maxLat, minLon, maxLon, minLat, maxLat);
      }
    },
  },
  {
    version: 12,
    name: 'read-speed forms: each published intervention also as /ogc serves it (flat properties), and each shape\'s geometry in the R*Tree',
    // A page of /ogc items is then written from stored text, and CQL2 runs in SQL on the flat form
    // (data/sqlite/cql2.ts). A bbox decides a shape across its edge from the index's own copy of the
    // geometry instead of parsing the item's row.
    sql: `
      ALTER TABLE intervention ADD COLUMN ogc TEXT;
      DROP TABLE intervention_rtree;
      CREATE VIRTUAL TABLE intervention_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat, +exact_min_lon, +exact_max_lon, +exact_min_lat, +exact_max_lat, +shape);
    `,
    after: (db) => {
      const rows = db.prepare('SELECT rowid, feature FROM intervention').raw().all() as [number, string][];
      const update = db.prepare('UPDATE intervention SET ogc = ? WHERE rowid = ?');
      for (const [rowid, json] of rows) {
        const feature = JSON.parse(json) as Intervention;
        update.run(ogcJson(feature), rowid);
        if (feature.geometry) insertBox(db, rowid, feature.geometry);
      }
    },
  },
  {
    version: 13,
    name: 'consultation: citizens\' contributions, their moderation and answers, closures, and the moderator role',
    rebuildsTables: true,
    sql: `
      -- The role's CHECK grows a value, which SQLite cannot alter in place: the table is rebuilt the
      -- way SQLite's documentation says (a new table, copied, swapped in, with foreign keys off, so
      -- the sessions', revisions' and audit's REFERENCES account keep naming it).
      CREATE TABLE account_new (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'moderator', 'admin')),
        password TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO account_new (id, email, role, password, disabled, created_at) SELECT id, email, role, password, disabled, created_at FROM account;
      DROP TABLE account;
      ALTER TABLE account_new RENAME TO account;

      -- A citizen's question, comment or proposal. The contact and the address hash are for the
      -- municipality and the rate limit only: no public read selects them, and a withdrawal erases
      -- them with the words.
      CREATE TABLE contribution (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('question', 'comment', 'proposal')),
        text TEXT NOT NULL,
        display_name TEXT NOT NULL,
        contact TEXT,
        theme TEXT,
        intervention_id TEXT,
        measure_id TEXT,
        geometry TEXT,
        settlement TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'published', 'rejected', 'merged', 'withdrawn')),
        reject_reason TEXT,
        merged_into INTEGER REFERENCES contribution (id),
        created_at TEXT NOT NULL,
        published_at TEXT,
        moderated_at TEXT,
        moderator INTEGER REFERENCES account (id),
        answer TEXT,
        answer_interventions TEXT,
        answered_at TEXT,
        answered_by INTEGER REFERENCES account (id),
        key_hash TEXT NOT NULL,
        address_hash TEXT,
        -- each proof-of-work challenge buys one post
        challenge TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX contribution_state ON contribution (state, created_at);
      CREATE INDEX contribution_address ON contribution (address_hash, created_at);
      CREATE INDEX contribution_intervention ON contribution (intervention_id, created_at) WHERE intervention_id IS NOT NULL;
      CREATE INDEX contribution_measure ON contribution (measure_id, created_at) WHERE measure_id IS NOT NULL;

      -- The kill switch: '*' closes contributions everywhere, 'intervention:ID' or 'measure:ID' one item.
      CREATE TABLE contribution_closure (target TEXT PRIMARY KEY, closed_at TEXT NOT NULL, closed_by INTEGER REFERENCES account (id)) STRICT;

      INSERT INTO meta (key, value) VALUES ('consultation_revision', '0');
      INSERT INTO meta (key, value) VALUES ('consultation_secret', lower(hex(randomblob(32))));
    `,
  },
  {
    version: 14,
    name: 'municipality: each intervention\'s, for the national view and the municipality filter',
    sql: `
      ALTER TABLE intervention ADD COLUMN municipality TEXT;
      -- Several plans, each of its own municipality, in dataset order.
      ALTER TABLE plan ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE plan ADD COLUMN municipality TEXT;
      CREATE INDEX intervention_municipality ON intervention (municipality);
    `,
    // Every record so far served the one plan held: its municipality, in the column and in the
    // public forms (the record as written, in \`document\`, stays as it was).
    after: (db) => {
      const plan = db.prepare("SELECT document FROM plan WHERE id = (SELECT value FROM meta WHERE key = 'plan_id')").pluck().get() as string | undefined;
      if (plan === undefined) return;
      const code = (JSON.parse(plan) as Plan).municipality.code;
      const rows = db.prepare('SELECT rowid, feature FROM intervention').raw().all() as [number, string][];
      const update = db.prepare('UPDATE intervention SET municipality = ?, feature = ?, ogc = ? WHERE rowid = ?');
      for (const [rowid, json] of rows) {
        const feature = withMunicipality(JSON.parse(json) as Intervention, code);
        update.run(feature.properties.municipality, JSON.stringify(feature), ogcJson(feature), rowid);
      }
      db.prepare('UPDATE plan SET municipality = ?').run(code);
      const outlines = db.prepare("SELECT collection FROM layer WHERE name = 'municipality'").pluck().get() as string | undefined;
      if (outlines) db.prepare("UPDATE layer SET collection = ? WHERE name = 'municipality'").run(JSON.stringify(codedOutlines(JSON.parse(outlines), code)));
    },
  },
  {
    version: 15,
    name: 'intervention rebuilt with its JSON last, and facets counted from indexes',
    rebuildsTables: true,
    sql: `
      -- Columns added by later ALTERs (net budget, municipality) sat after the feature JSON, so
      -- reading them read each row's overflow pages: a facet took 5-7 s at a million items, and a
      -- filter by status with a count by municipality 4.5 s. With every short column first, a row
      -- is read from its first page (0.7 s there), and the indexes below answer most counts alone.
      CREATE TABLE intervention_new (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        municipality TEXT,
        theme TEXT NOT NULL,
        status TEXT NOT NULL,
        settlement TEXT,
        location_accuracy TEXT NOT NULL,
        located INTEGER NOT NULL,
        kind TEXT NOT NULL,
        programme_id TEXT,
        lon REAL,
        lat REAL,
        geometry_type TEXT,
        budget_eur REAL,
        budget_eur_net REAL,
        start_year INTEGER,
        end_year INTEGER,
        updated_at TEXT,
        title_sort TEXT NOT NULL,
        title_bg TEXT NOT NULL,
        title_en TEXT,
        feature TEXT NOT NULL,
        ogc TEXT,
        document TEXT
      ) STRICT;
      INSERT INTO intervention_new (rowid, id, municipality, theme, status, settlement, location_accuracy, located, kind, programme_id,
          lon, lat, geometry_type, budget_eur, budget_eur_net, start_year, end_year, updated_at, title_sort, title_bg, title_en, feature, ogc, document)
        SELECT rowid, id, municipality, theme, status, settlement, location_accuracy, located, kind, programme_id,
          lon, lat, geometry_type, budget_eur, budget_eur_net, start_year, end_year, updated_at, title_sort, title_bg, title_en, feature, ogc, document
        FROM intervention;
      DROP TABLE intervention;
      ALTER TABLE intervention_new RENAME TO intervention;
      -- A facet groups by one column and sums the budgets: with the budgets in the index, it reads
      -- the index alone (0.1 s at a million), as the theme's did since migration 3. The columns a
      -- visitor filters by most (a municipality or region, a theme, a status) carry the other counted
      -- columns too, so the facets under such a filter read no row either (0.3-1 s -> 10-80 ms).
      CREATE INDEX intervention_municipality ON intervention (municipality, theme, status, settlement, location_accuracy, budget_eur_net, budget_eur);
      CREATE INDEX intervention_theme_budget ON intervention (theme, municipality, status, settlement, location_accuracy, budget_eur_net, budget_eur);
      CREATE INDEX intervention_status ON intervention (status, municipality, theme, settlement, location_accuracy, budget_eur_net, budget_eur);
      CREATE INDEX intervention_settlement ON intervention (settlement, budget_eur_net, budget_eur);
      CREATE INDEX intervention_accuracy ON intervention (location_accuracy, budget_eur_net, budget_eur);
      CREATE INDEX intervention_budget ON intervention (budget_eur);
      CREATE INDEX intervention_start ON intervention (start_year, end_year);
      CREATE INDEX intervention_title ON intervention (title_sort);
      CREATE INDEX intervention_programme ON intervention (programme_id) WHERE programme_id IS NOT NULL;
      -- The dropped table took its statistics with it; without them the planner reads a filtered
      -- facet's links for every item (over a minute at a million, not a third of a second).
      ANALYZE intervention;
    `,
  },
];


export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // Outside the transaction: inside one, SQLite ignores the pragma.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        migration.after?.(db);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`migration ${migration.version} would break a foreign key`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}
