// What a format reader hands to readUpload: rows with geometries still in the file's own
// coordinates (x, y as stored), and what the file itself says about its coordinate system.
// readUpload decides the CRS, transforms to CRS84 and checks the distances in one place, so each
// reader only has to know its format.
import type { CrsCode } from '../../geo/crs.ts';
import type { Decision, Encoding, Format, RowProblem, SourceRow } from './source.ts';

export interface ParsedFile {
  format: Format;
  layers: string[];
  layer: string | null;
  encoding: Decision<Encoding> | null;
  /** a .prj, a GeoPackage srs_id, a GeoJSON `crs` member or the format's definition; null: detect */
  declaredCrs: Decision<CrsCode> | null;
  /** what the file said about its CRS that settled nothing (a .prj naming a system we do not know) */
  crsNote?: string;
  columns: string[];
  /** geometries in file coordinates, 2D */
  rows: SourceRow[];
  problems: RowProblem[];
}

/** Property names in the order they first appear. */
export function columnsOf(rows: readonly { properties: Record<string, unknown> }[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.properties)) seen.add(key);
  return [...seen];
}
