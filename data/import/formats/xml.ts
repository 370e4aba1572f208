// KML and GPX through togeojson. @xmldom/xmldom never resolves external entities or fetches a DTD,
// so a hostile file cannot read the server's disk or network; malformed XML is refused as such.
import { DOMParser } from '@xmldom/xmldom';
import { ImportRefused } from '../source.ts';

export function parseXml(text: string, what: string): Document {
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
    return doc as unknown as Document;
  } catch (error) {
    throw new ImportRefused('unreadable', `the ${what} is not well-formed XML: ${(error as Error).message}`);
  }
}
