// Imports a GIS file from the command line, through the same batch, preview and commit as the API:
//   npm run import -- FILE --into interventions|zones|layer:NAME --as EMAIL
//                     [--crs EPSG:7801] [--encoding windows-1251] [--layer TABLE] [--title TITLE] [--mapping mapping.json] [--dry-run]
// --as names the account the drafts are written by (an enabled editor; a layer needs a publisher),
// as the history and the audit log must say who. Rows become drafts for review, as in the editor.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { roleAllows } from '../geo/editing.ts';
import { ImportMapping, ImportTarget } from '../geo/import-mapping.ts';
import { BatchOptions, newBatch } from './import/batch.ts';
import { commitBatch, CommitRefused, previewDigest } from './import/commit.ts';
import { plan, type Preview } from './import/preview.ts';
import { ImportRefused } from './import/source.ts';
import { openStore } from './open.ts';

const USAGE = 'usage: npm run import -- FILE --into interventions|zones|layer:NAME --as EMAIL [--crs EPSG:7801] [--encoding windows-1251] [--layer TABLE] [--title "Чешми"] [--mapping FILE.json] [--dry-run]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function args() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { into: { type: 'string' }, as: { type: 'string' }, crs: { type: 'string' }, encoding: { type: 'string' }, layer: { type: 'string' }, title: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function report(preview: Preview) {
  const { file, counts } = preview;
  console.log(`${preview.fileName}: ${file.format}${file.layer ? `, layer ${file.layer}` : ''}`);
  if (file.crs) console.log(`  coordinates: ${file.crs.value} — ${file.crs.reason}`);
  if (file.encoding) console.log(`  encoding:    ${file.encoding.value} — ${file.encoding.reason}`);
  console.log(`  mapping (${preview.mappingFrom}): ${Object.entries(preview.mapping.columns).map(([field, column]) => `${column} → ${field}`).join(', ') || 'none'}`);
  console.log(`  ${counts.rows} rows: ${counts.create} new, ${counts.update} changed, ${counts.unchanged} unchanged, ${counts.refused} refused`);
  for (const p of preview.problems.slice(0, 200)) console.log(`  row ${p.row}: ${p.field}: ${p.message}`);
  if (preview.problems.length > 200) console.log(`  … and ${preview.problems.length - 200} more problems`);
}

async function main(): Promise<number> {
  const { values, positionals } = args();
  const [path] = positionals;
  if (!path || !values.into || !values.as) fail(USAGE);
  const target = ImportTarget.safeParse(values.into);
  if (!target.success) fail(`--into: ${target.error.issues[0].message}\n${USAGE}`);
  let mapping: unknown = undefined;
  if (values.mapping) {
    const parsed = ImportMapping.safeParse(JSON.parse(readFileSync(values.mapping, 'utf8')));
    if (!parsed.success) fail(`--mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    mapping = parsed.data;
  }
  const options = BatchOptions.safeParse({ crs: values.crs, encoding: values.encoding, layer: values.layer, title: values.title, mapping });
  if (!options.success) fail(options.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`);
  }

  const store = await openStore();
  try {
    const account = await store.accountByEmail(values.as);
    const needed = target.data.startsWith('layer:') ? 'publisher' : 'editor';
    if (!account || account.disabled || !roleAllows(account.role, needed)) fail(`--as ${values.as}: no enabled account with the ${needed} role (npm run user:list)`);
    const actor = { id: account.id, email: account.email };
    const batch = newBatch({ name: basename(path), bytes }, target.data, account.id, options.data);
    const planned = await plan(store, batch, actor);
    report(planned.preview);
    if (values['dry-run']) {
      console.log('dry run: nothing written');
      return 0;
    }
    await store.saveImport({ ...batch, seen: planned.seen, digest: previewDigest(planned.preview) });
    const committed = await commitBatch(store, (await store.importBatch(batch.id))!, actor);
    if (committed.layer) console.log(`layer ${committed.layer} replaced: on the public map now`);
    else console.log(`${committed.items.length} drafts written for review (npm start, then the editor's review page)`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused || error instanceof CommitRefused) fail(error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
