// The publishers' queue: every item with drafts, what the public sees now against what the drafts
// would make it (field by field, and the geometry on a map), who wrote them and why.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewEntry } from '../../geo/editing.ts';
import type { Geometry } from '../../geo/index.ts';
import type { PageProps } from '../app/App.tsx';
import { call, itemUrl, Refused } from './client.ts';
import { CompareMap } from './CompareMap.tsx';
import { moment } from '../app/format.ts';
import { Diff } from './Diff.tsx';
import { can } from './session.ts';
import { te } from './strings.ts';

export function ReviewPage({ page }: { page: PageProps }) {
  const lang = page.state.lang;
  const [items, setItems] = useState<ReviewEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  // Said here, not in the item: a published item leaves the queue, and its own status line with it.
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const done = (text: string) => {
    setStatus(text);
    load();
    heading.current?.focus();
  };
  const load = useCallback(() => {
    call<{ items: ReviewEntry[] }>('GET', '/api/review').then(
      ({ body }) => setItems(body.items),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);
  if (failed) return <p className="notice" role="alert">{te(lang, 'networkError')}</p>;
  if (!items) return <p className="loading">{te(lang, 'loadingItem')}</p>;
  return (
    <div className="review">
      <h2 tabIndex={-1} ref={heading}>
        {te(lang, 'review')}
      </h2>
      <p>{te(lang, 'reviewIntro')}</p>
      <p role="status" className="outcome" data-testid="review-status">
        {status}
      </p>
      {!can(page.session.me, 'publisher') && <p className="notice">{te(lang, 'onlyPublishers')}</p>}
      {items.length === 0 && <p role="status">{te(lang, 'queueEmpty')}</p>}
      <ol className="queue">
        {items.map((entry) => (
          <ReviewItem key={`${entry.kind}/${entry.item}/${entry.head}`} page={page} entry={entry} onDone={done} />
        ))}
      </ol>
    </div>
  );
}

function ReviewItem({ page, entry, onDone }: { page: PageProps; entry: ReviewEntry; onDone(status: string): void }) {
  const lang = page.state.lang;
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const publisher = can(page.session.me, 'publisher');
  const act = async (step: 'publish' | 'reject') => {
    try {
      await call('POST', itemUrl(entry.kind, entry.item, step), { etag: entry.etag, reason });
      onDone(`${entry.item}: ${te(lang, step === 'publish' ? 'published' : 'rejected')}`);
    } catch (e) {
      setMessage(e instanceof Refused ? te(lang, 'serverRefused', { message: e.message }) : te(lang, 'networkError'));
    }
  };
  const headingId = `review-${entry.kind}-${entry.item}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const titleChange = entry.changes.find((c) => c.path === 'properties.title.bg' || c.path === 'title.bg' || c.path === 'properties.name.bg');
  return (
    <li className="review-item" aria-labelledby={headingId} data-item={entry.item}>
      <h3 id={headingId}>
        {entry.item}
        {titleChange ? ` · ${String(titleChange.after ?? titleChange.before ?? '')}` : ''}
        <span className="badge">{te(lang, `kind_${entry.kind}`)}</span>
        {(entry.published === null || entry.deletes) && <span className="badge">{te(lang, entry.deletes ? 'deletion' : 'newItem')}</span>}
      </h3>
      <ul className="drafts">
        {entry.drafts.map((d) => (
          <li key={d.number}>
            {te(lang, 'draftBy', { revision: d.number, author: d.author ?? '—', when: moment(lang, d.createdAt) })}: <q>{d.reason ?? te(lang, 'noReason')}</q>
          </li>
        ))}
      </ul>
      <Diff lang={lang} changes={entry.changes.filter((c) => c.path !== 'geometry')} />
      {entry.geometry && (
        <figure className="before-after">
          <CompareMap reference={page.reference} lang={lang} before={entry.geometry.before as Geometry | null} after={entry.geometry.after as Geometry | null} label={te(lang, 'beforeAfterMap')} />
          <figcaption>{te(lang, 'beforeAfterMap')}</figcaption>
        </figure>
      )}
      <p>
        <a href={`?page=history&kind=${entry.kind}&item=${encodeURIComponent(entry.item)}`}>{te(lang, 'history')}</a>
      </p>
      {publisher && (
        <div className="review-actions">
          <label htmlFor={`${headingId}-reason`}>{te(lang, 'rejectReason')}</label>
          <input id={`${headingId}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void act('publish')}>
              {te(lang, 'publish')} {entry.item}
            </button>
            <button type="button" className="secondary" disabled={!reason.trim()} onClick={() => void act('reject')}>
              {te(lang, 'reject')} {entry.item}
            </button>
          </div>
        </div>
      )}
      <p role="status">{message}</p>
    </li>
  );
}
