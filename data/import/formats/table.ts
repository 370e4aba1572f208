// CSV and spreadsheet rows share the column logic: which columns hold the place (a WKT column,
// or a pair of x/y, lon/lat, easting/northing columns, named in English or Bulgarian), and how a
// cell becomes a number. The CRS is not decided here; the pair's numbers go on as (x, y).
import { fromWkt, WktError } from '../../../geo/wkt.ts';
import type { Geometry } from '../../../geo/index.ts';
import type { RowProblem, SourceRow } from '../source.ts';

const names = (...list: string[]) => new Set(list);
const WKT = names('wkt', 'geometry', 'geom', 'the_geom', 'shape', 'геометрия', 'wkt_geom');
// First member of a pair: east-ish; second: north-ish. Bulgarian surveyors' X/Y (X = northing) is
// left to the CRS detection, which tries both orders.
const EAST = names('lon', 'lng', 'long', 'longitude', 'x', 'дължина', 'геогр. дължина', 'e', 'easting', 'east', 'изток', 'източна', 'y_east');
const NORTH = names('lat', 'latitude', 'y', 'ширина', 'геогр. ширина', 'n', 'northing', 'north', 'север', 'северна', 'x_north');

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

export interface PlaceColumns {
  wkt: number | null;
  east: number | null;
  north: number | null;
}

export function placeColumns(header: readonly string[]): PlaceColumns {
  const find = (set: Set<string>) => {
    const index = header.findIndex((h) => set.has(key(h)));
    return index < 0 ? null : index;
  };
  return { wkt: find(WKT), east: find(EAST), north: find(NORTH) };
}

/** A number as offices type them: "42.6194", "42,6194", "4 620 000,12", or a number cell. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  let text = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!text) return null;
  if (/^[-+]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}

const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Header names made unique (a repeated or empty name would lose a column in an object). */
export function uniqueHeader(header: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, i) => {
    const base = blank(cell) ? `column_${i + 1}` : String(cell).trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** Rows of a table (header excluded, blank rows skipped but counted) with their geometry in file coordinates. */
export function tableRows(header: readonly string[], records: readonly unknown[][]): { rows: SourceRow[]; problems: RowProblem[] } {
  const columns = placeColumns(header);
  const rows: SourceRow[] = [];
  const problems: RowProblem[] = [];
  records.forEach((record, i) => {
    const row = i + 1;
    if (record.every(blank)) return;
    const properties: Record<string, unknown> = {};
    header.forEach((name, c) => (properties[name] = blank(record[c]) ? null : record[c]));
    let geometry: Geometry | null = null;
    try {
      geometry = placeOf(record, header, columns);
    } catch (error) {
      if (!(error instanceof PlaceProblem)) throw error;
      problems.push({ row, field: error.field, message: error.message });
      return;
    }
    rows.push({ row, geometry, properties });
  });
  return { rows, problems };
}

class PlaceProblem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function placeOf(record: readonly unknown[], header: readonly string[], { wkt, east, north }: PlaceColumns): Geometry | null {
  if (wkt !== null && !blank(record[wkt])) {
    try {
      return fromWkt(String(record[wkt]));
    } catch (error) {
      if (error instanceof WktError) throw new PlaceProblem(header[wkt], `not a WKT geometry: ${error.message}`);
      throw error;
    }
  }
  if (east === null || north === null) return null;
  const [e, n] = [record[east], record[north]];
  if (blank(e) && blank(n)) return null;
  const [x, y] = [toNumber(e), toNumber(n)];
  if (x === null) throw new PlaceProblem(header[east], `"${String(e ?? '')}" is not a number`);
  if (y === null) throw new PlaceProblem(header[north], `"${String(n ?? '')}" is not a number`);
  return { type: 'Point', coordinates: [x, y] };
}
