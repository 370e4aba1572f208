// Reads a municipality's canonical dataset (data/<municipality>/) and checks it: every record with
// its zod schema, every geometry with the RFC 7946 rules, and the references between files. Each
// problem names the file, the record id and the field, so a steward can fix it without a debugger.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFeatureCollection } from './feature-file.ts';
import type { z } from 'zod';
import {
  Intervention,
  itemsOf,
  planItemLevels,
  LayerFeature,
  withProgress,
  LayerInfo,
  MunicipalityFeatureProperties,
  Plan,
  Settlement,
  SettlementArea,
  Zone,
  type Geometry,
} from '../geo/index.ts';
import { geometryProblems, isCounterClockwise } from '../geo/normalise.ts';
import type { Areal } from '../geo/spatial.ts';
import { heldPlans, interventionProblems, zoneProblems, type References } from './editing.ts';
import { isMasterPlanType, loadMasterPlanZoneTypes, MASTER_PLAN_TYPES_FILE } from './master-plan-types.ts';

export interface Problem {
  file: string;
  id: string | null;
  field: string | null;
  message: string;
}

export interface BaseLayer {
  info: LayerInfo;
  features: LayerFeature[];
}

export interface Dataset {
  /**
   * The plans held, each of its own municipality; the first is the default one (what the web app
   * opens on, and what a one-plan reader such as the annual report reads). plan.json holds one plan
   * as an object, several as an array.
   */
  plans: Plan[];
  interventions: Intervention[];
  zones: Zone[];
  settlements: Settlement[];
  settlementAreas: SettlementArea[];
  layers: BaseLayer[];
  /** SOURCES.md of the dataset: every source and licence, in words */
  sourcesMarkdown: string;
  /** when a publication last changed each intervention (the public "last updated"); a view of the past carries it, a dataset folder does not */
  updated?: ReadonlyMap<string, string>;
}

export const DATASET_FILES = {
  plan: 'plan.json',
  interventions: 'interventions.geojson',
  zones: 'zones.geojson',
  settlements: 'settlements.geojson',
  settlementAreas: 'settlement-areas.geojson',
  layers: 'layers.json',
} as const;

export function formatProblem(p: Problem): string {
  return [p.file, p.id ?? '-', p.field ?? '-', p.message].join(': ');
}

class Checker {
  problems: Problem[] = [];
  /** every feature id met per file, valid or not, so references to an invalid record are not misreported */
  ids = new Map<string, Set<string>>();
  constructor(private dir: string) {}

  add(file: string, id: string | null, field: string | null, message: string) {
    this.problems.push({ file, id, field, message });
  }

