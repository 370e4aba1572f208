// How the rows of an imported file become records: which column fills which field of an
// intervention or a zone, the defaults for fields no column fills, and how a cell's text is read
// (Bulgarian number formats, vocabulary labels as well as codes, lists, JSON). Pure, so the server
// builds records with it and the editor lists the same fields and words in its mapping form.
import { z } from 'zod';
import type { Geometry } from './geojson.ts';
import type { Problem } from './editing.ts';
import { Confidence, Currency, FUNDING, GeometryAccuracy, LOCATION_ACCURACIES, STATUSES, THEMES, ZONE_KINDS, toEur } from './vocabulary.ts';

/** What a file is imported into: the items planners edit, or a named reference layer. */
export const IMPORT_TARGETS = ['interventions', 'zones'] as const;
export const ImportTarget = z.union([z.enum(IMPORT_TARGETS), z.string().regex(/^layer:[a-z][a-z-]{0,39}$/, 'a layer name is lower-case letters and hyphens')]);
export type ImportTarget = z.infer<typeof ImportTarget>;

/** What one imported row becomes. */
export type ImportKind = 'intervention' | 'zone' | 'layer';
export const kindOfTarget = (target: ImportTarget): ImportKind => (target === 'interventions' ? 'intervention' : target === 'zones' ? 'zone' : 'layer');

type Terms = { ids: readonly string[]; table: Record<string, { label: { bg: string; en: string } }> };

/** How a cell is read into a field. */
export type FieldType =
  | { type: 'text' }
  | { type: 'number' }
  | { type: 'integer' }
  | { type: 'boolean' }
  | { type: 'term'; terms: Terms }
  | { type: 'terms'; terms: Terms }
  | { type: 'list' }
  | { type: 'sources' }
  | { type: 'planLinks' }
  | { type: 'json' };

export interface Field {
  /** the path in the record's properties, e.g. `title.bg` */
  path: string;
  read: FieldType;
  /** null when the field may be left unknown; a list starts empty; a flag starts false; 'omit' leaves it out; undefined: required */
  empty: null | [] | false | 'omit' | undefined;
  /** other column names that mean this field (lower case, as municipal tables name them) */
  aliases: string[];
}

/** A closed list without labels (currencies, confidence …): its codes are its words. */
const codes = (ids: readonly string[]): Terms => ({ ids, table: Object.fromEntries(ids.map((id) => [id, { label: { bg: id, en: id } }])) });

const field = (path: string, read: FieldType, empty: Field['empty'], ...aliases: string[]): Field => ({ path, read, empty, aliases });
const text = { type: 'text' } as const;
const term = (terms: Terms) => ({ type: 'term', terms }) as const;

export const FIELDS: Record<ImportKind, Field[]> = {
  intervention: [
    field('id', text, undefined, 'идентификатор', 'код', 'code'),
    field('title.bg', text, undefined, 'title', 'name', 'наименование', 'име', 'проект', 'name_bg'),
    field('title.en', text, null, 'name_en'),
    field('summary.bg', text, null, 'описание', 'description', 'summary'),
    field('summary.en', text, null),
    field('kind', term(codes(['project', 'programme'])), undefined, 'вид'),
    field('programmeId', text, null, 'programme_id', 'програма'),
    field('theme', term(THEMES), undefined, 'тема'),
    field('secondaryThemes', { type: 'terms', terms: THEMES }, [], 'secondary_themes'),
    field('planLinks', { type: 'planLinks' }, [], 'мерки', 'measures', 'plan_links'),
    field('planLinkNote', text, null),
    // A code, not a name: a column of names ("Казанлък") is not guessed to mean it.
    field('municipality', text, 'omit', 'municipality_code', 'lau', 'lau_code', 'код на общината'),
    field('settlement', text, null, 'settlement_ekatte', 'ekatte', 'екатте', 'населено място'),
    field('outsideMunicipality', { type: 'boolean' }, false),
    field('locationText', text, undefined, 'location', 'място', 'адрес', 'address', 'addr', 'location_text'),
    field('locationAccuracy', term(LOCATION_ACCURACIES), undefined, 'location_accuracy', 'точност'),
    field('locationBasis', text, undefined, 'location_basis', 'основание'),
    field('budgetAmount', { type: 'number' }, null, 'budget', 'бюджет', 'стойност', 'budget_amount'),
    field('budgetCurrency', term(codes(Currency.options)), null, 'currency', 'валута', 'budget_currency'),
    field('budgetNote', text, null),
    field('funding', { type: 'terms', terms: FUNDING }, undefined, 'финансиране'),
    field('fundingText', text, null, 'funding_text', 'източник на финансиране'),
    field('startYear', { type: 'integer' }, null, 'start', 'начало', 'start_year'),
    field('endYear', { type: 'integer' }, null, 'end', 'край', 'end_year'),
    field('periodText', text, null, 'period', 'период'),
    field('periodInferred', { type: 'boolean' }, false, 'period_inferred'),
    field('status', term(STATUSES), undefined, 'статус'),
    field('statusAsOf', text, undefined, 'status_as_of', 'статус към'),
    field('statusText', text, undefined, 'status_text', 'статус (текст)', 'описание на статуса'),
    field('sources', { type: 'sources' }, undefined, 'source', 'url', 'източник', 'източници'),
  ],
  zone: [
    field('id', text, undefined, 'идентификатор', 'zone_id'),
    field('name.bg', text, undefined, 'name', 'име', 'наименование', 'name_bg'),
    field('name.en', text, null, 'name_en'),
    field('kind', term(ZONE_KINDS), undefined, 'вид'),
    // Only a master-plan zone has a type code (Жм, Ц, Пп …); the write API checks it against Наредба № 7.
    field('masterPlanType', text, 'omit', 'code', 'type', 'zone_type', 'тип', 'устройствена зона', 'oup'),
    field('definedBy', text, undefined, 'defined_by'),
    field('description.bg', text, null, 'description', 'описание'),
    field('description.en', text, null),
    field('boundaryText', text, null, 'boundary', 'граници'),
    field('geometryAccuracy', term(codes(GeometryAccuracy.options)), null, 'geometry_accuracy'),
    field('geometryBasis', text, null, 'geometry_basis'),
    field('confidence', term(codes(Confidence.options)), undefined),
    field('confidenceNote', text, null),
    field('population', { type: 'integer' }, null, 'население'),
    field('sources', { type: 'sources' }, undefined, 'source', 'url', 'източник', 'източници'),
  ],
  layer: [
    field('name.bg', text, undefined, 'name', 'име', 'наименование', 'name_bg'),
    field('name.en', text, null, 'name_en'),
    field('source', text, undefined, 'източник'),
    field('licence', text, undefined, 'license', 'лиценз'),
    field('accuracy', text, undefined, 'точност'),
  ],
};

