// Text in DBF and CSV files has no reliable label: a .cpg when the writer left one, otherwise the
// bytes themselves. Cyrillic in windows-1251 is almost never valid UTF-8 (its letters are bytes
// 0xC0–0xFF, which UTF-8 allows only as lead bytes followed by 0x80–0xBF), so "decodes as UTF-8"
// separates the two encodings Bulgarian offices use in practice.
import iconv from 'iconv-lite';
import type { Decision, Encoding } from './source.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export const hasUtf8Bom = (bytes: Uint8Array) => UTF8_BOM.every((b, i) => bytes[i] === b);

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/** What a .cpg (or a planner) names: "UTF-8", "1251", "CP1251", "windows-1251", "ANSI 1251" …; null if none of ours. */
export function parseCodePage(text: string): Encoding | null {
  const name = text.trim().toLowerCase().replace(/[\s_]+/g, ' ');
  if (/^(?:utf-?8|65001)$/.test(name)) return 'utf-8';
  if (/^(?:(?:ansi |cp ?|windows-|win-?|ms-?)?1251|cyrillic \(windows\))$/.test(name)) return 'windows-1251';
  return null;
}

export interface EncodingEvidence {
  override?: Encoding | null;
  /** the .cpg's text, when the file came with one */
  cpg?: string | null;
  /** what the DBF header's language-driver byte says, if anything (0xC9 is windows-1251) */
  ldid?: number | null;
}

/**
 * The encoding of `text` (the bytes that hold text: DBF records, a whole CSV). Order: the planner's
 * override, the .cpg, valid UTF-8, else windows-1251. The LDID byte only strengthens the last
 * reason: writers set 0x57 ("ANSI", i.e. whatever the machine used) too often to trust it alone.
 */
export function decideEncoding(text: Uint8Array, evidence: EncodingEvidence = {}): Decision<Encoding> {
  if (evidence.override) return { value: evidence.override, by: 'override', reason: `the planner chose ${evidence.override}` };
  if (evidence.cpg != null) {
    const named = parseCodePage(evidence.cpg);
    if (named) return { value: named, by: 'cpg', reason: `the .cpg names "${evidence.cpg.trim()}" (${named})` };
  }
  if (hasUtf8Bom(text)) return { value: 'utf-8', by: 'utf-8-valid', reason: 'the file starts with a UTF-8 byte-order mark' };
  if (isValidUtf8(text))
    return {
      value: 'utf-8',
      by: 'utf-8-valid',
      reason: isAscii(text) ? 'the text is plain ASCII, the same in every encoding' : 'the text is valid UTF-8',
    };
  const ldid = evidence.ldid === 0xc9 ? '; the .dbf header\'s language driver (0xC9) also names windows-1251' : '';
  const cpg = evidence.cpg != null ? ` (the .cpg's "${evidence.cpg.trim()}" is not an encoding we know)` : '';
  return { value: 'windows-1251', by: 'fallback', reason: `the text is not valid UTF-8, so it is read as windows-1251, the Cyrillic code page of Bulgarian Windows${ldid}${cpg}` };
}

export function decode(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1251');
}
