// The query kinds the bench times, and the loop that times one kind: sequential requests over
// loopback, bounded by a count and by a time budget. Requests are drawn from a seeded PRNG, so
// every run asks the same questions.
import { tileAt } from '../../geo/tile.ts';
import { THEMES } from '../../geo/index.ts';
import { getAnswer } from './client.ts';
import { mulberry32 } from './generate.ts';

export interface Bounds {
  warmup: number;
  requests: number;
  warmupBudgetMs: number;
  /** a kind stops after this long even if it has not made `requests` requests */
  kindBudgetMs: number;
  /** a warm-up request slower than this ends the warm-up and counts as a measurement */
  slowMs: number;
  timeoutMs: number;
}

export interface Centre {
  lon: number;
  lat: number;
  /** how far around the centre requests wander (σ, km) */
  spreadKm: number;
}

export interface Kind {
  name: string;
  /** the i-th request's path and query */
  path: (i: number) => string;
}

export interface Latency {
  dataset: string;
  kind: string;
  n: number;
  failed: number;
  errors: string[];
  /** successful requests' times, ascending */
  sorted: number[];
  /** the server's own share of each (its Server-Timing), ascending; empty where it sends none */
  server: number[];
  mean: number;
  matched: number | null;
  returned: number | null;
  /** mean decoded body size */
  bytes: number;
}

const KM_PER_DEG = 111.32;
const f = (n: number) => n.toFixed(5);

/** A city-sized view (4–8 km across) somewhere around one of the centres. */
export function randomBBox(centres: Centre[], seed: number, i: number): [number, number, number, number] {
  const { lon, lat, rng } = around(centres, seed, 1, i);
  const halfKm = 2 + rng() * 2;
  const dLat = halfKm / KM_PER_DEG;
  const dLon = halfKm / (KM_PER_DEG * Math.cos((lat * Math.PI) / 180));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

function around(centres: Centre[], seed: number, salt: number, i: number) {
  const rng = mulberry32(seed * 7919 + salt * 104_729 + i);
  const c = centres[Math.floor(rng() * centres.length)];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const lat = c.lat + (gauss() * c.spreadKm) / KM_PER_DEG;
  const lon = c.lon + (gauss() * c.spreadKm) / (KM_PER_DEG * Math.cos((c.lat * Math.PI) / 180));
  return { lon, lat, rng };
}

/** A tile where people look: around one of the centres. */
function tilePath(centres: Centre[], seed: number, z: number, i: number): string {
  const { lon, lat } = around(centres, seed, 3, i);
  const t = tileAt(lon, lat, z);
  return `/api/tiles/interventions/${t.z}/${t.x}/${t.y}.mvt`;
}

/** `municipalities`: the codes of the municipalities with a plan, for the facets a national visitor asks first. */
export function kinds(centres: Centre[], words: string[], seed: number, municipalities: string[]): Kind[] {
  return [
    {
      name: 'list by bbox (page of 100)',
      path: (i) => `/api/interventions?bbox=${randomBBox(centres, seed, i).map(f).join(',')}&limit=100`,
    },
    {
      name: 'nearby (5 km, limit 100)',
      path: (i) => {
        const { lon, lat } = around(centres, seed, 2, i);
        return `/api/interventions?near=${f(lon)},${f(lat)}&radius=5000&limit=100`;
      },
    },
    {
      name: 'text search (q, page of 100)',
      path: (i) => `/api/interventions?q=${encodeURIComponent(words[i % words.length])}&limit=100`,
    },
    ...[8, 12, 15].map((z) => ({ name: `tile z${z} (interventions)`, path: (i: number) => tilePath(centres, seed, z, i) })),
    // The same tiles as the z12 kind, now kept: what a second visitor to the same place gets.
    { name: 'tile z12 again (kept)', path: (i) => tilePath(centres, seed, 12, i) },
    {
      name: 'facets (theme filter)',
      path: (i) => `/api/facets?theme=${THEMES.ids[i % THEMES.ids.length]}`,
    },
    // What the web app asks on opening a municipality: at national scale nearly every one is a
    // first ask (facets are kept per filter); with one municipality, a kept answer.
    ...(municipalities.length
      ? [{ name: 'facets (one municipality)', path: (i: number) => `/api/facets?municipality=${municipalities[i % municipalities.length]}` }]
      : []),
  ];
}

interface Attempt {
  elapsed: number;
  /** the server's Server-Timing, ms; NaN when absent */
  server: number;
  ok: boolean;
  body: Uint8Array;
  error: string | null;
}

export async function measure(dataset: string, base: string, kind: Kind, bounds: Bounds): Promise<Latency> {
  const one = async (i: number): Promise<Attempt> => {
    const started = performance.now();
    try {
      const { status, body, serverMs } = await getAnswer(base + kind.path(i), bounds.timeoutMs);
      const ok = status >= 200 && status < 300;
      return { elapsed: performance.now() - started, server: serverMs, ok, body, error: ok ? null : `HTTP ${status}` };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      return { elapsed: performance.now() - started, server: NaN, ok: false, body: new Uint8Array(0), error: `${(error as Error).message}${cause ? ` (${cause.message})` : ''}` };
    }
  };

  const times: number[] = [];
  const serverTimes: number[] = [];
  const errors: string[] = [];
  let attempts = 0;
  let failed = 0;
  let matched = 0;
  let returned = 0;
  let counted = 0;
  let bytes = 0;
  const record = ({ elapsed, server, ok, body, error }: Attempt) => {
    attempts++;
    if (!ok) {
      failed++;
      if (error && !errors.includes(error)) errors.push(error);
      return;
    }
    times.push(elapsed);
    if (!Number.isNaN(server)) serverTimes.push(server);
    bytes += body.byteLength;
    // Read after the clock stopped: what the requests found (a tile is no JSON, and tells no count).
    const text = new TextDecoder().decode(body);
    const json = (text.startsWith('{') ? JSON.parse(text) : {}) as { numberMatched?: number; numberReturned?: number };
    if (typeof json.numberMatched === 'number') {
      matched += json.numberMatched;
      returned += json.numberReturned ?? 0;
      counted++;
    }
  };

  const start = performance.now();
  for (let i = 0; i < bounds.warmup && performance.now() - start < bounds.warmupBudgetMs; i++) {
    const attempt = await one(1_000_000 + i);
    if (attempt.elapsed > bounds.slowMs) {
      record(attempt);
      break;
    }
  }
  for (let i = 0; attempts < bounds.requests && performance.now() - start < bounds.kindBudgetMs; i++) record(await one(i));
  const sorted = times.sort((a, b) => a - b);
  return {
    dataset,
    kind: kind.name,
    n: sorted.length,
    failed,
    errors,
    sorted,
    server: serverTimes.sort((a, b) => a - b),
    mean: sorted.reduce((s, t) => s + t, 0) / sorted.length,
    matched: counted ? matched / counted : null,
    returned: counted && !kind.name.startsWith('facets') ? returned / counted : null,
    bytes: bytes / sorted.length,
  };
}

