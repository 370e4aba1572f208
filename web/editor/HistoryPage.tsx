// Every revision of an item, newest first: what it changed, who wrote it, when and why, who
// published or rejected it. A publisher brings an earlier version back as a new draft.
import { useCallback, useEffect, useState } from 'react';
import type { History, ItemKind } from '../../geo/editing.ts';
import type { PageProps } from '../app/App.tsx';
import { call, itemUrl, Refused } from './client.ts';
import { moment } from '../app/format.ts';
import { Diff } from './Diff.tsx';
import { can } from './session.ts';
import { te } from './strings.ts';

export function HistoryPage({ page, kind, id }: { page: PageProps; kind: ItemKind; id: string }) {
  const lang = page.state.lang;
  const [history, setHistory] = useState<History | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const load = useCallback(() => {
    call<History>('GET', itemUrl(kind, id, 'history')).then(
      ({ body }) => setHistory(body),
      (e) => setFailed(e instanceof Refused && e.status === 404 ? te(lang, 'notFound', { id }) : te(lang, 'networkError')),
    );
  }, [kind, id, lang]);
  useEffect(load, [load]);

  /** A revert goes over the current head: its ETag comes from the item (or from the 404 of a deleted one). */
  const revert = async (to: number) => {
    let etag: string | null = null;
    try {
      etag = (await call('GET', itemUrl(kind, id))).etag;
    } catch (e) {
      if (e instanceof Refused) etag = (e.details as { etag?: string } | null)?.etag ?? null;
    }
    try {
      const { body } = await call<{ revision: number }>('POST', `${itemUrl(kind, id, 'revert')}?to=${to}`, { etag, reason });
      setMessage(te(lang, 'reverted', { revision: body.revision }));
      setReason('');
      load();
    } catch (e) {
      setMessage(e instanceof Refused ? te(lang, 'serverRefused', { message: e.message }) : te(lang, 'networkError'));
    }
  };

  if (failed) return <p className="notice" role="alert">{failed}</p>;
  if (!history) return <p className="loading">{te(lang, 'loadingItem')}</p>;
  const publisher = can(page.session.me, 'publisher');
  const editHref = `?page=${kind === 'intervention' ? 'edit' : kind === 'zone' ? 'zone' : 'plan'}&item=${encodeURIComponent(id)}`;
  return (
    <div className="history">
      <h2>{te(lang, 'historyOf', { id })}</h2>
      <p>
        <a href={editHref}>{te(lang, 'openForm')}</a>
      </p>
      {publisher && (
        <div className="field">
          <label htmlFor="revert-reason">{te(lang, 'revertReason')}</label>
          <input id="revert-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <p role="status">{message}</p>
      <ol className="revisions" reversed>
        {[...history.revisions].reverse().map((r) => (
          <li key={r.number} className={`revision ${r.state}`} data-revision={r.number}>
            <h3>
              {te(lang, 'revision', { n: r.number })} · {r.action === 'revert' ? te(lang, 'action_revert', { n: r.revertsTo ?? '?' }) : te(lang, `action_${r.action}`)} ·{' '}
              <span className={`badge state-${r.state}`}>{te(lang, `state_${r.state}`)}</span>
              {r.number === history.head && <span className="badge">{te(lang, 'current')}</span>}
              {r.number === history.published && <span className="badge">{te(lang, 'publicNow')}</span>}
            </h3>
            <p>
              {r.action === 'seed' ? te(lang, 'fromDataset') : <>{r.author ?? '—'}, {moment(lang, r.createdAt)}: <q>{r.reason ?? te(lang, 'noReason')}</q></>}
              {r.reviewer && (
                <>
                  <br />
                  {te(lang, 'reviewedBy', { state: te(lang, `state_${r.state}`), who: r.reviewer, when: moment(lang, r.reviewedAt) })}
                  {r.reviewReason && (
                    <>
                      : <q>{r.reviewReason}</q>
                    </>
                  )}
                </>
              )}
            </p>
            {/* The first revision changed nothing: it is the record as it began. */}
            {r.basedOn === null ? <p className="muted">{te(lang, 'firstRevision')}</p> : <Diff lang={lang} changes={r.changes} />}
            {publisher && r.number !== history.head && (
              <button type="button" className="secondary" onClick={() => void revert(r.number)}>
                {te(lang, 'revert')} ({te(lang, 'revision', { n: r.number })})
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
