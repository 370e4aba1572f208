// The report as CSV. Two files rather than one with sections: a spreadsheet, papaparse or pandas
// reads one table per file, with one header row and each column of one type; sections stacked in
// one file would put text under number columns and a second header mid-file, and sorting or
// filtering would scramble them. So `.csv` is the plan tree (a `level` column tells goal, priority
// and measure rows apart) and `.csv?part=changes` the year's lists (a `list` column names each).
// UTF-8 with a BOM, as the interventions export (api/csv.ts), so Excel reads the Cyrillic.
import type { AnnualReport } from '../../data/report.ts';
import { csvCell } from '../csv.ts';
import { LIST_COLUMNS, listRows, treeColumns, treeRows, type Column } from './columns.ts';

export const REPORT_PARTS = ['measures', 'changes'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

function table<R>(columns: Column<R>[], rows: R[]): string {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  return `\uFEFF${line(columns.map((c) => c.name))}${rows.map((r) => line(columns.map((c) => csvCell(c.value(r))))).join('')}`;
}

export function reportCsv(report: AnnualReport, part: ReportPart): string {
  return part === 'measures' ? table(treeColumns(report), treeRows(report)) : table(LIST_COLUMNS, listRows(report));
}
