// What the two bad-input suites (tests/api/bad-input.test.ts and tests/ogc/bad-input.test.ts)
// share, so that each piece lives once: the app on its own database file and the fingerprint that
// shows the file unchanged afterwards; sending a request that must be answered in time; what every
// error answer must look like; the readers both verdicts are written with; and the hostile values
// both throw at the server, with the fast-check arbitraries built from them. What only one suite
// needs (its endpoints, its verdict rules, its own hostile values) stays in that suite.
import { publishedContribution } from './contributions.ts';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { Store } from '../../data/store.ts';
import { FUNDING, isMasterPlanZone, LOCATION_ACCURACIES, STATUSES, THEMES } from '../../geo/index.ts';
import { KAZANLAK, openFile, seededStore } from './fixtures.ts';
import { databaseTables } from './database.ts';

/** The origin requests are addressed to: `app.request` needs absolute URLs, no port is opened. */
export const ORIGIN = 'http://localhost';

// ---------------------------------------------------------------- the database, before and after

/**
 * The database as far as a request could change it: every row of every real table (in a fixed
 * order, the schema's own records included), and for a SQLite file its bytes and its WAL's. Equal
 * before and after a suite means no request wrote anything.
 */
export async function fingerprint(path: string) {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const table of await databaseTables(path)) {
    hash.update(`\u0000${table.name}\u0000`);
    rows[table.name] = table.rows.length;
    for (const row of table.rows) hash.update(JSON.stringify(row));
  }
  const file = existsSync(path);
  if (file) {
    // The schema and user_version are the file's, not rows of a table.
    const db = openFile(path);
    hash.update(JSON.stringify(db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all())).update(String(db.pragma('user_version', { simple: true })));
    db.close();
  }
  return {
    rows,
    content: hash.digest('hex'),
    file: file ? createHash('sha256').update(readFileSync(path)).digest('hex') : null,
    walFile: existsSync(`${path}-wal`) ? createHash('sha256').update(readFileSync(`${path}-wal`)).digest('hex') : null,
  };
}
type Fingerprint = Awaited<ReturnType<typeof fingerprint>>;

// ---------------------------------------------------------------- the app under attack, and the traffic

/** An answer as the app gave it, with the time from request to complete body. */
export interface Reply {
  status: number;
  type: string;
  body: string;
  ms: number;
}

/**
 * The app on a fresh build of the Kazanlak data in a file of its own (closed after the suite), the
 * fingerprint of that file before any request, and a count of what was sent: both suites end by
 * holding the database to the fingerprint, whatever they sent.
 */
export class Harness {
  readonly store: Store;
  readonly dbPath: string;
  readonly app: ReturnType<typeof createApp>;
  readonly before: Fingerprint;
  /** Requests sent; a suite that sends some past `ask` (a child process, a raw `app.request`) adds them. */
  requests = 0;
  private readonly statuses = new Map<number, number>();

  private constructor(
    store: Store,
    dbPath: string,
    private readonly timeoutMs: number,
    before: Awaited<ReturnType<typeof fingerprint>>,
  ) {
    this.store = store;
    this.dbPath = dbPath;
    this.app = createApp(store, { publicUrl: ORIGIN });
    afterAll(() => this.store.close());
    this.before = before;
  }

  static async create(name: string, timeoutMs: number): Promise<Harness> {
    const { store, path } = await seededStore(KAZANLAK, name);
    // A published contribution, so that its collection, list and counts are walked with content.
    await publishedContribution(store);
    return new Harness(store, path, timeoutMs, await fingerprint(path));
  }

