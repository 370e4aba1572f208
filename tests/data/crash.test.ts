// Durability under kill -9. A child process (tests/helpers/write-loop.ts) writes through the real
// app on one database file; the test kills it with SIGKILL at a random moment, opens the file and
// checks it, then starts the loop again on the same file, dozens of times. After every kill:
//   - SQLite's own checks pass: integrity_check, foreign_key_check, the R*Tree check, and the FTS5
//     check (on a copy of the file and its WAL, so the next run starts from the file as killed);
//   - every write the API acknowledged is there, and every write it refused left no trace;
//   - the one write that was in flight at the kill is there whole or not at all;
//   - nothing is half-applied: replaying the audit log gives the revision table exactly (each
//     revision written with its audit record), the store revision counts the publications, and the
//     published tables (with the links, funding, zones, boxes, search keys, net budgets and the
//     plan's rows) are what a seed of the published records writes, row for row.
//
// The kill moments come from a seeded generator; the seed is printed, and CRASH_SEED=<seed>
// replays the same choices (not the same timing: where a kill lands still depends on the machine).
// CRASH_CYCLES sets how many kills (default 30), CRASH_BUDGET_MS the time after which no more start
// once 12 have run (default 75 s); CRASH_DEBUG=1 prints the timing of each cycle.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset } from '../../data/dataset.ts';
import { datasetHash } from '../../data/seed.ts';
import type { Store } from '../../data/store.ts';
import { SCHEMA_VERSION } from '../../data/sqlite/migrations.ts';
import { Plan } from '../../geo/index.ts';
import { MINI, openFile, ROOT, seededStore, tempDir } from '../helpers/fixtures.ts';
import { generator, loopEmail, tagOf, type LoopLine, type LoopOp } from '../helpers/write-loop.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 30);
/**
 * Each cycle costs about 2.5 s on two idle cores, most of it the child loading its modules; on a
 * busy machine much more. No cycle starts after this budget once MIN_CYCLES have run.
 */
const BUDGET_MS = Number(process.env.CRASH_BUDGET_MS ?? 75_000);
const MIN_CYCLES = Math.min(CYCLES, 12);
/** runs started ahead of the one writing */
const AHEAD = 2;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

// ---------------------------------------------------------------- the child