  readJson(file: string): unknown {
    const path = join(this.dir, file);
    if (!existsSync(path)) {
      this.add(file, null, null, 'file is missing');
      return undefined;
    }
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      this.add(file, null, null, `not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
  }

  parse<S extends z.ZodType>(schema: S, value: unknown, file: string, id: string | null): z.infer<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      this.add(file, id, issue.path.length ? issue.path.join('.') : null, issue.message);
    }
    return undefined;
  }

  /**
   * Parses a FeatureCollection feature by feature, so one bad feature does not hide the others. The
   * file is read a feature at a time (data/feature-file.ts): a national one is too long for a string.
   */
  features<S extends z.ZodType>(schema: S, file: string): z.infer<S>[] {
    const path = join(this.dir, file);
    if (!existsSync(path)) {
      this.add(file, null, null, 'file is missing');
      return [];
    }
    const before = this.problems.length;
    const seen = new Set<string>();
    const out: z.infer<S>[] = [];
    const features = readFeatureCollection(path);
    let top: Record<string, unknown> | undefined;
    try {
      for (let index = 0; ; index++) {
        let next: IteratorResult<unknown, Record<string, unknown>>;
        // Only the reading is caught: a fault in the checks below is a bug to see, not a JSON problem.
        try {
          next = features.next();
        } catch (error) {
          this.problems.length = before;
          this.add(file, null, null, error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message);
          return [];
        }
        if (next.done) {
          top = next.value;
          break;
        }
        const raw = next.value;
        const feature = (raw ?? {}) as { id?: unknown; geometry?: unknown };
        const id = typeof feature.id === 'string' ? feature.id : `#${index}`;
        if (seen.has(id)) this.add(file, id, 'id', 'duplicate feature id');
        seen.add(id);
        this.geometry(feature.geometry, file, id);
        const parsed = this.parse(schema, raw, file, id);
        if (parsed !== undefined) out.push(parsed);
      }
    } finally {
      // Closes the file when the loop is left early.
      features.return({});
    }
    // Checked once the whole file is read (the type may come after the features): what is not a
    // collection has only that one problem, not one per member.
    if (top?.type !== 'FeatureCollection' || !Array.isArray(top.features)) {
      this.problems.length = before;
      this.add(file, null, 'type', 'expected a GeoJSON FeatureCollection with a features array');
      return [];
    }
    this.ids.set(file, seen);
    return out;
  }

  geometry(geometry: unknown, file: string, id: string) {
    if (geometry === null || geometry === undefined) return;
    for (const message of geometryProblems(geometry)) this.add(file, id, 'geometry', message);
    const g = geometry as Geometry;
    const tooPrecise = JSON.stringify(g.coordinates ?? []).match(/\d\.\d{7,}/);
    if (tooPrecise) this.add(file, id, 'geometry', `coordinates carry more than 6 decimals (${tooPrecise[0]}…)`);
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    polygons.forEach((rings, p) =>
      // A polygon whose coordinates are not rings has had its problem named above.
      (Array.isArray(rings) ? rings : []).forEach((ring, r) => {
        if (!Array.isArray(ring) || ring.length < 4) return;
        const ccw = isCounterClockwise(ring);
        if (r === 0 && !ccw) this.add(file, id, 'geometry', `exterior ring of polygon ${p} runs clockwise (RFC 7946 wants counter-clockwise)`);
        if (r > 0 && ccw) this.add(file, id, 'geometry', `hole ${r} of polygon ${p} runs counter-clockwise (RFC 7946 wants clockwise)`);
      }),
    );
  }
}

export function loadDataset(dir: string): { dataset: Dataset | null; problems: Problem[] } {
  const c = new Checker(dir);
  const plans = readPlans(c);
  // A file written before progress entries existed: its single status becomes the first entry.
  const interventions = c.features(Intervention, DATASET_FILES.interventions).map(withProgress);
  const zones = c.features(Zone, DATASET_FILES.zones);
  const settlements = c.features(Settlement, DATASET_FILES.settlements);
  const settlementAreas = c.features(SettlementArea, DATASET_FILES.settlementAreas);

  const infos = c.readJson(DATASET_FILES.layers);
  const layers: BaseLayer[] = [];
  if (infos !== undefined && !Array.isArray(infos)) c.add(DATASET_FILES.layers, null, null, 'expected an array of layers');
  (Array.isArray(infos) ? infos : []).forEach((raw, index) => {
    const name = typeof raw?.name === 'string' ? raw.name : `#${index}`;
    const info = c.parse(LayerInfo, raw, DATASET_FILES.layers, name);
    if (info) layers.push({ info, features: c.features(LayerFeature, info.file) });
  });

  checkReferences(c, plans, interventions, zones, settlements, settlementAreas, layers);
  const sourcesPath = join(dir, 'SOURCES.md');
  if (!existsSync(sourcesPath)) c.add('SOURCES.md', null, null, 'file is missing: every dataset lists its sources and licences');
  const sourcesMarkdown = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
  const complete = plans !== undefined && c.problems.length === 0;
  return {
    dataset: complete ? { plans, interventions, zones, settlements, settlementAreas, layers, sourcesMarkdown } : null,
    problems: c.problems,
  };
}