  /** Sends a request; a hang (no complete answer within the time limit) fails it rather than the whole run. */
  async ask(url: string, init?: RequestInit): Promise<Reply> {
    this.requests++;
    const method = init?.method ?? 'GET';
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no complete answer within ${this.timeoutMs} ms: ${method} ${url.slice(0, 300)}`)), this.timeoutMs);
    });
    const started = performance.now();
    try {
      const res = await Promise.race([this.app.request(url, init), hang]);
      // Decoded by hand: Response.text() would swallow the CSV's byte-order mark.
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await Promise.race([res.arrayBuffer(), hang]));
      const ms = performance.now() - started;
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      return { status: res.status, type: res.headers.get('content-type') ?? '', body, ms };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Declares the suite's last test (call it at the end of the file): it reports what was sent, and
   * the database must be as it was before; `also` adds the suite's own checks of it.
   */
  describeDatabaseUnchanged(label: string, also: () => void = () => {}): void {
    describe('the database', () => {
      it('is unchanged after every request above', async () => {
        const tally = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
        console.info(`${label}: ${this.requests} requests sent (${tally})`);
        expect(await fingerprint(this.dbPath)).toEqual(this.before);
        also();
      });
    });
  }
}

/** A path under attack: its template, and a URL with a known value in every path parameter. */
export interface Path {
  template: string;
  url: string;
}

// ---------------------------------------------------------------- what every answer must be

/** A reply to a request: what the checks below read. */
export interface Answer extends Omit<Reply, 'ms'> {
  method: string;
  url: string;
}
export interface ErrorBody {
  code: string;
  message: string;
  details: { parameter?: unknown } | null;
}

/** Text that gives the server's internals away: a stack frame, a source path, an error class. */
export const TRACE = /node_modules|\.[cm]?[jt]sx?:\d+|\n\s*at\s|file:\/\/|ApiError|ZodError|SqliteError|TypeError|RangeError/;
/** The codes of a 400 that blames a query parameter. */
export const PARAMETER_CODES = ['unknown_parameter', 'repeated_parameter', 'invalid_parameter'];

/**
 * What every answer must be, whatever was asked: no 5xx, and an error as small JSON
 * `{ error: { code, message, details } }` without internals (`trace`), unless the request itself
 * carried such text, since values are echoed. Returns the error; null for a success or a HEAD.
 */
export function expectNoFault(a: Answer, where: string, trace = TRACE): ErrorBody | null {
  expect(a.status, where).toBeLessThan(500);
  if (a.status < 400) return null;
  expect(a.type, `${where}: errors are JSON whatever the Accept header says`).toMatch(/^application\/json\b/);
  if (a.method === 'HEAD') return null;
  const json = JSON.parse(a.body) as { error: ErrorBody };
  expect(Object.keys(json), where).toEqual(['error']);
  expect(typeof json.error.code, where).toBe('string');
  expect(typeof json.error.message, where).toBe('string');
  expect('details' in json.error, where).toBe(true);
  expect(a.body.length, `${where}: the error must not echo unbounded input`).toBeLessThan(16_384);
  if (!trace.test(a.url) && !trace.test(loosely(a.url))) expect(a.body, where).not.toMatch(trace);
  return json.error;
}

/** A 400 that names `param` (the verdict of the suites' lists of values known to be wrong). */
export function expectRefused(a: Answer, error: ErrorBody | null, param: string, where: string): void {
  expect(a.status, where).toBe(400);
  expect(error?.details?.parameter, where).toBe(param);
}

// ---------------------------------------------------------------- URLs

/** Replaces lone surrogates the way a browser does before it percent-encodes. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
/** Percent-encodes as a browser would: encodeURIComponent throws on a lone surrogate. */
export const enc = (s: string) => encodeURIComponent(wellFormed(s));
/** The entries of a query, in order: names may repeat. */
export type Entries = readonly (readonly [string, string])[];
/** `name=value&…`, each side percent-encoded. */
export const queryString = (entries: Entries) => entries.map(([n, v]) => `${enc(n)}=${enc(v)}`).join('&');
/** The absolute URL of `path` with `entries` as its query. */
export const withQuery = (path: Path, entries: Entries) => `${ORIGIN}${path.url}?${queryString(entries)}`;
/** Decodes what can be decoded and leaves broken escapes as they are, as a lenient server would. */
export function loosely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}
/** A real client never sends the fragment; everything else is sent as the URL parser leaves it. */
export function target(raw: string): string {
  const u = new URL(raw, ORIGIN);
  u.hash = '';
  return u.href;
}
/** `s` as a literal inside a RegExp. */
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The decoded path segment that `shape` (one capture group) finds in the path of `url`, or
 * undefined when the segment changed the path itself ("/", "..").
 */
export function segmentOf(url: string, shape: RegExp): string | undefined {
  const match = shape.exec(new URL(url).pathname);
  return match ? loosely(match[1]) : undefined;
}

// ---------------------------------------------------------------- readers the verdicts are written with

/** A control character (C0 or DEL): no text parameter takes one. */
export const CONTROL = /[\u0000-\u001f\u007f]/;
/** "At most n characters" counts code points (as zod and JSON Schema's maxLength do): an emoji is one. */
export const codePoints = (s: string) => [...s].length;
/** A finite decimal as the servers read one (no hex, no NaN or Infinity, no digit separators), else undefined. */
export function decimal(s: string): number | undefined {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
/** The distinct items of a comma-separated list, trimmed. */
export const items = (s: string) => [...new Set(s.split(',').map((v) => v.trim()))];
/** Within the range of a longitude, of a latitude (in degrees). */
export const lon = (n: number) => n >= -180 && n <= 180;
export const lat = (n: number) => n >= -90 && n <= 90;

/**
 * A query as both APIs read one: each name's first value (`seen`), and the names that are wrong
 * whatever their value (`wrong`): undeclared ones (cut to 100 characters, as the servers name them)
 * and repeated ones.
 */
export function readQuery(query: URLSearchParams, declares: (name: string) => boolean) {
  const seen = new Map<string, string>();
  const wrong = new Map<string, 'undeclared' | 'repeated'>();
  for (const [name, raw] of query) {
    if (!declares(name)) wrong.set(name.slice(0, 100), 'undeclared');
    else if (seen.has(name)) wrong.set(name, 'repeated');
    else seen.set(name, raw);
  }
  return { seen, wrong };
}

/** The id-valued filters both APIs take and the values each accepts: the vocabularies, and the ids in the store. */
export async function knownValues(store: Store): Promise<Record<string, readonly string[]>> {
  const [plan, settlements, zones] = await Promise.all([store.plan(), store.settlements(), store.zones()]);
  const ids = (values: string[]) => [...new Set(values)];
  return {
    theme: THEMES.ids,
    status: STATUSES.ids,
    funding: FUNDING.ids,
    accuracy: LOCATION_ACCURACIES.ids,
    goal: ids(plan.goals.map((g) => g.id)),
    priority: ids(plan.priorities.map((p) => p.id)),
    measure: ids(plan.measures.map((m) => m.id)),
    municipality: [plan.municipality.code],
    settlement: ids(settlements.map((s) => s.id)),
    zone: ids(zones.filter((z) => !isMasterPlanZone(z)).map((z) => z.id)),
    masterPlanZone: ids(zones.filter(isMasterPlanZone).map((z) => z.id)),
  };
}

// ---------------------------------------------------------------- hostile values both suites send
// Each suite adds its own (FTS5, CQL2, dates, CRS URIs…) to these.

export const SQL_INJECTION = [
  "' OR 1=1 --",
  "1); DROP TABLE intervention;--",
  "'; DELETE FROM intervention; --",
  "1' UNION SELECT sql, name FROM sqlite_master --",
  "'; ATTACH DATABASE '/tmp/pwn.sqlite' AS pwn; --",
  "'; PRAGMA writable_schema = 1; --",
  "'; UPDATE meta SET value = 'x'; --",
  "KZN-001' --",
  'SG1) OR (1=1',
  '1 OR 1=1',
  "%' --",
  "\\'; --",
  '?1',
  '$1',
  ':name',
  'NULL',
];
/** NUL and other control characters, line and paragraph separators, invisible and non-breaking spaces. */
export const CONTROL_TEXTS = ['\u0000', 'a\u0000b', '\n', '\r\n', '\t', '\u0008', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\uFEFF', '\u200B', '\u00a0'];
/** Huge, non-finite, signed, hexadecimal, separated and non-ASCII numbers. */
export const NUMBER_TEXTS = [
  '1e308', '1e309', '9'.repeat(400), 'NaN', 'Infinity', '-Infinity', '-0', '0', '-1', '0x10', '1_000', '1.', '.5', '2.5', '999999999999', '1000000000000', '٣', '１２', '²',
];
/** Empty and blank text, JS prototype keys, paths, markup and template injection, URL punctuation. */
export const ODD_SHAPES = [
  '', ' ', ',', ',,,', 'true', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor', 'toString', '../../../etc/passwd', '<script>alert(1)</script>', '${7*7}', '{{7*7}}',
  '%s%n%x', '\\', '/', '#', '&', '=', '?', ';',
];
/** Emoji sequences, long text, Cyrillic, right-to-left and bidi overrides, combining marks, lone surrogates, look-alikes. */
export const UNICODE_TEXTS = [
  '🗺️', '👨‍👩‍👧‍👦', '🇧🇬', '💩'.repeat(1000), 'Казанлък', 'ШИПКА', 'مرحبا بالعالم', '\u202Eevil\u202C', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', '\uFFFD', '\uD800', '\uDC00x',
  'ｗａｔｅｒ', 'wаter' /* Cyrillic а */, 'İ', 'ß'.repeat(300),
];
/** Pieces of a query string sent unencoded: broken and overlong percent-escapes, reserved characters, separators. */
export const RAW_FRAGMENTS = [
  '%', '%G1', '%FF', '%fe', '%ED%A0%80', '%00', '%0A', '%0D%0A', '%C0%AF', '%C0%80', '%E0%80%AF', '%F4%90%80%80', '%F0%9F', '%2', '%%', '%25', '%2525', '%u0041',
  '%2C', '%26', '%3D', '%2B', '+', '&', '=', '==', '&&', ';', '?', '#', '[]', '\\', '"', "'", '<', '>', '`', '{', '}', '|', '^', ' ', '\t', '..', '/', '.', ',', ',,,',
  '-', '9'.repeat(40), 'ш', '💩',
];
/** Names a server must refuse, besides the real ones: prototype keys, the empty name, SQL, a JSONP hook. */
const STRANGE_NAMES = ['bbox[]', '', '__proto__', 'constructor', 'hasOwnProperty', "' OR 1=1 --", 'callback'];
/** Near misses of a real parameter name: capitalised, upper case, padded, with PHP-style brackets. */
const nameVariants = (name: string) => [name[0].toUpperCase() + name.slice(1), name.toUpperCase(), `${name} `, ` ${name}`, `${name}[]`, `${name}[0]`];

// ---------------------------------------------------------------- arbitraries built from them

/** Any longitude, any latitude. */
export const longitude = fc.double({ min: -180, max: 180, noNaN: true });
export const latitude = fc.double({ min: -90, max: 90, noNaN: true });
/** Number text: any double (NaN, ±Infinity, ±0, 1.7976931348623157e+308, subnormals), small ones, integers, the curated `numbers`. */
export const numberText = (numbers: string[]) =>
  fc.oneof(
    fc.double().map(String),
    fc.double({ min: -200, max: 200, noNaN: true }).map(String),
    fc.integer({ min: -400, max: 400 }).map(String),
    fc.constantFrom(...numbers),
  );
/** A comma-separated list of generated values (boxes, points and id filters are such lists). */
export const commaList = (values: fc.Arbitrary<string>, size: fc.ArrayConstraints) => fc.array(values, size).map((a) => a.join(','));
/** Some of `ids`, comma-separated: a valid id filter (or an unknown id when there is none). */
const subset = (ids: readonly string[]) => (ids.length ? fc.subarray([...ids], { minLength: 1 }).map((a) => a.join(',')) : fc.constant('M-UNKNOWN'));
/** A valid filter for each id-valued parameter (see `knownValues`): some of its ids. */
export const subsets = (known: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(known).map(([name, ids]) => [name, subset(ids)]));
/** A generated value, then one generated from it: a name and a value for that name, an endpoint and a request to it. */
export const paired = <A, B>(first: fc.Arbitrary<A>, then: (a: A) => fc.Arbitrary<B>) => first.chain((a) => fc.tuple(fc.constant(a), then(a)));

/** A query of 1 to `maxLength` entries: names from `names` (they may repeat), each with a value generated for it. */
export const queryOf = (names: fc.Arbitrary<string>, valueFor: (name: string) => fc.Arbitrary<string>, maxLength: number) =>
  fc.array(paired(names, valueFor), { minLength: 1, maxLength });

/** A list of 1 to 6 of `values`, comma-separated: valid ids among SQL, control characters and odd shapes. */
export const mixedList = (values: string[]) => commaList(fc.constantFrom(...values), { minLength: 1, maxLength: 6 });

type Weighted = [fc.Arbitrary<string>, number];
/**
 * Hostile text for any parameter: mostly one of `curated`; else number lists and mixed lists (and
 * reversed boxes where a suite has them), each with its weight; binary text; long Unicode text; or a
 * curated or valid-looking value repeated up to 3000 times (cut at `maxRepeated` characters).
 */
export function hostileText(
  curated: string[],
  validish: string[],
  o: { numberLists: Weighted; boxes?: Weighted; mixedLists: Weighted; maxGraphemes: number; maxRepeated?: number },
): fc.Arbitrary<string> {
  const weighted = ([arbitrary, weight]: Weighted) => ({ arbitrary, weight });
  return fc.oneof(
    { arbitrary: fc.constantFrom(...curated), weight: 8 },
    weighted(o.numberLists),
    ...(o.boxes ? [weighted(o.boxes)] : []),
    weighted(o.mixedLists),
    { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 150, maxLength: o.maxGraphemes }), weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...curated, ...validish), fc.integer({ min: 2, max: 3000 })).map(([s, n]) => s.repeat(n).slice(0, o.maxRepeated ?? Infinity)),
      weight: 1,
    },
  );
}

