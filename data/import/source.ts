// What a GIS file becomes before anything is mapped to our records: rows of properties with a
// geometry in CRS84, and what was decided on the way (format, coordinate system, encoding) with the
// reason, so the preview can show a planner why before anything is written.
import type { Geometry } from '../../geo/index.ts';
import type { CrsCode } from '../../geo/crs.ts';
import { ENCODINGS, type DECIDED_BY, type IMPORT_FORMATS, type RowProblem } from '../../geo/import-preview.ts';

export { ENCODINGS, type RowProblem };
export type Format = (typeof IMPORT_FORMATS)[number];
export type Encoding = (typeof ENCODINGS)[number];

/** One uploaded file (a .zip, .kmz, .gpkg … is one file). */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export interface ReadOptions {
  /** the planner's override; otherwise detected */
  crs?: CrsCode | null;
  /** the planner's override; otherwise .cpg, then UTF-8 if it decodes, else windows-1251 */
  encoding?: Encoding | null;
  /** GeoPackage / XLSX: which table or sheet; the first with features otherwise */
  layer?: string | null;
  /** the municipality, for detection by magnitude and the distance check (CRS84) */
  municipality: { bbox: [number, number, number, number] };
}

/** How a decision was reached, in words a planner understands (English here; the UI translates the `by`). */
export interface Decision<T> {
  value: T;
  by: (typeof DECIDED_BY)[number];
  reason: string;
}

export interface SourceRow {
  /** 1-based, as the planner counts rows in the file (CSV/XLSX: the data row, header excluded) */
  row: number;
  /** in CRS84, 6 decimals not yet applied; null when the row has none */
  geometry: Geometry | null;
  /** as the file has them: flat values from tables, nested JSON from GeoJSON */
  properties: Record<string, unknown>;
}

export interface SourceFile {
  format: Format;
  /** tables or sheets in the file, and which one was read */
  layers: string[];
  layer: string | null;
  crs: Decision<CrsCode> | null;
  encoding: Decision<Encoding> | null;
  /** property names in file order */
  columns: string[];
  rows: SourceRow[];
  /** rows that could not be read, or lie too far from the municipality after transformation */
  problems: RowProblem[];
}

/** A file that cannot be read at all (unknown format, broken zip, КС1970 coordinates …); nothing is imported. */
export class ImportRefused extends Error {
  constructor(
    readonly code: 'unsupported_format' | 'unreadable' | 'crs_unknown' | 'crs_ks1970' | 'too_large' | 'empty',
    message: string,
  ) {
    super(message);
  }
}
