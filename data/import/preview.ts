// From an uploaded file to what a commit would write: read the file (format, CRS, encoding decided
// and explained), map each row to a record, check it exactly as the write API would (the record's
// schema, then the store's own reference and concurrency checks in a dry run), and sort the rows
// into creates, updates, unchanged and refused. The commit runs the same function and writes the
// accepted rows, so it can only write what the planner saw.
import { LayerFeature, LayerInfo, nextInterventionId, planItemLevels, type Geometry, type Intervention } from '../../geo/index.ts';
import { checkRecord, type Problem } from '../../geo/editing.ts';
import { geometryProblems, normaliseGeometry, roundGeometry } from '../../geo/normalise.ts';
import { masterPlanAreasOf, masterPlanZonesOf } from '../../geo/master-plan.ts';
import { featuresBBox } from '../../geo/spatial.ts';
import type { ImportPreview, PreviewCounts, RowOutcome } from '../../geo/import-preview.ts';
import { buildRecord, flatten, guessMapping, kindOfTarget, layoutKey, type ImportMapping } from '../../geo/import-mapping.ts';
import { canonicalJson } from '../canonical-json.ts';
import { type Actor, type DraftInput, type EditRecord, type Head } from '../editing.ts';
import type { ImportBatch } from '../imports.ts';
import type { Store } from '../store.ts';
import { readUpload } from './read.ts';
import type { RowProblem, SourceFile, SourceRow } from './source.ts';

/** The answer's shape is described once, in geo/import-preview.ts; the server fills it here. */
export type Preview = Omit<ImportPreview, 'file' | 'features'> & {
  file: Omit<SourceFile, 'rows' | 'problems'>;
  features: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: Geometry; properties: RowOutcome }[] };
};

/** What the commit writes: drafts of items, or a whole reference layer. */
export type Writes = { kind: 'drafts'; drafts: DraftInput[] } | { kind: 'layer'; info: LayerInfo; features: LayerFeature[] } | { kind: 'none' };

/** Layers the application itself stands on: the municipality outline checks every geometry, settlements carry ЕКАТТЕ. */
export const PROTECTED_LAYERS = ['municipality', 'settlements', 'settlement-areas'];

const labelOf = (record: Record<string, unknown>): string | null => {
  const p = record.properties as { title?: { bg?: unknown }; name?: { bg?: unknown } } | undefined;
  const label = p?.title?.bg ?? p?.name?.bg;
  return typeof label === 'string' ? label.slice(0, 200) : null;
};