/** Column → field and field → default, as the planner set them (or as they were guessed). */
export const ImportMapping = z
  .object({
    /** field path → the column that fills it */
    columns: z.record(z.string().max(100), z.string().max(200)),
    /** field path → the value of every row whose column is empty or unmapped */
    defaults: z.record(z.string().max(100), z.unknown()),
  })
  .strict();
export type ImportMapping = z.infer<typeof ImportMapping>;

const squash = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The mapping a file gets before the planner touches it: a column named like a field (`title.bg`,
 * `title_bg`, `budgetAmount`, `budget_amount`) or like one of its aliases fills it. Our own
 * exports flatten to exactly the field paths, so they map onto themselves.
 */
export function guessMapping(kind: ImportKind, columns: string[]): ImportMapping {
  const mapping: ImportMapping = { columns: {}, defaults: {} };
  const taken = new Set<string>();
  for (const f of FIELDS[kind]) {
    const names = [f.path, ...f.aliases].map(squash);
    const column = columns.find((c) => !taken.has(c) && names.includes(squash(c)));
    if (column) {
      mapping.columns[f.path] = column;
      taken.add(column);
    }
  }
  return mapping;
}

/** A file's layout, for remembering the planner's mapping: the same columns into the same target. */
export const layoutKey = (target: ImportTarget, columns: string[]) => `${target}|${[...columns].sort().join('\u001f')}`;

/** Nested JSON properties (our own GeoJSON exports) as one level of field paths; arrays stay whole. */
export function flatten(properties: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(properties)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
    else out[prefix + key] = value;
  }
  return out;
}

// ---------------------------------------------------------------- reading one cell

/** What a cell reader needs to know of the published data. */
export interface ReadContext {
  planLevel(id: string): 'goal' | 'priority' | 'measure' | null;
}

class CellProblem extends Error {}

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
const splitList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : String(value).split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);

/** "1 234 567,89", "1,234,567.89", "1234567.89" and a cell already numeric: each a number. */
export function readNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  let s = String(value).trim().replace(/[\s\u00a0\u202f']/g, '').replace(/(лв\.?|bgn|eur|€)$/i, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(',', '.');
  const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n)) throw new CellProblem(`"${String(value).slice(0, 40)}" is not a number`);
  return n;
}

function readTerm(terms: Terms, value: unknown): string {
  const s = String(value).trim();
  const lower = s.toLowerCase();
  const id = terms.ids.find((id) => id === s || id.toLowerCase() === lower || terms.table[id].label.bg.toLowerCase() === lower || terms.table[id].label.en.toLowerCase() === lower);
  if (!id) throw new CellProblem(`"${s.slice(0, 40)}" is none of ${terms.ids.join(', ')}`);
  return id;
}

function readBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  if (['true', 'yes', 'да', '1', 'x'].includes(s)) return true;
  if (['false', 'no', 'не', '0'].includes(s)) return false;
  throw new CellProblem(`"${s.slice(0, 20)}" is not yes or no`);
}

function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new CellProblem('is not valid JSON');
  }
}

/** One cell as the field's value; throws CellProblem with the reason. */
function readCell(f: Field, value: unknown, context: ReadContext): unknown {
  const r = f.read;
  switch (r.type) {
    case 'text':
      return typeof value === 'string' ? value.trim() : String(value);
    case 'number':
      return readNumber(value);
    case 'integer': {
      const n = readNumber(value);
      if (!Number.isInteger(n)) throw new CellProblem(`${n} is not a whole number`);
      return n;
    }
    case 'boolean':
      return readBoolean(value);
    case 'term':
      return readTerm(r.terms, value);
    case 'terms':
      return splitList(value).map((v) => readTerm(r.terms, v));
    case 'list':
      return splitList(value);
    case 'json':
      return readJson(value);
    case 'sources': {
      // A list of URLs is a list of sources that support the row as a whole.
      if (Array.isArray(value) || (typeof value === 'string' && value.trim().startsWith('['))) return readJson(value);
      return splitList(value).map((url) => ({ url, supports: 'the imported row' }));
    }
    case 'planLinks': {
      if (Array.isArray(value) || (typeof value === 'string' && value.trim().startsWith('['))) return readJson(value);
      // Ids typed into a table are the importer's reading of the plan, not the plan's words: inferred.
      return splitList(value).map((id) => {
        const official = !/\(inferred\)$/i.test(id) && /\(official\)$/i.test(id);
        const clean = id.replace(/\s*\((inferred|official)\)$/i, '');
        const level = context.planLevel(clean);
        if (!level) throw new CellProblem(`no plan item ${clean} in the plan`);
        return { level, id: clean, confidence: official ? 'official' : 'inferred' };
      });
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), target);
}

export interface BuiltRecord {
  /** the record to check and write (a GeoJSON Feature for interventions, zones and layer features) */
  record: Record<string, unknown>;
  problems: Problem[];
}

/**
 * A row as a record: over `base` (the item's current record when the row updates one; null for a
 * new item), each mapped column that has a value sets its field, then defaults fill what is still
 * missing, then fields that may be empty start empty. A row's geometry replaces the base's. The
 * EUR budget follows the amount and currency, as in the editor.
 */
export function buildRecord(
  kind: ImportKind,
  mapping: ImportMapping,
  row: { properties: Record<string, unknown>; geometry: Geometry | null },
  base: Record<string, unknown> | null,
  context: ReadContext,
): BuiltRecord {
  const problems: Problem[] = [];
  const properties: Record<string, unknown> = structuredClone((base?.properties as Record<string, unknown>) ?? {});
  const flat = flatten(row.properties);
  for (const f of FIELDS[kind]) {
    const column = mapping.columns[f.path];
    const cell = column === undefined ? undefined : flat[column];
    if (!isEmpty(cell)) {
      try {
        setPath(properties, f.path, readCell(f, cell, context));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ path: `properties.${f.path}`, message: `column "${column}": ${error.message}` });
      }
    } else if (getPath(properties, f.path) === undefined) {
      if (f.path in mapping.defaults) setPath(properties, f.path, mapping.defaults[f.path]);
      else if (f.empty === 'omit') continue;
      else if (f.empty !== undefined) setPath(properties, f.path, structuredClone(f.empty));
      else problems.push({ path: `properties.${f.path}`, message: column ? `empty in column "${column}" and no default` : 'no column mapped and no default' });
    }
  }
  if (kind === 'intervention' && ('budgetAmount' in mapping.columns || 'budgetCurrency' in mapping.columns || base === null)) {
    const { budgetAmount: amount, budgetCurrency: currency } = properties as { budgetAmount?: unknown; budgetCurrency?: unknown };
    properties.budgetEur = typeof amount === 'number' && typeof currency === 'string' ? toEur(amount, currency as 'EUR' | 'BGN') : null;
  }
  // A reference layer keeps what else the file says of each feature, as the dataset's layers do
  // (their properties pass through as published); records of items have exactly their schema.
  if (kind === 'layer') {
    const used = new Set([...Object.values(mapping.columns), 'id']);
    for (const [column, value] of Object.entries(flat)) if (!used.has(column) && getPath(properties, column) === undefined) setPath(properties, column, value);
  }
  const id = properties.id ?? null;
  const geometry = row.geometry ?? (base?.geometry as Geometry | null | undefined) ?? null;
  const record = kind === 'layer' ? { type: 'Feature', geometry, properties } : { type: 'Feature', id, geometry, properties };
  return { record, problems };
}
