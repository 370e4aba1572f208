// The report as a workbook: "Мерки" (the plan tree), "Промени" (started, completed, changed and
// dropped in the year) and "Без място" (unlocated), each with a header row of Bulgarian titles
// (the CSV's columns, in the same order), numbers as numbers and links to the map as links.
import ExcelJS from 'exceljs';
import type { AnnualReport } from '../../data/report.ts';
import { LIST_COLUMNS, listRows, treeColumns, treeRows, type Column } from './columns.ts';

/** Text that a spreadsheet would run as a formula is kept as text (as csvCell does for CSV). */
const safe = (value: string | number | null) => (typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value);

function sheet<R>(book: ExcelJS.Workbook, name: string, columns: Column<R>[], rows: R[]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.title, key: c.name, width: Math.min(Math.max(c.title.length + 2, /title|sources|fields|url/.test(c.name) ? 40 : 10), 60) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => safe(c.value(r))));
    columns.forEach((c, i) => {
      const value = c.value(r);
      if (c.name === 'map_url' && typeof value === 'string') row.getCell(i + 1).value = { text: value, hyperlink: value };
      if (/_eur$/.test(c.name)) row.getCell(i + 1).numFmt = '#,##0.00';
    });
  }
  return ws;
}

export async function reportXlsx(report: AnnualReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'piro-map';
  book.title = `${report.plan.title.bg ?? report.plan.id} — ${report.year} (${report.asOf})`;
  sheet(book, 'Мерки', treeColumns(report), treeRows(report));
  sheet(book, 'Промени', LIST_COLUMNS, listRows(report, ['started', 'completed', 'changed', 'dropped']));
  sheet(book, 'Без място', LIST_COLUMNS, listRows(report, ['unlocated']));
  return Buffer.from(await book.xlsx.writeBuffer());
}