interface Loop {
  run: number;
  child: ChildProcess;
  lines: LoopLine[];
  stderr(): string;
  /** resolves at the first line that matches; rejects when the child ends first */
  waitFor(match: (line: LoopLine) => boolean, timeoutMs?: number): Promise<LoopLine>;
  /** resolves when the child is gone and everything it printed is read */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null; partial: string }>;
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the loop ahead of time: it loads its modules and waits for `go` before it opens the file. */
function startLoop(path: string, run: number, seed: number): Loop {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/write-loop.ts', path, String(run), String(seed)], {
    cwd: ROOT,
    env: { ...process.env, LOOP_WAIT: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: LoopLine[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, end)));
      buffer = buffer.slice(end + 1);
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; partial: string }>((resolve) =>
    child.on('close', (code, signal) => {
      children.delete(child);
      for (const wake of waiters) wake();
      resolve({ code, signal, partial: buffer });
    }),
  );
  const waitFor = (match: (line: LoopLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LoopLine>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no such line within ${timeoutMs} ms`)), timeoutMs);
      const done = (error: Error | null, line?: LoopLine) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(line!);
      };
      const check = () => {
        const line = lines.find(match);
        if (line) done(null, line);
        else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`the loop ended (${child.exitCode ?? child.signalCode}) first:\n${stderr}`));
      };
      waiters.add(check);
      check();
    });
  return { run, child, lines, stderr: () => stderr, waitFor, closed };
}

// ---------------------------------------------------------------- what the database must hold

interface AuditRow {
  id: number;
  actor: number | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

interface RevisionRow {
  kind: string;
  item: string;
  number: number;
  document: string | null;
  state: string;
  action: string;
  author: number | null;
  reason: string | null;
  reviewer: number | null;
  review_reason: string | null;
}

const EDIT_ACTIONS = new Set(['draft.create', 'draft.update', 'draft.delete', 'draft.revert', 'publish', 'unpublish', 'reject']);
/** The audit records one write of the loop leaves, in order: action and subject. */
function auditOf(attempt: Extract<LoopLine, { t: 'try' }>): [string, string][] {
  const subject = subjectOf(attempt.kind, attempt.id);
  const actions: Record<LoopOp, string[]> = {
    create: ['draft.create'],
    'create-many': [],
    update: ['draft.update'],
    delete: ['draft.delete'],
    revert: ['draft.revert'],
    publish: ['publish'],
    reject: ['reject'],
    unpublish: ['draft.delete', 'unpublish'],
  };
  if (attempt.op === 'create-many') return attempt.ids!.map((id) => ['draft.create', subjectOf(attempt.kind, id)]);
  return actions[attempt.op].map((action) => [action, subject]);
}
const LEVEL_ARRAY = { goal: 'goals', priority: 'priorities', measure: 'measures' } as const;

const fixture: Dataset = loadDataset(MINI).dataset!;
const fixtureHash = datasetHash(MINI);

const at = (value: unknown, path: string) => path.split('.').reduce<any>((v, key) => v?.[key], value);
const subjectOf = (kind: string, id: string) => `${kind}/${id}`;

/**
 * Every row of the published tables, with rowids replaced by the intervention's id (a publication
 * may give a new item another rowid than a seed would), in a fixed order. Without the time of the
 * last publication, which a seed does not have: that is checked against the revisions instead.
 */
function publishedRows(db: Database.Database): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).raw().all();
  const columns = (table: string) =>
    (db.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name NOT IN ('rowid', 'updated_at')`).pluck().all() as string[]).join(', ');
  return {
    intervention: all(`SELECT ${columns('intervention')} FROM intervention ORDER BY id`),
    intervention_funding: all('SELECT i.id, f.funding FROM intervention_funding f JOIN intervention i ON i.rowid = f.intervention ORDER BY 1, 2'),
    intervention_link: all('SELECT i.id, l.level, l.plan_item, l.confidence FROM intervention_link l JOIN intervention i ON i.rowid = l.intervention ORDER BY 1, 3'),
    intervention_zone: all('SELECT i.id, z.zone FROM intervention_zone z JOIN intervention i ON i.rowid = z.intervention ORDER BY 1, 2'),
    intervention_rtree: all('SELECT i.id, r.min_lon, r.max_lon, r.min_lat, r.max_lat FROM intervention_rtree r LEFT JOIN intervention i ON i.rowid = r.id ORDER BY 1'),
    intervention_search: all('SELECT i.id, s.keys FROM intervention_search s LEFT JOIN intervention i ON i.rowid = s.rowid ORDER BY 1'),
    zone: all(`SELECT ${columns('zone')} FROM zone ORDER BY id`),
    plan: all('SELECT * FROM plan ORDER BY id'),
    plan_item: all('SELECT * FROM plan_item ORDER BY id'),
    plan_closure: all('SELECT * FROM plan_closure ORDER BY item, ancestor'),
    settlement: all('SELECT * FROM settlement ORDER BY ekatte'),
    layer: all('SELECT * FROM layer ORDER BY name'),
    // Not published content: the counters, and the consultation's random key (made by the migration).
    meta: all("SELECT key, value FROM meta WHERE key NOT IN ('revision', 'seeded_revision', 'consultation_revision', 'consultation_secret') ORDER BY key"),
  };
}

interface Tally {
  /** how far the file had got: a first run killed early leaves no file, an old schema or no seed */
  stage: 'no file' | 'schema' | 'unseeded' | 'seeded';
  acknowledged: number;
  refused: number;
  inFlightCommitted: number;
  inFlightLost: number;
}

/**
 * Everything wrong with the database at `path` after the runs in `runs` (each run's lines, the
 * last one killed), as sentences; none when it is sound. `reference` is a store the check reseeds
 * with what should be published.
 */
