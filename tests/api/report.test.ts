// The annual implementation report on the mini fixture with a hand-made history, published at
// chosen times: its numbers equal what the API answers with asOf for 31 December, its CSV and XLSX
// read back to the same numbers, and its lists are what the history says happened in the year.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { today } from '../../geo/calendar.ts';
import type { Intervention } from '../../geo/index.ts';
import { toEur } from '../../geo/vocabulary.ts';
import type { AnnualReport, Figures } from '../../data/report.ts';
import { STATUS_INK, BOUNDARY_FILL } from '../../api/report/figure.ts';
import { apiOn } from '../helpers/api.ts';
import { MINI } from '../helpers/fixtures.ts';

const api = await apiOn(MINI, 'api-report');
const { store, get, json } = api;
afterAll(() => store.close());

const eur = (amount: number) => ({ amount, currency: 'EUR' as const, eur: amount });
const entry = (date: string, status: string, extra: Record<string, unknown> = {}) => ({ date, status, percent: null, contracted: null, paid: null, note: null, sources: [{ url: `https://example.org/${status}/${date}`, supports: status }], ...extra });
const PAID_BGN = { amount: 20000, currency: 'BGN' as const, eur: toEur(20000, 'BGN') };

/** The record with these entries, its status fields the latest entry's (as the editor sends them). */
function withEntries(record: Intervention, progress: ReturnType<typeof entry>[]): Intervention {
  const latest = progress.at(-1)!;
  const label = { idea: 'Идея', planned: 'Планиран', contracted: 'Договориран', in_progress: 'В изпълнение', completed: 'Завършен', cancelled: 'Прекратен' }[latest.status]!;
  return { ...record, properties: { ...record.properties, progress, status: latest.status, statusAsOf: latest.date, statusText: label } } as Intervention;
}

async function publishAt(instant: string, id: string, change: (record: Intervention) => Intervention | null) {
  vi.setSystemTime(new Date(instant));
  const head = (await store.head('intervention', id))!;
  const record = change(head.record as Intervention);
  const [written] = await store.saveDrafts([{ kind: 'intervention', id, expected: head.head, record, action: record ? 'update' : 'delete', reason: 'test history' }], actor);
  await store.publish({ kind: 'intervention', id, expected: written.revision, reason: null }, actor);
}

let actor: { id: number; email: string };

beforeAll(async () => {
  const account = await store.createAccount({ email: 'publisher@example.org', role: 'publisher', passwordHash: 'x' }, null);
  actor = { id: account.id, email: account.email };
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    // 2024: TST-001 starts (contracted), then completes (paid); TST-002's entry of 2023 is published;
    // TST-004 is cancelled; TST-007 is taken off the map.
    await publishAt('2024-03-01T10:00:00Z', 'TST-001', (r) => withEntries(r, [entry('2023-06', 'planned'), entry('2024-02', 'in_progress', { contracted: eur(80000) })]));
    await publishAt('2024-03-01T11:00:00Z', 'TST-002', (r) => withEntries(r, [entry('2023-05', 'in_progress', { paid: PAID_BGN })]));
    await publishAt('2024-06-01T09:00:00Z', 'TST-007', () => null);
    await publishAt('2024-12-01T10:00:00Z', 'TST-001', (r) => withEntries(r, [...r.properties.progress, entry('2024-11', 'completed', { paid: eur(75000) })] as never));
    await publishAt('2024-12-01T11:00:00Z', 'TST-004', (r) => withEntries(r, [entry('2022', 'idea'), entry('2024-10-01', 'cancelled')]));
    // Published at 00:30 on 1 January 2025 in Sofia (22:30 UTC the day before): 2025's change.
    await publishAt('2024-12-31T22:30:00Z', 'TST-002', (r) => ({ ...r, properties: { ...r.properties, title: { bg: 'Ремонт <script>alert(1)</script> & „кавички“', en: null } } }));
  } finally {
    vi.useRealTimers();
  }
});

const report = (year: number | string) => json<AnnualReport>(`/api/reports/annual/${year}.json`);
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const CURRENT = Number(today().slice(0, 4));

