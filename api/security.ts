// Security headers on every answer: API JSON and GeoJSON, errors, 304s, the web app, /api/docs and
// the /ogc pages. One policy for all of them, set by one middleware at the top of the app, so no
// router can forget it. The policy is as tight as the map allows:
//
// - scripts only from this server (the web bundle, Swagger UI's bundle and its init file): no inline
//   script anywhere, no eval;
// - styles only from this server, plus the one inline sheet of the /ogc pages, allowed by its hash.
//   React, MapLibre and Swagger UI set styles through the CSSOM (element.style), which CSP does not
//   govern, so no 'unsafe-inline' is needed;
// - MapLibre runs its worker from a blob: URL (worker-src, and child-src for browsers that predate
//   worker-src) and draws images from data: and blob: URLs;
// - the optional online basemap is the only other origin, for its tiles (fetched, then drawn);
// - no plugins, no <base>, no framing by other sites, forms only to this server.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { basemapFromEnv, type Basemap } from './config.ts';
import { PAGE_STYLE } from './ogc/html.ts';

/**
 * The CSP source for the host a tile URL template loads from: "https://tile.openstreetmap.org" for
 * "https://tile.openstreetmap.org/{z}/{x}/{y}.png". A placeholder in the leftmost label of the host
 * ("https://{s}.tile.example.org/…") becomes a wildcard ("https://*.tile.example.org"). A relative
 * template needs nothing beyond 'self'; anything that cannot be written as a source (and could
 * otherwise smuggle a directive into the header) is left out, and the map then runs without the
 * basemap, as it does offline.
 */
export function tileSource(template: string): string | null {
  const m = /^(https?):\/\/([^/?#]*)/i.exec(template.trim());
  if (!m) return null;
  const host = m[2].toLowerCase().replace(/^\{[a-z0-9_-]+\}\./, '*.');
  if (!/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  return `${m[1].toLowerCase()}://${host}`;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The Content-Security-Policy for every response, given the online basemap (or none). */
export function contentSecurityPolicy(basemap: Basemap | null): string {
  const tiles = [...new Set((basemap?.tiles ?? []).map(tileSource).filter((s): s is string => s !== null))];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", sha256(PAGE_STYLE)],
    'img-src': ["'self'", 'data:', 'blob:', ...tiles],
    'connect-src': ["'self'", ...tiles],
    'worker-src': ['blob:'],
    'child-src': ['blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The middleware. Strict-Transport-Security only when the public address is https: sent over plain
 * http it would be ignored, and on a local http server it has nothing to say. No includeSubDomains:
 * the map may be one host of a municipality whose other hosts are not ours to decide for.
 */
export function securityHeaders(publicUrl: () => string, basemap: Basemap | null = basemapFromEnv()): MiddlewareHandler {
  const headers: [string, string][] = [
    ['Content-Security-Policy', contentSecurityPolicy(basemap)],
    ['X-Content-Type-Options', 'nosniff'],
    // The origin, never the path and query, goes to other sites; OSM's tile policy asks for a referrer.
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  const hsts: [string, string] = ['Strict-Transport-Security', 'max-age=31536000'];
  return async (c, next) => {
    await next();
    const all = publicUrl().startsWith('https://') ? [...headers, hsts] : headers;
    try {
      for (const [name, value] of all) c.res.headers.set(name, value);
    } catch {
      // A response with immutable headers (one made by fetch, say): copy it, then set them.
      c.res = new Response(c.res.body, c.res);
      for (const [name, value] of all) c.res.headers.set(name, value);
    }
  };
}
