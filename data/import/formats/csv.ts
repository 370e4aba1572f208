// CSV as offices export it: comma or semicolon (Excel in a Bulgarian locale writes ";" with a
// decimal comma), UTF-8 with or without a BOM, or windows-1251.
import Papa from 'papaparse';
import { decideEncoding, decode } from '../encoding.ts';
import type { ParsedFile } from '../parsed.ts';
import { ImportRefused, type Encoding } from '../source.ts';
import { tableRows, uniqueHeader } from './table.ts';

export function readCsv(bytes: Uint8Array, override: Encoding | null = null): ParsedFile {
  const encoding = decideEncoding(bytes, { override });
  const text = decode(bytes, encoding.value).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportRefused('unreadable', `the CSV has an unclosed quote (row ${(fatal.row ?? 0) + 1}): ${fatal.message}`);
  // Blank lines stay in place (tableRows skips them) so row numbers match the file's lines.
  const start = parsed.data.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (start < 0) throw new ImportRefused('empty', 'the CSV is empty');
  const [headerRow, ...records] = parsed.data.slice(start);
  const header = uniqueHeader(headerRow);
  const { rows, problems } = tableRows(header, records);
  return { format: 'csv', layers: [], layer: null, encoding, declaredCrs: null, columns: header, rows, problems };
}