describe('the annual report equals the API as of 31 December', () => {
  for (const year of [2023, 2024, 2025]) {
    it(`${year}: counts and planned EUR per node, and per status`, async () => {
      const r = await report(year);
      const asOf = `${year}-12-31`;
      expect(r.asOf).toBe(asOf);
      const plan = await json(`/api/plan?asOf=${asOf}`);
      const byStatus = Object.fromEntries(await Promise.all(['idea', 'planned', 'contracted', 'in_progress', 'completed', 'cancelled'].map(async (s) => [s, (await json(`/api/plan?asOf=${asOf}&status=${s}`)).tree] as const)));
      const check = (mine: Figures, path: (tree: any) => { count: number; budgetEur: number }) => {
        expect(mine.count).toBe(path(plan.tree).count);
        expect(mine.plannedEur).toBe(path(plan.tree).budgetEur);
        for (const [s, tree] of Object.entries(byStatus)) expect(mine.byStatus[s as keyof Figures['byStatus']], s).toBe(path(tree).count);
      };
      check(r.tree.total, (t) => t.total);
      check(r.tree.unlinked, (t) => t.unlinked);
      r.tree.goals.forEach((g, gi) => {
        check(g.figures, (t) => t.goals[gi]);
        g.priorities.forEach((p, pi) => {
          check(p.figures, (t) => t.goals[gi].priorities[pi]);
          p.measures.forEach((m, mi) => check(m.figures, (t) => t.goals[gi].priorities[pi].measures[mi]));
        });
      });
      const facets = await json(`/api/facets?asOf=${asOf}`);
      for (const { value, count } of facets.facets.status) expect(r.tree.total.byStatus[value as keyof Figures['byStatus']]).toBe(count);
      expect(r.tree.total.count).toBe(facets.numberMatched);
    });
  }

  it('2023 knows nothing published later: every item is "not yet on record" then', async () => {
    const r = await report(2023);
    expect(r.tree.total.count).toBe(0);
    expect(r.notYetOnRecord).toBe((await json('/api/interventions')).numberMatched);
    expect([...r.started, ...r.completed, ...r.changed, ...r.dropped]).toEqual([]);
  });
});

describe('what happened in the year', () => {
  it('2024: started, completed, changed and dropped as the history says', async () => {
    const r = await report(2024);
    expect(ids(r.started)).toEqual(['TST-001']);
    expect(r.started[0]).toMatchObject({ date: '2024-02', statusAtYearEnd: 'completed', mapUrl: 'http://localhost/?sel=TST-001&asOf=2024-12-31' });
    expect(r.started[0].sources[0]).toBe('https://example.org/in_progress/2024-02');
    expect(ids(r.completed)).toEqual(['TST-001']);
    expect(r.completed[0].date).toBe('2024-11');
    expect(r.dropped.map((d) => [d.id, d.reason, d.date, d.statusAtYearEnd])).toEqual([
      ['TST-007', 'deleted', '2024-06-01', null],
      ['TST-004', 'cancelled', '2024-10-01', 'cancelled'],
    ]);
    expect(ids(r.changed)).toEqual(['TST-002', 'TST-001', 'TST-004']);
    const first = r.changed.find((c) => c.id === 'TST-001')!;
    expect(first.publications).toBe(2);
    expect(first.fields).toEqual(expect.arrayContaining(['properties.progress', 'properties.status', 'properties.statusAsOf']));
    // TST-003, 005 and 006 have only entries of 2026; TST-007 is gone.
    expect(r.tree.total.count).toBe(3);
    expect(r.notYetOnRecord).toBe(3);
    expect(ids(r.unlocated)).toEqual([]);
  });

  it('2024: contracted and paid are the latest stated amounts, unknown ones not counted', async () => {
    const { tree } = await report(2024);
    const g1 = tree.goals.find((g) => g.id === 'G1')!.figures;
    expect(g1).toMatchObject({ count: 1, contractedEur: 80000, contractedKnown: 1, paidEur: 75000, paidKnown: 1 });
    const g2 = tree.goals.find((g) => g.id === 'G2')!.figures;
    expect(g2).toMatchObject({ count: 1, contractedEur: 0, contractedKnown: 0, paidEur: PAID_BGN.eur, paidKnown: 1 });
    expect(tree.total).toMatchObject({ contractedKnown: 1, paidKnown: 2, paidEur: Math.round((75000 + PAID_BGN.eur) * 100) / 100 });
  });

  it('2025: a publication at 00:30 on 1 January in Sofia belongs to the new year', async () => {
    const r = await report(2025);
    expect(ids(r.changed)).toEqual(['TST-002']);
    expect(r.changed[0].fields).toEqual(['properties.title.bg']);
    expect((await report(2024)).changed.find((c) => c.id === 'TST-002')!.fields).not.toContain('properties.title.bg');
  });

  it('the current year is reported as of today, and says so', async () => {
    const r = await report(CURRENT);
    expect(r).toMatchObject({ asOf: today(), current: true });
    const html = await (await get(`/api/reports/annual/${CURRENT}.html`)).text();
    expect(html).toContain('Годината още не е приключила');
    // Today the fixture's entries of 2026 hold: the unlocated programme and its member are listed.
    if (CURRENT >= 2026) expect(ids(r.unlocated)).toEqual(['TST-005', 'TST-006']);
  });
});

