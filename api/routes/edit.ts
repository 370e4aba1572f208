// The write API, one router per kind of item (interventions, plan items, zones), all the same shape:
//   POST   /api/{kind}                 create (one record, or a collection of at most 100)
//   GET    /api/{kind}/{id}            the head as editors see it, drafts included (interventions: see interventions.ts)
//   PATCH  /api/{kind}/{id}            RFC 7396 merge patch over the head
//   DELETE /api/{kind}/{id}            a deletion, as a draft
//   POST   /api/{kind}/{id}/publish | reject | unpublish | revert?to=N
//   GET    /api/{kind}/{id}/history
// Every change is a draft until a publisher publishes it; every write needs If-Match (except a
// create) and answers the new ETag. The store checks the ETag again inside its transaction.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { EditRefused, etagOf, LIMITS, prepareRecord, RECORD_SCHEMA, staleRefusal, type EditRecord, type Head, type ItemKind } from '../../data/editing.ts';
import { AuditPage, fieldChanges, History, mergePatch, ReviewQueue, WriteResult, WriteResults, type Role } from '../../geo/editing.ts';
import { requireRole, type AppEnv } from '../auth.ts';
import { ifMatch, limitBody, readJson, reasonOf } from '../body.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { AUDIT_PARAMS, parseQuery, REASON_PARAM, REVERT_PARAMS } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';

export interface KindRoute {
  kind: ItemKind;
  /** the collection's path under /api */
  base: string;
  /** what one body of the collection is, for error messages */
  many: string;
}

export const EDITABLE: KindRoute[] = [
  { kind: 'intervention', base: '/interventions', many: 'a GeoJSON FeatureCollection' },
  { kind: 'plan-item', base: '/plan/items', many: 'a JSON array' },
  { kind: 'zone', base: '/zones', many: 'a GeoJSON FeatureCollection' },
];

/** The records of a create body: one record, or the members of a collection. */
function recordsOf(kind: ItemKind, body: unknown): { records: unknown[]; collection: boolean } {
  if (kind === 'plan-item') return Array.isArray(body) ? { records: body, collection: true } : { records: [body], collection: false };
  const fc = body as { type?: unknown; features?: unknown };
  if (fc && typeof fc === 'object' && fc.type === 'FeatureCollection') {
    if (!Array.isArray(fc.features)) throw new ApiError(400, 'invalid_body', 'a FeatureCollection needs a features array', [{ path: 'features', message: 'expected an array' }]);
    return { records: fc.features, collection: true };
  }
  return { records: [body], collection: false };
}

/** prepareRecord, with the position in a collection in front of each problem's path. */
function prepareAt(kind: ItemKind, raw: unknown, prefix: string): EditRecord {
  try {
    return prepareRecord(kind, raw);
  } catch (error) {
    if (error instanceof EditRefused && prefix && Array.isArray(error.details))
      throw new EditRefused(error.code, `${prefix.slice(0, -1)}: ${error.message}`, (error.details as { path: string }[]).map((p) => ({ ...p, path: prefix + p.path })));
    throw error;
  }
}

/** The head revision an If-Match names, or -1 when it names none of this store's (then the store answers 412). */
async function expectedRevision(deps: Deps, c: Context): Promise<number> {
  const seed = (await deps.store.seedState()).seededRevision;
  // Compared character by character (RFC 9110 §13.1.1): "1.01" is not "1.1".
  for (const tag of ifMatch(c)) {
    const m = /^"\d{1,15}\.(\d{1,15})"$/.exec(tag);
    if (m && tag === etagOf(seed, Number(m[1]))) return Number(m[1]);
  }
  return -1;
}

/** The ETag of a head, on the seed the store stands on now. */
async function etagNow(deps: Deps, head: Head): Promise<string> {
  return etagOf((await deps.store.seedState()).seededRevision, head.head);
}

async function headOr404(deps: Deps, kind: ItemKind, id: string): Promise<Head> {
  const head = await deps.store.head(kind, id);
  if (!head) throw new ApiError(404, 'not_found', `no ${kind} with id "${id.slice(0, 100)}"`, { id: id.slice(0, 100) });
  return head;
}

