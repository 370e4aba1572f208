// The Atom feed of published changes (GET /api/changes.atom) on the mini fixture with a hand-made
// history, each change published at a time of our choosing: the Atom rules of RFC 4287, newest
// first, filters that narrow it to the right entries (deletions under the filter the removed record
// matched), hostile text escaped, no staff email or reason, absolute links from PUBLIC_URL only.
// The filter it judges in memory (geo/filter-match.ts) is held to the list's SQL on every record.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../data/accounts.ts';
import { prepareRecord, type EditRecord, type ItemKind } from '../../data/editing.ts';
import { matchContext, matchesFilter } from '../../geo/filter-match.ts';
import type { InterventionFilter, Intervention } from '../../geo/index.ts';
import { apiOn } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';

const PUBLIC = 'https://piro.example.org';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

const { store, app, get } = await apiOn(MINI, 'api-changes', { publicUrl: PUBLIC });
afterAll(() => store.close());

const account = await store.createAccount({ email: 'publisher@example.org', role: 'publisher', passwordHash: await hashPassword('a long test password') }, null);
const actor = { id: account.id, email: account.email };

/** One change written as a draft and published at `when`, with reasons that name people (they must stay out of the feed). */
async function publishAt(when: string, kind: ItemKind, id: string, change: (record: any) => EditRecord | null, action: 'create' | 'update' | 'delete' = 'update') {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(new Date(when));
    const head = await store.head(kind, id);
    // As the write API does: the record checked, its status made its latest progress entry's.
    const changed = change(head ? structuredClone(head.record) : null);
    const record = changed && prepareRecord(kind, changed);
    const [draft] = await store.saveDrafts([{ kind, id, expected: head?.head ?? null, record, action, reason: 'поискано от petar.petrov@example.org' }], actor);
    await store.publish({ kind, id, expected: draft.revision, reason: 'прегледано от reviewer@example.org' }, actor);
  } finally {
    vi.useRealTimers();
  }
}

const HOSTILE_TITLE = '<script>alert("x")</script> & „Водопровод“ ]]> край';
const HOSTILE_NOTE = 'бележка с ]]> и <b>удебелено</b> & \u0001 знак';
const source = { url: 'https://example.org/council?a=1&b=2', supports: 'решение <№ 5> & протокол' };

// The seed's record of TST-002: a template for a new item below.
const base002 = structuredClone((await store.head('intervention', 'TST-002'))!.record) as any;

// The history, oldest first. Times are UTC instants; the feed must list them newest first.
await publishAt('2026-02-01T09:00:00Z', 'intervention', 'TST-002', (r) => {
  r.properties.progress.push({ date: '2026-01-15', status: 'completed', percent: 100, contracted: null, paid: { amount: 48000, currency: 'EUR', eur: 48000 }, note: HOSTILE_NOTE, sources: [source] });
  return r;
});
await publishAt('2026-03-01T09:00:00Z', 'intervention', 'TST-101', () => {
  const r = structuredClone(base002);
  r.id = r.properties.id = 'TST-101';
  r.properties.title = { bg: HOSTILE_TITLE, en: null };
  r.properties.settlement = '35167';
  r.geometry = { type: 'Point', coordinates: [25.39, 42.62] };
  r.properties.sources = [source];
  return r;
}, 'create');
await publishAt('2026-04-01T09:00:00Z', 'intervention', 'TST-001', (r) => {
  r.properties.budgetAmount = 120000;
  r.properties.budgetCurrency = 'EUR';
  r.properties.budgetEur = 120000;
  r.geometry = { type: 'Point', coordinates: [25.394, 42.62] };
  return r;
});
await publishAt('2026-05-01T09:00:00Z', 'intervention', 'TST-003', () => null, 'delete');
await publishAt('2026-06-01T09:00:00Z', 'plan-item', 'M1', (r) => ({ ...r, title: { bg: 'Мярка с ново име', en: null } }));
await publishAt('2026-07-01T09:00:00Z', 'zone', 'TEST-Z1', (r) => ({ ...r, properties: { ...r.properties, name: { ...r.properties.name, bg: 'Зона с ново име' } } }));
// TST-007 names no settlement: the store files it under the land area it lies in (Казанлък).
await publishAt('2026-08-01T09:00:00Z', 'intervention', 'TST-007', (r) => ({ ...r, properties: { ...r.properties, endYear: 2022 } }));

// ---------------------------------------------------------------- reading the feed

interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string | null;
  links: { rel: string | null; href: string }[];
  content: string;
}

const children = (parent: Element, name: string): Element[] =>
  Array.from(parent.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1 && n.namespaceURI === ATOM_NS && n.localName === name);
const one = (parent: Element, name: string): Element => {
  const found = children(parent, name);
  expect(found, `exactly one <${name}> in <${parent.localName}>`).toHaveLength(1);
  return found[0];
};
const text = (e: Element) => e.textContent ?? '';

