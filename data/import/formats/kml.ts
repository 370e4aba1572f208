// KML (and KMZ, a zip holding doc.kml): always WGS 84 longitude/latitude by the OGC standard.
import { kml } from '@tmcw/togeojson';
import type { ParsedFile } from '../parsed.ts';
import { columnsOf } from '../parsed.ts';
import { ImportRefused } from '../source.ts';
import { extensionOf, unzip } from '../zip.ts';
import { rowsFromFeatures } from './rows.ts';
import { parseXml } from './xml.ts';

const KML_CRS = { value: 'OGC:CRS84' as const, by: 'format' as const, reason: 'KML coordinates are WGS 84 longitude/latitude by definition' };

export function readKml(bytes: Uint8Array, format: 'kml' | 'kmz' = 'kml'): ParsedFile {
  const doc = parseXml(new TextDecoder('utf-8').decode(bytes), 'KML');
  if (doc.documentElement?.localName !== 'kml') throw new ImportRefused('unreadable', `the file is XML but not KML (its root is <${doc.documentElement?.nodeName}>)`);
  const { rows, problems } = rowsFromFeatures(kml(doc).features);
  return { format, layers: [], layer: null, encoding: null, declaredCrs: KML_CRS, columns: columnsOf(rows), rows, problems };
}

export function readKmz(bytes: Uint8Array): ParsedFile {
  const files = unzip(bytes, 'the KMZ');
  const kmls = Object.keys(files).filter((name) => extensionOf(name) === 'kml');
  // doc.kml by convention; otherwise the first .kml at the shallowest level, as Google Earth does.
  const main = kmls.find((name) => name.toLowerCase() === 'doc.kml') ?? kmls.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (!main) throw new ImportRefused('unreadable', 'the KMZ holds no .kml file');
  return readKml(files[main], 'kmz');
}