/** Titles compared as a reader would: case, spacing and the kind of quotes do not matter. */
const titleKey = (title: string) => title.toLowerCase().replace(/[„“”"«»]/g, '"').replace(/\s+/g, ' ').trim();

const withoutPrefix = (path: string) => path.replace(/^properties\./, '');
const rowProblems = (row: number, problems: Problem[]): RowProblem[] => problems.map((p) => ({ row, field: withoutPrefix(p.path), message: p.message }));

/** The box of every municipality held (of all the plans a file may be for). */
async function municipalityBox(store: Store): Promise<[number, number, number, number]> {
  // A store without the outline (a test store) still reads files of Bulgaria.
  return featuresBBox((await store.layer('municipality'))?.features ?? []) ?? [22.3, 41.2, 28.7, 44.3];
}

/** The file as read, with the batch's options; ImportRefused when it cannot be read at all. */
export async function readBatch(store: Store, batch: ImportBatch): Promise<SourceFile> {
  return readUpload({ name: batch.fileName, bytes: batch.bytes }, { ...batch.options, municipality: { bbox: await municipalityBox(store) } });
}

interface Planned {
  preview: Preview;
  writes: Writes;
  seen: Record<string, number>;
}

/**
 * The preview of a batch and the writes a commit would make. `expected` (the commit) pins every
 * update to the head revision the last preview saw, so a change made in between is refused as stale
 * instead of being overwritten.
 */
export async function plan(store: Store, batch: ImportBatch, actor: Actor, expected?: Record<string, number>): Promise<Planned> {
  const read = await readBatch(store, batch);
  // Nested properties (our own exports) become field paths, so they are columns like any other.
  const flatRows = read.rows.map((r) => ({ ...r, properties: flatten(r.properties) }));
  const source: SourceFile = { ...read, rows: flatRows, columns: [...new Set(flatRows.flatMap((r) => Object.keys(r.properties)))] };
  const kind = kindOfTarget(batch.target);
  const layout = layoutKey(batch.target, source.columns);
  const remembered = batch.mapping ? null : await store.layoutMapping(layout);
  const mapping = batch.mapping ?? remembered ?? guessMapping(kind, source.columns);
  const mappingFrom = batch.mapping ? 'planner' : remembered ? 'remembered' : 'guessed';
  const { rows: _, problems: readProblems, ...file } = source;

  // A row the reader could not place (too far from the municipality, an unreadable geometry) is refused whole.
  const unreadable = new Set(readProblems.map((p) => p.row));
  const built = kind === 'layer' ? await planLayer(store, batch, source, mapping, unreadable) : await planItems(store, kind, source, mapping, actor, unreadable, expected);
  const problems = [...readProblems, ...built.problems].sort((a, b) => a.row - b.row);
  const geometryOf = new Map(source.rows.map((r) => [r.row, r.geometry]));
  // The master-plan zones each new place lies in, joined as publication will join them.
  const areas = kind === 'intervention' ? masterPlanAreasOf(await store.zones()) : [];
  // Rows the reader could not read at all (a geometry it cannot take) are refused rows too, so the counts add up to the file.
  const listed = new Set(built.rows.map((r) => r.row));
  const unread = [...unreadable].filter((row) => !listed.has(row)).map((row) => ({ row, id: null, action: 'refused' as const, label: null }));
  const rows: RowOutcome[] = [...built.rows, ...unread]
    .sort((a, b) => a.row - b.row)
    .map((r) => ({ ...r, masterPlanZones: areas.length ? masterPlanZonesOf(geometryOf.get(r.row) ?? null, areas) : [] }));
  const counts: PreviewCounts = { rows: rows.length, create: 0, update: 0, unchanged: 0, refused: 0 };
  for (const r of rows) counts[r.action]++;
  const features = rows.flatMap((r) => {
    const geometry = geometryOf.get(r.row);
    return geometry ? [{ type: 'Feature' as const, geometry: roundGeometry(geometry), properties: r }] : [];
  });
  return {
    preview: {
      id: batch.id,
      target: batch.target,
      fileName: batch.fileName,
      createdAt: batch.createdAt,
      committedAt: batch.committedAt,
      file,
      mapping,
      mappingFrom,
      counts,
      rows,
      problems,
      features: { type: 'FeatureCollection', features },
    },
    writes: built.writes,
    seen: built.seen,
  };
}

interface Built {
  rows: Omit<RowOutcome, 'masterPlanZones'>[];
  problems: RowProblem[];
  writes: Writes;
  seen: Record<string, number>;
}

async function planItems(store: Store, kind: 'intervention' | 'zone', source: SourceFile, mapping: ImportMapping, actor: Actor, unreadable: Set<number>, expected?: Record<string, number>): Promise<Built> {
  const levels = planItemLevels(await store.plans());
  const context = { planLevel: (id: string) => levels.get(id) ?? null };
  // A table without ids (a project list from Excel) names its items by title: a row whose title is
  // that of exactly one intervention, published or drafted, updates it, so importing the same list
  // again changes nothing; any other row gets the next free id.
  const taken = new Set<string>();
  const byTitle = new Map<string, string[]>();
  if (kind === 'intervention' && !mapping.columns.id) {
    const known = (id: string, record: EditRecord | null) => {
      taken.add(id);
      const title = (record as Intervention | null)?.properties.title.bg;
      if (title) byTitle.set(titleKey(title), [...(byTitle.get(titleKey(title)) ?? []), id]);
    };
    for await (const f of store.streamInterventions({})) if (!byTitle.size || !taken.has(f.feature.id as string)) known(f.feature.id as string, f.feature as unknown as Intervention);
    for (const r of await store.review()) if (r.kind === 'intervention' && !taken.has(r.item)) known(r.item, (await store.head('intervention', r.item))?.record ?? null);
  }
  const matchTitle = (row: SourceRow): string | null => {
    const column = mapping.columns['title.bg'];
    const title = column === undefined ? undefined : row.properties[column];
    const ids = typeof title === 'string' ? byTitle.get(titleKey(title)) : undefined;
    return ids?.length === 1 ? ids[0] : null;
  };

  const rows: Built['rows'] = [];
  const problems: RowProblem[] = [];
  const drafts: DraftInput[] = [];
  const draftRows: number[] = [];
  const seen: Record<string, number> = {};
  const inFile = new Map<string, number>();
  for (const row of source.rows) {
    const named = mapping.columns.id ? row.properties[mapping.columns.id] : null;
    let id = typeof named === 'string' || typeof named === 'number' ? String(named).trim() || null : null;
    if (id === null && kind === 'intervention' && !mapping.columns.id) {
      id = matchTitle(row) ?? nextInterventionId(taken);
      taken.add(id);
    }
    const head = id ? await store.head(kind, id) : null;
    const base = head?.record ? (head.record as unknown as Record<string, unknown>) : null;
    const { record, problems: mapped } = buildRecord(kind, id && !mapping.columns.id ? { ...mapping, defaults: { ...mapping.defaults, id } } : mapping, row, base, context);
    const refuse = (found: Problem[]) => {
      rows.push({ row: row.row, id, action: 'refused', label: labelOf(record) });
      problems.push(...rowProblems(row.row, found));
    };
    if (unreadable.has(row.row)) {
      rows.push({ row: row.row, id, action: 'refused', label: labelOf(record) });
      continue;
    }
    if (id === null) {
      refuse([{ path: 'id', message: mapping.columns.id ? `empty in column "${mapping.columns.id}"` : 'map a column to the id' }, ...mapped]);
      continue;
    }
    const earlier = inFile.get(id);
    if (earlier !== undefined) {
      refuse([{ path: 'id', message: `${id} is also row ${earlier}; a file names each item once` }]);
      continue;
    }
    inFile.set(id, row.row);
    if (mapped.length) {
      refuse(mapped);
      continue;
    }
    const checked = checkRecord(kind, record, base);
    if (!checked.ok) {
      refuse(Array.isArray(checked.details) ? checked.details : [{ path: 'geometry', message: checked.message }]);
      continue;
    }
    const prepared = checked.record as EditRecord;
    if (base && (canonicalJson(base) === canonicalJson(prepared) || (await publicFormEquals(store, kind, head!, prepared)))) {
      rows.push({ row: row.row, id, action: 'unchanged', label: labelOf(record) });
      continue;
    }
    if (head && head.record === null) {
      refuse([{ path: 'id', message: `${kind} ${id} is deleted in its latest revision; revert it to an earlier revision before importing over it` }]);
      continue;
    }
    if (head) seen[id] = head.head;
    drafts.push({ kind, id, expected: head ? (expected?.[id] ?? head.head) : null, record: prepared, action: head ? 'update' : 'create', reason: null });
    draftRows.push(row.row);
    rows.push({ row: row.row, id, action: head ? 'update' : 'create', label: labelOf(record) });
  }

  // The store's own checks (references, the municipality, concurrency), in a write that is undone.
  const outcomes = await store.checkDrafts(drafts, actor);
  outcomes.forEach((refused, i) => {
    if (!refused) return;
    const at = rows.findIndex((r) => r.row === draftRows[i]);
    rows[at] = { ...rows[at], action: 'refused' };
    const details = Array.isArray(refused.details) ? (refused.details as Problem[]) : [{ path: '(record)', message: refused.message }];
    problems.push(...rowProblems(draftRows[i], details));
  });
  const accepted = drafts.filter((_, i) => outcomes[i] === null);
  return { rows, problems, writes: accepted.length ? { kind: 'drafts', drafts: accepted } : { kind: 'none' }, seen };
}

/**
 * A published intervention reads publicly with what the store derives (the settlement its place
 * lies in, when the record names none); a file exported from the map carries that form, and
 * importing it back changes nothing anybody sees, so it is unchanged too.
 */
async function publicFormEquals(store: Store, kind: 'intervention' | 'zone', head: Head, record: EditRecord): Promise<boolean> {
  if (kind !== 'intervention' || head.state !== 'published') return false;
  const shown = await store.getIntervention(head.item);
  if (!shown) return false;
  const { type, id, geometry, properties } = shown;
  return canonicalJson({ type, id, geometry, properties }) === canonicalJson(record);
}

async function planLayer(store: Store, batch: ImportBatch, source: SourceFile, mapping: ImportMapping, unreadable: Set<number>): Promise<Built> {
  const name = batch.target.slice('layer:'.length);
  const rows: Built['rows'] = [];
  const problems: RowProblem[] = [];
  const features: LayerFeature[] = [];
  const context = { planLevel: () => null };
  if (PROTECTED_LAYERS.includes(name)) {
    for (const row of source.rows) rows.push({ row: row.row, id: null, action: 'refused', label: null });
    problems.push({ row: source.rows[0]?.row ?? 1, field: '(layer)', message: `the ${name} layer carries the map's own checks and codes; it is changed in the dataset, not by an import` });
    return { rows, problems, writes: { kind: 'none' }, seen: {} };
  }
  for (const row of source.rows) {
    const { record, problems: mapped } = buildRecord('layer', mapping, row, null, context);
    // A reference feature is named by the file's id column when it has one, else by its row.
    const named = row.properties[mapping.columns.id ?? 'id'];
    record.id = typeof named === 'string' || typeof named === 'number' ? String(named) : `${name}-${row.row}`;
    if (row.geometry) {
      const found = geometryProblems(row.geometry);
      if (found.length) mapped.push(...found.map((message) => ({ path: 'geometry', message })));
      else record.geometry = normaliseGeometry(row.geometry, String(record.id));
    }
    if (unreadable.has(row.row)) {
      rows.push({ row: row.row, id: null, action: 'refused', label: labelOf(record) });
      continue;
    }
    if (!row.geometry) mapped.push({ path: 'geometry', message: 'a reference layer feature needs a geometry' });
    const checked = mapped.length ? null : LayerFeature.safeParse(record);
    if (!checked?.success) {
      const found = checked ? checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : mapped;
      rows.push({ row: row.row, id: null, action: 'refused', label: labelOf(record) });
      problems.push(...rowProblems(row.row, found));
      continue;
    }
    features.push(checked.data);
    rows.push({ row: row.row, id: null, action: 'create', label: labelOf(record) });
  }
  const old = await store.layer(name);
  const kinds = new Set(features.map((f) => f.geometry.type.replace(/^Multi/, '')));
  const geometryType = [...kinds][0] as LayerInfo['geometryType'] | undefined;
  if (kinds.size > 1 || (geometryType && !['Point', 'LineString', 'Polygon'].includes(geometryType))) {
    problems.push({ row: rows[0]?.row ?? 1, field: 'geometry', message: `a layer holds one kind of geometry; this file has ${[...kinds].join(', ')}` });
    return { rows: rows.map((r) => ({ ...r, action: 'refused' as const })), problems, writes: { kind: 'none' }, seen: {} };
  }
  const distinct = (key: 'source' | 'licence') => [...new Set(features.map((f) => f.properties[key]))].join('; ');
  const info = LayerInfo.parse({
    name,
    title: batch.options.title ? { bg: batch.options.title, en: old?.info.title.en ?? null } : (old?.info.title ?? { bg: name, en: name }),
    file: old?.info.file ?? `${name}.geojson`,
    geometryType: geometryType ?? old?.info.geometryType ?? 'Point',
    attribution: distinct('source') || old?.info.attribution || batch.fileName,
    licence: distinct('licence') || old?.info.licence || 'unknown',
    // A layer planners bring is one they want seen; the dataset's own layers keep how they are drawn.
    ...(old ? (old.info.onMap ? { onMap: true } : {}) : { onMap: true }),
  });
  const same = old && canonicalJson(old.features) === canonicalJson(features);
  return {
    rows: same ? rows.map((r) => (r.action === 'create' ? { ...r, action: 'unchanged' as const } : r)) : rows,
    problems,
    writes: same || features.length === 0 ? { kind: 'none' } : { kind: 'layer', info, features },
    seen: {},
  };
}
