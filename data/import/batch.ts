// A new upload as a batch, and the options a planner may set on it (CRS, encoding, layer, mapping):
// one parser for the API's form and JSON bodies and for the command line's flags.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseCrs, type CrsCode } from '../../geo/crs.ts';
import { ImportMapping, type ImportTarget } from '../../geo/import-mapping.ts';
import type { ImportBatch } from '../imports.ts';
import { parseCodePage } from './encoding.ts';
import { ENCODINGS, type Upload } from './source.ts';

/** The coordinate systems a planner may name for a file (detection tries the same ones). */
export const IMPORT_CRS = ['OGC:CRS84', 'EPSG:4326', 'EPSG:3857', 'EPSG:7801', 'EPSG:32635'] as const satisfies readonly CrsCode[];

const CrsOverride = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const code = parseCrs(text);
    if (!code || !(IMPORT_CRS as readonly string[]).includes(code)) {
      ctx.addIssue({ code: 'custom', message: `"${text.slice(0, 60)}" is none of ${IMPORT_CRS.join(', ')}` });
      return z.NEVER;
    }
    return code as CrsCode;
  });

/** utf-8 or windows-1251, in any of the ways a .cpg spells them (cp1251, 1251, UTF8 …). */
const EncodingOverride = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const encoding = parseCodePage(text);
    if (!encoding) {
      ctx.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is none of ${ENCODINGS.join(', ')} (cp1251 and 1251 name windows-1251)` });
      return z.NEVER;
    }
    return encoding;
  });

/** What a planner may set on a batch; a member left out stays as it is, null goes back to detection or the guess. */
export const BatchOptions = z
  .object({
    crs: CrsOverride.nullable().optional(),
    encoding: EncodingOverride.nullable().optional(),
    layer: z.string().min(1).max(200).nullable().optional(),
    title: z.string().trim().min(1).max(120).nullable().optional(),
    mapping: ImportMapping.nullable().optional(),
  })
  .strict();
export type BatchOptions = z.infer<typeof BatchOptions>;

/** The batch with the options changed. */
export function withOptions(batch: ImportBatch, o: BatchOptions): ImportBatch {
  const pick = <T>(value: T | undefined, old: T) => (value === undefined ? old : value);
  return {
    ...batch,
    options: {
      crs: pick(o.crs, batch.options.crs),
      encoding: pick(o.encoding, batch.options.encoding),
      layer: pick(o.layer, batch.options.layer),
      // A batch stored before titles existed has none.
      title: pick(o.title, batch.options.title ?? null),
    },
    mapping: pick(o.mapping, batch.mapping),
  };
}

/** A new batch of `upload` for `account`; its id is unguessable, as it names someone's file. */
export function newBatch(upload: Upload, target: ImportTarget, account: number, options: BatchOptions = {}): ImportBatch {
  const empty: ImportBatch = {
    id: randomBytes(12).toString('base64url'),
    account,
    createdAt: new Date().toISOString(),
    target,
    // A name is shown and stored, never used as a path.
    fileName: upload.name.replace(/[\u0000-\u001f\\/]/g, '_').slice(0, 200) || 'upload',
    bytes: upload.bytes,
    options: { crs: null, encoding: null, layer: null, title: null },
    mapping: null,
    seen: {},
    digest: null,
    committedAt: null,
  };
  return withOptions(empty, options);
}
