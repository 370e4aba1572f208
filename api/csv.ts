// The CSV export: its columns (described once, for the file and for its CSVW metadata), cell
// quoting, and the metadata document that restates the filter and the licence beside the file.
import { latestKnown, POSITION_SOURCES, proseBg, THEMES, STATUSES, toWkt, type Intervention, type LocalText } from '../geo/index.ts';
import type { Found, PublishedIntervention } from '../data/store.ts';
import { roundMetres } from '../geo/json-bytes.ts';

type Cell = string | number | null;

export interface CsvColumn {
  name: string;
  title: string;
  datatype: 'string' | 'number' | 'integer' | 'anyURI';
  description: string;
  value: (f: PublishedIntervention, names: Map<string, string>, distance?: number) => Cell;
}

const links = (f: Intervention, level: string) =>
  f.properties.planLinks
    .filter((l) => l.level === level)
    .map((l) => `${l.id}${l.confidence === 'inferred' ? ' (inferred)' : ''}`)
    .join('; ');

const point = (f: Intervention, i: 0 | 1) => (f.geometry?.type === 'Point' ? f.geometry.coordinates[i] : null);

export const CSV_COLUMNS: CsvColumn[] = [
  { name: 'id', title: 'Идентификатор', datatype: 'string', description: 'intervention id', value: (f) => f.id },
  { name: 'title_bg', title: 'Наименование', datatype: 'string', description: 'title as published', value: (f) => f.properties.title.bg },
  { name: 'title_en', title: 'Title', datatype: 'string', description: 'English title', value: (f) => f.properties.title.en },
  { name: 'title_kind', title: 'Вид на наименованието', datatype: 'string', description: `official (as published), descriptive (composed from the published wording) or qualified (official name with a qualifier we added); empty when not stated`, value: (f) => f.properties.titleKind ?? null },
  { name: 'kind', title: 'Вид', datatype: 'string', description: 'project or programme (umbrella)', value: (f) => f.properties.kind },
  { name: 'programme_id', title: 'Програма', datatype: 'string', description: 'the programme this item belongs to', value: (f) => f.properties.programmeId },
  { name: 'theme', title: 'Тема (код)', datatype: 'string', description: `theme code: ${THEMES.ids.join(', ')}`, value: (f) => f.properties.theme },
  { name: 'theme_bg', title: 'Тема', datatype: 'string', description: 'theme in Bulgarian', value: (f) => THEMES.table[f.properties.theme].label.bg },
  { name: 'status', title: 'Статус (код)', datatype: 'string', description: `status code: ${STATUSES.ids.join(', ')}`, value: (f) => f.properties.status },
  { name: 'status_bg', title: 'Статус', datatype: 'string', description: 'status in Bulgarian', value: (f) => STATUSES.table[f.properties.status].label.bg },
  { name: 'status_as_of', title: 'Статус към', datatype: 'string', description: 'date the status was last confirmed (YYYY, YYYY-MM or YYYY-MM-DD)', value: (f) => f.properties.statusAsOf },
  { name: 'progress_percent', title: 'Напредък (%)', datatype: 'number', description: 'physical progress in percent, from the latest progress entry that states it', value: (f) => latestKnown(f.properties.progress, 'percent') },
  { name: 'contracted_eur', title: 'Договорено (EUR)', datatype: 'number', description: 'amount contracted in EUR, from the latest progress entry that states it', value: (f) => latestKnown(f.properties.progress, 'contracted')?.eur ?? null },
  { name: 'paid_eur', title: 'Изплатено (EUR)', datatype: 'number', description: 'amount paid in EUR, from the latest progress entry that states it', value: (f) => latestKnown(f.properties.progress, 'paid')?.eur ?? null },
  { name: 'settlement_ekatte', title: 'ЕКАТТЕ', datatype: 'string', description: 'ЕКАТТЕ code of the settlement', value: (f) => f.properties.settlement },
  { name: 'settlement', title: 'Населено място', datatype: 'string', description: 'settlement name', value: (f, names) => (f.properties.settlement ? (names.get(f.properties.settlement) ?? null) : null) },
  { name: 'location_accuracy', title: 'Точност на мястото', datatype: 'string', description: 'site, street, neighbourhood, settlement, area, municipality or unlocated', value: (f) => f.properties.locationAccuracy },
  { name: 'location_basis', title: 'Основание за мястото', datatype: 'string', description: 'where the position comes from', value: (f) => proseBg(f.properties.locationBasis) },
  { name: 'position_source', title: 'Откъде е точката', datatype: 'string', description: `where the point comes from: ${POSITION_SOURCES.ids.join(', ')}; empty when not stated`, value: (f) => f.properties.positionSource ?? null },
  { name: 'lon', title: 'Дължина', datatype: 'number', description: 'longitude (WGS 84) of a point', value: (f) => point(f, 0) },
  { name: 'lat', title: 'Ширина', datatype: 'number', description: 'latitude (WGS 84) of a point', value: (f) => point(f, 1) },
  { name: 'wkt', title: 'Геометрия (WKT)', datatype: 'string', description: 'WKT (WGS 84, lon lat) of a line or polygon', value: (f) => (f.geometry && f.geometry.type !== 'Point' ? toWkt(f.geometry) : null) },
  { name: 'budget_amount', title: 'Бюджет', datatype: 'number', description: 'budget as published', value: (f) => f.properties.budgetAmount },
  { name: 'budget_currency', title: 'Валута', datatype: 'string', description: 'currency as published', value: (f) => f.properties.budgetCurrency },
  { name: 'budget_eur', title: 'Бюджет (EUR)', datatype: 'number', description: 'budget in EUR (1 EUR = 1.95583 BGN)', value: (f) => f.properties.budgetEur },
  { name: 'funding', title: 'Финансиране (кодове)', datatype: 'string', description: 'funding codes separated by "; "', value: (f) => f.properties.funding.join('; ') },
  { name: 'funding_text', title: 'Финансиране', datatype: 'string', description: 'funding as published', value: (f) => f.properties.fundingText },
  { name: 'start_year', title: 'Начало', datatype: 'integer', description: 'start year', value: (f) => f.properties.startYear },
  { name: 'end_year', title: 'Край', datatype: 'integer', description: 'end year', value: (f) => f.properties.endYear },
  { name: 'period_inferred', title: 'Периодът е изведен', datatype: 'string', description: 'true when the period is inferred, not published', value: (f) => String(f.properties.periodInferred) },
  { name: 'goals', title: 'Стратегически цели', datatype: 'string', description: 'linked goal ids; "(inferred)" marks a link we inferred', value: (f) => links(f, 'goal') },
  { name: 'priorities', title: 'Приоритети', datatype: 'string', description: 'linked priority ids', value: (f) => links(f, 'priority') },
  { name: 'measures', title: 'Мерки', datatype: 'string', description: 'linked measure ids', value: (f) => links(f, 'measure') },
  { name: 'master_plan_zones', title: 'Устройствени зони (ОУП)', datatype: 'string', description: 'master-plan (ОУП) zones the place lies in, as "code id" separated by "; " (Наредба № 7 codes)', value: (f) => f.masterPlanZones.map((z) => `${z.code} ${z.id}`).join('; ') || null },
  { name: 'summary_bg', title: 'Описание', datatype: 'string', description: 'Bulgarian summary (a translation where the summary was written in English)', value: (f) => f.properties.summary.bg },
  { name: 'summary_en', title: 'Summary', datatype: 'string', description: 'English summary', value: (f) => f.properties.summary.en },
  { name: 'sources', title: 'Източници', datatype: 'string', description: 'source URLs separated by " | "', value: (f) => f.properties.sources.map((s) => s.url).join(' | ') },
  { name: 'distance_m', title: 'Разстояние (м)', datatype: 'number', description: 'metres from the near point (only with near)', value: (_f, _n, d) => (d === undefined ? null : roundMetres(d)) },
];

