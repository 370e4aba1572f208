// What every engine's store does the same way: it answers the editing, account, import,
// publication and consultation parts of the contract through modules of its own (one per part,
// in data/<engine>/), and lists its content as a dataset from its own reads. An engine extends this
// and supplies the parts and the reads; the delegation is written once.
import type { LayerFeature, LayerInfo, Plan, Settlement, SettlementArea, Zone } from '../geo/index.ts';
import type { AuditEntry, History, ReviewEntry, Revision, WriteResult } from '../geo/editing.ts';
import type { AnswerInput, Closure, ClosureTarget, Contribution, ContributionState, OwnContribution, RejectReason, StaffContribution } from '../geo/contribution.ts';
import type { ImportMapping } from '../geo/import-mapping.ts';
import type { Account, AccountStore, Role, SessionAccount } from './accounts.ts';
import type { ContributionFilter, ContributionInput, ContributionStore, PostLimits } from './contributions.ts';
import type { BaseLayer, Dataset } from './dataset.ts';
import type { Actor, DraftInput, EditRefused, EditStore, Head, ItemKind, ReviewInput } from './editing.ts';
import type { ImportBatch, ImportStore } from './imports.ts';
import type { Publication, PublicationQuery, PublicationStore, PublishedVersion } from './published.ts';

export interface StoreParts {
  editing: EditStore;
  accounts: AccountStore;
  imports: ImportStore;
  published: PublicationStore;
  contributions: ContributionStore;
}

export abstract class ComposedStore implements EditStore, AccountStore, ImportStore, PublicationStore, ContributionStore {
  /** Set by the engine's constructor. */
  protected abstract readonly parts: StoreParts;

  abstract plan(): Promise<Plan>;
  abstract plans(): Promise<Plan[]>;
  abstract sources(): Promise<string>;
  abstract settlements(): Promise<Settlement[]>;
  abstract settlementAreas(): Promise<SettlementArea[]>;
  abstract zones(): Promise<Zone[]>;
  abstract layers(): Promise<LayerInfo[]>;
  abstract layer(name: string): Promise<BaseLayer | null>;
  /** Each published intervention's record as written, in dataset order. */
  protected abstract interventionDocuments(): Promise<string[]>;

  /** The whole content, as the records a dataset folder holds (see data/dump.ts). */
  async dataset(): Promise<Dataset> {
    const interventions = (await this.interventionDocuments()).map((d) => JSON.parse(d));
    const layers = await Promise.all((await this.layers()).map(async (info) => (await this.layer(info.name))!));
    return {
      plans: await this.plans(),
      interventions,
      zones: await this.zones(),
      settlements: await this.settlements(),
      settlementAreas: await this.settlementAreas(),
      layers,
      sourcesMarkdown: await this.sources(),
    };
  }

  publishedAt(instant: string): Promise<PublishedVersion[]> { return this.parts.published.publishedAt(instant); }
  publications(options: PublicationQuery): Promise<Publication[]> { return this.parts.published.publications(options); }

  head(kind: ItemKind, id: string): Promise<Head | null> { return this.parts.editing.head(kind, id); }
  saveDrafts(drafts: DraftInput[], actor: Actor): Promise<WriteResult[]> { return this.parts.editing.saveDrafts(drafts, actor); }
  checkDrafts(drafts: DraftInput[], actor: Actor): Promise<(EditRefused | null)[]> { return this.parts.editing.checkDrafts(drafts, actor); }
  publish(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.parts.editing.publish(input, actor); }
  unpublish(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.parts.editing.unpublish(input, actor); }
  reject(input: ReviewInput, actor: Actor): Promise<WriteResult> { return this.parts.editing.reject(input, actor); }
  history(kind: ItemKind, id: string): Promise<History | null> { return this.parts.editing.history(kind, id); }
  revisionOf(kind: ItemKind, id: string, number: number): Promise<Revision | null> { return this.parts.editing.revisionOf(kind, id, number); }
  review(): Promise<ReviewEntry[]> { return this.parts.editing.review(); }
  audit(options: { before?: number; limit: number }): Promise<AuditEntry[]> { return this.parts.editing.audit(options); }

