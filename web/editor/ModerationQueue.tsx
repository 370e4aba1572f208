// The contributions waiting for a moderator, oldest first: approve, reject with a reason the author
// is told, or merge a duplicate into a published contribution.
import { useState } from 'react';
import { REJECT_REASONS, type RejectReason, type StaffContribution } from '../../geo/contribution.ts';
import type { PageProps } from '../app/App.tsx';
import type { Found } from '../app/api.ts';
import { call } from './client.ts';
import { ContributionFacts, contributionHeadingId, contributionTitle } from './ModerationItem.tsx';
import { useQueue, type Queue } from './ModerationPage.tsx';
import { refusalText, te } from './strings.ts';

interface Props {
  page: PageProps;
  interventions: Found[];
  /** the merge targets */
  published: Queue;
  revision: number;
  onDone(status: string): void;
}

export function ModerationQueue({ page, interventions, published, revision, onDone }: Props) {
  const lang = page.state.lang;
  const pending = useQueue('state=pending', revision, lang);
  return (
    <section aria-labelledby="moderation-pending" className="moderation-section">
      <h3 id="moderation-pending">{te(lang, 'pendingTitle', { n: pending.items?.length ?? '…' })}</h3>
      {pending.error && <p className="form-error" role="alert">{pending.error}</p>}
      {!pending.items && !pending.error && <p className="loading">{te(lang, 'loadingItem')}</p>}
      {pending.items?.length === 0 && <p>{te(lang, 'pendingEmpty')}</p>}
      <ol className="queue">
        {pending.items?.map((c) => (
          <PendingItem key={c.id} page={page} c={c} interventions={interventions} targets={published.items ?? []} onDone={onDone} />
        ))}
      </ol>
    </section>
  );
}

function PendingItem({ page, c, interventions, targets, onDone }: { page: PageProps; c: StaffContribution; interventions: Found[]; targets: StaffContribution[]; onDone(status: string): void }) {
  const lang = page.state.lang;
  const [reason, setReason] = useState<RejectReason | ''>('');
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = contributionHeadingId(c, 'pending');
  const act = async (step: 'approve' | 'reject' | 'merge', body: unknown, said: string) => {
    setBusy(true);
    setError('');
    try {
      await call('POST', `/api/contributions/${c.id}/${step}`, { body });
      onDone(said);
    } catch (e) {
      setError(refusalText(lang, e));
      setBusy(false);
    }
  };
  return (
    <li className="review-item contribution" aria-labelledby={id} data-contribution={c.id}>
      <h4 id={id}>{contributionTitle(lang, c)}</h4>
      <ContributionFacts page={page} c={c} interventions={interventions} />
      <div className="moderation-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void act('approve', undefined, te(lang, 'didApprove', { id: c.id }))}>
          {te(lang, 'approve')}
          <span className="visually-hidden"> {te(lang, 'contributionNo', { id: c.id })}</span>
        </button>
        <form
          className="moderation-choice"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason) void act('reject', { reason }, te(lang, 'didReject', { id: c.id, reason: REJECT_REASONS.table[reason].label[lang] }));
          }}
        >
          <label htmlFor={`${id}-reason`}>{te(lang, 'rejectWith')}</label>
          <select id={`${id}-reason`} required value={reason} onChange={(e) => setReason(e.target.value as RejectReason | '')}>
            <option value="">{te(lang, 'chooseReason')}</option>
            {REJECT_REASONS.ids.map((r) => (
              <option key={r} value={r}>
                {REJECT_REASONS.table[r].label[lang]}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary danger" disabled={busy || !reason}>
            {te(lang, 'reject')}
            <span className="visually-hidden"> {te(lang, 'contributionNo', { id: c.id })}</span>
          </button>
        </form>
        <form
          className="moderation-choice"
          onSubmit={(e) => {
            e.preventDefault();
            if (into) void act('merge', { into: Number(into) }, te(lang, 'didMerge', { id: c.id, into }));
          }}
        >
          {targets.length ? (
            <>
              <label htmlFor={`${id}-into`}>{te(lang, 'mergeInto')}</label>
              <select id={`${id}-into`} required value={into} onChange={(e) => setInto(e.target.value)}>
                <option value="">{te(lang, 'mergePick')}</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {`${contributionTitle(lang, t)}: ${t.text.length > 70 ? `${t.text.slice(0, 70)}…` : t.text}`}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary" disabled={busy || !into}>
                {te(lang, 'mergeButton')}
                <span className="visually-hidden"> {te(lang, 'contributionNo', { id: c.id })}</span>
              </button>
            </>
          ) : (
            <p className="muted">{te(lang, 'noMergeTargets')}</p>
          )}
        </form>
      </div>
      <p className="form-error" role="alert">
        {error}
      </p>
    </li>
  );
}
