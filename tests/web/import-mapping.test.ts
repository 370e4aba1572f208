// The import page's mapping form, its pure part: what a planner types as a default becomes the value
// the server puts into every record as it is (it does not read a default like a cell), and a default
// the server holds comes back into the form unchanged.
import { describe, expect, it } from 'vitest';
import { buildRecord, FIELDS, type Field } from '../../geo/import-mapping.ts';
import { checkRecord } from '../../geo/editing.ts';
import { fieldLabel, readEntry, toDraft, toEntry, toMapping, type DefaultEntry } from '../../web/editor/mappingValues.ts';

const field = (path: string, kind: 'intervention' | 'zone' | 'layer' = 'intervention'): Field => FIELDS[kind].find((f) => f.path === path)!;
const entry = (change: Partial<DefaultEntry>): DefaultEntry => ({ text: '', codes: [], flag: false, supports: '', ...change });
const levels: Record<string, 'goal' | 'priority' | 'measure'> = { SG1: 'goal', 'P1.1': 'priority' };
const context = { lang: 'bg' as const, planLevel: (id: string) => levels[id] ?? null, supports: 'редовете на файла x.csv' };

describe('a default as typed becomes the field’s value', () => {
  it('reads numbers the Bulgarian way, and says so when a text is not one', () => {
    expect(readEntry(field('budgetAmount'), entry({ text: '1 234 567,89' }), context)).toEqual({ value: 1234567.89 });
    expect(readEntry(field('startYear'), entry({ text: '2026' }), context)).toEqual({ value: 2026 });
    expect(readEntry(field('startYear'), entry({ text: '2026,5' }), context)).toEqual({ problem: '„2026,5“ не е цяло число' });
    expect(readEntry(field('budgetAmount'), entry({ text: 'много' }), context)).toEqual({ problem: '„много“ не е число' });
  });

  it('leaves out what the planner left empty, and a flag that is not ticked', () => {
    expect(readEntry(field('locationText'), entry({ text: '  ' }), context)).toEqual({ none: true });
    expect(readEntry(field('funding'), entry({}), context)).toEqual({ none: true });
    expect(readEntry(field('periodInferred'), entry({ flag: false }), context)).toEqual({ none: true });
    expect(readEntry(field('periodInferred'), entry({ flag: true }), context)).toEqual({ value: true });
  });

  it('makes sources of URLs, plan links of known codes (inferred), lists of comma-separated words', () => {
    expect(readEntry(field('sources'), entry({ text: 'https://a.example/x, https://b.example/y', supports: 'опис' }), context)).toEqual({
      value: [
        { url: 'https://a.example/x', supports: 'опис' },
        { url: 'https://b.example/y', supports: 'опис' },
      ],
    });
    expect(readEntry(field('sources'), entry({ text: 'https://a.example/x' }), context)).toEqual({ value: [{ url: 'https://a.example/x', supports: 'редовете на файла x.csv' }] });
    expect(readEntry(field('sources'), entry({ text: 'a.example' }), context)).toEqual({ problem: '„a.example“ не е адрес (URL)' });
    expect(readEntry(field('planLinks'), entry({ text: 'SG1, P1.1' }), context)).toEqual({
      value: [
        { level: 'goal', id: 'SG1', confidence: 'inferred' },
        { level: 'priority', id: 'P1.1', confidence: 'inferred' },
      ],
    });
    expect(readEntry(field('planLinks'), entry({ text: 'SG9' }), context)).toEqual({ problem: 'няма позиция SG9 в плана' });
  });

  it('a mapping made of the form makes a record the intervention schema accepts', () => {
    const fields = FIELDS.intervention;
    const draft = toDraft(fields, { columns: { 'title.bg': 'name' }, defaults: {} });
    const set = (path: string, change: Partial<DefaultEntry>) => (draft.defaults[path] = entry(change));
    set('id', { text: 'KZN-500' });
    set('kind', { text: 'project' });
    set('theme', { text: 'tourism' });
    set('locationText', { text: 'гр. Казанлък' });
    set('locationAccuracy', { text: 'site' });
    set('locationBasis', { text: 'GPS' });
    set('funding', { codes: ['municipal-budget'] });
    set('status', { text: 'idea' });
    set('statusAsOf', { text: '2026' });
    set('statusText', { text: 'предложение' });
    set('sources', { text: 'https://example.org/a' });
    const { mapping, problems } = toMapping(fields, draft, context);
    expect(problems).toEqual({});
    expect(mapping.columns).toEqual({ 'title.bg': 'name' });
    const built = buildRecord('intervention', mapping, { properties: { name: 'Чешма' }, geometry: { type: 'Point', coordinates: [25.4, 42.62] } }, null, { planLevel: () => null });
    expect(built.problems).toEqual([]);
    const checked = checkRecord('intervention', built.record);
    expect(checked.ok, JSON.stringify(checked)).toBe(true);
  });
});

describe('a default the server holds comes back into the form', () => {
  it('as the text, codes or tick the inputs show, and reads back to the same value', () => {
    const cases: [string, unknown][] = [
      ['title.bg', 'Заглавие'],
      ['budgetAmount', 1500.5],
      ['funding', ['municipal-budget', 'state-budget']],
      ['periodInferred', true],
      ['sources', [{ url: 'https://example.org/a', supports: 'опис' }]],
      ['planLinks', [{ level: 'goal', id: 'SG1', confidence: 'inferred' }]],
    ];
    for (const [path, value] of cases) expect(readEntry(field(path), toEntry(field(path), value), context), path).toEqual({ value });
  });
});

describe('field names', () => {
  it('are the editor’s words, the zone’s kind its own, and a layer’s fields named too', () => {
    expect(fieldLabel('bg', 'intervention', 'title.bg')).toBe('Заглавие (български)');
    expect(fieldLabel('en', 'zone', 'kind')).toBe('Zone kind');
    expect(fieldLabel('bg', 'layer', 'licence')).toBe('Лиценз');
    for (const kind of ['intervention', 'zone', 'layer'] as const) for (const f of FIELDS[kind]) expect(fieldLabel('bg', kind, f.path), `${kind} ${f.path}`).not.toBe(f.path);
  });
});
