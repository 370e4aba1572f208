// The writes the PostgreSQL store does not do yet (issue 14 lands them next: drafts and publication,
// accounts and sessions, imports, the consultation). Each refuses plainly instead of pretending;
// this file shrinks as they arrive, and goes when it is empty.
import type { Store } from '../store.ts';

type Writes = Omit<Store, 'engine' | 'revision' | 'seedState' | 'health' | 'plan' | 'sources' | 'settlements' | 'settlementAreas' | 'zones' | 'layers' | 'layer' | 'getIntervention' | 'queryInterventions' | 'queryInterventionJson' | 'countInterventions' | 'streamInterventions' | 'streamInterventionJson' | 'interventionPlaces' | 'aggregate' | 'planTree' | 'interventionExtent' | 'pendingDrafts' | 'seed' | 'dataset' | 'close'>;

export class NotOnPostgres extends Error {
  constructor(what: string) {
    super(`${what} is not available on the PostgreSQL store yet; run on the SQLite store (unset DATABASE_URL) for it`);
  }
}

const refuse = (what: string) => async (): Promise<never> => {
  throw new NotOnPostgres(what);
};

const METHODS: (keyof Writes)[] = [
  'head', 'checkDrafts', 'saveDrafts', 'publish', 'reject', 'history', 'revisionOf', 'unpublish', 'review', 'audit',
  'createAccount', 'accounts', 'accountForLogin', 'updateAccount', 'accountByEmail', 'setPassword', 'createSession', 'session', 'revokeSession',
  'saveImport', 'importBatch', 'layoutMapping', 'rememberLayout', 'replaceLayer', 'publishedAt', 'publications',
  'addContribution', 'publishedContributions', 'staffContributions', 'staffContribution', 'ownContribution', 'contributionsPosted', 'approveContribution',
  'rejectContribution', 'mergeContribution', 'answerContribution', 'withdrawContribution', 'closures', 'setClosure', 'consultationRevision', 'consultationSecret',
];

/** A base class whose every write (and every read of the editing history) refuses with NotOnPostgres. */
export const unported = function (this: Writes) {} as unknown as new () => Writes;
for (const method of METHODS) (unported.prototype as Record<string, unknown>)[method] = refuse(method);
