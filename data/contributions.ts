// Citizens' contributions in the store, engine-neutral: what an engine keeps for them and answers.
// The store never hands the contact or the address to a public read: `publishedContributions`
// returns the public shape only, and the staff reads are separate methods.
import type {
  AnswerInput,
  Closure,
  ClosureTarget,
  Contribution,
  ContributionGeometry,
  ContributionKind,
  ContributionState,
  OwnContribution,
  RejectReason,
  StaffContribution,
} from '../geo/contribution.ts';
import type { Theme } from '../geo/vocabulary.ts';

/** A contribution as the API writes it, after every check on the request. */
export interface ContributionInput {
  kind: ContributionKind;
  text: string;
  displayName: string;
  contact: string | null;
  interventionId: string | null;
  measureId: string | null;
  theme: Theme | null;
  geometry: ContributionGeometry | null;
  settlement: string | null;
  /** SHA-256 of the private link's key */
  keyHash: string;
  /** a keyed hash of the poster's address, for the rate limit; never shown to anyone */
  addressHash: string;
  /** the proof-of-work challenge it spent: each is good for one post */
  challenge: string;
}

/** How many posts the store lets through before it refuses, counted in the write's transaction. */
export interface PostLimits {
  /** posts from one address in the window */
  perAddress: number;
  /** posts on one intervention or measure in the window, from anyone */
  perItem: number;
  windowMs: number;
}

/** Filters of the public list, all optional. */
export interface ContributionFilter {
  kind?: ContributionKind[];
  theme?: Theme[];
  interventionId?: string;
  measureId?: string;
  settlement?: string[];
  answered?: boolean;
  /** only those with a place (a map layer) */
  located?: boolean;
  /** posted at or after `since` and before `until` (instants, ISO) */
  since?: string;
  until?: string;
}

/** A post, a moderation or an answer the store will not make. */
export class ContributionRefused extends Error {
  constructor(
    readonly code: 'rate_limited' | 'closed' | 'replayed' | 'not_found' | 'conflict',
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export interface ContributionStore {
  /**
   * Stores a new contribution as pending, or refuses it (closed for its item or everywhere, over a
   * rate limit, its challenge spent) writing nothing.
   */
  addContribution(input: ContributionInput, limits: PostLimits, now: string): Promise<{ id: number; state: ContributionState }>;
  /** The published contributions, newest first: the public shape, never the contact. */
  publishedContributions(filter: ContributionFilter): Promise<Contribution[]>;
  /** Every contribution in a state (staff only), oldest first: the moderation queue. */
  staffContributions(filter: { state?: ContributionState; answered?: boolean }): Promise<StaffContribution[]>;
  staffContribution(id: number): Promise<StaffContribution | null>;
  /** The contributor's own view, when `keyHash` is the private link's; null otherwise. */
  ownContribution(id: number, keyHash: string): Promise<OwnContribution | null>;
  /** Every contribution posted in [since, until) (instants), in any state, for the consultation's record. */
  contributionsPosted(since: string, until: string): Promise<StaffContribution[]>;

  approveContribution(id: number, actor: number): Promise<StaffContribution>;
  rejectContribution(id: number, reason: RejectReason, actor: number): Promise<StaffContribution>;
  /** Marks `id` a duplicate of the published `into`, which counts it. */
  mergeContribution(id: number, into: number, actor: number): Promise<StaffContribution>;
  answerContribution(id: number, answer: AnswerInput, actor: number): Promise<StaffContribution>;
  /** The contributor withdraws: it leaves every public list, and its words and contact are erased. */
  withdrawContribution(id: number, keyHash: string): Promise<OwnContribution | null>;

  closures(): Promise<Closure[]>;
  /** The kill switch: closes (or reopens) contributions everywhere or for one item. */
  setClosure(target: ClosureTarget, closed: boolean, actor: number): Promise<Closure[]>;

  /** Bumped by every change to contributions; the ETags of their public reads key on it. */
  consultationRevision(): Promise<number>;
  /** A random key kept in the store, the same for every worker: signs challenges, keys address hashes. */
  consultationSecret(): Promise<string>;
}
