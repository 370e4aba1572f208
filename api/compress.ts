// Compression of answers that are made whole (pages, documents, errors): brotli at quality 1 when
// the client takes it, else gzip, by zlib on its thread pool. Hono's compress middleware pipes the
// body through a web CompressionStream: about 3 ms for a 140 KB page, where brotli 1 takes 0.3 ms
// and sends fewer bytes than gzip 1. Downloads compress themselves as they stream (api/stream.ts)
// with the same codings and say so with Content-Encoding; a kept file too large to hold in memory
// is sent as it is when the client takes no gzip.
import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { negotiateEncoding } from './encoding.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text, JSON and XML in all their forms (application/geo+json, application/atom+xml, text/csv …), and vector tiles (half their size gzipped). */
const COMPRESSIBLE = /^\s*(text\/|application\/([\w.-]+\+)?(json|xml)\b|application\/vnd\.mapbox-vector-tile\b)/i;
/** Below this, the coding's own bytes and the work are not worth it. */
const SMALLEST = 1024;
/** A body declared larger than this (a kept download) is never read whole into memory to compress it. */
const LARGEST = 16 * 1024 * 1024;

export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const headers = res.headers;
    if (
      c.req.method === 'HEAD' ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      headers.has('Content-Encoding') ||
      headers.has('Transfer-Encoding') ||
      Number(headers.get('Content-Length') ?? 0) > LARGEST ||
      !COMPRESSIBLE.test(headers.get('Content-Type') ?? '') ||
      /no-transform/i.test(headers.get('Cache-Control') ?? '')
    )
      return;
    const vary = headers.get('Vary');
    if (!vary || !/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const coding = negotiateEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    if (coding !== 'br' && coding !== 'gzip') return;
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length < SMALLEST) {
      c.res = new Response(body, res);
      return;
    }
    const coded =
      coding === 'br'
        ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gzipped(body, { level: 4 });
    // The plain length goes from the headers the response has now (reading its body gave it headers
    // of its own): Hono copies the replaced response's headers onto the new one.
    res.headers.delete('Content-Length');
    const out = new Headers(res.headers);
    out.set('Content-Encoding', coding);
    c.res = new Response(new Uint8Array(coded.buffer, coded.byteOffset, coded.byteLength) as Uint8Array<ArrayBuffer>, { status: res.status, statusText: res.statusText, headers: out });
  };
}
