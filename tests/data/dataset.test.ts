// data:check on the broken fixture must name file, id and field of every planted mistake; the
// real dataset must pass with every rule the issue sets for it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadDataset } from '../../data/dataset.ts';
import { pointInGeometry, type Areal } from '../../geo/spatial.ts';
import { copyDataset, KAZANLAK, MINI, PAIR, ROOT } from '../helpers/fixtures.ts';

const BROKEN = join(ROOT, 'tests/fixtures/broken');

describe('data:check', () => {
  it('accepts the mini fixture', () => {
    const { dataset, problems } = loadDataset(MINI);
    expect(problems).toEqual([]);
    expect(dataset?.interventions).toHaveLength(7);
  });

  it.each([
    ['plan.json', '-', 'priorities.0.goalId', 'unknown goal G7'],
    ['interventions.geojson', 'TST-001', 'properties.theme', 'expected one of "transport"'],
    ['interventions.geojson', 'TST-002', 'properties.budgetEur', 'budgetEur must be 50000'],
    ['interventions.geojson', 'TST-003', 'properties.sources', '>=1'],
    ['interventions.geojson', 'TST-004', 'geometry', 'latitude 95 is outside'],
    ['interventions.geojson', 'TST-004', 'properties.status', 'expected one of "idea"'],
    ['interventions.geojson', 'TST-005', 'geometry', 'no fake pins'],
    ['interventions.geojson', 'TST-006', 'properties.settlement', 'unknown ЕКАТТЕ code 99999'],
    ['interventions.geojson', 'TST-007', 'geometry', 'crosses itself'],
    ['zones.geojson', 'TEST-Z1', 'geometry', 'not closed'],
  ])('reports %s %s %s', (file, id, field, words) => {
    const messages = loadDataset(BROKEN).problems.map(formatProblem);
    expect(messages.some((m) => m.startsWith(`${file}: ${id}: ${field}: `) && m.includes(words)), messages.join('\n')).toBe(true);
  });

  it('fails the command with exit code 1 and the list of problems', () => {
    let error: { status: number; stderr: string } | undefined;
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['data/check.ts', BROKEN], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      error = e as { status: number; stderr: string };
    }
    expect(error?.status).toBe(1);
    expect(error?.stderr).toContain('interventions.geojson: TST-002: properties.budgetEur');
  });

  it('accepts two municipalities\' plans in one plan.json, and names each mistake between them', () => {
    expect(loadDataset(PAIR).problems).toEqual([]);
    const dir = copyDataset(PAIR, 'pair-broken');
    const edit = (file: string, change: (json: any) => void) => {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      change(json);
      writeFileSync(join(dir, file), JSON.stringify(json));
    };
    edit('plan.json', (plans) => {
      plans[1].measures[0].id = 'M1'; // the Kazanlak plan's measure id again
      plans[1].measures[0].priorityId = 'MG-P1';
    });
    edit('interventions.geojson', (c) => {
      const [a, b] = c.features.filter((f: any) => f.id.startsWith('MG-'));
      delete a.properties.municipality;
      b.properties.planLinks = [{ level: 'goal', id: 'G1', confidence: 'inferred' }];
    });
    const messages = loadDataset(dir).problems.map(formatProblem);
    expect(messages).toContain('plan.json: maglizh-fixture-plan: id: plan item id M1 is in two plans');
    edit('plan.json', (plans) => {
      plans[1].measures[0].id = 'MG-M1';
      plans[1].municipality.code = 'SZR31';
    });
    const more = loadDataset(dir).problems.map(formatProblem);
    expect(more).toContain('plan.json: maglizh-fixture-plan: municipality.code: the plan\'s municipality SZR31 has no boundary in municipality.geojson');
    edit('plan.json', (plans) => (plans[1].municipality.code = 'SZR22'));
    const links = loadDataset(dir).problems.map(formatProblem);
    expect(links).toEqual([
      expect.stringMatching(/^interventions\.geojson: MG-001: properties\.municipality: the plans of 2 municipalities are held here/),
      "interventions.geojson: MG-002: properties.planLinks.0.id: G1 is an item of municipality SZR12's plan, not of SZR22's",
    ]);
  });

  it('reports a missing file and broken JSON', () => {
    const { problems } = loadDataset(join(ROOT, 'tests/fixtures/does-not-exist'));
    expect(problems.map(formatProblem)).toContain('plan.json: -: -: file is missing');
  });
});

describe('the Kazanlak dataset', () => {
  const { dataset, problems } = loadDataset(KAZANLAK);

  it('is valid', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('holds all 86 researched interventions, 20 settlements and the zones', () => {
    expect(dataset!.interventions).toHaveLength(86);
    expect(dataset!.settlements).toHaveLength(20);
    expect(dataset!.settlementAreas).toHaveLength(20);
    expect(dataset!.zones.length).toBeGreaterThanOrEqual(3);
  });

  it('gives every intervention a source and a location accuracy, and no pin to an umbrella', () => {
    for (const f of dataset!.interventions) {
      expect(f.properties.sources.length, f.id).toBeGreaterThan(0);
      expect(f.properties.locationAccuracy, f.id).toBeTruthy();
      if (f.properties.locationAccuracy === 'municipality') expect(f.geometry, f.id).toBeNull();
    }
  });

  it('keeps located items inside the municipality unless they say they are outside', () => {
    const municipality = dataset!.layers.find((l) => l.info.name === 'municipality')!.features[0].geometry as Areal;
    for (const f of dataset!.interventions) {
      if (f.geometry?.type !== 'Point') continue;
      const inside = pointInGeometry(f.geometry.coordinates as [number, number], municipality);
      expect(inside || f.properties.outsideMunicipality, f.id).toBe(true);
    }
  });

  it('keeps every settlement point inside its own land area', () => {
    const areas = new Map(dataset!.settlementAreas.map((a) => [a.id, a.geometry]));
    for (const s of dataset!.settlements)
      expect(pointInGeometry(s.geometry.coordinates as [number, number], areas.get(s.id) as Areal), s.id).toBe(true);
  });
});

const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p));
describe.skipIf(!ogrinfo)('GDAL', () => {
  it('opens interventions.geojson with all 86 features', () => {
    const out = execFileSync(ogrinfo!, ['-al', '-so', join(KAZANLAK, 'interventions.geojson')], { encoding: 'utf8' });
    expect(out).toMatch(/Feature Count: 86\b/);
  });
});
if (!ogrinfo) console.warn('GDAL ogrinfo not found: the GDAL checks are skipped (apt-get install gdal-bin)');
