// Zipped Shapefiles: every .shp in the zip (in folders too) is a layer, read with its .dbf, .prj
// and .cpg. shpjs reads the shapes without a .prj, i.e. raw coordinates; we reproject ourselves.
import { parseShp } from 'shpjs';
import type { CrsCode } from '../../../geo/crs.ts';
import { recogniseWkt } from '../prj.ts';
import { refuseKs1970 } from '../detect-crs.ts';
import type { ParsedFile } from '../parsed.ts';
import { ImportRefused, type Decision, type Encoding } from '../source.ts';
import { extensionOf } from '../zip.ts';
import { readDbf } from './dbf.ts';
import { rowsFromFeatures } from './rows.ts';

/** Layer name (the .shp's path without extension) → its shapes. */
export function shapefileLayers(files: Record<string, Uint8Array>): string[] {
  return Object.keys(files)
    .filter((name) => extensionOf(name) === 'shp')
    .map((name) => name.slice(0, -4))
    .sort();
}

const sibling = (files: Record<string, Uint8Array>, layer: string, ext: string) => {
  const wanted = `${layer}.${ext}`.toLowerCase();
  const found = Object.keys(files).find((name) => name.toLowerCase() === wanted);
  return found ? files[found] : null;
};

function fromPrj(prj: Uint8Array | null): { declaredCrs: Decision<CrsCode> | null; crsNote?: string } {
  if (!prj) return { declaredCrs: null, crsNote: 'the Shapefile has no .prj' };
  const recognised = recogniseWkt(new TextDecoder('utf-8').decode(prj));
  if (recognised.kind === 'ks1970') throw refuseKs1970(`The .prj names "${recognised.name}"`);
  if (recognised.kind === 'unknown') return { declaredCrs: null, crsNote: `the .prj names "${recognised.name}", a system not read here` };
  return { declaredCrs: { value: recognised.code, by: 'prj', reason: `the .prj names ${recognised.name} (read as ${recognised.code} by ${recognised.via})` } };
}

export function readShapefile(files: Record<string, Uint8Array>, options: { layer?: string | null; encoding?: Encoding | null }): ParsedFile {
  const layers = shapefileLayers(files);
  const layer = options.layer ?? layers[0];
  if (!layers.includes(layer)) throw new ImportRefused('unreadable', `the zip has no Shapefile "${layer}"; it has ${layers.map((l) => `"${l}"`).join(', ')}`);
  const shp = sibling(files, layer, 'shp')!;
  const dbfBytes = sibling(files, layer, 'dbf');
  const cpg = sibling(files, layer, 'cpg');

  let shapes: unknown[];
  try {
    shapes = parseShp(shp);
  } catch (error) {
    throw new ImportRefused('unreadable', `the .shp of "${layer}" cannot be read: ${(error as Error).message}`);
  }
  const dbf = dbfBytes ? readDbf(dbfBytes, { override: options.encoding, cpg: cpg ? new TextDecoder('utf-8').decode(cpg) : null }) : null;
  if (dbf && dbf.records.length !== shapes.length)
    throw new ImportRefused('unreadable', `the .shp of "${layer}" has ${shapes.length} shapes but its .dbf ${dbf.records.length} records`);

  // Row numbers count records in the file, deleted ones included, as a GIS shows them.
  const features = shapes.map((geometry, i) => ({ geometry, properties: dbf ? dbf.records[i] : {}, row: i + 1 }));
  const { rows, problems } = rowsFromFeatures(features.filter((f) => f.properties !== null));
  return {
    format: 'shapefile',
    layers,
    layer,
    encoding: dbf?.encoding ?? null,
    ...fromPrj(sibling(files, layer, 'prj')),
    columns: dbf?.columns ?? [],
    rows,
    problems,
  };
}
