// Test databases are real SQLite files built from a dataset folder into tests/.tmp/.
import { mkdirSync, cpSync, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { buildDatabase } from '../../data/build.ts';
import { Store } from '../../data/store.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const MINI = join(ROOT, 'tests/fixtures/mini');
export const KAZANLAK = join(ROOT, 'data/kazanlak');
export const TMP = join(ROOT, 'tests/.tmp');

export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

/** Builds `dataset` into a fresh database file and opens it. */
export function buildStore(dataset: string, name = 'store'): { store: Store; path: string } {
  const path = join(tempDir(name), 'piro.sqlite');
  buildDatabase(dataset, path);
  return { store: new Store(path), path };
}

/** A writable copy of a dataset folder, for tests that break it on purpose. */
export function copyDataset(dataset: string, name = 'dataset'): string {
  const dir = join(tempDir(name), 'dataset');
  cpSync(dataset, dir, { recursive: true });
  return dir;
}