/**
 * `valueFor(name, validWeight)`: a value for a parameter, mostly hostile, sometimes plausible for that
 * name (valid or nearly, so that the 200 path is exercised too), sometimes plausible with hostile
 * text before or after it. A name without a plausible arbitrary (an unknown name) gets hostile text.
 */
export function valuesFor(plausible: Record<string, fc.Arbitrary<string>>, hostile: fc.Arbitrary<string>, curated: string[], weights: { hostile: number; plausible: number }) {
  return (name: string, validWeight = 1): fc.Arbitrary<string> => {
    const valid = Object.hasOwn(plausible, name) ? plausible[name] : hostile; // names like "constructor" too
    return fc.oneof(
      { arbitrary: hostile, weight: weights.hostile },
      { arbitrary: valid, weight: weights.plausible * validWeight },
      { arbitrary: fc.tuple(valid, fc.constantFrom(...curated), fc.boolean()).map(([v, h, before]) => (before ? h + v : v + h)), weight: 1 },
    );
  };
}

/**
 * A strange parameter name: one the API declares (maybe not here), a near miss of `variantsOf`,
 * `withNul` followed by NUL, a prototype key or SQL, one of `more` (names other APIs use), or random
 * binary text.
 */
export const strangeName = (o: { declared: string[]; variantsOf: string; withNul: string; more: string[] }) =>
  fc.oneof(fc.constantFrom(...o.declared, ...nameVariants(o.variantsOf), `${o.withNul}\u0000`, ...STRANGE_NAMES, ...o.more), fc.string({ unit: 'binary', maxLength: 150 }));
