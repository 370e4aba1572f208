// The zone types of a master plan (ОУП): the codes of Наредба № 7 (Жм, Смф, Пп, Ок …) with their
// Bulgarian and English names, group, article and map colour. The vocabulary is national, not one
// municipality's data, so it lives in data/vocabularies/ rather than in a dataset folder; this schema
// checks that file when it is loaded, types the API's answer and the web legend.
import { z } from 'zod';
import { Source } from './source.ts';

/** A zone-type code as Наредба № 7 writes it: a capital letter (Cyrillic) and a few more letters or digits. */
export const MasterPlanTypeCode = z
  .string()
  .regex(/^[\p{Lu}][\p{L}\p{N}]{0,7}$/u, 'a master-plan zone-type code looks like Жм, Смф or Пп');
export type MasterPlanTypeCode = z.infer<typeof MasterPlanTypeCode>;

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const MasterPlanZoneType = z.object({
  code: MasterPlanTypeCode,
  name: z.object({ bg: z.string().min(1), en: z.string().min(1) }),
  /** the family the type belongs to (residential, production, recreation …), for grouping the legend */
  group: z.string().min(1),
  /** where Наредба № 7 defines it (e.g. "чл. 9") */
  article: z.string().min(1).nullable(),
  /** the fill colour on the map; outlines are derived darker (see web/map/master-plan.ts) */
  colour: Colour,
  /** why this colour: the convention it follows, or that it is our own choice */
  colourBasis: z.string().min(1),
});
export type MasterPlanZoneType = z.infer<typeof MasterPlanZoneType>;

export const MasterPlanZoneTypes = z
  .object({
    title: z.object({ bg: z.string().min(1), en: z.string().min(1) }),
    sources: z.array(Source.extend({ title: z.string().min(1) })).min(1),
    types: z.array(MasterPlanZoneType).min(1),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.types.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: ['types', i, 'code'], message: `code ${t.code} is listed twice` });
      seen.add(t.code);
    });
  });
export type MasterPlanZoneTypes = z.infer<typeof MasterPlanZoneTypes>;

/**
 * A master-plan zone an intervention lies in, as public reads carry it (a foreign member
 * `masterPlanZones` beside `properties`): the zone's id, its type code and the zone's own name.
 */
export const MasterPlanZoneRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ bg: z.string(), en: z.string().nullable() }),
});
export type MasterPlanZoneRef = z.infer<typeof MasterPlanZoneRef>;
