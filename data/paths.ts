import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The canonical dataset; `DATASET_DIR` points elsewhere (tests use broken copies). */
export function datasetDir(): string {
  return resolve(process.env.DATASET_DIR ?? resolve(here, 'kazanlak'));
}

/** The SQLite store; `DB_PATH` overrides the default `data/piro.sqlite`. */
export function databasePath(): string {
  return resolve(process.env.DB_PATH ?? resolve(here, 'piro.sqlite'));
}
