// The plan (ПИРО) and its strategic framework: goal → priority → measure. Much of the Kazanlak
// framework is not publicly readable, so every level allows unknown titles and codes (null) and
// says how sure we are of it; parent links carry their own confidence.
import { z } from 'zod';
import { MunicipalityCode } from './municipality.ts';
import { Source, Sources } from './source.ts';
import { Confidence, LinkConfidence, LocalText } from './vocabulary.ts';

/** Plan item ids (goals, priorities, measures): letters, digits, dot, dash, underscore. */
export const PLAN_ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PlanItemId = z.string().regex(PLAN_ITEM_ID, 'ids are letters, digits, dot, dash, underscore');

const planItem = {
  id: PlanItemId,
  /** The code as printed in the plan (e.g. "1.2.3"); null where the plan's numbering is unknown. */
  code: z.string().min(1).nullable(),
  title: LocalText,
  summary: LocalText,
  confidence: Confidence,
  confidenceNote: z.string().min(1).nullable(),
  sources: Sources,
};

export const Goal = z.object(planItem);
export type Goal = z.infer<typeof Goal>;

export const Priority = z.object({
  ...planItem,
  goalId: PlanItemId.nullable(),
  parentLinkConfidence: LinkConfidence.nullable(),
});
export type Priority = z.infer<typeof Priority>;

export const Measure = z.object({
  ...planItem,
  priorityId: PlanItemId.nullable(),
  parentLinkConfidence: LinkConfidence.nullable(),
});
export type Measure = z.infer<typeof Measure>;

export const DatedSourcedFact = z.object({
  date: z.string().min(4),
  text: LocalText,
  sources: Sources,
});

export const PublishedFile = z.object({
  title: LocalText,
  url: z.url(),
  read: z.boolean(),
  note: z.string().nullable(),
});

export const MasterPlanZoneCode = z.object({
  code: z.string().min(1),
  name: LocalText,
  confirmedInPlan: z.boolean(),
  basis: z.string().nullable(),
  sources: Sources,
});

export const MasterPlan = z.object({
  id: PlanItemId,
  title: LocalText,
  adoption: z.object({ decision: z.string(), date: z.iso.date(), publication: z.string().nullable() }),
  areaHa: z.number().positive().nullable(),
  summary: LocalText,
  zoneCodes: z.array(MasterPlanZoneCode),
  sources: Sources,
});
export type MasterPlan = z.infer<typeof MasterPlan>;

export const Plan = z
  .object({
    id: PlanItemId,
    title: LocalText,
    shortTitle: LocalText,
    municipality: z.object({ name: LocalText, code: MunicipalityCode, adminCentreEkatte: z.string().regex(/^\d{5}$/) }),
    period: z.object({ startYear: z.number().int(), endYear: z.number().int() }),
    legalBasis: z.string().min(1),
    adoption: z.object({ decision: z.string().min(1), date: z.iso.date(), sources: Sources }),
    summary: LocalText,
    vision: z.object({ text: LocalText, confidence: Confidence, note: z.string().nullable(), sources: z.array(Source) }),
    timeline: z.array(DatedSourcedFact),
    publishedFiles: z.array(PublishedFile),
    masterPlan: MasterPlan,
    goals: z.array(Goal),
    priorities: z.array(Priority),
    measures: z.array(Measure),
    /** What we know is missing from the framework, in words, so the UI can say it. */
    gaps: z.array(z.string().min(1)),
    sources: Sources,
  })
  .superRefine((plan, ctx) => {
    const ids = new Set<string>();
    const all = itemsOf(plan);
    all.forEach((item) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate plan item id ${item.id}`, path: ['id'] });
      ids.add(item.id);
    });
    const goalIds = new Set(plan.goals.map((g) => g.id));
    const priorityIds = new Set(plan.priorities.map((p) => p.id));
    plan.priorities.forEach((p, i) => {
      if (p.goalId !== null && !goalIds.has(p.goalId))
        ctx.addIssue({ code: 'custom', message: `priority ${p.id} names unknown goal ${p.goalId}`, path: ['priorities', i, 'goalId'] });
    });
    plan.measures.forEach((m, i) => {
      if (m.priorityId !== null && !priorityIds.has(m.priorityId))
        ctx.addIssue({ code: 'custom', message: `measure ${m.id} names unknown priority ${m.priorityId}`, path: ['measures', i, 'priorityId'] });
    });
  });
export type Plan = z.infer<typeof Plan>;

const LEVEL_NAMES = {
  goal: { bg: 'Стратегическа цел', en: 'Strategic goal' },
  priority: { bg: 'Приоритет', en: 'Priority' },
  measure: { bg: 'Мярка', en: 'Measure' },
} as const;

/**
 * A plan item as readers see it: the plan's own code (when published) and its title. Our ids (SG1,
 * P-TOURISM) are keys of this dataset, not the plan's numbering, so they are never shown as codes;
 * an item whose title is unknown is named by its level and says so.
 */
export function planItemLabel(level: keyof typeof LEVEL_NAMES, item: { code: string | null; title: LocalText } | undefined): { bg: string; en: string } {
  const name = (lang: 'bg' | 'en') => item?.title[lang] ?? item?.title.bg ?? item?.title.en ?? `${LEVEL_NAMES[level][lang]} (${lang === 'bg' ? 'заглавието не е публикувано' : 'title not published'})`;
  const code = item?.code ? `${item.code} ` : '';
  return { bg: code + name('bg'), en: code + name('en') };
}

/** Every item of the plan by id, named for a Bulgarian reader. */
export function planNames(plan: Plan): Map<string, string> {
  return new Map([
    ...plan.goals.map((i) => [i.id, planItemLabel('goal', i).bg] as const),
    ...plan.priorities.map((i) => [i.id, planItemLabel('priority', i).bg] as const),
    ...plan.measures.map((i) => [i.id, planItemLabel('measure', i).bg] as const),
  ]);
}

/**
 * What the plans shown are called: one plan by its short title (`one`), several (a region's, the
 * country's) by how many municipalities they are of.
 */
export function plansTitle(one: LocalText, count: number): LocalText {
  return count <= 1 ? one : { bg: `ПИРО на ${count} общини`, en: `PIROs of ${count} municipalities` };
}

type Items = Pick<Plan, 'goals' | 'priorities' | 'measures'>;

/** Every item of a plan: its goals, then priorities, then measures. */
export function itemsOf<G, P, M>(plan: { goals: readonly G[]; priorities: readonly P[]; measures: readonly M[] }): (G | P | M)[] {
  return [...plan.goals, ...plan.priorities, ...plan.measures];
}

/** The level of every item of the plans, by id: what links, filters and checks name. */
export function planItemLevels(plans: readonly Items[]): Map<string, 'goal' | 'priority' | 'measure'> {
  return new Map(
    plans.flatMap((plan) => [
      ...plan.goals.map((g) => [g.id, 'goal'] as const),
      ...plan.priorities.map((p) => [p.id, 'priority'] as const),
      ...plan.measures.map((m) => [m.id, 'measure'] as const),
    ]),
  );
}
