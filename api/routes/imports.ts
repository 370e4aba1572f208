// Imports of GIS files (issue 12):
//   POST  /api/imports               multipart: file, into, and optionally crs, encoding, layer → the preview
//   GET   /api/imports/{id}          the preview again, over the data as it is now
//   PATCH /api/imports/{id}          another CRS, encoding, layer or mapping → the new preview
//   POST  /api/imports/{id}/commit   writes what the last preview showed (drafts, or a reference layer)
// A batch is its uploader's: another account gets a 404, as for an id that does not exist.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CRS } from '../../geo/crs.ts';
import { ImportTarget } from '../../geo/import-mapping.ts';
import { ImportCommitted, ImportPreview } from '../../geo/import-preview.ts';
import { BatchOptions, IMPORT_CRS, newBatch, withOptions } from '../../data/import/batch.ts';
import type { ImportBatch } from '../../data/imports.ts';
import { commitBatch, CommitRefused, previewDigest } from '../../data/import/commit.ts';
import { plan, type Preview } from '../../data/import/preview.ts';
import { ENCODINGS, ImportRefused } from '../../data/import/source.ts';
import { requireRole, type AppEnv } from '../auth.ts';
import { limitBody, readJson } from '../body.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';

/** An upload larger than this is refused before it is read to the end: a municipality's ОУП zoning is a few MB. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

const REFUSED_STATUS: Record<ImportRefused['code'], 400 | 413 | 415 | 422> = {
  unsupported_format: 415,
  unreadable: 400,
  empty: 422,
  crs_unknown: 422,
  crs_ks1970: 422,
  too_large: 413,
};

/** The preview of a batch, kept with the heads it saw and its digest so the commit writes exactly that. */
async function previewed(deps: Deps, batch: ImportBatch, actor: { id: number; email: string }): Promise<Preview> {
  let planned;
  try {
    planned = await plan(deps.store, batch, actor);
  } catch (error) {
    if (error instanceof ImportRefused) throw new ApiError(REFUSED_STATUS[error.code], error.code, error.message, { file: batch.fileName });
    throw error;
  }
  await deps.store.saveImport({ ...batch, seen: planned.seen, digest: previewDigest(planned.preview) });
  return planned.preview;
}

function problemsOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

export function importRoutes(deps: Deps) {
  const r = new Hono<AppEnv>();
  const actorOf = (c: Context<AppEnv>) => {
    const { account } = requireRole(c, 'editor');
    return { id: account.id, email: account.email };
  };
  const batchOf = async (c: Context<AppEnv>, accountId: number): Promise<ImportBatch> => {
    const id = c.req.param('id') ?? '';
    const batch = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await deps.store.importBatch(id) : null;
    if (!batch || batch.account !== accountId) throw new ApiError(404, 'not_found', `no import "${id.slice(0, 64)}" of yours (an upload is kept for a day)`);
    return batch;
  };

  r.post('/', limitBody(MAX_IMPORT_BYTES), async (c) => {
    const actor = actorOf(c);
    parseQuery(c.req.url, []);
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'multipart/form-data')
      throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data with the fields file and into', { accepted: ['multipart/form-data'] });
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ApiError(400, 'invalid_body', 'the multipart body cannot be read');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'invalid_body', 'name the file in the form field "file"', [{ path: 'file', message: 'a file is required' }]);
    const target = ImportTarget.safeParse(form.into);
    if (!target.success) throw new ApiError(400, 'invalid_body', 'say what to import into: into=interventions, zones or layer:NAME', [{ path: 'into', message: target.error.issues[0].message }]);
    const text = (name: string) => (typeof form[name] === 'string' && form[name] ? form[name] : undefined);
    const options = BatchOptions.safeParse({ crs: text('crs'), encoding: text('encoding'), layer: text('layer'), title: text('title') });
    if (!options.success) throw new ApiError(400, 'invalid_body', 'an option is not valid', problemsOf(options.error));
    const batch = newBatch({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, target.data, actor.id, options.data);
    const preview = await previewed(deps, batch, actor);
    return c.json(preview, 201, { Location: `${deps.publicUrl()}/api/imports/${batch.id}`, 'Cache-Control': 'private, no-store' });
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    parseQuery(c.req.url, []);
    const batch = await batchOf(c, actor.id);
    return c.json(await previewed(deps, batch, actor), 200, { 'Cache-Control': 'private, no-store' });
  });

  r.patch('/:id', limitBody(), async (c) => {
    const actor = actorOf(c);
    parseQuery(c.req.url, []);
    const batch = await batchOf(c, actor.id);
    const options = BatchOptions.safeParse(await readJson(c));
    if (!options.success) throw new ApiError(400, 'invalid_body', 'an option is not valid', problemsOf(options.error));
    if (batch.committedAt) throw new ApiError(409, 'committed', `import ${batch.id} was committed at ${batch.committedAt}; upload the file again to import it again`);
    return c.json(await previewed(deps, withOptions(batch, options.data), actor), 200, { 'Cache-Control': 'private, no-store' });
  });

  r.post('/:id/commit', async (c) => {
    const actor = actorOf(c);
    parseQuery(c.req.url, []);
    const batch = await batchOf(c, actor.id);
    // A reference layer goes on the public map at once, without review: a publisher's decision.
    if (batch.target.startsWith('layer:')) requireRole(c, 'publisher');
    try {
      const committed = await commitBatch(deps.store, batch, actor);
      return c.json(committed, 200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      if (error instanceof CommitRefused) throw new ApiError(409, error.code, error.message);
      if (error instanceof ImportRefused) throw new ApiError(REFUSED_STATUS[error.code], error.code, error.message);
      throw error;
    }
  });

  return r;
}