describe('the renderings', () => {
  it('HTML: escaped, linked to the map, with the figure and its legend, under the CSP', async () => {
    const res = await get('/api/reports/annual/2025.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('etag')).toBeTruthy();
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Ремонт &lt;script&gt;alert(1)&lt;/script&gt; &amp; „кавички“');
    expect(html).toContain('href="http://localhost/?sel=TST-002&amp;asOf=');
    expect(html).toMatch(/<svg role="img"/);
    expect(html).not.toMatch(/<style|style="|<script/);
    expect(html).toContain('<link rel="stylesheet" href="/api/reports/report.css">');
    const css = await get('/api/reports/report.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('table-layout: fixed');
    const en = await (await get('/api/reports/annual/2025.html?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Annual implementation report 2025');
  });

  it('CSV: the tree and the lists read back to the same numbers', async () => {
    const r = await report(2024);
    const res = await get('/api/reports/annual/2024.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="piro-annual-report-2024.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), { header: true, skipEmptyLines: true }).data;
    const total = rows.find((row) => row.key === 'total')!;
    expect(Number(total.count)).toBe(r.tree.total.count);
    expect(Number(total.planned_eur)).toBe(r.tree.total.plannedEur);
    expect(Number(total.paid_eur)).toBe(r.tree.total.paidEur);
    expect(Number(total.count_completed)).toBe(r.tree.total.byStatus.completed);
    const g1 = rows.find((row) => row.level === 'goal' && row.goal_id === 'G1')!;
    expect(Number(g1.contracted_eur)).toBe(80000);
    expect(rows.filter((row) => row.level === 'measure').map((row) => row.measure_id)).toEqual(['M1']);
    const lists = Papa.parse<Record<string, string>>(await (await get('/api/reports/annual/2024.csv?part=changes')).text(), { header: true, skipEmptyLines: true }).data;
    expect(lists.filter((l) => l.list === 'dropped').map((l) => [l.id, l.reason])).toEqual([['TST-007', 'deleted'], ['TST-004', 'cancelled']]);
    expect(lists.filter((l) => l.list === 'started').map((l) => l.id)).toEqual(['TST-001']);
  });

  it('XLSX: three sheets with header rows and numbers as numbers', async () => {
    const r = await report(2024);
    const res = await get('/api/reports/annual/2024.xlsx');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="piro-annual-report-2024.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Мерки', 'Промени', 'Без място']);
    const sheet = book.getWorksheet('Мерки')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Планирани, EUR');
    const col = (title: string) => header.indexOf(title) + 1;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const total = rows.find((row) => row.getCell(col('Ниво')).value === 'total')!;
    expect(total.getCell(col('Общо')).value).toBe(r.tree.total.count);
    expect(total.getCell(col('Планирани, EUR')).value).toBe(r.tree.total.plannedEur);
    expect(total.getCell(col('Платени, EUR')).value).toBe(r.tree.total.paidEur);
    expect(typeof total.getCell(col('Платени, EUR')).value).toBe('number');
    const changes = book.getWorksheet('Промени')!;
    expect(changes.rowCount - 1).toBe(r.started.length + r.completed.length + r.changed.length + r.dropped.length);
  });

  it('the status colours keep at least 3:1 against white and the boundary fill', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
    for (const ink of Object.values(STATUS_INK)) for (const ground of ['#ffffff', BOUNDARY_FILL]) expect(contrast(ink, ground), ink).toBeGreaterThanOrEqual(3);
  });
});

describe('bad years and parameters', () => {
  it.each(['2020', String(CURRENT + 1), 'abc', '20245', '-2024', '2024.5'])('%s → 400 naming the allowed years', async (year) => {
    const res = await get(`/api/reports/annual/${year}.json`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.details.allowed).toEqual({ from: 2021, to: CURRENT });
  });

  it('refuses undeclared or bad parameters, and unknown formats are not found', async () => {
    expect((await (await get('/api/reports/annual/2024.html?lang=fr')).json()).error.code).toBe('invalid_parameter');
    expect((await (await get('/api/reports/annual/2024.csv?part=all')).json()).error.code).toBe('invalid_parameter');
    expect((await (await get('/api/reports/annual/2024.json?lang=en')).json()).error.code).toBe('unknown_parameter');
    expect((await get('/api/reports/annual/2024.pdf')).status).toBe(404);
  });
});
