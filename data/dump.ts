// Store → dataset folder, for any engine: the current content written in exactly the format of
// data/kazanlak/ (the files a seed reads), so the open-data dump and the seed are one format and a
// seed followed by a dump gives the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.ts';
import { DATASET_FILES } from './dataset.ts';
import type { Store } from './store.ts';

const collection = (features: unknown[]) => canonicalJson({ type: 'FeatureCollection', features });

/** Writes the store's content into `dir` (created when missing); returns the files written. */
export async function dumpStore(store: Store, dir: string): Promise<string[]> {
  const d = await store.dataset();
  const files = new Map<string, string>([
    // One plan as an object, as a municipality's folder has it; several as an array.
    [DATASET_FILES.plan, canonicalJson(d.plans.length === 1 ? d.plans[0] : d.plans)],
    [DATASET_FILES.interventions, collection(d.interventions)],
    [DATASET_FILES.zones, collection(d.zones)],
    [DATASET_FILES.layers, canonicalJson(d.layers.map((l) => l.info))],
  ]);
  // Settlements and their land areas are base layers too; the entity is written, not its layer copy.
  for (const l of d.layers) if (!files.has(l.info.file)) files.set(l.info.file, collection(l.features));
  files.set(DATASET_FILES.settlements, collection(d.settlements));
  files.set(DATASET_FILES.settlementAreas, collection(d.settlementAreas));
  files.set('SOURCES.md', d.sourcesMarkdown);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return [...files.keys()].sort();
}