/** The feed parsed, checked against the rules of RFC 4287 on the way. */
async function feed(query = '', init?: RequestInit) {
  const res = await get(`/api/changes.atom${query ? `?${query}` : ''}`, init);
  const body = await res.text();
  expect(res.status, body.slice(0, 500)).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(body, 'application/xml');
  expect(errors).toEqual([]);
  const root = doc.documentElement as unknown as Element;
  expect(root.localName).toBe('feed');
  expect(root.namespaceURI).toBe(ATOM_NS);
  const links = children(root, 'link').map((l) => ({ rel: l.getAttribute('rel'), href: l.getAttribute('href')! }));
  expect(links.filter((l) => l.rel === 'self')).toHaveLength(1);
  for (const l of links) expect(l.href.startsWith(`${PUBLIC}/`), l.href).toBe(true);
  expect(RFC3339.test(text(one(root, 'updated')))).toBe(true);
  // Entries need an author unless the feed has one (§4.1.1).
  expect(text(one(one(root, 'author'), 'name')).length).toBeGreaterThan(0);
  const entries: Entry[] = children(root, 'entry').map((e) => {
    const updated = text(one(e, 'updated'));
    expect(RFC3339.test(updated), updated).toBe(true);
    const entryLinks = children(e, 'link').map((l) => ({ rel: l.getAttribute('rel'), href: l.getAttribute('href')! }));
    expect(entryLinks.length).toBeGreaterThan(0);
    for (const l of entryLinks) expect(l.href.startsWith(`${PUBLIC}/`), l.href).toBe(true);
    const content = one(e, 'content');
    expect(content.getAttribute('type')).toBe('html');
    const published = children(e, 'published');
    return { id: text(one(e, 'id')), title: text(one(e, 'title')), updated, published: published.length ? text(published[0]) : null, links: entryLinks, content: text(content) };
  });
  return { res, body, root, id: text(one(root, 'id')), title: text(one(root, 'title')), updated: text(one(root, 'updated')), links, entries };
}

