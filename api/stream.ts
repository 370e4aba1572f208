// Large downloads as Node streams: pulled by the socket (so memory stays flat however big the
// result, and the store is read one batch at a time as the client reads), and compressed by zlib
// (brotli 1, else gzip 1) when the client accepts it — web CompressionStream has no backpressure on
// Node 20 and was three times slower on a 100 MB export. A kept export is sent from its file.
import type { Context } from 'hono';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { negotiateEncoding } from './encoding.ts';
import { joinBytes } from '../geo/json-bytes.ts';
import type { KeptFile } from './export-cache.ts';

/** A piece of a download: text, or JSON bytes as the store keeps them. */
export type Piece = string | Uint8Array;

/** Joins `items` into chunks of `size`, so the stream moves in pieces of useful size. */
export async function* batched(items: AsyncIterable<Piece> | Iterable<Piece>, size = 200, separator = ''): AsyncGenerator<Piece> {
  let batch: Piece[] = [];
  let first = true;
  const join = (): Piece => {
    const lead = first ? '' : separator;
    first = false;
    // Text joins as text; bytes (the stored features) are joined as bytes, never decoded.
    return batch.every((p): p is string => typeof p === 'string')
      ? lead + batch.join(separator)
      : joinBytes(batch, separator, lead);
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield join();
      batch = [];
    }
  }
  if (batch.length) yield join();
}

export async function* mapAsync<T, U>(items: AsyncIterable<T>, fn: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield fn(item);
}

export function streamed(c: Context, chunks: AsyncIterable<Piece>, headers: Record<string, string>): Response {
  // The same codings as every other answer (api/compress.ts), so that one never reads a stream whole.
  const coding = negotiateEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
  const source = Readable.from(chunks, { objectMode: false });
  let body: Readable = source;
  if (coding === 'br' || coding === 'gzip') {
    const zip = coding === 'br' ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }) : createGzip({ level: 1 });
    source.on('error', (error) => zip.destroy(error));
    body = source.pipe(zip);
  }
  return new Response(Readable.toWeb(body) as ReadableStream, {
    status: 200,
    headers: { ...headers, Vary: 'Accept-Encoding', ...(coding === 'br' || coding === 'gzip' ? { 'Content-Encoding': coding } : {}) },
  });
}

/** A kept download (api/export-cache.ts) from its open file, with its length known, so a browser shows its progress. */
export function sendKept(file: KeptFile, gzip: boolean, headers: Record<string, string>): Response {
  return new Response(Readable.toWeb(createReadStream('', { fd: file.fd, highWaterMark: 1 << 20 })) as ReadableStream, {
    status: 200,
    headers: { ...headers, Vary: 'Accept-Encoding', 'Content-Length': String(file.size), ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) },
  });
}