export const IMPORT_ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/imports',
    summary: 'Upload a GIS file to import: GeoJSON, CSV, XLSX, KML/KMZ, GPX, zipped Shapefile or GeoPackage. Nothing is written; the answer is the preview',
    description: `Form fields: \`file\`; \`into\` = interventions, zones or layer:NAME; optional \`crs\` (${IMPORT_CRS.map((c) => `${c} (${CRS[c].title})`).join(', ')}), \`encoding\` (${ENCODINGS.join(', ')}), \`layer\` (a GeoPackage table or an XLSX sheet), \`title\` (a reference layer's title for the map's legend). At most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
    tags: ['import'],
    role: 'editor',
    requestBody: { type: 'multipart/form-data', schema: z.object({ file: z.string(), into: z.string(), crs: z.string().optional(), encoding: z.enum(ENCODINGS).optional(), layer: z.string().optional(), title: z.string().optional() }), description: 'the file and what to import it into' },
    response: { type: 'application/json', schema: ImportPreview, description: 'the preview', status: 201 },
    errors: [401, 403, 413, 415, 422],
  },
  { path: '/api/imports/{id}', summary: 'The preview of an upload again, over the data as it is now', tags: ['import'], role: 'editor', pathParams: [{ name: 'id', description: 'import id' }], response: { type: 'application/json', schema: ImportPreview, description: 'the preview' }, errors: [401, 403, 404, 422] },
  {
    method: 'patch',
    path: '/api/imports/{id}',
    summary: 'Read the upload again with another CRS, encoding, layer or column mapping',
    tags: ['import'],
    role: 'editor',
    pathParams: [{ name: 'id', description: 'import id' }],
    requestBody: { type: 'application/json', schema: BatchOptions, description: 'what to change; null goes back to detection (CRS, encoding) or to the remembered or guessed mapping' },
    response: { type: 'application/json', schema: ImportPreview, description: 'the new preview' },
    errors: [401, 403, 404, 409, 415, 422],
  },
  {
    method: 'post',
    path: '/api/imports/{id}/commit',
    summary: 'Write what the last preview showed, all or nothing: accepted rows as drafts for review, or a reference layer (publishers)',
    tags: ['import'],
    role: 'editor',
    pathParams: [{ name: 'id', description: 'import id' }],
    response: { type: 'application/json', schema: ImportCommitted, description: 'the preview committed and the drafts written' },
    errors: [401, 403, 404, 409, 422],
  },
];
