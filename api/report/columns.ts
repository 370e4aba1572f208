// The report's two tables as rows and columns, described once for the CSV (machine names in the
// header) and the XLSX (Bulgarian titles): the plan tree, one row per node with a `level`, and the
// year's lists, one row per listed intervention with a `list`.
import { STATUSES } from '../../geo/index.ts';
import type { AnnualReport, Figures, ReportMeasure, ReportPriority } from '../../data/report.ts';

export type Cell = string | number | null;

export interface Column<R> {
  name: string;
  title: string;
  value: (row: R) => Cell;
}

export interface TreeRow {
  level: 'goal' | 'priority' | 'measure' | 'unlinked' | 'total';
  goal: string | null;
  priority: string | null;
  measure: string | null;
  code: string | null;
  title: { bg: string | null; en: string | null };
  figures: Figures;
}

/** Goal, then its priorities each followed by its measures; then the nodes without a parent, the unlinked and the total. */
export function treeRows(report: AnnualReport): TreeRow[] {
  const rows: TreeRow[] = [];
  const measure = (m: ReportMeasure, priority: string | null, goal: string | null) =>
    rows.push({ level: 'measure', goal, priority, measure: m.id, code: m.code, title: m.title, figures: m.figures });
  const priority = (p: ReportPriority, goal: string | null) => {
    rows.push({ level: 'priority', goal, priority: p.id, measure: null, code: p.code, title: p.title, figures: p.figures });
    for (const m of p.measures) measure(m, p.id, goal);
  };
  for (const g of report.tree.goals) {
    rows.push({ level: 'goal', goal: g.id, priority: null, measure: null, code: g.code, title: g.title, figures: g.figures });
    for (const p of g.priorities) priority(p, g.id);
  }
  for (const p of report.tree.orphanPriorities) priority(p, null);
  for (const m of report.tree.orphanMeasures) measure(m, null, null);
  const none = { goal: null, priority: null, measure: null, code: null };
  rows.push({ level: 'unlinked', ...none, title: { bg: 'Без връзка с плана', en: 'Not linked to the plan' }, figures: report.tree.unlinked });
  rows.push({ level: 'total', ...none, title: { bg: 'Всичко', en: 'All' }, figures: report.tree.total });
  return rows;
}

export function treeColumns(report: AnnualReport): Column<TreeRow>[] {
  return [
    // The node's id (or "unlinked", "total"): one key per row, first, as the other CSVs of the API have.
    { name: 'key', title: 'Ключ', value: (r) => r.measure ?? r.priority ?? r.goal ?? r.level },
    { name: 'level', title: 'Ниво', value: (r) => r.level },
    { name: 'goal_id', title: 'Цел', value: (r) => r.goal },
    { name: 'priority_id', title: 'Приоритет', value: (r) => r.priority },
    { name: 'measure_id', title: 'Мярка', value: (r) => r.measure },
    { name: 'code', title: 'Код', value: (r) => r.code },
    { name: 'title_bg', title: 'Наименование', value: (r) => r.title.bg },
    { name: 'title_en', title: 'Title', value: (r) => r.title.en },
    ...STATUSES.ids.map((s) => ({ name: `count_${s}`, title: STATUSES.table[s].label.bg, value: (r: TreeRow) => r.figures.byStatus[s] })),
    { name: 'count', title: 'Общо', value: (r) => r.figures.count },
    { name: 'planned_eur', title: 'Планирани, EUR', value: (r) => r.figures.plannedEur },
    { name: 'planned_known', title: 'С известен бюджет', value: (r) => r.figures.budgeted },
    { name: 'contracted_eur', title: 'Договорени, EUR', value: (r) => r.figures.contractedEur },
    { name: 'contracted_known', title: 'С известна договорена сума', value: (r) => r.figures.contractedKnown },
    { name: 'paid_eur', title: 'Платени, EUR', value: (r) => r.figures.paidEur },
    { name: 'paid_known', title: 'С известна платена сума', value: (r) => r.figures.paidKnown },
    { name: 'as_of', title: 'Към дата', value: () => report.asOf },
  ];
}

export const LISTS = ['started', 'completed', 'changed', 'dropped', 'unlocated'] as const;
export type ListName = (typeof LISTS)[number];

export interface ListRow {
  list: ListName;
  id: string;
  title: { bg: string | null; en: string | null };
  date: string | null;
  statusAtYearEnd: string | null;
  reason: string | null;
  fields: string | null;
  mapUrl: string;
  sources: string[];
}

export function listRows(report: AnnualReport, lists: readonly ListName[] = LISTS): ListRow[] {
  const none = { date: null, reason: null, fields: null };
  const all: Record<ListName, ListRow[]> = {
    started: report.started.map((i) => ({ ...i, ...none, list: 'started', date: i.date })),
    completed: report.completed.map((i) => ({ ...i, ...none, list: 'completed', date: i.date })),
    changed: report.changed.map((i) => ({ ...i, ...none, list: 'changed', date: i.publishedAt, fields: i.fields.join(', ') })),
    dropped: report.dropped.map((i) => ({ ...i, ...none, list: 'dropped', date: i.date, reason: i.reason })),
    unlocated: report.unlocated.map((i) => ({ ...i, ...none, list: 'unlocated', fields: null })),
  };
  return lists.flatMap((l) => all[l]);
}

export const LIST_COLUMNS: Column<ListRow>[] = [
  { name: 'id', title: 'Номер', value: (r) => r.id },
  { name: 'list', title: 'Списък', value: (r) => r.list },
  { name: 'title_bg', title: 'Наименование', value: (r) => r.title.bg },
  { name: 'title_en', title: 'Title', value: (r) => r.title.en },
  { name: 'date', title: 'Дата', value: (r) => r.date },
  { name: 'status_at_year_end', title: 'Статус в края', value: (r) => (r.statusAtYearEnd ? r.statusAtYearEnd : null) },
  { name: 'reason', title: 'Причина', value: (r) => r.reason },
  { name: 'fields', title: 'Какво е променено', value: (r) => r.fields },
  { name: 'map_url', title: 'На картата', value: (r) => r.mapUrl },
  { name: 'sources', title: 'Източници', value: (r) => r.sources.join(' | ') },
];
