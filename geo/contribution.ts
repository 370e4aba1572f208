// Citizens' contributions to the plan (issue 17): a question, a comment or a proposal, on an
// intervention, a measure or a place; published only after a moderator approves it, answered in
// public by the municipality. Described once here for the store, the API, OpenAPI and the web app.
// What the public sees (`Contribution`) and what staff see (`StaffContribution`) are separate
// schemas, so the contact a citizen leaves can never slip into a public answer by a spread.
import { z } from 'zod';
import { featureCollectionOf, featureOf, Point, Polygon } from './geojson.ts';
import { InterventionId } from './intervention.ts';
import { PLAN_ITEM_ID } from './plan.ts';
import { Theme, vocabulary } from './vocabulary.ts';

export const CONTRIBUTION_KINDS = vocabulary({
  question: { label: { bg: 'Въпрос', en: 'Question' } },
  comment: { label: { bg: 'Коментар', en: 'Comment' } },
  proposal: { label: { bg: 'Предложение', en: 'Proposal' } },
});
export const ContributionKind = CONTRIBUTION_KINDS.schema;
export type ContributionKind = z.infer<typeof ContributionKind>;

/** Where a contribution is in moderation. Only `published` is ever public. */
export const CONTRIBUTION_STATES = vocabulary({
  pending: { label: { bg: 'Чака преглед', en: 'Awaiting moderation' } },
  published: { label: { bg: 'Публикуван', en: 'Published' } },
  rejected: { label: { bg: 'Отхвърлен', en: 'Rejected' } },
  merged: { label: { bg: 'Обединен с друг', en: 'Merged into another' } },
  withdrawn: { label: { bg: 'Оттеглен', en: 'Withdrawn' } },
});
export const ContributionState = CONTRIBUTION_STATES.schema;
export type ContributionState = z.infer<typeof ContributionState>;

/** Why a contribution was not published: a category the contributor is told, never free text about them. */
export const REJECT_REASONS = vocabulary({
  off_topic: { label: { bg: 'Не се отнася до плана', en: 'Not about the plan' } },
  not_municipal: { label: { bg: 'Извън правомощията на общината', en: 'Outside the municipality’s remit' } },
  offensive: { label: { bg: 'Обидно или дискриминационно съдържание', en: 'Offensive or discriminatory' } },
  personal_data: { label: { bg: 'Съдържа лични данни', en: 'Contains personal data' } },
  spam: { label: { bg: 'Реклама или спам', en: 'Advertising or spam' } },
  unclear: { label: { bg: 'Неясно съдържание', en: 'Unclear' } },
});
export const RejectReason = REJECT_REASONS.schema;
export type RejectReason = z.infer<typeof RejectReason>;

