import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The dataset a new store is seeded from; `DATASET_DIR` points elsewhere (tests use copies). */
export function datasetDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATASET_DIR ?? resolve(here, 'kazanlak'));
}

/** The SQLite store; `DB_PATH` overrides the default `data/piro.sqlite`. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DB_PATH ?? resolve(here, 'piro.sqlite'));
}