  saveImport(batch: ImportBatch): Promise<void> { return this.parts.imports.saveImport(batch); }
  importBatch(id: string): Promise<ImportBatch | null> { return this.parts.imports.importBatch(id); }
  layoutMapping(layout: string): Promise<ImportMapping | null> { return this.parts.imports.layoutMapping(layout); }
  rememberLayout(layout: string, mapping: ImportMapping): Promise<void> { return this.parts.imports.rememberLayout(layout, mapping); }
  replaceLayer(info: LayerInfo, features: LayerFeature[], actor: Actor): Promise<void> { return this.parts.imports.replaceLayer(info, features, actor); }

  createAccount(input: { email: string; role: Role; passwordHash: string }, actor: number | null): Promise<Account> { return this.parts.accounts.createAccount(input, actor); }
  accounts(): Promise<Account[]> { return this.parts.accounts.accounts(); }
  accountByEmail(email: string): Promise<Account | null> { return this.parts.accounts.accountByEmail(email); }
  accountForLogin(email: string): Promise<{ account: Account; passwordHash: string } | null> { return this.parts.accounts.accountForLogin(email); }
  updateAccount(id: number, change: { role?: Role; disabled?: boolean }, actor: number | null): Promise<Account | null> { return this.parts.accounts.updateAccount(id, change, actor); }
  setPassword(id: number, passwordHash: string, actor: number | null): Promise<void> { return this.parts.accounts.setPassword(id, passwordHash, actor); }
  createSession(accountId: number, tokenHash: string, expiresAt: string, address: string | null): Promise<void> { return this.parts.accounts.createSession(accountId, tokenHash, expiresAt, address); }
  session(tokenHash: string, at: string): Promise<SessionAccount | null> { return this.parts.accounts.session(tokenHash, at); }
  revokeSession(tokenHash: string): Promise<void> { return this.parts.accounts.revokeSession(tokenHash); }

  addContribution(input: ContributionInput, limits: PostLimits, at: string): Promise<{ id: number; state: ContributionState }> { return this.parts.contributions.addContribution(input, limits, at); }
  publishedContributions(filter: ContributionFilter): Promise<Contribution[]> { return this.parts.contributions.publishedContributions(filter); }
  staffContributions(filter: { state?: ContributionState; answered?: boolean }): Promise<StaffContribution[]> { return this.parts.contributions.staffContributions(filter); }
  staffContribution(id: number): Promise<StaffContribution | null> { return this.parts.contributions.staffContribution(id); }
  ownContribution(id: number, keyHash: string): Promise<OwnContribution | null> { return this.parts.contributions.ownContribution(id, keyHash); }
  contributionsPosted(since: string, until: string): Promise<StaffContribution[]> { return this.parts.contributions.contributionsPosted(since, until); }
  approveContribution(id: number, actor: number): Promise<StaffContribution> { return this.parts.contributions.approveContribution(id, actor); }
  rejectContribution(id: number, reason: RejectReason, actor: number): Promise<StaffContribution> { return this.parts.contributions.rejectContribution(id, reason, actor); }
  mergeContribution(id: number, into: number, actor: number): Promise<StaffContribution> { return this.parts.contributions.mergeContribution(id, into, actor); }
  answerContribution(id: number, answer: AnswerInput, actor: number): Promise<StaffContribution> { return this.parts.contributions.answerContribution(id, answer, actor); }
  withdrawContribution(id: number, keyHash: string): Promise<OwnContribution | null> { return this.parts.contributions.withdrawContribution(id, keyHash); }
  closures(): Promise<Closure[]> { return this.parts.contributions.closures(); }
  setClosure(target: ClosureTarget, closed: boolean, actor: number): Promise<Closure[]> { return this.parts.contributions.setClosure(target, closed, actor); }
  consultationRevision(): Promise<number> { return this.parts.contributions.consultationRevision(); }
  consultationSecret(): Promise<string> { return this.parts.contributions.consultationSecret(); }
}