async function checkDatabase(path: string, runs: Loop[], reference: { store: Store; path: string }): Promise<{ problems: string[]; tally: Tally }> {
  const problems: string[] = [];
  const tally: Tally = { stage: 'no file', acknowledged: 0, refused: 0, inFlightCommitted: 0, inFlightLost: 0 };
  const problem = (text: string) => problems.push(text);

  // Killed before the first run had created the file, or brought its schema forward: the next run does.
  const opened = runs.some((r) => r.lines.some((l) => l.t === 'opened'));
  if (!existsSync(path)) {
    if (opened) problem('a run opened the store, but there is no database file');
    return { problems, tally };
  }

  const db = openFile(path);
  try {
    // SQLite's own checks.
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problem(`integrity_check: ${JSON.stringify(db.pragma('integrity_check'))}`);
    const foreign = db.pragma('foreign_key_check') as unknown[];
    if (foreign.length) problem(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 10))}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    tally.stage = 'schema';
    if (version < SCHEMA_VERSION) {
      if (opened) problem(`a run opened the store, but its schema is at version ${version}`);
      return { problems, tally };
    }
    const rtree = db.prepare("SELECT rtreecheck('intervention_rtree')").pluck().get();
    if (rtree !== 'ok') problem(`rtreecheck: ${rtree}`);
    // FTS5 checks itself only through an INSERT, so on a copy of the file and its WAL (recovered
    // there), which leaves the file as the kill left it for the next run.
    const copy = join(tempDir('crash-copy'), 'copy.sqlite');
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const writable = new Database(copy);
    try {
      writable.prepare("INSERT INTO intervention_search (intervention_search, rank) VALUES ('integrity-check', 1)").run();
    } catch (error) {
      problem(`FTS5 integrity-check: ${(error as Error).message}`);
    } finally {
      writable.close();
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }

    const meta = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
    const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
    const audit = db.prepare('SELECT id, actor, action, subject, detail FROM audit ORDER BY id').all() as AuditRow[];
    const revisions = db.prepare('SELECT kind, item, number, document, state, action, author, reason, reviewer, review_reason FROM revision ORDER BY kind, item, number').all() as RevisionRow[];
    const lines = runs.flatMap((r) => r.lines);

    // ------------------------------------------------ killed before the first seed committed
    tally.stage = 'unseeded';
    if (meta('seeded_revision') === null) {
      for (const table of ['intervention', 'zone', 'plan', 'plan_item', 'settlement', 'revision', 'audit', 'account'])
        if (count(`SELECT count(*) FROM ${table}`)) problem(`never seeded, yet ${table} has rows`);
      if (opened) problem('a run said it opened (and seeded) the store, but the store was never seeded');
      return { problems, tally };
    }
    tally.stage = 'seeded';
    if (meta('seeded_revision') !== '1') problem(`seeded_revision is ${meta('seeded_revision')}: the store was seeded more than once`);

    // ------------------------------------------------ accounts and sessions
    const accounts = db.prepare('SELECT id, email, role FROM account ORDER BY id').all() as { id: number; email: string; role: string }[];
    const accountOf = new Map(accounts.map((a) => [a.email, a.id]));
    const tried = (t: LoopLine['t']) => lines.filter((l) => l.t === t).length;
    for (const line of lines)
      if (line.t === 'ack-account' && !accounts.some((a) => a.id === line.id && a.email === loopEmail(line.role) && a.role === line.role))
        problem(`account ${line.id} (${line.role}) was acknowledged but is missing`);
    for (const a of accounts) {
      const created = audit.filter((r) => r.action === 'account.create' && r.subject === `account/${a.id}`);
      if (created.length !== 1) problem(`account ${a.id} has ${created.length} account.create audit records`);
    }
    if (accounts.length < tried('ack-account') || accounts.length > tried('try-account'))
      problem(`${accounts.length} accounts, but ${tried('ack-account')} acknowledged of ${tried('try-account')} tried`);
    const logins = audit.filter((r) => r.action === 'login');
    const sessions = count('SELECT count(*) FROM session');
    if (sessions !== logins.length) problem(`${sessions} sessions but ${logins.length} login audit records`);
    for (const a of accounts)
      if (count('SELECT count(*) FROM session WHERE account = ?', a.id) !== logins.filter((r) => r.subject === `account/${a.id}`).length)
        problem(`account ${a.id}: its sessions and its login audit records differ in number`);
    if (sessions < tried('ack-login') || sessions > tried('try-login'))
      problem(`${sessions} sessions, but ${tried('ack-login')} logins acknowledged of ${tried('try-login')} tried`);
    for (const r of audit)
      if (!EDIT_ACTIONS.has(r.action) && r.action !== 'login' && r.action !== 'account.create') problem(`audit ${r.id}: unexpected action ${r.action}`);

    // ------------------------------------------------ each write of the loop, by its reason
    const edits = audit.filter((r) => EDIT_ACTIONS.has(r.action)).map((r) => ({ ...r, parsed: JSON.parse(r.detail ?? 'null') as { revision: number; reason: string | null } }));
    const byTag = new Map<string, typeof edits>();
    for (const r of edits) {
      const tag = r.parsed?.reason ?? '';
      byTag.set(tag, [...(byTag.get(tag) ?? []), r]);
    }
    const claimed = new Set<string>();
    const revisionRow = (kind: string, id: string, number: number) => revisions.find((r) => r.kind === kind && r.item === id && r.number === number);
    for (const loop of runs) {
      const tries = loop.lines.filter((l): l is Extract<LoopLine, { t: 'try' }> => l.t === 'try');
      for (const [index, attempt] of tries.entries()) {
        const tag = tagOf(loop.run, attempt.n);
        const what = `run ${loop.run} write ${attempt.n} (${attempt.op} ${attempt.kind} ${attempt.id} over ${attempt.expected})`;
        claimed.add(tag);
        const rows = byTag.get(tag) ?? [];
        const rowsSay = () => JSON.stringify(rows.map((r) => [r.action, r.subject, r.parsed.revision]));
        const ack = loop.lines.find((l): l is Extract<LoopLine, { t: 'ack' }> => l.t === 'ack' && l.n === attempt.n);
        const refused = loop.lines.find((l) => l.t === 'refused' && l.n === attempt.n);
        const expectedAudit = auditOf(attempt);
        const whole = JSON.stringify(rows.map((r) => [r.action, r.subject])) === JSON.stringify(expectedAudit);
        if (refused) {
          tally.refused++;
          if (rows.length) problem(`${what} was refused, yet left audit records ${rowsSay()}`);
          if (revisions.some((r) => r.reason === tag || r.review_reason === tag)) problem(`${what} was refused, yet left revisions`);
          continue;
        }
        if (!ack) {
          if (index !== tries.length - 1) problem(`${what} has no answer, and is not the last write of its run`);
          if (rows.length === 0) tally.inFlightLost++;
          else if (whole) tally.inFlightCommitted++;
          else problem(`${what} was in flight at the kill and is half there: audit ${rowsSay()}`);
          continue;
        }
        tally.acknowledged++;
        if (!whole) {
          problem(`${what} was acknowledged (revision ${ack.revision}) but its audit records are ${rowsSay()}, not ${JSON.stringify(expectedAudit)}`);
          continue;
        }
        const revisionsSaid = rows.map((r) => r.parsed.revision);
        const expectedRevisions =
          attempt.op === 'publish' || attempt.op === 'reject' ? [attempt.expected] : attempt.op === 'unpublish' ? [ack.revision, ack.revision] : attempt.op === 'create-many' ? attempt.ids!.map(() => 1) : [ack.revision];
        if (JSON.stringify(revisionsSaid) !== JSON.stringify(expectedRevisions)) problem(`${what}: its audit records name revisions ${revisionsSaid}, not ${expectedRevisions}`);
        if (attempt.op !== 'publish' && attempt.op !== 'reject')
          for (const id of attempt.ids ?? [attempt.id]) {
            const number = attempt.op === 'create-many' ? 1 : ack.revision;
            const row = revisionRow(attempt.kind, id, number);
            if (!row) {
              problem(`${what} was acknowledged as ${attempt.kind} ${id} revision ${number}, which is missing`);
              continue;
            }
            if (row.reason !== tag) problem(`${what}: ${id} revision ${number} has reason ${row.reason}`);
            const action = attempt.op === 'unpublish' ? 'delete' : attempt.op === 'create-many' ? 'create' : attempt.op;
            if (row.action !== action) problem(`${what}: ${id} revision ${number} is a ${row.action}, not a ${action}`);
            const author = accountOf.get(loopEmail(['create', 'create-many', 'update', 'delete'].includes(attempt.op) ? 'editor' : 'publisher'));
            if (row.author !== author) problem(`${what}: ${id} revision ${number} has author ${row.author}, not ${author}`);
            const value = attempt.field ? at(JSON.parse(row.document ?? 'null'), attempt.field) : undefined;
            if (attempt.field && JSON.stringify(value) !== JSON.stringify(attempt.value))
              problem(`${what}: ${id} revision ${number} has ${attempt.field} = ${JSON.stringify(value)}, not ${JSON.stringify(attempt.value)}`);
            if (attempt.op === 'unpublish' && (row.document !== null || row.state !== 'published')) problem(`${what}: revision ${number} is not a published deletion`);
            if (attempt.op === 'delete' && row.document !== null) problem(`${what}: revision ${number} is a deletion with a record`);
          }
        if (attempt.op === 'publish' || attempt.op === 'reject') {
          const row = revisionRow(attempt.kind, attempt.id, attempt.expected!);
          const state = attempt.op === 'publish' ? 'published' : 'rejected';
          if (!row || row.state !== state || row.review_reason !== tag)
            problem(`${what} was acknowledged, but revision ${attempt.expected} is ${row ? `${row.state} (review reason ${row.review_reason})` : 'missing'}`);
        }
      }
    }
    for (const [tag, rows] of byTag)
      if (!claimed.has(tag)) problem(`audit records ${JSON.stringify(rows.map((r) => [r.id, r.action, r.subject]))} carry reason "${tag}", which no write of the loop sent`);

    // ------------------------------------------------ the audit log replayed gives the revision table
    const replay = new Map<string, Map<number, { state: string; reason: string | null; reviewReason: string | null; action: string }>>();
    for (const r of revisions)
      if (r.action === 'seed') {
        if (r.number !== 1 || r.state !== 'published' || r.author !== null || r.reason !== null) problem(`${r.kind}/${r.item}: seed revision ${r.number} is ${r.state}, by ${r.author}`);
        replay.set(subjectOf(r.kind, r.item), new Map([[1, { state: 'published', reason: null, reviewReason: null, action: 'seed' }]]));
      }
    for (const r of edits) {
      const states = replay.get(r.subject!) ?? new Map();
      replay.set(r.subject!, states);
      const pending = [...states].filter(([, s]) => s.state === 'draft').map(([n]) => n);
      if (r.action.startsWith('draft.')) {
        if (states.has(r.parsed.revision)) problem(`audit ${r.id}: ${r.subject} revision ${r.parsed.revision} drafted twice`);
        states.set(r.parsed.revision, { state: 'draft', reason: r.parsed.reason, reviewReason: null, action: r.action.slice('draft.'.length) });
        continue;
      }
      if (pending.length === 0 || Math.max(...pending) !== r.parsed.revision) problem(`audit ${r.id}: ${r.action} of ${r.subject} revision ${r.parsed.revision}, but the pending drafts are ${pending}`);
      for (const n of pending) states.set(n, { ...states.get(n)!, state: r.action === 'reject' ? 'rejected' : 'published', reviewReason: r.parsed.reason });
    }
    const seen = new Set<string>();
    for (const r of revisions) {
      const key = `${subjectOf(r.kind, r.item)}#${r.number}`;
      seen.add(key);
      const expected = replay.get(subjectOf(r.kind, r.item))?.get(r.number);
      if (!expected) {
        problem(`revision ${key} (${r.action}, ${r.state}, reason ${r.reason}) has no audit record`);
        continue;
      }
      if (expected.action !== r.action || expected.state !== r.state || expected.reason !== r.reason || expected.reviewReason !== r.review_reason)
        problem(`revision ${key} is ${JSON.stringify([r.action, r.state, r.reason, r.review_reason])}; its audit records say ${JSON.stringify([expected.action, expected.state, expected.reason, expected.reviewReason])}`);
      if ((r.state === 'draft') !== (r.reviewer === null) && r.action !== 'seed') problem(`revision ${key} is ${r.state} with reviewer ${r.reviewer}`);
    }
    for (const [subject, states] of replay)
      for (const n of states.keys()) if (!seen.has(`${subject}#${n}`)) problem(`the audit log drafts ${subject} revision ${n}, which is missing`);
    for (const [subject, states] of replay) {
      if (states.size === 1 && states.get(1)?.action === 'seed') problem(`${subject}: a seed revision without the draft written with it`);
      const numbers = [...states.keys()].sort((a, b) => a - b);
      if (numbers.some((n, i) => n !== i + 1)) problem(`${subject}: revisions ${numbers} are not 1, 2, 3 …`);
    }

    const publications = edits.filter((r) => r.action === 'publish' || r.action === 'unpublish').length;
    if (Number(meta('revision')) !== 1 + publications) problem(`meta.revision is ${meta('revision')}, but the store was seeded at 1 and published ${publications} times since`);

    // ------------------------------------------------ the published tables hold the latest published revisions
    const published = new Map<string, string | null>();
    for (const [subject, states] of replay) {
      const latest = Math.max(...[...states].filter(([, s]) => s.state === 'published').map(([n]) => n));
      if (!Number.isFinite(latest)) continue;
      const [kind, id] = [subject.slice(0, subject.indexOf('/')), subject.slice(subject.indexOf('/') + 1)];
      published.set(subject, revisionRow(kind, id, latest)?.document ?? null);
    }
    const expectedOf = (kind: string, id: string, fromFixture: unknown) =>
      published.has(subjectOf(kind, id)) ? published.get(subjectOf(kind, id))! : fromFixture === undefined ? null : JSON.stringify(fromFixture);

    const interventions = new Map(db.prepare('SELECT id, document FROM intervention').raw().all() as [string, string][]);
    const interventionIds = new Set([...fixture.interventions.map((i) => i.id), ...[...published.keys()].filter((s) => s.startsWith('intervention/')).map((s) => s.slice('intervention/'.length))]);
    for (const id of interventionIds) {
      const expected = expectedOf('intervention', id, fixture.interventions.find((i) => i.id === id));
      if ((interventions.get(id) ?? null) !== expected)
        problem(`intervention ${id}: the published document is ${interventions.get(id)?.slice(0, 200) ?? 'absent'}, its latest published revision says ${expected?.slice(0, 200) ?? 'absent'}`);
    }
    for (const id of interventions.keys()) if (!interventionIds.has(id)) problem(`intervention ${id} is published, but no published revision has it`);
    // "Last updated" is the review time of the newest published revision; null while only the seed is.
    const times = db
      .prepare(
        `SELECT i.id, i.updated_at AS have, (SELECT r.reviewed_at FROM revision r WHERE r.kind = 'intervention' AND r.item = i.id AND r.state = 'published' ORDER BY r.number DESC LIMIT 1) AS want
         FROM intervention i`,
      )
      .all() as { id: string; have: string | null; want: string | null }[];
    for (const t of times) if (t.have !== t.want) problem(`intervention ${t.id}: updated_at is ${t.have}, its newest publication was at ${t.want}`);
    const zones = new Map(db.prepare('SELECT id, feature FROM zone').raw().all() as [string, string][]);
    for (const z of fixture.zones) if ((zones.get(z.id) ?? null) !== expectedOf('zone', z.id, z)) problem(`zone ${z.id}: the published feature differs from its latest published revision`);
    const planItems = new Map((db.prepare('SELECT id, level, item FROM plan_item').raw().all() as [string, string, string][]).map(([id, level, item]) => [id, { level, ...JSON.parse(item) }]));
    for (const level of ['goal', 'priority', 'measure'] as const)
      for (const item of fixture.plans[0][LEVEL_ARRAY[level]]) {
        const expected = JSON.parse(expectedOf('plan-item', item.id, { level, ...item }) ?? 'null');
        if (!isDeepStrictEqual(planItems.get(item.id) ?? null, expected)) problem(`plan item ${item.id}: the published row differs from its latest published revision`);
      }

    // Row for row what a seed of those records writes: every derived row, and nothing else.
    // The plan keeps its items in the order the store has them: an item deleted and brought back
    // comes back at the end of its level.
    const plan = structuredClone(fixture.plans[0]) as Record<string, any>;
    const planId = meta('plan_id');
    const stored = JSON.parse(db.prepare('SELECT document FROM plan WHERE id = ?').pluck().get(planId) as string) as Record<string, { id: string }[]>;
    for (const level of ['goal', 'priority', 'measure'] as const) {
      const items = fixture.plans[0][LEVEL_ARRAY[level]] as { id: string }[];
      const order = [...new Set([...stored[LEVEL_ARRAY[level]].map((i) => i.id), ...items.map((i) => i.id)])];
      plan[LEVEL_ARRAY[level]] = order.flatMap((id) => {
        const expected = expectedOf('plan-item', id, items.find((i) => i.id === id) && { level, ...items.find((i) => i.id === id) });
        if (expected === null) return [];
        const { level: _, ...record } = JSON.parse(expected);
        return [record];
      });
    }
    const dataset: Dataset = {
      ...fixture,
      plans: [Plan.parse(plan)],
      interventions: [...interventionIds].filter((id) => interventions.has(id)).sort().map((id) => JSON.parse(interventions.get(id)!)),
      zones: fixture.zones.flatMap((z) => {
        const expected = expectedOf('zone', z.id, z);
        return expected === null ? [] : [JSON.parse(expected)];
      }),
    };
    await reference.store.seed(dataset, fixtureHash);
    const ref = openFile(reference.path);
    try {
      const want = publishedRows(ref);
      const have = publishedRows(db);
      for (const table of Object.keys(want))
        if (JSON.stringify(have[table]) !== JSON.stringify(want[table])) {
          const extra = have[table].filter((row) => !want[table].some((w) => JSON.stringify(w) === JSON.stringify(row)));
          const missing = want[table].filter((row) => !have[table].some((h) => JSON.stringify(h) === JSON.stringify(row)));
          problem(`${table} differs from a seed of the published records: extra ${JSON.stringify(extra).slice(0, 600)}, missing ${JSON.stringify(missing).slice(0, 600)}`);
        }
    } finally {
      ref.close();
    }
  } finally {
    db.close();
  }
  return { problems, tally };
}

