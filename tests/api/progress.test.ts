// Progress entries through the write API: an entry added becomes the status, a status changed on
// its own becomes an entry, and an entry that is not a fact yet (dated after today) or whose euro
// amount is wrong is refused with the field named, writing nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { today } from '../../geo/index.ts';
import { editingOn } from '../helpers/editing.ts';
import { MINI } from '../helpers/fixtures.ts';

const t = await editingOn(MINI, 'progress');
afterAll(() => t.store.close());

const SOURCE = { url: 'https://example.org/protocol', supports: 'acceptance protocol' };
const entry = (over: Record<string, unknown> = {}) => ({ date: '2026-11-30', status: 'completed', percent: 100, contracted: null, paid: { amount: 1955.83, currency: 'BGN', eur: 1000 }, note: 'handed over', sources: [SOURCE], ...over });

async function write(id: string, change: (p: any) => Record<string, unknown>) {
  const { record, etag } = await t.head(`/api/interventions/${id}`);
  return t.send('editor', 'PATCH', `/api/interventions/${id}`, { body: { properties: change(record.properties) }, ifMatch: etag });
}

describe('progress entries through the write API', () => {
  it('an added entry becomes the status, in words its note', async () => {
    const res = await write('TST-002', (p) => ({ ...p, progress: [...p.progress, entry()] }));
    expect(res.status).toBe(200);
    const { record } = await t.head('/api/interventions/TST-002');
    expect(record.properties).toMatchObject({ status: 'completed', statusAsOf: '2026-11-30', statusText: 'handed over' });
    expect(record.properties.progress.map((e: { status: string }) => e.status)).toEqual(['in_progress', 'completed']);
  });

  it('a status changed on its own is kept as a new entry, not lost under the old ones', async () => {
    const res = await write('TST-004', (p) => ({ ...p, status: 'planned', statusAsOf: '2026-10', statusText: 'approved by the council' }));
    expect(res.status).toBe(200);
    const { record } = await t.head('/api/interventions/TST-004');
    expect(record.properties.status).toBe('planned');
    expect(record.properties.progress.at(-1)).toMatchObject({ date: '2026-10', status: 'planned', note: 'approved by the council' });
    expect(record.properties.progress).toHaveLength(2);
  });

  it('the status in words follows whichever was edited: the latest note, or the words alone', async () => {
    expect((await write('TST-003', (p) => ({ ...p, progress: p.progress.map((e: object, i: number) => (i === p.progress.length - 1 ? { ...e, note: 'opened to traffic' } : e)) }))).status).toBe(200);
    expect((await t.head('/api/interventions/TST-003')).record.properties).toMatchObject({ statusText: 'opened to traffic' });
    expect((await write('TST-003', (p) => ({ ...p, statusText: 'opened to traffic in May' }))).status).toBe(200);
    const { record } = await t.head('/api/interventions/TST-003');
    expect(record.properties.statusText).toBe('opened to traffic in May');
    expect(record.properties.progress.at(-1).note).toBe('opened to traffic in May');
    expect(record.properties.progress).toHaveLength(1);
  });

  it('refuses a note and a status in words that are both new and differ, overwriting neither (found by the fuzz suite)', async () => {
    const before = await t.head('/api/interventions/TST-005');
    const last = (p: any) => p.progress.length - 1;
    const both = await write('TST-005', (p) => ({ ...p, statusText: 'the words', progress: p.progress.map((e: object, i: number) => (i === last(p) ? { ...e, note: 'the note' } : e)) }));
    expect(both.status).toBe(400);
    expect(JSON.stringify((await both.json()).error.details)).toMatch(/statusText must be the latest progress entry's/);
    expect((await t.head('/api/interventions/TST-005')).etag).toBe(before.etag);
    // A new record: the same contradiction is refused; a note left empty takes the words.
    const fresh = (note: string | null) => ({ ...before.record, id: `TST-9${note ? 91 : 92}`, properties: { ...before.record.properties, id: `TST-9${note ? 91 : 92}`, statusText: 'the words', progress: [{ ...before.record.properties.progress.at(-1), note }] } });
    expect((await t.send('editor', 'POST', '/api/interventions', { body: fresh('the note') })).status).toBe(400);
    const created = await t.send('editor', 'POST', '/api/interventions', { body: fresh(null) });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await t.head('/api/interventions/TST-992')).record.properties.progress.at(-1).note).toBe('the words');
  });

  it('an entry corrected in place (its date) is not undone by the old status fields sent beside it', async () => {
    expect((await write('TST-006', (p) => ({ ...p, progress: [{ ...p.progress[0], date: '2025-11' }] }))).status).toBe(200);
    const { record } = await t.head('/api/interventions/TST-006');
    expect(record.properties.progress.map((e: { date: string }) => e.date)).toEqual(['2025-11']);
    expect(record.properties.statusAsOf).toBe('2025-11');
  });

  it('refuses an entry dated after today, naming it, and writes nothing', async () => {
    const before = await t.head('/api/interventions/TST-001');
    const res = await write('TST-001', (p) => ({ ...p, progress: [...p.progress, entry({ date: '2099-01-01' })] }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details).toContainEqual({ path: 'properties.progress.1.date', message: expect.stringContaining(`after today (${today()})`) });
    expect((await t.head('/api/interventions/TST-001')).etag).toBe(before.etag);
  });

  it('refuses an amount whose euro is not the fixed rate, and a date not in the calendar', async () => {
    const wrong = await write('TST-001', (p) => ({ ...p, progress: [...p.progress, entry({ paid: { amount: 1000, currency: 'BGN', eur: 1000 } })] }));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify((await wrong.json()).error.details)).toMatch(/eur must be 511\.29/);
    const impossible = await write('TST-001', (p) => ({ ...p, progress: [...p.progress, entry({ date: '2026-02-30' })] }));
    expect(impossible.status).toBe(400);
    expect(JSON.stringify((await impossible.json()).error.details)).toMatch(/no such date/);
  });
});