/** The head as editors read it: the record as written, its revision, private to the session. */
export async function editorRead(c: Context<AppEnv>, deps: Deps, kind: ItemKind, id: string) {
  requireRole(c, 'editor');
  parseQuery(c.req.url, []);
  const head = await headOr404(deps, kind, id);
  const etag = await etagNow(deps, head);
  // no-transform: compression would weaken the ETag (W/…), and If-Match compares strongly (RFC 9110).
  const headers = { ETag: etag, 'Cache-Control': 'private, no-store, no-transform', 'Content-Type': kind === 'plan-item' ? 'application/json' : 'application/geo+json' };
  if (head.record === null)
    throw new ApiError(404, 'deleted', `${kind} ${id} is deleted in revision ${head.head}${head.state === 'draft' ? ' (a draft)' : ''}; revert to restore it`, { revision: head.head, state: head.state, etag }, { ETag: etag });
  const editing = { revision: head.head, state: head.state, published: head.published };
  return c.body(JSON.stringify({ ...head.record, editing }), 200, headers);
}

function written(c: Context, deps: Deps, base: string, result: WriteResult, status: 200 | 201 = 200) {
  const headers: Record<string, string> = { ETag: result.etag, 'Cache-Control': 'no-store, no-transform' };
  if (status === 201) headers.Location = `${deps.publicUrl()}/api${base}/${encodeURIComponent(result.item)}`;
  return c.json(result, status, headers);
}

