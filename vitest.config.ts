import { defineConfig } from 'vitest/config';
import { postgresBin } from './tests/helpers/postgres-cluster.ts';

/**
 * The suites that hold for every store, run a second time on PostgreSQL + PostGIS in a throwaway
 * cluster (tests/helpers/postgres-cluster.ts). The rest are about the embedded engine itself
 * (its file, its migrations, crash safety), the pure domain code, or the browser.
 */
const ON_EVERY_STORE = ['tests/data/store.test.ts', 'tests/data/near.test.ts', 'tests/data/cql2-sql.test.ts', 'tests/data/truth.test.ts', 'tests/data/kazanlak-store.test.ts', 'tests/data/import-cli.test.ts', 'tests/data/user-cli.test.ts', 'tests/data/replica.test.ts', 'tests/data/engines.test.ts', 'tests/api/**/*.test.ts', 'tests/ogc/**/*.test.ts'];

/** Without PostgreSQL here the PostGIS runs are left out, loudly; under CI its absence fails the run instead. */
const postgis = postgresBin() !== null || !!process.env.CI;
if (!postgis) console.warn('\n⚠ PostgreSQL is not installed here (apt-get install postgresql postgresql-postgis): the PostGIS runs of the suites are skipped.\n');

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A page is ready once its map has its style, before the list and the tiles are in: what a
    // browser test waits for may take a few seconds on a busy 2-core CI machine, not one.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      ...(postgis
        ? [{ extends: true, test: { name: 'postgis', include: ON_EVERY_STORE, env: { PIRO_TEST_STORE: 'postgis' }, globalSetup: ['tests/helpers/postgres-cluster.ts'] } }]
        : []),
    ],
  },
});
