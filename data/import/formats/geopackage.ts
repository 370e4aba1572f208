// GeoPackage (OGC 12-128r18): a SQLite file. Feature tables are listed in gpkg_contents, their
// geometry column and srs in gpkg_geometry_columns and gpkg_spatial_ref_sys; each geometry is a
// small GeoPackage header followed by standard WKB.
import Database from 'better-sqlite3';
import wkx from 'wkx';
import { parseCrs, type CrsCode } from '../../../geo/crs.ts';
import { refuseKs1970 } from '../detect-crs.ts';
import type { ParsedFile } from '../parsed.ts';
import { recogniseWkt } from '../prj.ts';
import { ImportRefused, type Decision, type RowProblem } from '../source.ts';
import { GeometryProblem } from '../geometry.ts';
import { rowsFromFeatures } from './rows.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';
export const isSqlite = (bytes: Uint8Array) => bytes.length >= 16 && Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC;

/** Envelope sizes (bytes) by the header's envelope indicator, flag bits 1–3. */
const ENVELOPE = [0, 32, 48, 48, 64];

/** The WKB inside a GeoPackage geometry blob, or null for an empty geometry. */
export function gpkgWkb(blob: Uint8Array): Uint8Array | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new GeometryProblem('the geometry blob does not start with the GeoPackage magic "GP"');
  const flags = blob[3];
  const envelope = ENVELOPE[(flags >> 1) & 0b111];
  if (envelope === undefined) throw new GeometryProblem(`the geometry header has an invalid envelope indicator ${(flags >> 1) & 0b111}`);
  if (flags & 0b10000) return null; // the empty-geometry flag
  if (flags & 0b100000) throw new GeometryProblem('an extended GeoPackage geometry type, which this map does not read');
  return blob.subarray(8 + envelope);
}

function geometryOf(blob: unknown): unknown {
  if (blob === null || blob === undefined) return null;
  if (!(blob instanceof Uint8Array)) throw new GeometryProblem('the geometry column holds no blob');
  const wkb = gpkgWkb(blob);
  if (!wkb) return null;
  try {
    return wkx.Geometry.parse(Buffer.from(wkb.buffer, wkb.byteOffset, wkb.byteLength)).toGeoJSON();
  } catch (error) {
    throw new GeometryProblem(`the WKB cannot be read: ${(error as Error).message}`);
  }
}

interface Srs {
  srs_name: string;
  organization: string;
  organization_coordsys_id: number;
  definition: string;
}

function srsDecision(srsId: number, srs: Srs | undefined): Decision<CrsCode> | null {
  if (!srs || srsId <= 0) return null; // 0 and -1: "undefined geographic/cartesian", detect by magnitude
  const label = `srs_id ${srsId} (${srs.organization} ${srs.organization_coordsys_id}, "${srs.srs_name}")`;
  const byDefinition = srs.definition && srs.definition !== 'undefined' ? recogniseWkt(srs.definition) : null;
  if (byDefinition?.kind === 'ks1970') throw refuseKs1970(`The GeoPackage's ${label} names "${byDefinition.name}"`);
  const coded = srs.organization.toUpperCase() === 'EPSG' ? parseCrs(`EPSG:${srs.organization_coordsys_id}`) : null;
  // GeoPackage stores x = longitude (or easting) for every CRS, whatever the authority's order.
  const code = coded === 'EPSG:4326' ? 'OGC:CRS84' : (coded ?? (byDefinition?.kind === 'crs' ? byDefinition.code : null));
  return code ? { value: code, by: 'gpkg', reason: `the GeoPackage's ${label} is ${code}` } : null;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function readGeopackage(bytes: Uint8Array, layer: string | null = null): ParsedFile {
  if (!isSqlite(bytes)) throw new ImportRefused('unreadable', 'the file is not a GeoPackage (it is not an SQLite database)');
  let db: Database.Database;
  try {
    db = new Database(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { readonly: true });
  } catch (error) {
    throw new ImportRefused('unreadable', `the GeoPackage cannot be opened: ${(error as Error).message}`);
  }
  try {
    let tables: { table_name: string; column_name: string; srs_id: number }[];
    try {
      tables = db
        .prepare(
          `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
           WHERE c.data_type = 'features' ORDER BY c.table_name`,
        )
        .all() as typeof tables;
    } catch (error) {
      throw new ImportRefused('unreadable', `the file is SQLite but not a GeoPackage: ${(error as Error).message}`);
    }
    const layers = tables.map((t) => t.table_name);
    const chosen = layer !== null ? tables.find((t) => t.table_name === layer) : tables[0];
    if (!chosen) throw layer !== null
      ? new ImportRefused('unreadable', `the GeoPackage has no feature table "${layer}"; it has ${layers.map((l) => `"${l}"`).join(', ')}`)
      : new ImportRefused('empty', 'the GeoPackage has no feature tables');

    const srs = db.prepare('SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(chosen.srs_id) as Srs | undefined;
    const info = db.prepare(`PRAGMA table_info(${quoted(chosen.table_name)})`).all() as { name: string; pk: number }[];
    // The integer primary key is GeoPackage bookkeeping (fid), not an attribute of the feature.
    const columns = info.filter((c) => c.name !== chosen.column_name && !(c.pk && info.filter((i) => i.pk).length === 1)).map((c) => c.name);
    const blobProblems: RowProblem[] = [];
    const features = (db.prepare(`SELECT * FROM ${quoted(chosen.table_name)}`).all() as Record<string, unknown>[]).flatMap((record, i) => {
      const properties = Object.fromEntries(columns.map((c) => [c, record[c] instanceof Uint8Array ? null : record[c]]));
      try {
        return [{ geometry: geometryOf(record[chosen.column_name]), properties, row: i + 1 }];
      } catch (error) {
        if (!(error instanceof GeometryProblem)) throw error;
        blobProblems.push({ row: i + 1, field: chosen.column_name, message: error.message });
        return [];
      }
    });
    const { rows, problems } = rowsFromFeatures(features);
    problems.push(...blobProblems);
    return { format: 'geopackage', layers, layer: chosen.table_name, encoding: null, declaredCrs: srsDecision(chosen.srs_id, srs), columns, rows, problems };
  } finally {
    db.close();
  }
}
