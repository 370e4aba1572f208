// The connection pool and the few ways the PostgreSQL store talks to it. Every write runs in one
// transaction that first takes the store's write lock, so writes follow one another as they do on
// SQLite (one writer at a time): a check made inside a write (a head unchanged, an admin left, a
// post within its limits) still holds when the write commits. Writes are a planner's clicks and a
// citizen's posts, so queueing them costs nothing felt; reads never wait for the lock.
import pg from 'pg';

/** Something that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** bigint (count(*), ids) as a JS number: every count and id here is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL text cannot hold NUL, so nothing stored contains it, and a parameter that does (an id
 * in a URL, a filter value) would make the server refuse the whole statement. Each NUL is sent as
 * U+FFFF instead, a noncharacter Unicode keeps for such internal use, which no id, name, email or
 * key the store compares with holds either: the parameter still matches nothing, as on SQLite.
 * (CQL2 compares its strings as UTF-8 bytes, where NUL is kept; data/postgres/cql2.ts.)
 */
const withoutNul = (v: unknown): unknown => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '\uffff') : Array.isArray(v) ? v.map(withoutNul) : v);

function guard(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown, ...rest: unknown[]) => {
    if (Array.isArray(values)) return query(config, values.map(withoutNul), ...rest);
    if (config && typeof config === 'object' && Array.isArray((config as pg.QueryConfig).values))
      return query({ ...(config as pg.QueryConfig), values: (config as pg.QueryConfig).values!.map(withoutNul) }, values, ...rest);
    return query(config, values, ...rest);
  };
}

export function connect(url: string): pg.Pool {
  // No JIT: PostGIS functions are costed high, so a box query of a few thousand rows crosses the JIT
  // threshold and spends 20 ms compiling what runs in 10 (EXPLAIN ANALYZE at 100 000 items).
  const pool = new pg.Pool({ connectionString: url, types, max: 8, application_name: 'piro-map', options: '-c jit=off' });
  pool.on('connect', guard);
  // An idle connection the server dropped is an event, not a crash of the API process.
  pool.on('error', (error) => console.error(`postgis: idle connection lost: ${error.message}`));
  return pool;
}

/** The first column of every row. */
export async function column<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await db.query({ text: sql, values: params, rowMode: 'array' });
  return rows.map((r: unknown[]) => r[0] as T);
}

/** The first column of the first row, or undefined when there is none. */
export async function value<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await column<T>(db, sql, params))[0];
}

/** Every row as an object. */
export async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** One transaction on one connection: committed when `work` resolves, rolled back when it throws. */
export async function transaction<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>, mode = 'READ COMMITTED'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${mode}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The last write queued in this process, per pool. */
const queued = new WeakMap<pg.Pool, Promise<unknown>>();

/**
 * A transaction that writes: it holds the store's write lock until it commits or rolls back. Writes
 * of one process queue here first, so at most one of them holds a connection while it waits for
 * the lock (held by another process): a burst of writes never takes the connections reads need.
 */
export function write<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const run = (queued.get(pool) ?? Promise.resolve()).then(() =>
    transaction(pool, async (db) => {
      await db.query("SELECT pg_advisory_xact_lock(hashtext('piro-map writes'))");
      return work(db);
    }),
  );
  queued.set(pool, run.catch(() => {}));
  return run;
}

/** Several reads that see one state of the store. */
export function consistent<T>(pool: pg.Pool, read: (db: Queryable) => Promise<T>): Promise<T> {
  return transaction(pool, read, 'REPEATABLE READ READ ONLY');
}

/** A savepoint inside a transaction: `work` is undone alone when it throws, and the error passed on. */
export async function savepoint<T>(db: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await db.query('SAVEPOINT step');
  try {
    const result = await work();
    await db.query('RELEASE SAVEPOINT step');
    return result;
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT step');
    throw error;
  }
}

/** The audit log's one way in, inside the caller's transaction (see data/sqlite/audit.ts). */
export async function audit(db: Queryable, actor: number | null, action: string, subject: string | null, detail: unknown) {
  await db.query('INSERT INTO audit (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)', [
    new Date().toISOString(), actor, action, subject, detail === undefined || detail === null ? null : JSON.stringify(detail),
  ]);
}

/** Bumps the store revision (ETags and caches key on it), inside the caller's write. */
export async function bumpRevision(db: Queryable) {
  await db.query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'");
}
