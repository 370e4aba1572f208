// The editor's pure parts: paths into a record (the server's problem paths), the next free id, the
// EUR figure that follows the amount, and values shown in a diff.
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../geo/editing.ts';
import { showValue } from '../../web/editor/Diff.tsx';
import { nextInterventionId } from '../../geo/intervention.ts';
import { deriveEur, newIntervention } from '../../web/editor/InterventionEditor.tsx';
import { fieldId, getAt, problemsAt, setAt } from '../../web/editor/record.ts';

describe('record paths', () => {
  const record = { id: 'A-001', properties: { title: { bg: 'Заглавие', en: null }, sources: [{ url: 'https://a', supports: 'x' }] } };

  it('reads and writes a member by the dotted path the server names, arrays included, without touching the original', () => {
    expect(getAt(record, 'properties.title.bg')).toBe('Заглавие');
    expect(getAt(record, 'properties.sources.0.url')).toBe('https://a');
    expect(getAt(record, 'properties.missing.deeper')).toBeUndefined();
    const changed = setAt(record, 'properties.sources.0.supports', 'y');
    expect(Array.isArray(changed.properties.sources)).toBe(true);
    expect(changed.properties.sources[0]).toEqual({ url: 'https://a', supports: 'y' });
    expect(record.properties.sources[0].supports).toBe('x');
    expect(changed.properties.title).toBe(record.properties.title);
  });

  it('gives a field the problems at its path and inside it, not those of a sibling with the same prefix', () => {
    const problems = [
      { path: 'properties.sources', message: 'at least one' },
      { path: 'properties.sources.0.url', message: 'not a URL' },
      { path: 'properties.sourcesNote', message: 'other' },
    ];
    expect(problemsAt(problems, 'properties.sources').map((p) => p.message)).toEqual(['at least one', 'not a URL']);
    expect(fieldId('properties.sources.0.url')).toBe('f-properties-sources-0-url');
  });
});

describe('a new intervention', () => {
  it('takes the next number of the highest id, keeping its prefix and width', () => {
    expect(nextInterventionId(['KZN-001', 'KZN-086', 'KZN-009'])).toBe('KZN-087');
    expect(nextInterventionId(['ABC-0099'])).toBe('ABC-0100');
    expect(nextInterventionId([])).toBe('P-001');
  });

  it('starts with every unknown said as unknown, and the server’s check names what a planner must fill in', () => {
    const check = checkRecord('intervention', newIntervention('KZN-100'));
    expect(check.ok).toBe(false);
    const paths = check.ok ? [] : (check.details as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['properties.title.bg', 'properties.locationText', 'properties.locationBasis', 'properties.statusText', 'properties.sources.0.url']));
  });

  it('computes the EUR figure from the amount and currency as published, only when one of them is set', () => {
    let r: unknown = newIntervention('KZN-100');
    r = deriveEur(setAt(r, 'properties.budgetAmount', 1955830), 'properties.budgetAmount');
    expect(getAt(r, 'properties.budgetEur')).toBeNull();
    r = deriveEur(setAt(r, 'properties.budgetCurrency', 'BGN'), 'properties.budgetCurrency');
    expect(getAt(r, 'properties.budgetEur')).toBe(1000000);
    // Loading or editing another field never rewrites a stored figure.
    const stored = setAt(r, 'properties.budgetEur', 999999.99);
    expect(getAt(deriveEur(stored, 'properties.title.bg'), 'properties.budgetEur')).toBe(999999.99);
  });
});

describe('values in a diff', () => {
  it('shows codes by their label, a point by its coordinates, a line by its vertices, unknown as empty', () => {
    expect(showValue('bg', 'site', 'properties.locationAccuracy')).toBe('Точно място');
    expect(showValue('en', ['water', 'sport'], 'properties.secondaryThemes')).toBe('Water and sewerage, Sport');
    expect(showValue('en', { type: 'Point', coordinates: [25.4, 42.6] })).toBe('Point 25.400000, 42.600000');
    expect(showValue('en', { type: 'LineString', coordinates: [[25.4, 42.6], [25.5, 42.6], [25.5, 42.7]] })).toBe('LineString, 3 vertices');
    expect(showValue('bg', null)).toBe('(празно)');
    expect(showValue('en', false)).toBe('no');
  });
});
