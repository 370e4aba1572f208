// The editor's progress section, its pure parts: the status fields follow the latest entry as the
// planner edits (so the server's check sees no status without an entry), and a new entry reads in
// the review as "+ date status", not as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../geo/editing.ts';
import type { ProgressEntry } from '../../geo/progress.ts';
import { progressChange } from '../../web/editor/Diff.tsx';
import { deriveStatus, latestIndex } from '../../web/editor/ProgressField.tsx';
import { getAt, setAt } from '../../web/editor/record.ts';
import { MINI } from '../helpers/fixtures.ts';

const record = JSON.parse(readFileSync(join(MINI, 'interventions.geojson'), 'utf8')).features[0];
const completed: ProgressEntry = {
  date: '2026-12-05',
  status: 'completed',
  percent: 100,
  contracted: null,
  paid: { amount: 1955830, currency: 'BGN', eur: 1000000 },
  note: null,
  sources: [{ url: 'https://example.org/priemane', supports: 'протокол' }],
};
const edit = (r: unknown, path: string, value: unknown) => deriveStatus(setAt(r, path, value), path);

describe('the status fields in the editor', () => {
  it('are the latest entry’s as soon as an entry is added, changed or removed', () => {
    const before = getAt(record, 'properties.progress') as ProgressEntry[];
    let r = edit(record, 'properties.progress', [...before, completed]);
    expect([getAt(r, 'properties.status'), getAt(r, 'properties.statusAsOf'), getAt(r, 'properties.statusText')]).toEqual(['completed', '2026-12-05', 'Завършен']);
    expect(latestIndex(r)).toBe(before.length);
    // The latest entry's status changed: without the status following it, the server would take
    // the old status for an entry of its own.
    r = edit(r, `properties.progress.${before.length}.status`, 'in_progress');
    r = edit(r, `properties.progress.${before.length}.note`, 'Строителството продължава.');
    expect([getAt(r, 'properties.status'), getAt(r, 'properties.statusText')]).toEqual(['in_progress', 'Строителството продължава.']);
    const checked = checkRecord('intervention', r);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect((checked.record as { properties: { progress: unknown[] } }).properties.progress).toHaveLength(before.length + 1);
    // An entry written before the others is not the latest, whatever its place in the list.
    r = edit(r, `properties.progress.${before.length}.date`, '2020');
    expect(getAt(r, 'properties.status')).toBe(before.at(-1)!.status);
    expect(latestIndex(r)).toBe(before.length - 1);
    // Removed again: the record is as it was.
    r = edit(r, 'properties.progress', before);
    expect(getAt(r, 'properties')).toEqual(record.properties);
  });

  it('leave other fields and a record without entries alone', () => {
    expect(edit(record, 'properties.title.bg', 'Друго')).toEqual(setAt(record, 'properties.title.bg', 'Друго'));
    const none = setAt(record, 'properties.progress', []);
    expect(deriveStatus(none, 'properties.progress')).toBe(none);
    expect(latestIndex(none)).toBe(-1);
  });
});

describe('a change of entries in the review', () => {
  it('shows a new entry as a line of its own, with its amounts and source, and counts the unchanged', () => {
    const before = getAt(record, 'properties.progress') as ProgressEntry[];
    const { was, now } = progressChange('bg', before, [...before, completed]);
    expect(now.split('\n')[0]).toMatch(/^\+ 2026-12-05 Завършен, 100 %, изплатено 1\s000\s000 €$/);
    expect(now).toContain('https://example.org/priemane — протокол');
    expect(now).toContain(`записи без промяна: ${before.length}`);
    expect(was).toBe(`записи без промяна: ${before.length}`);
    const removed = progressChange('en', [...before, completed], before);
    expect(removed.was.split('\n')[0]).toMatch(/^− 2026-12-05 Completed, 100 %, paid 1,000,000 €$/);
  });
});