const itemOf = (e: Entry) => decodeURIComponent(/\/([^/#]+)#/.exec(e.id)![1]);

describe('GET /api/changes.atom', () => {
  it('is an Atom 1.0 feed of every publication, newest first, with unique ids that do not change', async () => {
    const first = await feed();
    expect(first.entries.map(itemOf)).toEqual(['TST-007', 'TEST-Z1', 'M1', 'TST-003', 'TST-001', 'TST-101', 'TST-002']);
    const times = first.entries.map((e) => e.updated);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.entries[0].updated).toBe('2026-08-01T09:00:00.000Z');
    expect(first.entries.every((e) => e.published === e.updated)).toBe(true);
    expect(first.updated).toBe(first.entries[0].updated);
    expect(new Set(first.entries.map((e) => e.id)).size).toBe(first.entries.length);
    const again = await feed();
    expect(again.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
    expect(again.id).toBe(first.id);
    expect(first.id).toBe(`${PUBLIC}/api/changes.atom`);
    expect(first.title).toBe('Промени в Тест');
  });

  it('says what each change did, in Bulgarian, with the item’s sources and a link to it on the map', async () => {
    const { entries } = await feed();
    // Numbers are grouped as Bulgarian writes them, with a no-break space.
    const by = (id: string) => {
      const e = entries.find((e) => itemOf(e) === id)!;
      return { ...e, content: e.content.replace(/\u00a0/g, ' ') };
    };
    expect(by('TST-002').title).toBe('Обновено: Реконструкция на водопровода в гр. Шипка');
    expect(by('TST-002').content).toContain('статус: В изпълнение → Завършен');
    expect(by('TST-002').content).toContain('нов запис: 2026-01-15 — Завършен, 100 %, платено 48');
    expect(by('TST-002').links).toContainEqual({ rel: 'alternate', href: `${PUBLIC}/?sel=TST-002` });
    expect(by('TST-101').title.startsWith('Ново: ')).toBe(true);
    expect(by('TST-001').content).toContain('мястото е променено');
    expect(by('TST-001').content).toContain('бюджет: 195 583 BGN (100 000 EUR) → 120 000 EUR');
    expect(by('TST-003').title).toBe('Премахнато: Велоалея до Шипка');
    expect(by('M1').title).toMatch(/^Обновено: мярка .*Мярка с ново име$/);
    expect(by('TEST-Z1').title).toBe('Обновено: зона Зона с ново име');
    expect(by('TST-002').content).toContain('href="https://example.org/council?a=1&amp;b=2"');
  });

  it('escapes hostile text, and the XML still parses', async () => {
    const { body, entries } = await feed();
    expect(body).not.toContain('<script>');
    expect(body).not.toMatch(/\]\]>(?!&)/);
    expect(body).not.toContain('\u0001');
    const created = entries.find((e) => itemOf(e) === 'TST-101')!;
    expect(created.title).toBe(`Ново: ${HOSTILE_TITLE}`);
    // The content is HTML once the XML is read: the note's markup is text there, not markup.
    const note = entries.find((e) => itemOf(e) === 'TST-002')!.content;
    expect(note).toContain('бележка с ]]&gt; и &lt;b&gt;удебелено&lt;/b&gt; &amp;');
    expect(note).not.toContain('<b>');
  });

  it('holds no email address, reviewer or reason', async () => {
    const { body } = await feed();
    expect(body).not.toMatch(EMAIL);
    expect(body).not.toContain('поискано');
    expect(body).not.toContain('прегледано');
  });

  it('narrows to the entries whose record matches the filter, names it, and keeps the filter in its links', async () => {
    const water = await feed('theme=water');
    expect(water.entries.map(itemOf)).toEqual(['TST-101', 'TST-002']);
    expect(water.title).toBe('Промени в Тест — тема: Водоснабдяване и канализация');
    expect(water.id).toBe(`${PUBLIC}/api/changes.atom?theme=water`);
    expect(water.links).toContainEqual({ rel: 'alternate', href: `${PUBLIC}/?theme=water` });

    const shipka = await feed('settlement=83199');
    expect(shipka.entries.map(itemOf)).toEqual(['TST-003', 'TST-002']);
    expect(shipka.title).toContain('населено място: Шипка');
    // A record that names no settlement is under the one its place lies in, as in the list.
    expect((await feed('settlement=35167')).entries.map(itemOf)).toEqual(['TST-007', 'TST-001', 'TST-101']);
    expect((await feed('theme=water&settlement=35167')).entries.map(itemOf)).toEqual(['TST-101']);
    expect((await feed('near=25.3329,42.7123&radius=50')).entries.map(itemOf)).toEqual(['TST-002']);
    expect((await feed('zone=TEST-Z1')).entries.map(itemOf)).toEqual(['TST-007', 'TST-001', 'TST-101']);
    expect((await feed('goal=G1')).entries.map(itemOf)).toEqual(['TST-003', 'TST-001']);
  });

  it('lists a deletion under the filter the removed record matched', async () => {
    const tourism = await feed('theme=tourism');
    expect(tourism.entries.map((e) => e.title)).toEqual(['Премахнато: Велоалея до Шипка']);
    expect(tourism.entries[0].content).toContain('Премахнато от картата');
  });

  it('names the same filter with the same feed id, whatever the order of its parameters and values', async () => {
    const a = await feed('theme=water,transport&settlement=35167');
    const b = await feed('settlement=35167&theme=transport,water&limit=3');
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(`${PUBLIC}/api/changes.atom?settlement=35167&theme=transport,water`);
    expect(b.links.find((l) => l.rel === 'self')!.href).toBe(`${PUBLIC}/api/changes.atom?settlement=35167&theme=transport,water&limit=3`);
  });

  it('keeps to its limit: default 50, larger values capped at 200', async () => {
    expect((await feed('limit=2')).entries.map(itemOf)).toEqual(['TST-007', 'TEST-Z1']);
    expect((await feed('theme=water&limit=1')).entries.map(itemOf)).toEqual(['TST-101']);
    expect((await feed('limit=1000000')).entries).toHaveLength(7);
  });

  it('is an empty but valid feed when nothing matches, dated by the plan’s adoption', async () => {
    const none = await feed('theme=sport');
    expect(none.entries).toEqual([]);
    expect(none.updated).toBe('2021-12-20T00:00:00Z');
  });

  it('refuses bad filters with a 400 JSON error naming the parameter', async () => {
    for (const [query, parameter] of [
      ['theme=roads', 'theme'],
      ['goal=NOPE', 'goal'],
      ['settlement=99999', 'settlement'],
      ['radius=100', 'radius'],
      ['limit=0', 'limit'],
      ['limit=-1', 'limit'],
      ['from=2025&to=2020', 'from'],
      ['sort=title', 'sort'],
    ]) {
      const res = await get(`/api/changes.atom?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await res.json()).error.details.parameter, query).toBe(parameter);
    }
  });

  it('takes no asOf: the feed is of publications, and says so', async () => {
    const res = await get('/api/changes.atom?asOf=2026-03-01');
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('unknown_parameter');
    expect(error.details.parameter).toBe('asOf');
    expect(error.message).toMatch(/does not take "asOf"/);
  });

  it('builds every link on PUBLIC_URL, never on the Host header', async () => {
    const forged = await feed('theme=water', { headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' } });
    expect(forged.body).not.toContain('evil.example');
    // As the server sees a request whose Host is forged: the URL itself is built from it.
    const res = await app.request('http://evil.example/api/changes.atom', { headers: { Host: 'evil.example' } });
    const body = await res.text();
    expect(body).not.toContain('evil.example');
    expect(body).toContain(`<link rel="self" href="${PUBLIC}/api/changes.atom"`);
  });

  it('changes with the store: a new publication is at the top, under a new ETag', async () => {
    const before = await feed();
    const tag = before.res.headers.get('etag')!;
    expect((await get('/api/changes.atom', { headers: { 'If-None-Match': tag } })).status).toBe(304);
    await publishAt('2026-09-01T09:00:00Z', 'intervention', 'TST-004', (r) => ({ ...r, properties: { ...r.properties, locationText: 'до читалището' } }));
    const after = await feed();
    expect(after.res.headers.get('etag')).not.toBe(tag);
    expect(after.entries.map(itemOf).slice(0, 2)).toEqual(['TST-004', 'TST-007']);
    expect(after.entries[0].content).toContain('място: „fixture“ → „до читалището“');
  });

  it('never gives more than 200 entries', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < 200; i++) {
        vi.setSystemTime(new Date(Date.UTC(2026, 9, 1, 0, i)));
        const head = (await store.head('intervention', 'TST-006'))!;
        const record = structuredClone(head.record) as Intervention;
        record.properties.locationText = `обход ${i}`;
        const [draft] = await store.saveDrafts([{ kind: 'intervention', id: 'TST-006', expected: head.head, record, action: 'update', reason: null }], actor);
        await store.publish({ kind: 'intervention', id: 'TST-006', expected: draft.revision, reason: null }, actor);
      }
    } finally {
      vi.useRealTimers();
    }
    expect((await feed()).entries).toHaveLength(50);
    expect((await feed('limit=201')).entries).toHaveLength(200);
    // A filter that matches only older entries reads past the newer ones to find them.
    expect((await feed('theme=water')).entries.map(itemOf)).toEqual(['TST-101', 'TST-002']);
  }, 60_000);
});

describe('the feed’s filter in memory agrees with the list’s SQL', () => {
  it('on every published record and a filter of each kind', async () => {
    const [plan, zones, areas, settlements] = await Promise.all([store.plan(), store.zones(), store.settlementAreas(), store.settlements()]);
    const context = matchContext([plan], zones, areas, new Map(settlements.map((s) => [s.id, s.properties.name])));
    const { items } = await store.queryInterventions({}, undefined, { limit: 1000, offset: 0 });
    const records = await Promise.all(items.map(async (f) => (await store.head('intervention', f.feature.id))!.record as Intervention));
    const filters: InterventionFilter[] = [
      { theme: ['water', 'transport'] }, { status: ['completed'] }, { funding: ['state-budget'] }, { settlement: ['35167'] }, { settlement: ['62983', '83199'] },
      { goal: ['G1'] }, { priority: ['P1'] }, { measure: ['M1'] }, { zone: ['TEST-Z1'] }, { accuracy: ['site'] }, { year: 2025 }, { from: 2024 }, { to: 2021 },
      { from: 2022, to: 2023 }, { minBudget: 50000 }, { maxBudget: 60000 }, { located: true }, { located: false }, { bbox: [25.3, 42.7, 25.35, 42.72] },
      { near: { lon: 25.39, lat: 42.62, radius: 2000 } }, { q: 'shipka' }, { q: 'Шипка вод' }, { q: 'kazanl' }, { q: 'tst-00' }, { q: '  ' }, { theme: ['water'], settlement: ['35167'] },
    ];
    for (const filter of filters) {
      const listed = (await store.queryInterventions(filter, undefined, { limit: 1000, offset: 0 })).items.map((f) => f.feature.id).sort();
      const matched = records.filter((r) => matchesFilter(r, filter, context)).map((r) => r.id).sort();
      expect(matched, JSON.stringify(filter)).toEqual(listed);
    }
  });
});

describe('publications of one municipality, judged by the store', () => {
  it('agree with judging each publication’s record (a deletion’s: the record before) in memory', async () => {
    const all = await store.publications({ kind: 'intervention', limit: 1000 });
    expect(all.some((p) => p.action === 'delete')).toBe(true);
    const code = (await store.plan()).municipality.code;
    const serves = (p: (typeof all)[number], municipality: string, unnamed: string) =>
      (((p.record ?? p.previous) as Intervention | null)?.properties.municipality ?? unnamed) === municipality;
    for (const [municipality, unnamed] of [[code, code], [code, 'XXX99'], ['XXX99', code], ['XXX99', 'XXX99']]) {
      const found = await store.publications({ kind: 'intervention', serving: { municipality, unnamed }, limit: 1000 });
      expect(found, `${municipality} / ${unnamed}`).toEqual(all.filter((p) => serves(p, municipality, unnamed)));
    }
  });
});
