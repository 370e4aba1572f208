// DATABASE_REPLICA_URL: the public reads come from a read replica, the writes and the reads they
// depend on from the primary. A real hot standby streams from a cluster of this test's own; with
// its replay paused, a publication is on the primary and not yet in the public answers, and once
// replay resumes it is.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../data/open.ts';
import { seedFrom } from '../../data/seed.ts';
import type { Store } from '../../data/store.ts';
import { startCluster, TEMPLATE, type Cluster } from '../helpers/postgres-cluster.ts';
import { MINI, TEST_ENGINE } from '../helpers/fixtures.ts';

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary had written when asked. */
async function caughtUp(cluster: Cluster) {
  const [{ lsn }] = await sql(`${cluster.url}/postgres`, 'SELECT pg_current_wal_lsn()::text AS lsn');
  for (let i = 0; i < 200; i++) {
    const [{ behind }] = await sql(`${cluster.replicaUrl}/postgres`, 'SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) > 0 AS behind', [lsn]);
    if (!behind) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the standby did not catch up within 10 s');
}

describe.runIf(TEST_ENGINE === 'postgis')('a read replica', () => {
  let cluster: Cluster;
  let store: Store;
  afterAll(async () => {
    await store?.close();
    cluster?.stop();
  });

  it('answers the public reads, while writes and their checks go to the primary', async () => {
    cluster = (await startCluster({ replica: true }))!;
    await sql(`${cluster.url}/postgres`, `CREATE DATABASE piro TEMPLATE ${TEMPLATE}`);
    const primary = await openStore({ DATABASE_URL: `${cluster.url}/piro` });
    await seedFrom(primary, MINI);
    await primary.createAccount({ email: 'pub@example.org', role: 'publisher', passwordHash: 'scrypt$not-used' }, null);
    await primary.close();
    await caughtUp(cluster);

    store = await openStore({ DATABASE_URL: `${cluster.url}/piro`, DATABASE_REPLICA_URL: `${cluster.replicaUrl}/piro` });
    const actor = { id: (await store.accountByEmail('pub@example.org'))!.id, email: 'pub@example.org' };
    const before = (await store.getIntervention('TST-001'))!;
    const revision = await store.revision();

    await sql(`${cluster.replicaUrl}/postgres`, 'SELECT pg_wal_replay_pause()');
    const head = (await store.head('intervention', 'TST-001'))!;
    const record = structuredClone(head.record) as typeof before;
    record.properties.title.en = 'Published while the replica waits';
    const [draft] = await store.saveDrafts([{ kind: 'intervention', id: 'TST-001', expected: head.head, record, action: 'update', reason: null }], actor);
    await store.publish({ kind: 'intervention', id: 'TST-001', expected: draft.revision, reason: null }, actor);

    // The primary has it (the editor's head); the public reads, from the paused replica, do not yet.
    expect(((await store.head('intervention', 'TST-001'))!.record as typeof before).properties.title.en).toBe('Published while the replica waits');
    expect((await store.getIntervention('TST-001'))!.properties.title.en).toBe(before.properties.title.en);
    expect(await store.revision()).toBe(revision);

    await sql(`${cluster.replicaUrl}/postgres`, 'SELECT pg_wal_replay_resume()');
    await caughtUp(cluster);
    expect((await store.getIntervention('TST-001'))!.properties.title.en).toBe('Published while the replica waits');
    expect(await store.revision()).toBe(revision + 1);
    const page = await store.queryInterventions({ q: 'replica waits' });
    expect(page.items.map((f) => f.feature.id)).toEqual(['TST-001']);
  });
});