export function editRoutes(deps: Deps, { kind, base, many }: KindRoute) {
  const r = new Hono<AppEnv>();
  r.use('*', limitBody());
  const actor = (c: Context<AppEnv>, role: Role) => {
    const { account } = requireRole(c, role);
    return { id: account.id, email: account.email };
  };

  r.post('/', async (c) => {
    const who = actor(c, 'editor');
    const reason = reasonOf(c, parseQuery(c.req.url, [REASON_PARAM]).reason);
    const { records, collection } = recordsOf(kind, await readJson(c));
    if (records.length > LIMITS.items)
      throw new ApiError(413, 'too_many_items', `${records.length} records in one request; at most ${LIMITS.items}`, { count: records.length, limit: LIMITS.items });
    if (records.length === 0)
      throw new ApiError(400, 'invalid_body', `${many} with no records creates nothing`, [{ path: kind === 'plan-item' ? '(record)' : 'features', message: 'at least one record' }]);
    const prepared = records.map((raw, i) => prepareAt(kind, raw, collection ? `${i}.` : ''));
    const results = await deps.store.saveDrafts(
      prepared.map((record) => ({ kind, id: record.id, expected: null, record, action: 'create' as const, reason })),
      who,
    );
    return collection ? c.json({ items: results }, 201, { 'Cache-Control': 'no-store' }) : written(c, deps, base, results[0], 201);
  });

  if (kind !== 'intervention') r.get('/:id', async (c) => editorRead(c, deps, kind, c.req.param('id')));

  r.patch('/:id', async (c) => {
    const who = actor(c, 'editor');
    const id = c.req.param('id');
    const reason = reasonOf(c, parseQuery(c.req.url, [REASON_PARAM]).reason);
    const expected = await expectedRevision(deps, c);
    const patch = await readJson(c);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw new ApiError(400, 'invalid_body', 'a merge patch (RFC 7396) of the record is a JSON object', [{ path: '(record)', message: 'expected an object' }]);
    const head = await headOr404(deps, kind, id);
    // Checked here for a quick answer; the store checks again inside its transaction.
    if (head.head !== expected) throw staleRefusal(head, (await deps.store.seedState()).seededRevision, expected);
    if (head.record === null) throw new EditRefused('deleted', `${kind} ${id} is deleted; revert to an earlier revision to restore it`);
    const merged = mergePatch(head.record, patch) as { id?: unknown; properties?: { id?: unknown } };
    if (merged.id !== id || (kind !== 'plan-item' && merged.properties?.id !== id))
      throw new ApiError(400, 'invalid_body', 'the id of an item cannot change; create a new item instead', [{ path: 'id', message: `must stay ${id}` }]);
    const record = prepareRecord(kind, merged, head.record);
    // Nothing would change: no empty revision in the history.
    if (fieldChanges(head.record, record).length === 0) {
      return written(c, deps, base, { kind, item: id, revision: head.head, state: head.state, etag: await etagNow(deps, head), published: head.published });
    }
    const [result] = await deps.store.saveDrafts([{ kind, id, expected, record, action: 'update', reason }], who);
    return written(c, deps, base, result);
  });

  r.delete('/:id', async (c) => {
    const who = actor(c, 'editor');
    const id = c.req.param('id');
    const reason = reasonOf(c, parseQuery(c.req.url, [REASON_PARAM]).reason);
    const expected = await expectedRevision(deps, c);
    const [result] = await deps.store.saveDrafts([{ kind, id, expected, record: null, action: 'delete', reason }], who);
    return written(c, deps, base, result);
  });

  for (const step of ['publish', 'reject', 'unpublish'] as const)
    r.post(`/:id/${step}`, async (c) => {
      const who = actor(c, 'publisher');
      const id = c.req.param('id');
      const reason = reasonOf(c, parseQuery(c.req.url, [REASON_PARAM]).reason);
      const expected = await expectedRevision(deps, c);
      if (step !== 'publish' && reason === null) throw new ApiError(400, 'reason_required', `say why (reason=… or X-Change-Reason): the editor and the history read it`);
      return written(c, deps, base, await deps.store[step]({ kind, id, expected, reason }, who));
    });

  r.post('/:id/revert', async (c) => {
    const who = actor(c, 'publisher');
    const id = c.req.param('id');
    const q = parseQuery(c.req.url, REVERT_PARAMS);
    if (q.to === undefined) throw new ApiError(400, 'missing_parameter', 'name the revision to bring back: ?to=N (see the history)', { parameter: 'to' });
    const reason = reasonOf(c, q.reason);
    const expected = await expectedRevision(deps, c);
    const revision = await deps.store.revisionOf(kind, id, q.to);
    if (!revision) throw new ApiError(404, 'not_found', `${kind} ${id.slice(0, 100)} has no revision ${q.to}`);
    // The earlier record must still be valid; it is written back exactly as it was, byte for byte.
    if (revision.document !== null) prepareRecord(kind, revision.document);
    const [result] = await deps.store.saveDrafts(
      [{ kind, id, expected, record: revision.document as EditRecord | null, action: 'revert', revertsTo: q.to, reason }],
      who,
    );
    return written(c, deps, base, result);
  });

  r.get('/:id/history', async (c) => {
    actor(c, 'editor');
    parseQuery(c.req.url, []);
    const id = c.req.param('id');
    const history = await deps.store.history(kind, id);
    if (!history) throw new ApiError(404, 'not_found', `no ${kind} with id "${id.slice(0, 100)}"`);
    return c.json(history, 200, { 'Cache-Control': 'private, no-store' });
  });
  return r;
}

/** GET /api/review (editors read it, publishers act on it) and GET /api/audit (admins). */
export function reviewRoutes(deps: Deps) {
  const r = new Hono<AppEnv>();
  r.get('/review', async (c) => {
    requireRole(c, 'editor');
    parseQuery(c.req.url, []);
    return c.json({ items: await deps.store.review() }, 200, { 'Cache-Control': 'private, no-store' });
  });
  r.get('/audit', async (c) => {
    requireRole(c, 'admin');
    const q = parseQuery(c.req.url, AUDIT_PARAMS);
    const limit = q.limit ?? 100;
    const entries = await deps.store.audit({ before: q.before, limit });
    return c.json({ entries, next: entries.length === limit ? entries.at(-1)!.id : null }, 200, { 'Cache-Control': 'private, no-store' });
  });
  return r;
}

// ---------------------------------------------------------------- OpenAPI

const errorsOfWrite = [401, 403, 404, 409, 412, 413, 415, 428];

