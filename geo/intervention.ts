// An intervention: a concrete project or activity that carries out the plan at a place.
// Everything we are unsure of is said: plan links carry `official | inferred`, unknown amounts and
// years are null, the place carries its accuracy and the basis for it in words.
import { z } from 'zod';
import { featureCollectionOf, featureOf, Geometry } from './geojson.ts';
import { Sources } from './source.ts';
import { PartialDate } from './calendar.ts';
import { ProgressEntry, statusProblem, withCurrentStatus, type StatusFields } from './progress.ts';
import { Language, Prose } from './prose.ts';
import { Currency, Funding, LinkConfidence, LocalText, LocationAccuracy, PositionSource, Status, Theme, TitleKind, toEur } from './vocabulary.ts';
import { MunicipalityCode } from './municipality.ts';

export const InterventionId = z.string().regex(/^[A-Z][A-Z0-9]*-\d{3,}$/, 'ids look like KZN-001');
export const EKATTE = /^\d{5}$/;
export const Ekatte = z.string().regex(EKATTE, 'an ЕКАТТЕ code is five digits');

export const PlanLink = z.object({
  level: z.enum(['goal', 'priority', 'measure']),
  id: z.string().min(1),
  confidence: LinkConfidence,
});
export type PlanLink = z.infer<typeof PlanLink>;

const Year = z.number().int().min(1990).max(2100);

export const InterventionProperties = z
  .object({
    id: InterventionId,
    title: z.object({ bg: z.string().min(1), en: z.string().min(1).nullable() }),
    /** Whether `title.bg` is the project's published name or words of ours (descriptive, or with a qualifier added); absent or null when not stated. */
    titleKind: TitleKind.nullish(),
    /** `original` says which language the summary was written in; the other is a translation. */
    summary: LocalText.extend({ original: Language.optional() }),
    /** `programme` is an umbrella (an ITI concept, a renovation programme) that members point to. */
    kind: z.enum(['project', 'programme']),
    programmeId: InterventionId.nullable(),
    theme: Theme,
    secondaryThemes: z.array(Theme),
    planLinks: z.array(PlanLink),
    planLinkNote: Prose.nullable(),
    /**
     * The municipality whose plan it serves (geo/municipality.ts). Left out where the dataset holds
     * one plan, whose municipality it then is; a dataset of several plans names it on every item.
     */
    municipality: MunicipalityCode.optional(),
    settlement: Ekatte.nullable(),
    /** True when the item really lies outside the municipality (e.g. a municipal camp elsewhere). */
    outsideMunicipality: z.boolean(),
    locationText: z.string().min(1),
    locationAccuracy: LocationAccuracy,
    locationBasis: Prose,
    /** Where the point's coordinates come from (only for an item with a geometry); absent or null when not stated. */
    positionSource: PositionSource.nullish(),
    /** Present when the point lies outside the land of its `settlement`, saying why (a corridor that crosses into the next village's land). */
    outsideSettlement: Prose.nullish(),
    budgetAmount: z.number().nonnegative().nullable(),
    budgetCurrency: Currency.nullable(),
    budgetEur: z.number().nonnegative().nullable(),
    budgetNote: Prose.nullable(),
    funding: z.array(Funding).min(1),
    /** `inferred` when the funding codes are our reading of an unclear source (the guess stays in `fundingText`); absent or null when not stated. */
    fundingConfidence: z.enum(['confirmed', 'inferred']).nullish(),
    fundingText: z.string().min(1).nullable(),
    startYear: Year.nullable(),
    endYear: Year.nullable(),
    periodText: z.string().min(1).nullable(),
    periodInferred: z.boolean(),
    status: Status,
    statusAsOf: PartialDate,
    statusText: z.string().min(1),
    /**
     * Dated progress entries, oldest first; the status fields above are the latest one's. Missing
     * in older files and imports: readers make the single status the first entry (withCurrentStatus).
     */
    progress: z.array(ProgressEntry).max(500).default([]),
    sources: Sources,
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((p.budgetAmount === null) !== (p.budgetCurrency === null))
      issue('budgetCurrency', 'budgetAmount and budgetCurrency are both set or both null');
    if (p.budgetAmount !== null && p.budgetCurrency !== null) {
      const expected = toEur(p.budgetAmount, p.budgetCurrency);
      if (p.budgetEur === null || Math.abs(p.budgetEur - expected) > 0.01)
        issue('budgetEur', `budgetEur must be ${expected} (1 EUR = 1.95583 BGN)`);
    } else if (p.budgetEur !== null) issue('budgetEur', 'budgetEur without a published amount');
    if (p.startYear !== null && p.endYear !== null && p.endYear < p.startYear)
      issue('endYear', `endYear ${p.endYear} is before startYear ${p.startYear}`);
    if (p.programmeId === p.id) issue('programmeId', 'an intervention cannot be its own programme');
    if (p.secondaryThemes.includes(p.theme)) issue('secondaryThemes', 'secondaryThemes repeats the main theme');
    // Checked only once there are entries: a record read from an older file gets its first entry after parsing.
    const status = p.progress.length ? statusProblem(p) : null;
    if (status) issue('progress', status);
  });
