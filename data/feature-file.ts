// Reads a GeoJSON FeatureCollection file one feature at a time. A national dataset's interventions
// (1.4 GB at a million) are longer than the longest string V8 can make, so such a file is never
// read whole: it is decoded in chunks, and only the text of one feature is held at once.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 8 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const JSON_SPACE = /^[ \t\n\r]*$/;

/** One member parsed; its fault says which feature, since the position is within that feature's text. */
function parseMember(text: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`feature #${index}: ${(error as Error).message}`);
  }
}

/**
 * The members of the top-level `features` array, each parsed on its own, in order; the generator
 * returns the other top-level members (`type`, `name` …). The text outside the array and each member
 * are parsed by JSON.parse, so anything that is not JSON throws its SyntaxError, as a whole read would.
 * `chunkBytes` is for tests, to put chunk ends everywhere.
 */
export function* readFeatureCollection(path: string, chunkBytes = CHUNK_BYTES): Generator<unknown, Record<string, unknown>> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(chunkBytes);
    // The document with the features array emptied: small, parsed at the end.
    const skeleton: string[] = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    /** the last string closed at depth 1 (a key when a colon follows) */
    let lastString: string | null = null;
    let stringStart = -1;
    let keyPending = '';
    let key: string | null = null;
    /** inside the top-level features array: its members are at depth 2 */
    let inFeatures = false;
    let member: string[] = [];
    let memberStart = -1;
    let members = 0;
    let streamed = false;
    let skeletonStart = 0;
    let done = false;
    while (!done) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      const text = read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end();
      if (read === 0) done = true;
      skeletonStart = 0;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === BACKSLASH) escaped = true;
          else if (ch === QUOTE) {
            inString = false;
            if (depth === 1 && !inFeatures) {
              lastString = keyText(keyPending + text.slice(stringStart, i));
              keyPending = '';
              stringStart = -1;
            }
          }
          continue;
        }
        if (ch === QUOTE) {
          inString = true;
          if (depth === 1 && !inFeatures) stringStart = i + 1;
        } else if (ch === COLON && depth === 1) {
          key = lastString;
        } else if (ch === OPEN_OBJECT || ch === OPEN_ARRAY) {
          depth++;
          if (depth === 2 && ch === OPEN_ARRAY && key === 'features') {
            // JSON.parse would keep the last of two; reading on would have served the first.
            if (streamed) throw new Error('the collection has two "features" members');
            inFeatures = streamed = true;
            skeleton.push(text.slice(skeletonStart, i + 1));
            memberStart = i + 1;
          }
        } else if (ch === CLOSE_OBJECT || ch === CLOSE_ARRAY) {
          if (inFeatures && depth === 2) {
            member.push(text.slice(memberStart, i));
            const last = member.join('');
            member = [];
            // An empty array has no member; after a comma there must be one (JSON has no trailing comma).
            // JSON's own whitespace only: trim() would also take a no-break space, which JSON refuses.
            if (!JSON_SPACE.test(last) || members > 0) yield parseMember(last, members);
            inFeatures = false;
            key = null;
            skeletonStart = i;
          }
          depth--;
        } else if (ch === COMMA) {
          if (inFeatures && depth === 2) {
            member.push(text.slice(memberStart, i));
            const one = member.join('');
            member = [];
            memberStart = i + 1;
            yield parseMember(one, members++);
          } else if (depth === 1) key = null;
        }
      }
      // Carry what spans the chunk's end into the next.
      if (inFeatures) {
        member.push(text.slice(memberStart));
        memberStart = 0;
      } else skeleton.push(text.slice(skeletonStart));
      if (inString && stringStart >= 0) {
        keyPending += text.slice(stringStart);
        stringStart = 0;
      }
    }
    if (inFeatures) throw new SyntaxError('Unexpected end of JSON input in the features array');
    const rest = JSON.parse(skeleton.join('')) as unknown;
    if (rest === null || typeof rest !== 'object' || Array.isArray(rest)) return {};
    return rest as Record<string, unknown>;
  } finally {
    closeSync(fd);
  }
}

/** A key as JSON reads it (`feat\u0075res` is `features`); text that is no string stays as it is, for JSON.parse to refuse. */
function keyText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
