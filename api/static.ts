// The built web app (dist/web), served from memory. Every file is read once at startup, and the
// compressible ones are brotli- and gzip-compressed once there too, in zlib's thread pool: the
// server listens meanwhile, and an early request waits only for its own file. Vite names what it
// writes under /assets/ by content hash, so those are cached for a year and never revalidated;
// index.html names them, so it is revalidated on every use (no-cache, with a strong ETag). A path is
// only ever looked up among the files read at startup, never joined onto the disk.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { negotiateEncoding } from './encoding.ts';
import { ApiError } from './errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
// Fonts and raster images are compressed inside already.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.txt', '.svg', '.ico']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Brotli's best quality costs ~9 s on the 1.4 MB bundle here, quality 9 under a second for ~8 % more.
const BROTLI_BEST_BELOW = 256 * 1024;

type Coding = 'br' | 'gzip';
interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}
interface WebFile {
  type: string;
  cacheControl: string;
  identity: Variant;
  /** the compressed variants, once ready; a coding that does not make the file smaller is left out */
  compressed: Promise<Partial<Record<Coding, Variant>>>;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function compressAll(body: Uint8Array, tag: string): Promise<Partial<Record<Coding, Variant>>> {
  const [br, gz] = await Promise.all([
    brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: body.length < BROTLI_BEST_BELOW ? 11 : 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: 9 }),
  ]);
  const out: Partial<Record<Coding, Variant>> = {};
  if (br.length < body.length) out.br = { body: new Uint8Array(br), etag: `"${tag}-br"` };
  if (gz.length < body.length) out.gzip = { body: new Uint8Array(gz), etag: `"${tag}-gz"` };
  return out;
}

/** Every file under `root`, by URL path ("/assets/index-…js"), read and set to compress. */
export function loadWebFiles(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const relative of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, relative);
    if (!statSync(path).isFile()) continue;
    const urlPath = `/${relative.split(sep).join('/')}`;
    const ext = extname(relative).toLowerCase();
    const body = new Uint8Array(readFileSync(path));
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    files.set(urlPath, {
      type: TYPES[ext] ?? 'application/octet-stream',
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      identity: { body, etag: `"${tag}"` },
      // A failure leaves the file uncompressed rather than the process without a handler.
      compressed: COMPRESSIBLE.has(ext) ? compressAll(body, tag).catch(() => ({})) : Promise.resolve({}),
    });
  }
  return files;
}

/** If-None-Match against `etag`, compared weakly (RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * The middleware for the web app: "/" (whatever its query: the app keeps its state there) is
 * index.html; a path that names no file goes on, to the JSON 404.
 */
export function serveWeb(root: string): MiddlewareHandler {
  const files = loadWebFiles(root);
  return async (c, next) => {
    const file = files.get(c.req.path === '/' ? '/index.html' : c.req.path);
    if (!file) return next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', 'GET, HEAD');
      throw new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here; the web app is read-only`);
    }
    const compressed = await file.compressed;
    const offered = (['br', 'gzip'] as const).filter((e) => compressed[e]);
    const coding = negotiateEncoding(c.req.header('accept-encoding'), offered);
    const variant = (coding === 'br' || coding === 'gzip' ? compressed[coding] : undefined) ?? file.identity;
    const headers: Record<string, string> = { ETag: variant.etag, 'Cache-Control': file.cacheControl };
    if (offered.length) headers.Vary = 'Accept-Encoding';
    if (matches(c.req.header('if-none-match'), variant.etag)) return c.body(null, 304, headers);
    if (variant !== file.identity) headers['Content-Encoding'] = coding!;
    return c.body(variant.body, 200, { ...headers, 'Content-Type': file.type, 'Content-Length': String(variant.body.length) });
  };
}