export type InterventionProperties = z.infer<typeof InterventionProperties>;

const located = new Set(['site', 'street', 'neighbourhood', 'settlement', 'area']);

export const Intervention = featureOf(InterventionProperties, Geometry.nullable()).superRefine((f, ctx) => {
  if (f.id !== f.properties.id)
    ctx.addIssue({ code: 'custom', path: ['id'], message: `feature id ${f.id} differs from properties.id ${f.properties.id}` });
  const accuracy = f.properties.locationAccuracy;
  if (f.geometry === null && located.has(accuracy))
    ctx.addIssue({
      code: 'custom',
      path: ['properties', 'locationAccuracy'],
      message: `locationAccuracy ${accuracy} needs a geometry; use municipality or unlocated for items with no place`,
    });
  if (f.geometry === null && f.properties.positionSource != null)
    ctx.addIssue({ code: 'custom', path: ['properties', 'positionSource'], message: 'positionSource is for an item with a geometry' });
  if (f.geometry !== null && !located.has(accuracy))
    ctx.addIssue({
      code: 'custom',
      path: ['geometry'],
      message: `an item with locationAccuracy ${accuracy} must not carry a geometry (no fake pins)`,
    });
});
export type Intervention = z.infer<typeof Intervention>;

export const InterventionCollection = featureCollectionOf(Intervention);

/** The id after the highest of `ids` (KZN-041 → KZN-042), for a new intervention the planner has not named. */
export function nextInterventionId(ids: Iterable<string>): string {
  let prefix = 'P';
  let best = 0;
  let width = 3;
  for (const id of ids) {
    const m = /^([A-Z][A-Z0-9]*)-(\d{3,})$/.exec(id);
    if (m && Number(m[2]) >= best) [prefix, best, width] = [m[1], Number(m[2]), m[2].length];
  }
  return `${prefix}-${String(best + 1).padStart(width, '0')}`;
}

/** The record with its status fields as its latest progress entry's, and its entries in date order (see geo/progress.ts). */
export function withProgress(record: Intervention): Intervention {
  return { ...record, properties: withCurrentStatus(record.properties) };
}

/**
 * The same for a record that has not met the schema yet (a write, an import row), so that adding an
 * entry or changing only the status both pass; left as it is when its entries or status fields are
 * themselves malformed, for the schema to name what is wrong.
 */
export function withProgressRaw(raw: unknown, previous?: unknown): unknown {
  const p = (raw as { properties?: Record<string, unknown> } | null)?.properties;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return raw;
  const entries = p.progress ?? [];
  const status = Status.safeParse(p.status);
  if (!status.success || typeof p.statusAsOf !== 'string' || !PartialDate.safeParse(p.statusAsOf).success || typeof p.statusText !== 'string') return raw;
  if (!Array.isArray(entries) || !entries.every((e) => ProgressEntry.safeParse(e).success)) return raw;
  if (!Array.isArray(p.sources) || !Sources.safeParse(p.sources).success) return raw;
  const before = (previous as { properties?: Partial<StatusFields> } | null | undefined)?.properties;
  const known = before && typeof before.status === 'string' && typeof before.statusAsOf === 'string' && typeof before.statusText === 'string';
  return { ...(raw as object), properties: withCurrentStatus(p as unknown as StatusFields, known ? (before as StatusFields) : undefined) };
}