/** The plans of plan.json (one object, or an array of several), or undefined when any is invalid. */
function readPlans(c: Checker): Plan[] | undefined {
  const json = c.readJson(DATASET_FILES.plan);
  if (json === undefined) return undefined;
  const several = Array.isArray(json);
  if (several && json.length === 0) {
    c.add(DATASET_FILES.plan, null, null, 'expected a plan, or an array of at least one');
    return undefined;
  }
  const parsed = (several ? json : [json]).map((raw, i) => c.parse(Plan, raw, DATASET_FILES.plan, several ? `#${i}` : null));
  if (parsed.some((p) => p === undefined)) return undefined;
  const plans = parsed as Plan[];
  // One store answers for all of them: ids and municipalities are unique across the plans.
  const seen = { plan: new Set<string>(), item: new Set<string>(), municipality: new Set<string>() };
  for (const plan of plans) {
    const once = (kind: keyof typeof seen, id: string, field: string, what: string) => {
      if (seen[kind].has(id)) c.add(DATASET_FILES.plan, plan.id, field, `${what} ${id} is in two plans`);
      seen[kind].add(id);
    };
    once('plan', plan.id, 'id', 'plan id');
    once('municipality', plan.municipality.code, 'municipality.code', 'municipality');
    for (const item of itemsOf(plan)) once('item', item.id, 'id', 'plan item id');
  }
  return c.problems.some((p) => p.file === DATASET_FILES.plan) ? undefined : plans;
}

function checkReferences(
  c: Checker,
  plans: Plan[] | undefined,
  interventions: Intervention[],
  zones: Zone[],
  settlements: Settlement[],
  areas: SettlementArea[],
  layers: BaseLayer[],
) {
  const file = DATASET_FILES.interventions;
  const ekatte = new Set(settlements.map((s) => s.properties.ekatte));
  // Without valid plans there is nothing to check links against; their own problems are listed.
  const levels = plans ? planItemLevels(plans) : null;
  const byId = new Map(interventions.map((i) => [i.id, i]));
  const outlines = layers.find((l) => l.info.name === 'municipality');
  if (!outlines?.features.length) c.add(DATASET_FILES.layers, 'municipality', null, 'a municipality layer with the boundary of each plan\'s municipality is required');
  // Each boundary says which municipality it is (the API lists them), and each plan's is among them.
  for (const f of outlines?.features ?? []) {
    const id = String(f.id ?? '-');
    const parsed = c.parse(MunicipalityFeatureProperties, f.properties, outlines!.info.file, id);
    if (parsed && f.id !== parsed.code) c.add(outlines!.info.file, id, 'id', `a municipality's feature id is its code ${parsed.code}`);
  }
  for (const plan of plans ?? [])
    if (outlines && !outlines.features.some((f) => f.id === plan.municipality.code))
      c.add(DATASET_FILES.plan, plan.id, 'municipality.code', `the plan's municipality ${plan.municipality.code} has no boundary in ${outlines.info.file}`);
  const held = heldPlans(plans ?? [], outlines?.features ?? []);

  // The same checks the write API makes before a draft is saved (data/editing.ts).
  const refs: References = {
    planItemLevel: (id) => levels?.get(id) ?? null,
    // A programme whose own record is invalid is reported on its own, not again from its members.
    interventionKind: (id) => byId.get(id)?.properties.kind ?? (c.ids.get(file)?.has(id) ? undefined : null),
    settlementExists: (code) => ekatte.has(code),
    masterPlanTypeExists: isMasterPlanType,
    plans: () => held,
    dependents: () => [],
  };
  for (const record of interventions)
    for (const problem of interventionProblems(record, refs))
      if (levels || !problem.path.startsWith('properties.planLinks')) c.add(file, record.id, problem.path, problem.message);
  // The vocabulary the zones' codes come from is checked too: a broken file would make every code unknown.
  const types = loadMasterPlanZoneTypes();
  if (!types.ok) for (const p of types.problems) c.add(`data/${MASTER_PLAN_TYPES_FILE}`, null, p.field, p.message);
  else for (const zone of zones) for (const problem of zoneProblems(zone, refs)) c.add(DATASET_FILES.zones, zone.id, problem.path, problem.message);
  const areaIds = new Set(areas.map((a) => a.properties.ekatte));
  for (const s of settlements)
    if (!areaIds.has(s.properties.ekatte))
      c.add(DATASET_FILES.settlementAreas, s.id, null, `settlement ${s.properties.name.bg} has no land area`);
}
