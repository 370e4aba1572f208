// The published past, on a hand-made history: items created, moved, re-statused, deleted and
// restored, and a plan item renamed, each published at a chosen moment; the answers of `asOf` and
// `changedSince` on chosen days are the states worked out by hand below, through the same routes
// the public reads. Publication times are Bulgarian days: 21:30 UTC on 30 June is 1 July in Sofia.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../data/accounts.ts';
import type { Actor, EditRecord, ItemKind } from '../../data/editing.ts';
import type { PlanItemRecord } from '../../geo/editing.ts';
import type { Intervention } from '../../geo/index.ts';
import { apiOn } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';

const t = await apiOn(MINI, 'as-of');
let actor: Actor;

const SOURCE = { url: 'https://example.org/council/2026', supports: 'hand-made history for the test' };
const T1 = '2026-02-10T10:00:00.000Z';
const T2 = '2026-03-15T10:00:00.000Z';
const T3 = '2026-04-20T10:00:00.000Z';
const T4 = '2026-05-05T10:00:00.000Z';
const T5 = '2026-06-30T21:30:00.000Z';
const MOVED: [number, number] = [25.4, 42.62];

/** Writes one draft at `at` and publishes it at once, as an editor and a publisher would. */
async function publishAt(at: string, kind: ItemKind, id: string, change: (record: any) => EditRecord | null, options: { action?: 'create' | 'update' | 'delete' | 'revert'; revertsTo?: number } = {}) {
  vi.setSystemTime(new Date(at));
  const head = await t.store.head(kind, id);
  const record = change(head?.record === undefined ? null : structuredClone(head.record));
  const action = options.action ?? (head ? (record === null ? 'delete' : 'update') : 'create');
  const [written] = await t.store.saveDrafts([{ kind, id, expected: head?.head ?? null, record, action, revertsTo: options.revertsTo, reason: null }], actor);
  await t.store.publish({ kind, id, expected: written.revision, reason: null }, actor);
}

const ids = async (query: string) => ((await t.json(`/api/interventions?limit=100&${query}`)).features as Intervention[]).map((f) => f.id).sort();
const one = async (id: string, day: string) => (await t.json(`/api/interventions/${id}?asOf=${day}`)) as Intervention & { updated: string | null };

beforeAll(async () => {
  const account = await t.store.createAccount({ email: 'planner@example.org', role: 'publisher', passwordHash: await hashPassword('a long test password') }, null);
  actor = { id: account.id, email: account.email };
  vi.useFakeTimers({ toFake: ['Date'] });
  const tst001 = (await t.store.head('intervention', 'TST-001'))!.record as Intervention;
  // T1: a new item, planned since February.
  await publishAt(T1, 'intervention', 'TST-100', () => ({
    ...tst001,
    id: 'TST-100',
    properties: { ...tst001.properties, id: 'TST-100', title: { bg: 'Нов обект', en: null }, status: 'planned', statusAsOf: '2026-02', statusText: 'planned', progress: [], sources: [SOURCE] },
  }));
  // T2: one moved, one completed (a new progress entry), a measure renamed.
  await publishAt(T2, 'intervention', 'TST-001', (r) => ({ ...r, geometry: { type: 'Point', coordinates: MOVED } }));
  await publishAt(T2, 'intervention', 'TST-002', (r) => ({
    ...r,
    properties: { ...r.properties, progress: [...r.properties.progress, { date: '2026-03-14', status: 'completed', percent: 100, contracted: null, paid: { amount: 1000, currency: 'EUR', eur: 1000 }, note: 'handed over', sources: [SOURCE] }] },
  }));
  await publishAt(T2, 'plan-item', 'M1', (r: PlanItemRecord) => ({ ...r, title: { bg: 'Преименувана мярка', en: 'Renamed measure' } }));
  // T3 and T4: deleted, then brought back as seeded.
  await publishAt(T3, 'intervention', 'TST-004', () => null);
  const seeded = (await t.store.revisionOf('intervention', 'TST-004', 1))!.document as EditRecord;
  await publishAt(T4, 'intervention', 'TST-004', () => seeded, { action: 'revert', revertsTo: 1 });
  // T5: renamed just after midnight of 1 July in Sofia (still 30 June in UTC).
  await publishAt(T5, 'intervention', 'TST-003', (r) => ({ ...r, properties: { ...r.properties, title: { ...r.properties.title, bg: 'Ново име' } } }));
  vi.useRealTimers();
});

