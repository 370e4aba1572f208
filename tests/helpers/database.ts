// The test store's database seen from below the store interface, on either engine: every row of
// every table in a fixed order, and plain queries. Tests that must prove content unchanged (a
// refused request, a failed import) or read what no public answer shows (password hashes) use it.
import Database from 'better-sqlite3';
import pg from 'pg';
import { openFile, tableContents, TEST_ENGINE } from './fixtures.ts';

export interface TableRows {
  name: string;
  rows: unknown[][];
}

const isUrl = (path: string) => /^postgres(ql)?:\/\//.test(path);

/** One small pool per database, idle connections closed soon, so a suite checking after every request does not connect each time. */
const pools = new Map<string, pg.Pool>();

async function withClient<T>(url: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let pool = pools.get(url);
  if (!pool) pools.set(url, (pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true })));
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** Every row of every table, table by table in name order, each table's rows ordered by all its columns. */
export async function databaseTables(path: string): Promise<TableRows[]> {
  if (!isUrl(path)) {
    const db = openFile(path);
    try {
      return [...tableContents(db)].map(({ name, rows }) => ({ name, rows: [...rows] as unknown[][] }));
    } finally {
      db.close();
    }
  }
  return withClient(path, async (client) => {
    const tables = await client.query<{ name: string; width: number }>(
      `SELECT t.table_name AS name, (SELECT count(*)::int FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name) AS width
       FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'spatial_ref_sys'
       ORDER BY t.table_name COLLATE "C"`,
    );
    const out: TableRows[] = [];
    for (const { name, width } of tables.rows) {
      const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
      const { rows } = await client.query({ text: `SELECT * FROM "${name}" ORDER BY ${order}`, rowMode: 'array' });
      out.push({ name, rows });
    }
    return out;
  });
}

/** The rows of one query, as arrays (SQLite `?` or PostgreSQL `$n` parameters, as the engine takes them). */
export async function databaseQuery(path: string, sql: string, params: unknown[] = []): Promise<unknown[][]> {
  if (!isUrl(path)) {
    const db = openFile(path);
    try {
      return db.prepare(sql).raw().all(...params) as unknown[][];
    } finally {
      db.close();
    }
  }
  return withClient(path, async (client) => (await client.query({ text: sql, values: params, rowMode: 'array' })).rows);
}

/** Runs writing statements as the database's owner would, below the store (for tests that must see the database refuse it). */
export async function databaseWrite(path: string, sql: string): Promise<void> {
  if (!isUrl(path)) {
    const db = new Database(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  await withClient(path, (client) => client.query(sql));
}

export { TEST_ENGINE };
