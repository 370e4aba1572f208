// One uploaded GIS file → SourceFile: pick the reader by the file's bytes and name, then decide
// the coordinate system once for every format, transform to CRS84 and flag rows that land far
// from the municipality. Anything unreadable is an ImportRefused naming what is wrong.
import type { Geometry } from '../../geo/index.ts';
import { decideCrs } from './detect-crs.ts';
import { type BBox, kmOutside, MARGIN_KM } from './extent.ts';
import { readCsv } from './formats/csv.ts';
import { readGeojson } from './formats/geojson.ts';
import { isSqlite, readGeopackage } from './formats/geopackage.ts';
import { readGpx } from './formats/gpx.ts';
import { readKml, readKmz } from './formats/kml.ts';
import { readShapefile, shapefileLayers } from './formats/shapefile.ts';
import { readXlsx } from './formats/xlsx.ts';
import { positionsOf } from '../../geo/spatial.ts';
import { LIMITS } from './limits.ts';
import type { ParsedFile } from './parsed.ts';
import { toCrs84 } from './reproject.ts';
import { ImportRefused, type ReadOptions, type RowProblem, type SourceFile, type SourceRow, type Upload } from './source.ts';
import { baseName, extensionOf, isZip, unzip } from './zip.ts';

const SUPPORTED =
  'GeoJSON (.geojson, .json), CSV (.csv), Excel (.xlsx), KML (.kml), KMZ (.kmz), GPX (.gpx), a zipped Shapefile (.zip with .shp, .shx, .dbf, .prj) or GeoPackage (.gpkg)';

const startsWith = (bytes: Uint8Array, text: string) => Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith(text);
const xmlRoot = (bytes: Uint8Array) => /<(kml|gpx)[\s>]/i.exec(Buffer.from(bytes.subarray(0, 4096)).toString('utf8'))?.[1]?.toLowerCase();

/** The file's format by its magic bytes first (a renamed file still opens), then by its extension. */
async function parse(upload: Upload, options: ReadOptions): Promise<ParsedFile> {
  const { name, bytes } = upload;
  const ext = extensionOf(name);
  if (isSqlite(bytes) || ext === 'gpkg') return readGeopackage(bytes, options.layer ?? null);
  if (isZip(bytes)) return parseZip(upload, options);
  if (['zip', 'kmz', 'xlsx'].includes(ext)) throw new ImportRefused('unreadable', `${name} is not a zip, as a .${ext} file has to be`);
  if (ext === 'geojson' || ext === 'json') return readGeojson(bytes);
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return readCsv(bytes, options.encoding ?? null);
  if (ext === 'kml') return readKml(bytes);
  if (ext === 'gpx') return readGpx(bytes);
  if (['shp', 'shx', 'dbf', 'prj', 'cpg'].includes(ext))
    throw new ImportRefused('unsupported_format', `a .${ext} alone is part of a Shapefile; put the .shp, .shx, .dbf, .prj (and .cpg) in one .zip and send that`);
  if (!ext || ext === 'xml') {
    if (startsWith(bytes, '{')) return readGeojson(bytes);
    const root = xmlRoot(bytes);
    if (root === 'kml') return readKml(bytes);
    if (root === 'gpx') return readGpx(bytes);
  }
  throw new ImportRefused('unsupported_format', `${ext ? `.${ext} files are` : `${name} (no extension, and its content is none of ours) is`} not read here; send ${SUPPORTED}`);
}

async function parseZip(upload: Upload, options: ReadOptions): Promise<ParsedFile> {
  const ext = extensionOf(upload.name);
  if (ext === 'xlsx') return readXlsx(upload.bytes, options.layer ?? null);
  if (ext === 'kmz') return readKmz(upload.bytes);
  const files = unzip(upload.bytes, upload.name);
  const names = Object.keys(files);
  if (names.some((n) => n === '[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return readXlsx(upload.bytes, options.layer ?? null);
  if (shapefileLayers(files).length) return readShapefile(files, options);
  if (names.some((n) => n.toLowerCase() === 'doc.kml')) return readKmz(upload.bytes);
  // A zip around one file of another format: read that file.
  const inner = names.filter((n) => ['geojson', 'json', 'csv', 'kml', 'gpx', 'gpkg', 'xlsx', 'kmz'].includes(extensionOf(n)));
  if (inner.length === 1) return parse({ name: baseName(inner[0]), bytes: files[inner[0]] }, options);
  throw new ImportRefused(
    'unsupported_format',
    inner.length ? `the zip holds several files (${inner.map(baseName).join(', ')}); send one at a time` : `the zip holds no Shapefile (.shp) nor another file read here; send ${SUPPORTED}`,
  );
}

function checkSize(parsed: ParsedFile): void {
  if (parsed.rows.length > LIMITS.rows)
    throw new ImportRefused('too_large', `the file has ${parsed.rows.length} rows; at most ${LIMITS.rows} are read at once, split it`);
  let positions = 0;
  for (const row of parsed.rows) if (row.geometry) positions += positionsOf(row.geometry).length;
  if (positions > LIMITS.positions)
    throw new ImportRefused('too_large', `the file has ${positions} coordinate positions; at most ${LIMITS.positions} are read at once, simplify or split it`);
}

/** Reads one uploaded file into rows in CRS84 with the decisions taken on the way. */
export async function readUpload(upload: Upload, options: ReadOptions): Promise<SourceFile> {
  // The libraries behind the readers throw their own errors on inputs nobody foresaw; a bad file
  // is still a refusal with a reason, never a crash.
  const parsed = await parse(upload, options).catch((error: unknown) => {
    if (error instanceof ImportRefused) throw error;
    throw new ImportRefused('unreadable', `${upload.name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  });
  checkSize(parsed);
  if (!parsed.rows.length)
    throw new ImportRefused('empty', parsed.problems.length ? `none of the ${parsed.problems.length} rows could be read; the first: row ${parsed.problems[0].row}, ${parsed.problems[0].message}` : 'the file has no rows');

  const municipality = options.municipality.bbox as BBox;
  const positions = parsed.rows.flatMap((row) => (row.geometry ? positionsOf(row.geometry) : []));
  const { decision, reading } = decideCrs({ override: options.crs, declared: parsed.declaredCrs, positions, municipality, note: parsed.crsNote });

  const problems: RowProblem[] = [...parsed.problems];
  const rows: SourceRow[] = [];
  for (const row of parsed.rows) {
    let geometry: Geometry | null = null;
    try {
      geometry = row.geometry && toCrs84(row.geometry, reading);
    } catch (error) {
      problems.push({ row: row.row, field: 'geometry', message: `cannot be transformed from ${decision.value}: ${(error as Error).message}` });
      continue;
    }
    if (geometry) {
      const far = Math.max(...positionsOf(geometry).map((p) => kmOutside(p, municipality)));
      if (far > MARGIN_KM)
        problems.push({ row: row.row, field: 'geometry', message: `lies about ${Math.round(far)} km outside the municipality's extent (more than ${MARGIN_KM} km); check its coordinates` });
    }
    rows.push({ ...row, geometry });
  }
  problems.sort((a, b) => a.row - b.row);
  return { format: parsed.format, layers: parsed.layers, layer: parsed.layer, crs: decision, encoding: parsed.encoding, columns: parsed.columns, rows, problems };
}