export const CONTRIBUTION_LIMITS = {
  text: 2000,
  displayName: 80,
  contact: 200,
  answer: 5000,
  /** links in one text: a citizen points at a page or two; more is what spam looks like */
  links: 2,
  /** positions of a drawn area */
  vertices: 500,
  /** interventions one answer links to */
  answerLinks: 20,
};

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Text a person typed: trimmed, not empty, line breaks allowed, no other control characters. */
const typed = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} has more than ${max} characters`)
    .refine((s) => !CONTROL.test(s), `${what} holds control characters`);
/** One line: no line breaks either. */
const line = (max: number, what: string) => typed(max, what).refine((s) => !/[\r\n]/.test(s), `${what} is one line`);

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
/** The links a text holds (shown as text everywhere, never made clickable). */
export const linksIn = (text: string) => text.match(LINK) ?? [];

const ContributionText = typed(CONTRIBUTION_LIMITS.text, 'text').refine(
  (s) => linksIn(s).length <= CONTRIBUTION_LIMITS.links,
  `text holds more than ${CONTRIBUTION_LIMITS.links} links`,
);

/** Where a proposal is: a point, or an area drawn on the map. */
export const ContributionGeometry = z.discriminatedUnion('type', [Point, Polygon]);
export type ContributionGeometry = z.infer<typeof ContributionGeometry>;

/** The proof of work a browser did before posting (geo/proof-of-work.ts). */
export const ProofOfWork = z.object({ challenge: z.string().max(200), nonce: z.string().max(40) }).strict();
export type ProofOfWork = z.infer<typeof ProofOfWork>;

/** What a citizen posts. `website` is the honeypot: a field people never see, which bots fill. */
export const NewContribution = z
  .object({
    kind: ContributionKind,
    text: ContributionText,
    displayName: line(CONTRIBUTION_LIMITS.displayName, 'displayName'),
    /** an email or a phone, for the municipality only; never published */
    contact: line(CONTRIBUTION_LIMITS.contact, 'contact').nullish(),
    interventionId: InterventionId.nullish(),
    measureId: z.string().max(40).regex(PLAN_ITEM_ID, 'ids are letters, digits, dot, dash, underscore').nullish(),
    /** a proposal's category, from the plan's themes */
    theme: Theme.nullish(),
    geometry: ContributionGeometry.nullish(),
    website: z.string().max(200).optional(),
    proof: ProofOfWork,
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.kind === 'proposal') {
      if (!c.geometry) issue('geometry', 'a proposal needs a point or an area on the map');
      if (!c.theme) issue('theme', 'a proposal needs a category from the plan’s themes');
    } else if (!c.interventionId && !c.measureId && !c.geometry) issue('interventionId', `a ${c.kind} is about an intervention, a measure or a place: name one`);
    if (c.interventionId && c.measureId) issue('measureId', 'name an intervention or a measure, not both');
  });
export type NewContribution = z.infer<typeof NewContribution>;

/** The municipality's answer, as the public reads it. */
export const Answer = z.object({
  text: z.string(),
  answeredAt: z.string(),
  /** interventions the contribution led to, or that answer it */
  interventionIds: z.array(z.string()),
});
export type Answer = z.infer<typeof Answer>;

/** A published contribution, as anyone may read it: no contact, no address, nothing about moderation. */
export const ContributionProperties = z.object({
  id: z.number().int(),
  kind: ContributionKind,
  text: z.string(),
  displayName: z.string(),
  theme: Theme.nullable(),
  interventionId: z.string().nullable(),
  measureId: z.string().nullable(),
  /** the settlement's ЕКАТТЕ: the intervention's, or the one whose land holds the place */
  settlement: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string(),
  answer: Answer.nullable(),
  /** whole days from posting to the answer */
  daysToAnswer: z.number().int().nullable(),
  /** contributions merged into this one as duplicates */
  mergedCount: z.number().int(),
});
export type ContributionProperties = z.infer<typeof ContributionProperties>;

export const Contribution = featureOf(ContributionProperties, ContributionGeometry.nullable()).extend({ id: z.number().int() });
export type Contribution = z.infer<typeof Contribution>;
export const ContributionCollection = featureCollectionOf(Contribution);
export type ContributionCollection = z.infer<typeof ContributionCollection>;

/** A contribution as moderators and publishers see it: everything, the contact too. */
export const StaffContribution = ContributionProperties.omit({ publishedAt: true }).extend({
  geometry: ContributionGeometry.nullable(),
  contact: z.string().nullable(),
  state: ContributionState,
  publishedAt: z.string().nullable(),
  rejectReason: RejectReason.nullable(),
  mergedInto: z.number().int().nullable(),
  moderatedAt: z.string().nullable(),
});
export type StaffContribution = z.infer<typeof StaffContribution>;

/** What the contributor's private link shows: their own words and where they stand. */
export const OwnContribution = StaffContribution.omit({ contact: true, moderatedAt: true });
export type OwnContribution = z.infer<typeof OwnContribution>;

/** The private key of the link given at posting time, as the contributor sends it back. */
export const ContributionKey = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the key from the private link') }).strict();

export const Posted = z.object({
  id: z.number().int(),
  state: ContributionState,
  /** the private link: see where the contribution stands, or withdraw it */
  privateUrl: z.string(),
  key: z.string(),
});
export type Posted = z.infer<typeof Posted>;

// ---------------------------------------------------------------- moderation and answers

export const Rejection = z.object({ reason: RejectReason }).strict();
export const Merge = z.object({ into: z.number().int().positive() }).strict();
export const AnswerInput = z
  .object({
    text: typed(CONTRIBUTION_LIMITS.answer, 'text'),
    interventionIds: z.array(InterventionId).max(CONTRIBUTION_LIMITS.answerLinks).default([]),
  })
  .strict();
export type AnswerInput = z.infer<typeof AnswerInput>;

/** Contributions closed everywhere (`*`), or for one intervention or measure. */
export const ClosureTarget = z.union([z.literal('*'), z.string().regex(/^(intervention|measure):[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'a target is *, intervention:{id} or measure:{id}')]);
export type ClosureTarget = z.infer<typeof ClosureTarget>;
export const Closure = z.object({ target: ClosureTarget, closedAt: z.string() });
export type Closure = z.infer<typeof Closure>;
export const ConsultationStatus = z.object({
  /** false when contributions are closed everywhere */
  open: z.boolean(),
  closed: z.array(Closure),
  /** leading zero bits the proof of work needs */
  proofBits: z.number().int(),
});
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const Challenge = z.object({ challenge: z.string(), bits: z.number().int() });
export type Challenge = z.infer<typeof Challenge>;

// ---------------------------------------------------------------- public counts

export const AnswerCounts = z.object({
  published: z.number().int(),
  answered: z.number().int(),
  unanswered: z.number().int(),
  /** median whole days from posting to answer; null before the first answer */
  medianDaysToAnswer: z.number().nullable(),
});
export type AnswerCounts = z.infer<typeof AnswerCounts>;

export const ConsultationStats = z.object({
  all: AnswerCounts,
  /** per measure: the one named, or the measures the intervention is linked to */
  measures: z.array(AnswerCounts.extend({ measureId: z.string().nullable() })),
  settlements: z.array(AnswerCounts.extend({ settlement: z.string().nullable() })),
});
export type ConsultationStats = z.infer<typeof ConsultationStats>;

/** Counts and median of a set of published contributions. */
export function answerCounts(items: readonly Pick<ContributionProperties, 'answer' | 'daysToAnswer'>[]): AnswerCounts {
  const days = items.flatMap((c) => (c.daysToAnswer === null ? [] : [c.daysToAnswer])).sort((a, b) => a - b);
  const mid = days.length >> 1;
  const median = days.length === 0 ? null : days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
  const answered = items.filter((c) => c.answer !== null).length;
  return { published: items.length, answered, unanswered: items.length - answered, medianDaysToAnswer: median };
}

/** Whole days between two instants (RFC 3339). */
export const daysBetween = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
