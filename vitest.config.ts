import { defineConfig } from 'vitest/config';

/**
 * The suites that hold for every store, run a second time on PostgreSQL + PostGIS in a throwaway
 * cluster (tests/helpers/postgres-cluster.ts). The rest are about the embedded engine itself
 * (its file, its migrations, crash safety), the CLI, the browser, or the writes the PostgreSQL
 * store does not do yet.
 */
const ON_EVERY_STORE = ['tests/data/store.test.ts', 'tests/data/near.test.ts', 'tests/data/cql2-sql.test.ts', 'tests/api/**/*.test.ts', 'tests/ogc/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'postgis', include: ON_EVERY_STORE, env: { PIRO_TEST_STORE: 'postgis' }, globalSetup: ['tests/helpers/postgres-cluster.ts'] },
      },
    ],
  },
});