/** A parameter name for an endpoint: mostly one it takes (`weight` to 1), else a strange one; only strange ones if it takes none. */
export const nameAmong = (own: readonly string[], strange: fc.Arbitrary<string>, weight: number) =>
  own.length ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight }, { arbitrary: strange, weight: 1 }) : strange;

/** A piece of a raw query string: a raw fragment, `name=`, a value that is nearly valid, or short random text. */
export const rawFragment = (raw: string[], names: readonly string[], validish: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...raw), weight: 6 },
    { arbitrary: fc.constantFrom(...names).map((n) => `${n}=`), weight: 3 },
    { arbitrary: fc.constantFrom(...validish), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 1 },
  );

/**
 * A path segment where a known value belongs: hostile text, raw fragments around known values, a
 * known value (maybe in the other case), a known value with some characters percent-encoded in
 * upper or lower case (still that value), or a known value with hostile text after it.
 */
export function pathSegment(known: string[], o: { hostile: fc.Arbitrary<string>; raw: string[]; curated: string[]; knownWeight: number; swappedCase: boolean }): fc.Arbitrary<string> {
  const raw = o.raw.filter((r) => !['?', '#', '\t', '\n'].includes(r)); // these would end the path, or be dropped from it
  return fc.oneof(
    { arbitrary: o.hostile.map(enc), weight: 4 },
    { arbitrary: fc.array(fc.oneof(fc.constantFrom(...raw), fc.constantFrom(...known)), { minLength: 1, maxLength: 8 }).map((a) => a.join('')), weight: 3 },
    { arbitrary: fc.constantFrom(...known), weight: o.knownWeight },
    ...(o.swappedCase ? [{ arbitrary: fc.constantFrom(...known).map((v) => (v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase())), weight: 1 }] : []),
    {
      arbitrary: fc
        .constantFrom(...known)
        .chain((v) => fc.tuple(fc.constant(v), fc.array(fc.boolean(), { minLength: v.length, maxLength: v.length }), fc.boolean()))
        .map(([v, flips, upper]) => [...v].map((ch, i) => (flips[i] ? `%${ch.charCodeAt(0).toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}` : ch)).join('')),
      weight: 1,
    },
    { arbitrary: fc.tuple(fc.constantFrom(...known), fc.constantFrom(...o.curated)).map(([v, h]) => enc(v + h)), weight: 2 },
  );
}