// ---------------------------------------------------------------- the test

describe('kill -9 during writes', () => {
  it(`leaves a sound database with every acknowledged write, killed up to ${CYCLES} times (seed ${SEED})`, { timeout: BUDGET_MS + 150_000 }, async () => {
    console.info(`crash test: seed ${SEED}, ${CYCLES} cycles (replay the choices with CRASH_SEED=${SEED})`);
    const random = generator(SEED);
    const path = join(tempDir('crash'), 'piro.sqlite');
    const reference = await seededStore(MINI, 'crash-reference');
    const runs: Loop[] = [];
    let tally: Tally | null = null;
    let firstStage = '';
    const started = performance.now();
    // Every choice up front, so a seed replays them whatever the timing. Where to kill: the first
    // run early (while it seeds or signs in), some runs while they start on a file killed
    // mid-write, most while they write.
    const plans = Array.from({ length: CYCLES }, (_, run) => {
      const seed = Math.floor(random.next() * 2 ** 31);
      const early = run === 0 || random.next() < 0.15;
      const delay = Math.round(early ? random.next() * (run === 0 ? 150 : 400) : 30 + random.next() * 370);
      return { seed, early, delay, after: (early ? (run === 0 ? 'start' : 'opened') : 'ack') as LoopLine['t'] };
    });
    // Runs load their modules (about 2 s of tsx, zod, Turf) ahead, while earlier runs write and are checked.
    const ahead: Loop[] = [];
    const fill = () => {
      while (ahead.length < AHEAD && runs.length + ahead.length < CYCLES) {
        const run = runs.length + ahead.length;
        ahead.push(startLoop(path, run, plans[run].seed));
      }
    };
    try {
      for (let run = 0; run < CYCLES; run++) {
        if (run >= MIN_CYCLES && performance.now() - started > BUDGET_MS) break;
        fill();
        const loop = ahead.shift()!;
        runs.push(loop);
        loop.child.stdin!.end('go\n');
        fill();
        const { delay, early, after } = plans[run];
        const t0 = performance.now();
        await loop.waitFor((l) => l.t === after);
        const t1 = performance.now();
        await new Promise((resolve) => setTimeout(resolve, delay));
        loop.child.kill('SIGKILL');
        const end = await loop.closed;
        const when = `run ${run}, killed ${delay} ms after its first ${early ? (run === 0 ? 'line' : 'open') : 'acknowledged write'}`;
        expect(end.signal, `${when}: the loop ended by itself:\n${loop.stderr()}`).toBe('SIGKILL');
        expect(end.partial, `${when}: a line was cut`).toBe('');

        const t2 = performance.now();
        const checked = await checkDatabase(path, runs, reference);
        if (process.env.CRASH_DEBUG) console.info(`run ${run}: wait ${Math.round(t1 - t0)} ms, delay ${delay}, kill→check ${Math.round(t2 - t1 - delay)} ms, check ${Math.round(performance.now() - t2)} ms, ${loop.lines.length} lines`);
        tally = checked.tally;
        if (run === 0) firstStage = tally.stage;
        const problems = checked.problems;
        const last = loop.lines.filter((l) => l.t === 'try').at(-1);
        expect(problems.join('\n'), `${when} (last write tried: ${JSON.stringify(last)}; seed ${SEED}; database ${path})`).toBe('');
      }
    } finally {
      for (const waiting of ahead) waiting.child.kill('SIGKILL');
      await reference.store.close();
    }
    console.info(
      `crash test: ${runs.length} kills in ${Math.round((performance.now() - started) / 1000)} s; ${tally!.acknowledged} acknowledged writes, ` +
        `${tally!.refused} refused; at the kills ${tally!.inFlightCommitted} writes in flight had committed, ${tally!.inFlightLost} had not; ` +
        `the first kill left the file ${firstStage === 'seeded' ? 'seeded' : `at stage "${firstStage}"`}`,
    );
    // Each run killed while writing waited for an acknowledged write: the check saw at least those.
    expect(tally!.acknowledged).toBeGreaterThanOrEqual(plans.slice(0, runs.length).filter((p) => !p.early).length);
  });

  // A green crash test means something only if the check can go red: here it meets, on copies of a
  // killed database, what a lost or half-applied write would have left.
  it('finds what a lost or half-applied write would leave', { timeout: 60_000 }, async () => {
    const path = join(tempDir('crash-check'), 'piro.sqlite');
    const reference = await seededStore(MINI, 'crash-check-reference');
    const loop = startLoop(path, 0, 20240611);
    try {
      loop.child.stdin!.end('go\n');
      await loop.waitFor((l) => l.t === 'ack' && l.op === 'publish' && l.kind === 'intervention');
      await loop.waitFor((l) => l.t === 'ack' && l.op === 'update' && l.kind === 'intervention');
      await loop.waitFor((l) => l.t === 'ack' && l.n >= 40);
      loop.child.kill('SIGKILL');
      await loop.closed;

      const acks = loop.lines.filter((l): l is Extract<LoopLine, { t: 'ack' }> => l.t === 'ack');
      const lastOf = (op: LoopOp) => acks.filter((a) => a.op === op && a.kind === 'intervention').at(-1)!;
      const published = lastOf('publish');
      const drafted = lastOf('update');
      const copyWith = (change: (db: Database.Database) => void) => {
        const copy = join(tempDir('crash-tamper'), 'piro.sqlite');
        copyFileSync(path, copy);
        if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
        const db = new Database(copy);
        change(db);
        db.close();
        return copy;
      };
      const problemsWith = async (change: (db: Database.Database) => void) => {
        const copy = copyWith(change);
        const { problems } = await checkDatabase(copy, [loop], reference);
        rmSync(join(copy, '..'), { recursive: true, force: true });
        return problems.join('\n');
      };

      expect(await problemsWith(() => {})).toBe('');
      const cases: [string, (db: Database.Database) => void, RegExp][] = [
        ['an acknowledged draft lost', (db) => db.prepare('DELETE FROM revision WHERE reason = ?').run(tagOf(0, drafted.n)), /acknowledged as intervention \S+ revision \d+, which is missing/],
        ['an acknowledged publication not in the published rows', (db) => db.prepare("UPDATE intervention SET document = json_set(document, '$.properties.statusText', 'stale') WHERE id = ?").run(published.id), /the published document is/],
        ['a publication whose revisions stayed drafts', (db) => db.prepare("UPDATE revision SET state = 'draft', reviewer = NULL, review_reason = NULL WHERE review_reason = ?").run(tagOf(0, published.n)), /acknowledged, but revision \d+ is draft/],
        ['a draft without its audit record', (db) => {
          db.exec('DROP TRIGGER audit_no_delete');
          db.prepare("DELETE FROM audit WHERE json_extract(detail, '$.reason') = ?").run(tagOf(0, drafted.n));
        }, /has no audit record/],
        ['an audit record without its change', (db) => db.prepare("INSERT INTO audit (at, actor, action, subject, detail) VALUES ('2024-01-01', 1, 'draft.update', 'intervention/TST-001', ?)").run(JSON.stringify({ revision: 999, reason: 'loop r0 n999' })), /which no write of the loop sent/],
        ['the store revision not bumped', (db) => db.exec("UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE key = 'revision'"), /meta\.revision is/],
        ['a "last updated" no publication wrote', (db) => db.exec("UPDATE intervention SET updated_at = '2099-01-01T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM intervention)"), /updated_at is 2099-01-01T00:00:00\.000Z, its newest publication was at/],
        ['a box left behind', (db) => db.exec('DELETE FROM intervention_rtree WHERE id = (SELECT min(id) FROM intervention_rtree)'), /intervention_rtree differs/],
        ['stale search keys', (db) => db.exec("UPDATE intervention_search SET keys = 'stale' WHERE rowid = (SELECT min(rowid) FROM intervention_search)"), /intervention_search differs/],
        ['a zone link lost', (db) => db.exec('DELETE FROM intervention_zone WHERE (zone, intervention) IN (SELECT zone, intervention FROM intervention_zone LIMIT 1)'), /intervention_zone differs/],
        ['a link lost', (db) => db.exec('DELETE FROM intervention_link WHERE (plan_item, intervention) IN (SELECT plan_item, intervention FROM intervention_link LIMIT 1)'), /intervention_link differs/],
        ['a programme total not netted', (db) => db.exec("UPDATE intervention SET budget_eur_net = coalesce(budget_eur_net, 0) + 1 WHERE kind = 'programme'"), /intervention differs/],
        ['the plan hierarchy half rewritten', (db) => db.exec("DELETE FROM plan_closure WHERE item = (SELECT max(item) FROM plan_closure) AND ancestor <> item"), /plan_closure differs/],
      ];
      for (const [what, change, expected] of cases) expect(await problemsWith(change), what).toMatch(expected);
    } finally {
      if (loop.child.exitCode === null && loop.child.signalCode === null) loop.child.kill('SIGKILL');
      await reference.store.close();
    }
  });
});
