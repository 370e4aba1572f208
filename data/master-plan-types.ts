// The master-plan zone-type vocabulary (Наредба № 7 codes), read from data/vocabularies/ and checked
// with its schema in geo/. It is national, not one municipality's data, so it sits beside the
// datasets rather than in one; the dataset checker, the write API and the public route all read it
// from here, so a code is known or unknown in one place.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MasterPlanZoneTypes } from '../geo/master-plan-types.ts';

export const MASTER_PLAN_TYPES_FILE = 'vocabularies/master-plan-zone-types.json';
const path = resolve(fileURLToPath(new URL('.', import.meta.url)), MASTER_PLAN_TYPES_FILE);

export type LoadedTypes = { ok: true; types: MasterPlanZoneTypes } | { ok: false; problems: { field: string | null; message: string }[] };

let loaded: LoadedTypes | undefined;

/** The vocabulary, or what is wrong with its file; read once per process (it changes with the code, not the data). */
export function loadMasterPlanZoneTypes(): LoadedTypes {
  if (loaded) return loaded;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return (loaded = { ok: false, problems: [{ field: null, message: `cannot read ${MASTER_PLAN_TYPES_FILE}: ${(error as Error).message}` }] });
  }
  const parsed = MasterPlanZoneTypes.safeParse(raw);
  loaded = parsed.success
    ? { ok: true, types: parsed.data }
    : { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : null, message: i.message })) };
  return loaded;
}

/** The vocabulary; throws when its file is broken (`npm run data:check` says why). */
export function masterPlanZoneTypes(): MasterPlanZoneTypes {
  const result = loadMasterPlanZoneTypes();
  if (!result.ok) throw new Error(`${MASTER_PLAN_TYPES_FILE} is not valid: ${result.problems.map((p) => `${p.field ?? '-'}: ${p.message}`).join('; ')}`);
  return result.types;
}

/** Whether `code` is a zone type of the vocabulary (false when the vocabulary cannot be read). */
export function isMasterPlanType(code: string): boolean {
  const result = loadMasterPlanZoneTypes();
  return result.ok && result.types.types.some((t) => t.code === code);
}
