// Spreadsheets: the named sheet, or the first with a header row; then the same columns as a CSV.
import ExcelJS from 'exceljs';
import type { ParsedFile } from '../parsed.ts';
import { ImportRefused } from '../source.ts';
import { checkZipSize } from '../zip.ts';
import { tableRows, uniqueHeader } from './table.ts';

/** A cell as a plain value: rich text joined, formulas as their result, hyperlinks as their text. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  if ('error' in value) return null;
  return String(value);
}

/** The header (the first row with a value) and the rows below it, blank ones kept so row numbers match the sheet. */
function sheetTable(sheet: ExcelJS.Worksheet): { header: unknown[]; records: unknown[][] } {
  const byNumber = new Map<number, unknown[]>();
  sheet.eachRow({ includeEmpty: false }, (row) => void byNumber.set(row.number, (row.values as ExcelJS.CellValue[]).slice(1).map(plain)));
  const numbers = [...byNumber.keys()].filter((n) => byNumber.get(n)!.some((v) => v !== null && v !== ''));
  if (!numbers.length) return { header: [], records: [] };
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  return { header: byNumber.get(first)!, records: Array.from({ length: last - first }, (_, i) => byNumber.get(first + 1 + i) ?? []) };
}

export async function readXlsx(bytes: Uint8Array, layer: string | null = null): Promise<ParsedFile> {
  checkZipSize(bytes, 'the spreadsheet');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ImportRefused('unreadable', `the spreadsheet cannot be opened: ${(error as Error).message}`);
  }
  const sheets = workbook.worksheets;
  const layers = sheets.map((s) => s.name);
  const chosen = layer !== null ? sheets.find((s) => s.name === layer) : sheets.find((s) => s.actualRowCount > 0);
  if (layer !== null && !chosen) throw new ImportRefused('unreadable', `the spreadsheet has no sheet "${layer}"; it has ${layers.map((l) => `"${l}"`).join(', ')}`);
  if (!chosen) throw new ImportRefused('empty', 'every sheet of the spreadsheet is empty');
  const table = sheetTable(chosen);
  const header = uniqueHeader(table.header);
  const records = table.records;
  const { rows, problems } = tableRows(header, records);
  return { format: 'xlsx', layers, layer: chosen.name, encoding: null, declaredCrs: null, columns: header, rows, problems };
}
