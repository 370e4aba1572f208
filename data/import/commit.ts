// The commit of an import: what the last preview showed, written in one transaction, or nothing.
import { createHash } from 'node:crypto';
import type { WriteResult } from '../../geo/editing.ts';
import { layoutKey } from '../../geo/import-mapping.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { Actor } from '../editing.ts';
import type { ImportBatch } from '../imports.ts';
import type { Store } from '../store.ts';
import { plan, type Preview } from './preview.ts';

/** What a planner saw in a preview, as one value: a commit that would write anything else is refused. */
export function previewDigest(preview: Preview): string {
  const seen = { mapping: preview.mapping, crs: preview.file.crs?.value ?? null, encoding: preview.file.encoding?.value ?? null, layer: preview.file.layer, rows: preview.rows };
  return createHash('sha256').update(canonicalJson(seen)).digest('base64url');
}

/** A commit the batch cannot take, and why; the API answers 409. */
export class CommitRefused extends Error {
  constructor(
    readonly code: 'committed' | 'changed',
    message: string,
  ) {
    super(message);
  }
}

export interface Committed {
  preview: Preview;
  items: WriteResult[];
  layer: string | null;
}

/**
 * Writes what the last preview showed, in one transaction: the accepted rows as drafts (each
 * update over the head revision the preview saw), or the reference layer. Anything that changed
 * since (the data, the heads, the file's reading) refuses the whole commit; nothing is written.
 */
export async function commitBatch(store: Store, batch: ImportBatch, actor: Actor): Promise<Committed> {
  if (batch.committedAt) throw new CommitRefused('committed', `import ${batch.id} was committed at ${batch.committedAt}; upload the file again to import it again`);
  const { preview, writes } = await plan(store, batch, actor, batch.seen);
  if (batch.digest === null || previewDigest(preview) !== batch.digest)
    throw new CommitRefused('changed', 'the data changed since the preview (another change to the same items, or a new mapping): look at the preview again, then commit');
  const reason = `import of ${batch.fileName} (${batch.id})`.slice(0, 500);
  let items: WriteResult[] = [];
  if (writes.kind === 'drafts') items = await store.saveDrafts(writes.drafts.map((d) => ({ ...d, reason })), actor);
  if (writes.kind === 'layer') await store.replaceLayer(writes.info, writes.features, actor);
  await store.rememberLayout(layoutKey(batch.target, preview.file.columns), preview.mapping);
  const committedAt = new Date().toISOString();
  await store.saveImport({ ...batch, committedAt });
  return { preview: { ...preview, committedAt }, items, layer: writes.kind === 'layer' ? writes.info.name : null };
}
