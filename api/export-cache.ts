// The whole live dataset as one GeoJSON file, kept on disk per store revision. Written once from the
// store, plain and gzipped at once, then sent from the file: at 100 000 items reading and joining
// the features took 1.6 s a download, and gzipping them 3.4 s. Only the unfiltered export of the
// live store is kept (a filter has too many forms, a view of the past is built per request). The
// first download at a revision is streamed from the store as before while the file is made beside
// it; a new revision makes a new file and removes the old ones.
//
// - Several API processes may each make the same file: each writes its own temporary file and
//   renames it into place, so a reader only ever sees a whole file, and a reader opens the file
//   before it measures it, so a rename beside it changes nothing it sends.
// - Files are named after the store as well as the revision (a hash of its random key), so a
//   database made anew, whose revisions count from 1 again, never meets another's files.
// - The server empties the directory when it starts (clearExportCache): a new version of the code
//   or a migration may change the bytes of an export without a new revision.
// - A file that cannot be made (a full disk, a directory that cannot be written) is not tried
//   again for that revision; downloads are then streamed from the store, as without a cache.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, fstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Store } from '../data/store.ts';
import type { Piece } from './stream.ts';

/** A kept file, open: its descriptor and its size when opened. */
export interface KeptFile {
  fd: number;
  size: number;
}

const NAME = /^interventions-([0-9a-f]+)-(\d+)\.geojson(\.gz)?$/;

/** Empties the directory of kept exports (at start, before any process serves). */
export function clearExportCache(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export class ExportCache {
  private readonly making = new Map<number, Promise<void>>();
  private readonly failed = new Set<number>();
  private key: string | null = null;

  /**
   * @param dir where the files live (made when missing); one directory per store
   * @param store read for its key, and for its revision again when a file is done: a change of
   *   content while it was written (a publication) makes the file stale, and it is dropped
   */
  constructor(
    readonly dir: string,
    private readonly store: Pick<Store, 'revision' | 'consultationSecret'>,
  ) {}

  /**
   * The file of the export at `revision` (gzipped or plain), opened; null when it is not made yet,
   * and making it starts. The caller closes the descriptor (a stream made from it does).
   */
  async open(revision: number, gzip: boolean, chunks: () => AsyncIterable<Piece>): Promise<KeptFile | null> {
    this.key ??= createHash('sha256').update(`export\0${await this.store.consultationSecret()}`).digest('hex').slice(0, 16);
    const plain = join(this.dir, `interventions-${this.key}-${revision}.geojson`);
    const path = gzip ? `${plain}.gz` : plain;
    try {
      const fd = openSync(path, 'r');
      return { fd, size: fstatSync(fd).size };
    } catch {
      // Not made yet (or removed for a newer revision since): make it, unless that failed before.
    }
    if (!this.making.has(revision) && !this.failed.has(revision))
      this.making.set(
        revision,
        this.make(revision, chunks, plain)
          .catch((error: Error) => {
            this.failed.add(revision);
            console.warn(`export cache: could not keep the export of revision ${revision} (${error.message}); downloads are streamed from the store`);
          })
          .finally(() => this.making.delete(revision)),
      );
    return null;
  }

  private async make(revision: number, chunks: () => AsyncIterable<Piece>, plain: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const temporary = join(this.dir, `.making-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      // One read of the store feeds both files; each pipeline carries its own errors.
      const source = Readable.from(chunks(), { objectMode: false });
      await Promise.all([pipeline(source, createWriteStream(temporary)), pipeline(source, createGzip({ level: 6 }), createWriteStream(`${temporary}.gz`))]);
      if ((await this.store.revision()) !== revision) throw new Error('the content changed while it was written');
      renameSync(`${temporary}.gz`, `${plain}.gz`);
      renameSync(temporary, plain);
    } finally {
      rmSync(temporary, { force: true });
      rmSync(`${temporary}.gz`, { force: true });
    }
    // Older revisions' files go; a download still reading one keeps its open file to the end.
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (m && m[1] === this.key && Number(m[2]) < revision) rmSync(join(this.dir, name), { force: true });
    }
  }
}
