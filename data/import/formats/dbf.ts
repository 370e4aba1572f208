// The .dbf of a Shapefile, read here rather than by shpjs's parsedbf: the encoding has to be
// decided from the raw text bytes (parsedbf decodes before we could look), dates should stay
// calendar dates (parsedbf makes local-time Date objects) and deleted records must be skipped.
import { decideEncoding, decode, type EncodingEvidence } from '../encoding.ts';
import { ImportRefused, type Decision, type Encoding } from '../source.ts';

interface Field {
  name: Uint8Array;
  type: string;
  offset: number;
  length: number;
}

export interface Dbf {
  columns: string[];
  /** one per record, null where the record is deleted (its shape is skipped too) */
  records: (Record<string, unknown> | null)[];
  encoding: Decision<Encoding>;
}

export function readDbf(bytes: Uint8Array, evidence: Omit<EncodingEvidence, 'ldid'>): Dbf {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33) throw new ImportRefused('unreadable', 'the .dbf is too short to be one');
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength > bytes.length || headerLength + count * recordLength > bytes.length + 1)
    throw new ImportRefused('unreadable', `the .dbf declares ${count} records of ${recordLength} bytes, more than the file holds`);

  const fields: Field[] = [];
  let offset = 1; // the deletion flag comes first
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    const length = bytes[at + 16];
    fields.push({ name: raw.subarray(0, end < 0 ? 11 : end), type: String.fromCharCode(bytes[at + 11]), offset, length });
    offset += length;
  }

  // Only the bytes that hold text decide the encoding: field names and the records.
  const textBytes = Buffer.concat([...fields.map((f) => f.name), bytes.subarray(headerLength, headerLength + count * recordLength)]);
  const encoding = decideEncoding(textBytes, { ...evidence, ldid: bytes[29] });
  const columns = fields.map((f) => decode(f.name, encoding.value).trim());

  const records: (Record<string, unknown> | null)[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const record: Record<string, unknown> = {};
    fields.forEach((field, f) => (record[columns[f]] = value(field, bytes.subarray(start + field.offset, start + field.offset + field.length), encoding.value)));
    records.push(record);
  }
  return { columns, records, encoding };
}

function value(field: Field, raw: Uint8Array, encoding: Encoding): unknown {
  const ascii = () => Buffer.from(raw).toString('latin1').replace(/\0/g, '').trim();
  switch (field.type) {
    case 'N':
    case 'F': {
      const text = ascii();
      if (!text || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'L': {
      const c = ascii().toUpperCase();
      return 'YT'.includes(c) && c ? true : 'NF'.includes(c) && c ? false : null;
    }
    case 'D': {
      const text = ascii();
      return /^\d{8}$/.test(text) && text !== '00000000' ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    default: {
      const text = decode(raw, encoding).replace(/\0/g, '').trim();
      return text === '' ? null : text;
    }
  }
}
