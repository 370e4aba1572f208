// "Last updated" on the public map: every public answer about an intervention carries `updated`
// beside its properties, the time its published state last changed. Seeded items have none, drafts
// never move it, a publication sets it to its own time, and the list, the detail and the exports
// agree. Real SQLite files, real sessions, requests through the app.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { SCHEMA_VERSION } from '../../data/sqlite/migrations.ts';
import { History } from '../../geo/editing.ts';
import { FoundIntervention, InterventionExport, InterventionPage } from '../../geo/responses.ts';
import { editingOn, PASSWORD } from '../helpers/editing.ts';
import { MINI, rollSchemaBack, TEST_ENGINE } from '../helpers/fixtures.ts';

type Editing = Awaited<ReturnType<typeof editingOn>>;

/** `updated` of `id` in every public answer that carries it, each answer checked against its schema. */
async function publicUpdated(t: Editing, id: string): Promise<Record<string, string | null | undefined>> {
  const body = async (path: string) => {
    const res = await t.send(null, 'GET', path);
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const [lon, lat] = [25.39, 42.62];
  const answers = {
    list: InterventionPage.parse(await body('/api/interventions?limit=1000')).features,
    // `near` and another CRS read the features parsed, not as stored text: the same member either way.
    near: InterventionPage.parse(await body(`/api/interventions?near=${lon},${lat}&radius=50000&limit=1000`)).features,
    export: InterventionExport.parse(await body('/api/export/interventions.geojson')).features,
    exportInCrs: InterventionExport.parse(await body('/api/export/interventions.geojson?crs=EPSG:4326')).features,
  };
  const found = Object.fromEntries(Object.entries(answers).map(([name, features]) => [name, features.find((f) => f.id === id)?.updated]));
  return { ...found, detail: FoundIntervention.parse(await body(`/api/interventions/${id}`)).updated };
}

const everywhere = (value: string | null) => ({ list: value, near: value, export: value, exportInCrs: value, detail: value });

/** The review time of the item's newest revision, as its history tells an editor. */
async function reviewedAt(t: Editing, id: string): Promise<string | null> {
  const history = History.parse(await (await t.send('editor', 'GET', `/api/interventions/${id}/history`)).json());
  return history.revisions.at(-1)!.reviewedAt;
}

async function draft(t: Editing, who: string, id: string, patch: unknown): Promise<string> {
  const path = `/api/interventions/${id}`;
  const res = await t.send(who, 'PATCH', path, { body: patch, ifMatch: (await t.head(path)).etag });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).etag;
}

async function publish(t: Editing, id: string, etag: string) {
  const res = await t.send('publisher', 'POST', `/api/interventions/${id}/publish`, { ifMatch: etag });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('the public "last updated" of an intervention', async () => {
  const t = await editingOn(MINI, 'updated');
  const secondEditor = 'second-editor@example.org';
  await t.store.createAccount({ email: secondEditor, role: 'editor', passwordHash: await hashPassword(PASSWORD) }, null);
  const second = t.cookieOf(await t.login(secondEditor))!;

  it('is null for an item as seeded, in every answer', async () => {
    expect(await publicUpdated(t, 'TST-001')).toEqual(everywhere(null));
    const list = (await (await t.send(null, 'GET', '/api/interventions?limit=1000')).json()) as InterventionPage;
    expect(list.features.length).toBeGreaterThan(0);
    expect(list.features.every((f) => f.updated === null)).toBe(true);
  });

  it('stays as it was while a change is a draft, and becomes the publication time when it is published', async () => {
    const etag = await draft(t, 'editor', 'TST-001', { properties: { title: { en: 'Renamed' } } });
    expect(await publicUpdated(t, 'TST-001')).toEqual(everywhere(null));

    const before = new Date().toISOString();
    await publish(t, 'TST-001', etag);
    const after = new Date().toISOString();
    const at = await reviewedAt(t, 'TST-001');
    expect(at! >= before && at! <= after, `${at} within ${before}…${after}`).toBe(true);
    expect(await publicUpdated(t, 'TST-001')).toEqual(everywhere(at));
    // A member of `properties` it is not: the record planners edit stays as it was written.
    const detail = await (await t.send(null, 'GET', '/api/interventions/TST-001')).json();
    expect(detail.properties).not.toHaveProperty('updated');
    expect(detail.properties.title.en).toBe('Renamed');
  });

  it("does not move for a second editor's draft after the publication, nor when that draft is rejected", async () => {
    const published = (await publicUpdated(t, 'TST-001')).detail;
    expect(published).toEqual(expect.any(String));
    const etag = await draft(t, second, 'TST-001', { properties: { statusText: 'changed by a second editor' } });
    expect(await publicUpdated(t, 'TST-001')).toEqual(everywhere(published!));
    const rejected = await t.send('publisher', 'POST', '/api/interventions/TST-001/reject?reason=not%20yet', { ifMatch: etag });
    expect(rejected.status).toBe(200);
    expect(await publicUpdated(t, 'TST-001')).toEqual(everywhere(published!));
  });

  it("moves with the item's own publication only: a member's budget leaves its programme's unchanged", async () => {
    const etag = await draft(t, 'editor', 'TST-006', { properties: { budgetAmount: 1000, budgetCurrency: 'EUR', budgetEur: 1000 } });
    await publish(t, 'TST-006', etag);
    expect((await publicUpdated(t, 'TST-006')).detail).toBe(await reviewedAt(t, 'TST-006'));
    // TST-005 has no place, so no answer near a point holds it.
    expect(await publicUpdated(t, 'TST-005')).toEqual({ ...everywhere(null), near: undefined });
  });
});

// SQLite's own migrations: a PostgreSQL database starts at its current schema.
describe.runIf(TEST_ENGINE === 'sqlite')('a database edited before schema 7', () => {
  it('takes "last updated" from its revisions when brought forward', async () => {
    const t = await editingOn(MINI, 'updated-migration');
    await publish(t, 'TST-002', await draft(t, 'editor', 'TST-002', { properties: { statusText: 'published before schema 7' } }));
    const published = await reviewedAt(t, 'TST-002');
    // A draft after that publication is no publication.
    await draft(t, 'editor', 'TST-002', { properties: { statusText: 'a draft before schema 7' } });
    await t.store.close();

    // The file as schema 6 left it: the same rows, without the column (nor what later schemas added).
    const db = new Database(t.path);
    rollSchemaBack(db, 6);
    db.close();

    const store = await openStore({ DB_PATH: t.path });
    expect((await store.health()).schemaVersion).toBe(SCHEMA_VERSION);
    expect((await store.getIntervention('TST-002'))!.updated).toBe(published);
    expect((await store.getIntervention('TST-001'))!.updated).toBeNull();
    await store.close();
  });
});
