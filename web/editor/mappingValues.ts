// The mapping form's values: a default as the planner types it (text, codes chosen, a tick) and as
// the server takes it (the field's own value: the server puts a default into the record as it is,
// without reading it like a cell). Pure, so it is tested without a browser.
import type { Field, ImportKind, ImportMapping } from '../../geo/import-mapping.ts';
import { readNumber } from '../../geo/import-mapping.ts';
import type { Lang } from '../app/i18n.ts';
import { ti } from './importStrings.ts';
import { te, type EditorKey } from './strings.ts';

/** One field's default in the form: every kind of input reads the member it needs. */
export interface DefaultEntry {
  text: string;
  codes: string[];
  flag: boolean;
  /** sources: what the URLs support */
  supports: string;
}

export interface MappingDraft {
  columns: Record<string, string>;
  defaults: Record<string, DefaultEntry>;
}

const blank = (): DefaultEntry => ({ text: '', codes: [], flag: false, supports: '' });

/** A default as the server holds it, back into the form. */
export function toEntry(field: Field, value: unknown): DefaultEntry {
  const entry = blank();
  if (value === undefined || value === null) return entry;
  switch (field.read.type) {
    case 'boolean':
      entry.flag = value === true;
      break;
    case 'terms':
      entry.codes = Array.isArray(value) ? value.map(String) : [];
      break;
    case 'list':
      entry.text = Array.isArray(value) ? value.join(', ') : String(value);
      break;
    case 'sources': {
      const sources = Array.isArray(value) ? (value as { url?: unknown; supports?: unknown }[]) : [];
      entry.text = sources.map((s) => String(s?.url ?? '')).join(', ');
      entry.supports = String(sources[0]?.supports ?? '');
      break;
    }
    case 'planLinks':
      entry.text = Array.isArray(value) ? (value as { id?: unknown }[]).map((l) => String(l?.id ?? '')).join(', ') : '';
      break;
    case 'json':
      entry.text = JSON.stringify(value);
      break;
    default:
      entry.text = String(value);
  }
  return entry;
}

export function toDraft(fields: Field[], mapping: ImportMapping): MappingDraft {
  return {
    columns: { ...mapping.columns },
    defaults: Object.fromEntries(fields.map((f) => [f.path, toEntry(f, mapping.defaults[f.path])])),
  };
}

export interface ReadContext {
  lang: Lang;
  planLevel(id: string): 'goal' | 'priority' | 'measure' | null;
  /** what sources typed as a default support when the planner says nothing */
  supports: string;
}

/** Read one entry: `value` to send, nothing when the planner gave none, or the problem in the planner's words. */
export type Read = { value: unknown } | { none: true } | { problem: string };

const splitList = (text: string) => text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);

export function readEntry(field: Field, entry: DefaultEntry, context: ReadContext): Read {
  const { lang } = context;
  const text = entry.text.trim();
  switch (field.read.type) {
    case 'boolean':
      // A flag starts false: only a tick says something.
      return entry.flag ? { value: true } : { none: true };
    case 'terms':
      return entry.codes.length ? { value: entry.codes } : { none: true };
    case 'term':
    case 'text':
      return text ? { value: text } : { none: true };
    case 'number':
    case 'integer': {
      if (!text) return { none: true };
      let n: number;
      try {
        n = readNumber(text);
      } catch {
        return { problem: ti(lang, 'notNumber', { text }) };
      }
      if (field.read.type === 'integer' && !Number.isInteger(n)) return { problem: ti(lang, 'notInteger', { text }) };
      return { value: n };
    }
    case 'list':
      return text ? { value: splitList(text) } : { none: true };
    case 'sources': {
      const urls = text.split(/[\s,;]+/).filter(Boolean);
      if (!urls.length) return { none: true };
      const bad = urls.find((u) => !/^https?:\/\/\S+\.\S+/.test(u));
      if (bad) return { problem: ti(lang, 'notUrl', { text: bad }) };
      const supports = entry.supports.trim() || context.supports;
      return { value: urls.map((url) => ({ url, supports })) };
    }
    case 'planLinks': {
      const ids = splitList(text);
      if (!ids.length) return { none: true };
      const unknown = ids.find((id) => !context.planLevel(id));
      if (unknown) return { problem: ti(lang, 'unknownPlanItem', { id: unknown }) };
      return { value: ids.map((id) => ({ level: context.planLevel(id), id, confidence: 'inferred' })) };
    }
    case 'json':
      if (!text) return { none: true };
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { problem: ti(lang, 'notJson') };
      }
  }
}

/** The mapping to send, or the problems by field path when a default cannot be read. */
export function toMapping(fields: Field[], draft: MappingDraft, context: ReadContext): { mapping: ImportMapping; problems: Record<string, string> } {
  const mapping: ImportMapping = { columns: {}, defaults: {} };
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const column = draft.columns[f.path];
    if (column) mapping.columns[f.path] = column;
    const read = readEntry(f, draft.defaults[f.path] ?? blank(), context);
    if ('value' in read) mapping.defaults[f.path] = read.value;
    else if ('problem' in read) problems[f.path] = read.problem;
  }
  return { mapping, problems };
}

// The editor's own words for the fields it already has a form for; the others are named here.
const EDITOR_LABELS: Record<string, EditorKey> = {
  id: 'id',
  'title.bg': 'titleBg',
  'title.en': 'titleEn',
  'summary.bg': 'summaryBg',
  'summary.en': 'summaryEn',
  kind: 'kind',
  programmeId: 'programmeId',
  masterPlanType: 'masterPlanType',
  theme: 'theme',
  secondaryThemes: 'secondaryThemes',
  planLinks: 'planLinksTitle',
  planLinkNote: 'planLinkNote',
  municipality: 'municipalityCode',
  settlement: 'settlement',
  outsideMunicipality: 'outside',
  locationText: 'locationText',
  locationAccuracy: 'locationAccuracy',
  locationBasis: 'locationBasis',
  budgetAmount: 'budgetAmount',
  budgetCurrency: 'budgetCurrency',
  budgetNote: 'budgetNote',
  funding: 'funding',
  fundingText: 'fundingText',
  startYear: 'startYear',
  endYear: 'endYear',
  periodText: 'periodText',
  periodInferred: 'periodInferred',
  status: 'status',
  statusAsOf: 'statusAsOf',
  statusText: 'statusText',
  sources: 'sources',
  'name.bg': 'zoneName',
  'name.en': 'zoneNameEn',
  definedBy: 'definedBy',
  'description.bg': 'descriptionBg',
  'description.en': 'descriptionEn',
  boundaryText: 'boundaryText',
  geometryAccuracy: 'geometryAccuracy',
  geometryBasis: 'geometryBasis',
  confidence: 'itemConfidence',
  confidenceNote: 'confidenceNote',
  population: 'population',
};

const LAYER_LABELS: Record<string, { bg: string; en: string }> = {
  'name.bg': { bg: 'Име (български)', en: 'Name (Bulgarian)' },
  'name.en': { bg: 'Име (английски)', en: 'Name (English)' },
  source: { bg: 'Източник на данните', en: 'Source of the data' },
  licence: { bg: 'Лиценз', en: 'Licence' },
  accuracy: { bg: 'Точност', en: 'Accuracy' },
};

/** A field's name in the planner's words. */
export function fieldLabel(lang: Lang, kind: ImportKind, path: string): string {
  if (kind === 'layer') return LAYER_LABELS[path]?.[lang] ?? path;
  if (kind === 'zone' && path === 'kind') return te(lang, 'zoneKind');
  const key = EDITOR_LABELS[path];
  return key ? te(lang, key) : path;
}