export function editRouteDocs(): RouteDoc[] {
  const docs: RouteDoc[] = [];
  for (const { kind, base, many } of EDITABLE) {
    const path = `/api${base}`;
    const noun = { intervention: 'intervention', 'plan-item': 'plan item', zone: 'zone' }[kind];
    const a = `${noun === 'intervention' ? 'an' : 'a'} ${noun}`;
    const tags = ['editing'];
    docs.push(
      { method: 'post', path, summary: `Create ${a} as a draft (or up to ${LIMITS.items} from ${many})`, tags, query: [REASON_PARAM], role: 'editor', requestBody: { type: kind === 'plan-item' ? 'application/json' : 'application/geo+json', schema: z.union([RECORD_SCHEMA[kind], kind === 'plan-item' ? z.array(RECORD_SCHEMA[kind]) : z.object({ type: z.literal('FeatureCollection'), features: z.array(RECORD_SCHEMA[kind]) })]), description: `the ${noun} (or ${many} of them)` }, response: { type: 'application/json', schema: z.union([WriteResult, WriteResults]), description: 'the draft written', status: 201 }, errors: [401, 403, 409, 413, 415] },
      ...(kind === 'intervention' ? [] : [{ path: `${path}/{id}`, summary: `The ${noun} as editors see it: the latest revision, a pending draft included (in \`editing\`)`, tags, role: 'editor' as const, pathParams: [{ name: 'id', description: `${noun} id` }], response: { type: 'application/json', description: `the ${noun} with its revision` }, errors: [401, 403, 404] }]),
      { method: 'patch', path: `${path}/{id}`, summary: `Change ${a}: an RFC 7396 merge patch over the revision named by If-Match, written as a draft`, tags, query: [REASON_PARAM], role: 'editor', requestBody: { type: 'application/merge-patch+json', schema: z.record(z.string(), z.unknown()), description: 'members to change; null removes a member (RFC 7396). Plain application/json is accepted too' }, pathParams: [{ name: 'id', description: `${noun} id` }], response: { type: 'application/json', schema: WriteResult, description: 'the draft written (or the head, when the patch changes nothing)' }, errors: errorsOfWrite },
      { method: 'delete', path: `${path}/{id}`, summary: `Delete ${a}: a draft that, once published, takes it off the public map (revert restores it)`, tags, query: [REASON_PARAM], role: 'editor', pathParams: [{ name: 'id', description: `${noun} id` }], response: { type: 'application/json', schema: WriteResult, description: 'the deletion draft' }, errors: errorsOfWrite },
      ...(['publish', 'reject', 'unpublish'] as const).map((step) => ({
        method: 'post' as const,
        path: `${path}/{id}/${step}`,
        summary: { publish: `Publish the pending drafts of ${a} (up to the revision If-Match names)`, reject: `Discard the pending drafts of ${a}, with a reason`, unpublish: `Take ${a} off the public map at once (a deletion, published)` }[step],
        tags,
        query: [REASON_PARAM],
        role: 'publisher' as const,
        pathParams: [{ name: 'id', description: `${noun} id` }],
        response: { type: 'application/json', schema: WriteResult, description: 'the item after the step' },
        errors: errorsOfWrite,
      })),
      { method: 'post', path: `${path}/{id}/revert`, summary: `Bring back an earlier revision of ${a}, as a new draft`, tags, query: [...REVERT_PARAMS], role: 'publisher', pathParams: [{ name: 'id', description: `${noun} id` }], response: { type: 'application/json', schema: WriteResult, description: 'the revert draft' }, errors: errorsOfWrite },
      { path: `${path}/{id}/history`, summary: `Every revision of ${a}: who, when, why, what changed, who reviewed it`, tags, role: 'editor', pathParams: [{ name: 'id', description: `${noun} id` }], response: { type: 'application/json', schema: History, description: 'the history' }, errors: [401, 403, 404] },
    );
  }
  docs.push(
    { path: '/api/review', summary: 'Drafts waiting for review, each with a field-by-field diff and the geometry before and after', tags: ['editing'], role: 'editor', response: { type: 'application/json', schema: ReviewQueue, description: 'the review queue' }, errors: [401, 403] },
    { path: '/api/audit', summary: 'The audit log (logins, account changes, drafts, publications, reverts), newest first', tags: ['accounts'], role: 'admin', query: [...AUDIT_PARAMS], response: { type: 'application/json', schema: AuditPage, description: 'one page of the log' }, errors: [401, 403] },
  );
  return docs;
}
