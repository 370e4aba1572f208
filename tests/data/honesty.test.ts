// The labels' rules of `npm run data:check` (data/honesty.ts): the shipped dataset keeps every one,
// and a copy of it with one planted break per rule fails the command with a line naming the id and
// the field of each.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadDataset } from '../../data/dataset.ts';
import { honestyProblems } from '../../data/honesty.ts';
import { copyDataset, KAZANLAK, ROOT } from '../helpers/fixtures.ts';

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** [id, what is changed, the field named, words of the message] */
const BREAKS: [string, (p: Props) => void, string, string][] = [
  ['KZN-004', (p) => (p.positionSource = 'source-cited'), 'properties.positionSource', 'the point is the centre point of Казанлък (35167)'],
  ['KZN-009', (p) => (p.locationAccuracy = 'site'), 'properties.locationAccuracy', 'a settlement-centre point marks the settlement, not the site'],
  ['KZN-003', (p) => (p.locationAccuracy = 'site'), 'properties.locationAccuracy', 'an estimated point cannot claim site accuracy'],
  ['KZN-002', (p) => delete p.positionSource, 'properties.positionSource', 'a located item states where its point comes from'],
  ['KZN-029', (p) => delete p.outsideSettlement, 'properties.outsideSettlement', 'the point lies outside the land of its settlement 38563'],
  ['KZN-010', (p) => (p.outsideSettlement = 'Извън землището.'), 'properties.outsideSettlement', 'but it lies inside the land of 35167'],
  ['KZN-001', (p) => (p.settlement = '35167'), 'properties.locationAccuracy', 'municipality says the item has no one place'],
  ['KZN-005', (p) => (p.locationBasis = 'No point drawn: an umbrella concept.'), 'properties.locationBasis', 'is not in Bulgarian'],
  ['KZN-006', (p) => (p.summary.bg = null), 'properties.summary.bg', 'has no Bulgarian version'],
  ['KZN-007', (p) => (p.sources[0].supports.bg = null), 'properties.sources.0.supports', 'has no Bulgarian version'],
  ['KZN-008', (p) => (p.fundingText = 'ПРР 2021-2027 (likely the second call – guess)'), 'properties.fundingText', 'is not in Bulgarian'],
  ['KZN-011', (p) => (p.planLinkNote.bg = null), 'properties.planLinkNote', 'has no Bulgarian version'],
  // The status in words is the latest entry's note: without its Bulgarian version both say so.
  ['KZN-012', (p) => ((p.progress[0].note.bg = null), (p.statusText = p.progress[0].note.en)), 'properties.progress.0.note', 'has no Bulgarian version'],
  ['KZN-012', () => undefined, 'properties.statusText', 'is not in Bulgarian'],
];

describe('data:check, the labels’ rules', () => {
  it('holds for the shipped dataset', () => {
    const { dataset, problems } = loadDataset(KAZANLAK);
    expect(problems).toEqual([]);
    expect(honestyProblems(dataset!).map(formatProblem)).toEqual([]);
  });

  it('fails the command on a copy that breaks each rule, naming the id and the field', () => {
    const dir = copyDataset(KAZANLAK, 'honesty');
    const file = join(dir, 'interventions.geojson');
    const collection = JSON.parse(readFileSync(file, 'utf8')) as { features: { id: string; properties: Props }[] };
    for (const [id, change] of BREAKS) change(collection.features.find((f) => f.id === id)!.properties);
    writeFileSync(file, JSON.stringify(collection));

    let error: { status: number; stderr: string } | undefined;
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['data/check.ts', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      error = e as { status: number; stderr: string };
    }
    expect(error?.status).toBe(1);
    const lines = error!.stderr.split('\n').map((l) => l.trim());
    for (const [id, , field, words] of BREAKS)
      expect(
        lines.some((l) => l.startsWith(`interventions.geojson: ${id}: ${field}: `) && l.includes(words)),
        `${id} ${field} "${words}" in:\n${error!.stderr}`,
      ).toBe(true);
    // Nothing else was reported: every line is one of the planted breaks.
    expect(lines.filter((l) => l.startsWith('interventions.geojson:'))).toHaveLength(BREAKS.length);
  });
});
