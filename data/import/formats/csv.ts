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
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportRefused('unreadable', `the CSV has an unclosed quote (row ${(fatal.row ?? 0) + 1}): ${fatal.message}`);
  const [headerRow, ...records] = parsed.data;
  if (!headerRow) throw new ImportRefused('empty', 'the CSV is empty');
  const header = uniqueHeader(headerRow);
  const { rows, problems } = tableRows(header, records);
  return { format: 'csv', layers: [], layer: null, encoding, declaredCrs: null, columns: header, rows, problems };
}
