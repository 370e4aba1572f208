// Zips (zipped Shapefiles, KMZ, XLSX are all zips) opened with a size guard. fflate's unzipSync
// inflates each entry into a buffer of the size the central directory declares, so summing those
// sizes before inflating bounds memory even when an entry lies about its size (its output is cut
// at the declared length, and the reader then meets a truncated file, not a bomb).
import { unzipSync } from 'fflate';
import { LIMITS } from './limits.ts';
import { ImportRefused } from './source.ts';

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);

const skipped = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name);

function unzipGuarded(bytes: Uint8Array, what: string, maxBytes: number, inflate: boolean): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (skipped(file.name)) return false;
        total += file.originalSize;
        if (total > maxBytes)
          throw new ImportRefused('too_large', `${what} would unpack to more than ${Math.round(maxBytes / 1024 / 1024)} MB; send the layers one at a time`);
        return inflate;
      },
    });
  } catch (error) {
    if (error instanceof ImportRefused) throw error;
    throw new ImportRefused('unreadable', `${what} cannot be opened as a zip: ${(error as Error).message}`);
  }
}

/** Entries of the zip (files only, macOS resource forks skipped), by their path inside it. */
export const unzip = (bytes: Uint8Array, what = 'the zip', maxBytes = LIMITS.unzippedBytes) => unzipGuarded(bytes, what, maxBytes, true);

/** The same guard for a zip another library will open (exceljs unzips an XLSX itself). */
export const checkZipSize = (bytes: Uint8Array, what = 'the zip', maxBytes = LIMITS.unzippedBytes) => void unzipGuarded(bytes, what, maxBytes, false);

/** The entry's name without its folders. */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** The extension in lower case, without the dot ('' for none). */
export const extensionOf = (name: string) => (/\.([^./]+)$/.exec(name)?.[1] ?? '').toLowerCase();
