// The whole live dataset as one GeoJSON file, kept on disk per store revision. Written once from the
// store, plain and gzipped at once, then sent from the file: at 100 000 items reading and joining
// the features took 1.6 s a download, and gzipping them 3.4 s. Only the unfiltered export of the
// live store is kept (a filter has too many forms, a view of the past is built per request). The
// first download at a revision is streamed from the store as before while the file is made beside
// it; a new revision makes a new file and removes the old ones. Several API processes may each make
// the same file: each writes its own temporary file and renames it into place, so a reader only
// ever sees a whole file. Files are named after the store as well as the revision (a hash of its
// random key), so a database made anew, whose revisions count from 1 again, never meets another's.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { Store } from '../data/store.ts';
import type { Piece } from './stream.ts';

export interface KeptExport {
  /** the plain file and its size in bytes */
  identity: { path: string; size: number };
  gzip: { path: string; size: number };
}

const NAME = /^interventions-([0-9a-f]+)-(\d+)\.geojson(\.gz)?$/;

export class ExportCache {
  private readonly making = new Map<number, Promise<void>>();
  private key: string | null = null;

  /**
   * @param dir where the files live (made when missing)
   * @param store read for its key, and for its revision again when a file is done: a change of
   *   content while it was written (a publication) makes the file stale, and it is dropped
   */
  constructor(
    readonly dir: string,
    private readonly store: Pick<Store, 'revision' | 'consultationSecret'>,
  ) {}

  /** The files of the export at `revision` when they are made; otherwise null, and making them starts. */
  async kept(revision: number, chunks: () => AsyncIterable<Piece>): Promise<KeptExport | null> {
    this.key ??= createHash('sha256').update(`export\0${await this.store.consultationSecret()}`).digest('hex').slice(0, 16);
    const identity = join(this.dir, `interventions-${this.key}-${revision}.geojson`);
    const gzip = `${identity}.gz`;
    if (existsSync(identity) && existsSync(gzip)) return { identity: { path: identity, size: statSync(identity).size }, gzip: { path: gzip, size: statSync(gzip).size } };
    if (!this.making.has(revision))
      this.making.set(
        revision,
        this.make(revision, chunks, identity, gzip)
          .catch((error: Error) => console.warn(`export cache: could not keep the export of revision ${revision} (${error.message}); downloads are streamed from the store`))
          .finally(() => this.making.delete(revision)),
      );
    return null;
  }

  /** Resolves when nothing is being made (for tests and for a clean shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.making.values());
  }

  private async make(revision: number, chunks: () => AsyncIterable<Piece>, identity: string, gzip: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const temporary = join(this.dir, `.making-${process.pid}-${randomBytes(6).toString('hex')}`);
    const plain = createWriteStream(temporary);
    const zipped = createWriteStream(`${temporary}.gz`);
    const zip = createGzip({ level: 6 });
    zip.pipe(zipped);
    try {
      for await (const chunk of chunks()) await Promise.all([write(plain, chunk), write(zip, chunk)]);
      await Promise.all([finish(plain), finish(zip).then(() => once(zipped, 'close'))]);
      if ((await this.store.revision()) !== revision) throw new Error('the content changed while it was written');
      renameSync(`${temporary}.gz`, gzip);
      renameSync(temporary, identity);
    } finally {
      plain.destroy();
      zip.destroy();
      rmSync(temporary, { force: true });
      rmSync(`${temporary}.gz`, { force: true });
    }
    // Older revisions' files go; a download still reading one keeps its open file to the end.
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (m && (m[1] !== this.key || Number(m[2]) < revision)) rmSync(join(this.dir, name), { force: true });
    }
  }
}

async function write(stream: WriteStream | Gzip, chunk: Piece): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function finish(stream: WriteStream | Gzip): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}