afterAll(() => t.store.close());

const SEEDED = ['TST-001', 'TST-002', 'TST-003', 'TST-004', 'TST-005', 'TST-006', 'TST-007'];

describe('asOf: the published state on a day', () => {
  it('before the first progress entry of any item, nothing is on record', async () => {
    expect(await ids('asOf=2025-12-31')).toEqual([]);
  });

  it('items appear when their first entry holds, and when their creation is published', async () => {
    expect(await ids('asOf=2026-01-31')).toEqual(SEEDED);
    expect(await ids('asOf=2026-02-09')).toEqual(SEEDED);
    expect(await ids('asOf=2026-02-10')).toEqual([...SEEDED, 'TST-100']);
  });

  it('a move and a new status count from the day they were published', async () => {
    const before = await one('TST-001', '2026-03-14');
    const after = await one('TST-001', '2026-03-15');
    expect(before.geometry).not.toEqual(after.geometry);
    expect(after.geometry).toEqual({ type: 'Point', coordinates: MOVED });
    expect(before.updated).toBeNull();
    expect(after.updated).toBe(T2);
    expect((await one('TST-002', '2026-03-14')).properties.status).toBe('in_progress');
    const done = await one('TST-002', '2026-03-15');
    expect(done.properties).toMatchObject({ status: 'completed', statusAsOf: '2026-03-14', statusText: 'handed over' });
    expect(done.properties.progress.map((e) => e.status)).toEqual(['in_progress', 'completed']);
  });

  it('facets count the statuses of that day', async () => {
    const facets = async (day: string) => {
      const body = await t.json(`/api/facets?asOf=${day}`);
      return Object.fromEntries((body.facets.status as { value: string; count: number }[]).map((f) => [f.value, f.count]));
    };
    expect(await facets('2026-03-14')).toMatchObject({ completed: 2, in_progress: 1 });
    expect(await facets('2026-03-15')).toMatchObject({ completed: 3, in_progress: 0 });
  });

  it('a deleted item is gone from its deletion to its restoration', async () => {
    expect(await ids('asOf=2026-04-19')).toContain('TST-004');
    expect(await ids('asOf=2026-04-20')).not.toContain('TST-004');
    const gone = await t.get('/api/interventions/TST-004?asOf=2026-04-25');
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.message).toMatch(/as of 2026-04-25/);
    expect(await ids('asOf=2026-05-05')).toContain('TST-004');
  });

  it('a day is a day in Sofia: a publication at 00:30 on 1 July is not there on 30 June', async () => {
    expect((await one('TST-003', '2026-06-30')).properties.title.bg).not.toBe('Ново име');
    expect((await one('TST-003', '2026-07-01')).properties.title.bg).toBe('Ново име');
  });

  it('the plan tree names a plan item as it was published then', async () => {
    const title = async (day: string) => JSON.stringify(await t.json(`/api/plan?asOf=${day}`)).includes('Преименувана мярка');
    expect(await title('2026-03-14')).toBe(false);
    expect(await title('2026-03-15')).toBe(true);
  });

  it('/ogc answers the same past', async () => {
    const items = await t.json('/ogc/collections/interventions/items?asOf=2026-04-20&limit=100');
    expect((items.features as Intervention[]).map((f) => f.id).sort()).toEqual([...SEEDED, 'TST-100'].filter((id) => id !== 'TST-004').sort());
  });

  it('without asOf the present is as it is today', async () => {
    expect(await ids('')).toEqual([...SEEDED, 'TST-100']);
  });
});

describe('changedSince: what is new since a day', () => {
  it('lists the items whose published state differs from that day, within the asOf day', async () => {
    expect(await ids('asOf=2026-04-30&changedSince=2026-03-14')).toEqual(['TST-001', 'TST-002']);
  });

  it('an item deleted and restored as it was is not a change; a created one is', async () => {
    expect(await ids('changedSince=2026-01-31')).toEqual(['TST-001', 'TST-002', 'TST-003', 'TST-100']);
  });

  it('exports carry the same selection', async () => {
    const csv = await (await t.get('/api/export/interventions.csv?asOf=2026-04-30&changedSince=2026-03-14')).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',')[0].replace(/"/g, ''))).toEqual(['TST-001', 'TST-002']);
  });
});
