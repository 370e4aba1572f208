// Dataset folder → store, for any engine (through the Store interface). After the first seed the
// database is the truth: edits made in it are kept, and seeding again is an explicit act that
// refuses to throw away changes the files do not hold, unless told to.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, loadDataset } from './dataset.ts';
import type { Store } from './store.ts';

/** A hash of every data file of the dataset folder: the store remembers which files it was seeded from. */
export function datasetHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(json|geojson|md)$/.test(name)) continue;
    hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  return hash.digest('hex');
}

export class SeedRefused extends Error {}

/** Loads and checks the dataset in `dir`, then replaces the store's content with it. */
export async function seedFrom(store: Store, dir: string): Promise<void> {
  const { dataset, problems } = loadDataset(dir);
  if (!dataset) throw new SeedRefused(`the dataset in ${dir} has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  await store.seed(dataset, datasetHash(dir));
}

/** Seeds a store that was never seeded; leaves any other alone. */
export async function seedIfEmpty(store: Store, dir: string): Promise<'seeded' | 'kept'> {
  if ((await store.seedState()).seededRevision !== null) return 'kept';
  await seedFrom(store, dir);
  return 'seeded';
}

/**
 * Seeds again from `dir`. Refused when the store holds changes made since its last seed (they
 * would be lost: dump them first) or drafts waiting for review, unless `discardChanges` says to throw them away.
 */
export async function reseed(store: Store, dir: string, { discardChanges = false } = {}): Promise<void> {
  const state = await store.seedState();
  if (state.seededRevision !== null && state.revision !== state.seededRevision && !discardChanges)
    throw new SeedRefused(
      `the store holds changes made after its last seed (revision ${state.revision}, seeded at ${state.seededRevision}); ` +
        'save them with "npm run data:dump -- <dir>", or seed with --discard-changes to lose them',
    );
  const pending = await store.pendingDrafts();
  if (pending > 0 && !discardChanges)
    throw new SeedRefused(`${pending} item${pending === 1 ? ' has drafts' : 's have drafts'} waiting for review; publish or reject them, or seed with --discard-changes to lose them`);
  await seedFrom(store, dir);
}

/** Whether the files in `dir` differ from those the store was seeded with (then a re-seed would load them). */
export async function filesDiffer(store: Store, dir: string): Promise<boolean> {
  return (await store.seedState()).datasetHash !== datasetHash(dir);
}
