// Imports, engine-neutral: what a planner uploaded is kept as a batch (the file itself, the options
// and the mapping), so the preview can be asked again with another CRS, encoding or mapping, and the
// commit rebuilds exactly what the last preview showed. A batch belongs to the account that
// uploaded it; it is forgotten a day after it was last touched.
import type { ImportMapping, ImportTarget } from '../geo/import-mapping.ts';
import type { CrsCode } from '../geo/crs.ts';
import type { LayerFeature, LayerInfo } from '../geo/index.ts';
import type { Encoding } from './import/source.ts';
import type { Actor } from './editing.ts';

export interface ImportOptions {
  crs: CrsCode | null;
  encoding: Encoding | null;
  layer: string | null;
  /** the title of a reference layer (layer:NAME targets), as the map's legend shows it */
  title: string | null;
}

export interface ImportBatch {
  id: string;
  account: number;
  createdAt: string;
  target: ImportTarget;
  fileName: string;
  bytes: Uint8Array;
  options: ImportOptions;
  /** null until the planner sets one: then the remembered mapping of the layout, or the guess */
  mapping: ImportMapping | null;
  /** the head revision of every item the last preview would update; the commit writes over exactly these */
  seen: Record<string, number>;
  /** what the last preview showed (see previewDigest); a commit that would write anything else is refused */
  digest: string | null;
  committedAt: string | null;
}

/** How long an uncommitted upload is kept. */
export const IMPORT_TTL_MS = 24 * 3600 * 1000;

export interface ImportStore {
  /** Inserts or replaces the batch, and forgets batches untouched for IMPORT_TTL_MS. */
  saveImport(batch: ImportBatch): Promise<void>;
  importBatch(id: string): Promise<ImportBatch | null>;
  /** The mapping last committed for this file layout (see layoutKey), or null. */
  layoutMapping(layout: string): Promise<ImportMapping | null>;
  rememberLayout(layout: string, mapping: ImportMapping): Promise<void>;
  /**
   * Replaces a reference layer's features (creating the layer) in one transaction, with its audit
   * record; the map shows it at once, so the API lets only publishers do it.
   */
  replaceLayer(info: LayerInfo, features: LayerFeature[], actor: Actor): Promise<void>;
}

/** An upload as every engine's import_batch table holds it. */
export interface BatchRow {
  id: string;
  account: number;
  created_at: string;
  target: string;
  file_name: string;
  bytes: Uint8Array;
  options: string;
  mapping: string | null;
  seen: string;
  digest: string | null;
  committed_at: string | null;
}

export function toImportBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    account: row.account,
    createdAt: row.created_at,
    target: row.target as ImportBatch['target'],
    fileName: row.file_name,
    bytes: new Uint8Array(row.bytes),
    options: JSON.parse(row.options),
    mapping: row.mapping === null ? null : JSON.parse(row.mapping),
    seen: JSON.parse(row.seen),
    digest: row.digest,
    committedAt: row.committed_at,
  };
}
