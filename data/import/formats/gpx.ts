// GPX: waypoints, tracks and routes, always WGS 84 longitude/latitude.
import { gpx } from '@tmcw/togeojson';
import type { ParsedFile } from '../parsed.ts';
import { columnsOf } from '../parsed.ts';
import { ImportRefused } from '../source.ts';
import { rowsFromFeatures } from './rows.ts';
import { parseXml } from './xml.ts';

export function readGpx(bytes: Uint8Array): ParsedFile {
  const doc = parseXml(new TextDecoder('utf-8').decode(bytes), 'GPX');
  if (doc.documentElement?.localName !== 'gpx') throw new ImportRefused('unreadable', `the file is XML but not GPX (its root is <${doc.documentElement?.nodeName}>)`);
  const { rows, problems } = rowsFromFeatures(gpx(doc).features);
  return {
    format: 'gpx',
    layers: [],
    layer: null,
    encoding: null,
    declaredCrs: { value: 'OGC:CRS84', by: 'format', reason: 'GPX coordinates are WGS 84 longitude/latitude by definition' },
    columns: columnsOf(rows),
    rows,
    problems,
  };
}