/** Quotes a cell when needed, and defuses text that a spreadsheet would run as a formula. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(columns: CsvColumn[]): string {
  return `${columns.map((c) => c.name).join(',')}\r\n`;
}

export function csvRow(columns: CsvColumn[], { feature, distance }: Found, names: Map<string, string>): string {
  return `${columns.map((c) => csvCell(c.value(feature, names, distance))).join(',')}\r\n`;
}

export function csvwMetadata(o: {
  csvUrl: string;
  /** the plan's short title */
  title: LocalText;
  filter: Record<string, string>;
  matched: number;
  columns: CsvColumn[];
  attribution: string[];
  licence: string;
}) {
  const restated = Object.keys(o.filter).length
    ? Object.entries(o.filter).map(([k, v]) => `${k}=${v}`).join('&')
    : 'no filter: every intervention';
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    url: o.csvUrl,
    'dc:title': `${o.title.bg ?? o.title.en} — интервенции / interventions`,
    'dc:description': `Interventions matching: ${restated}. ${o.matched} rows.`,
    'dc:created': new Date().toISOString(),
    'dc:license': o.licence,
    'dc:source': o.attribution.join(' · '),
    filter: o.filter,
    numberMatched: o.matched,
    dialect: { encoding: 'utf-8', header: true, delimiter: ',' },
    tableSchema: {
      primaryKey: 'id',
      columns: o.columns.map((c) => ({ name: c.name, titles: c.title, datatype: c.datatype, 'dc:description': c.description })),
    },
  };
}
