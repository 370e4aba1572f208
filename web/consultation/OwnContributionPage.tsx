// The private page a citizen's link opens (?page=contribution&item=ID#key=KEY): their own words, where
// they stand in moderation (and why, when rejected), the answer once there is one, and the way to
// withdraw. The key travels in the fragment, which browsers never send to a server or a referrer.
import { useEffect, useRef, useState } from 'react';
import { CONTRIBUTION_KINDS, CONTRIBUTION_STATES, REJECT_REASONS, type OwnContribution } from '../../geo/contribution.ts';
import { THEMES } from '../../geo/vocabulary.ts';
import { day } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';
import { call, Refused } from '../editor/client.ts';
import { AnswerBlock } from './AnswerBlock.tsx';
import { ct } from './strings.ts';
import './consultation.css';

const keyInHash = () => new URLSearchParams(window.location.hash.slice(1)).get('key') ?? '';
const ownUrl = (id: string, step: 'mine' | 'withdraw') => `/api/contributions/${encodeURIComponent(id)}/${step}`;

interface Props {
  lang: Lang;
  id: string | undefined;
  onMap(): void;
  onOpenIntervention(id: string): void;
}

type Loaded = { state: 'loading' } | { state: 'wrong' } | { state: 'failed'; message: string } | { state: 'ok'; own: OwnContribution };

export function OwnContributionPage({ lang, id, onMap, onOpenIntervention }: Props) {
  // Read once: the fragment is the only place the key is, and it must outlive later URL writes.
  const [key] = useState(keyInHash);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!id || !key) return setLoaded({ state: 'wrong' });
    let live = true;
    call<OwnContribution>('POST', ownUrl(id, 'mine'), { body: { key } }).then(
      ({ body }) => live && setLoaded({ state: 'ok', own: body }),
      (e: unknown) => live && setLoaded(refusal(lang, e)),
    );
    return () => {
      live = false;
    };
  }, [id, key]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => heading.current?.focus(), [loaded.state]);

  return (
    <main className="voice-page" aria-labelledby="own-title" data-testid="own-contribution">
      <p>
        <a href="?" onClick={(e) => (e.preventDefault(), onMap())}>
          ← {ct(lang, 'toMap')}
        </a>
      </p>
      <h2 id="own-title" tabIndex={-1} ref={heading}>
        {ct(lang, 'mineTitle', { id: id ?? '' })}
      </h2>
      {loaded.state === 'loading' && <p role="status">{ct(lang, 'mineLoading')}</p>}
      {loaded.state === 'wrong' && (
        <p role="alert" className="voice-refusal">
          {ct(lang, 'wrongKey')}
        </p>
      )}
      {loaded.state === 'failed' && (
        <p role="alert" className="voice-refusal">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ok' && <Own lang={lang} own={loaded.own} id={id!} contributionKey={key} onOpenIntervention={onOpenIntervention} onChanged={(own) => setLoaded({ state: 'ok', own })} />}
    </main>
  );
}

function Own({ lang, own, id, contributionKey, onOpenIntervention, onChanged }: { lang: Lang; own: OwnContribution; id: string; contributionKey: string; onOpenIntervention(id: string): void; onChanged(own: OwnContribution): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  // The button pressed is gone: the keyboard lands on what happened.
  useEffect(() => {
    if (own.state === 'withdrawn') done.current?.focus();
  }, [own.state]);
  const withdraw = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onChanged((await call<OwnContribution>('POST', ownUrl(id, 'withdraw'), { body: { key: contributionKey } })).body);
      setConfirming(false);
    } catch (e) {
      const r = refusal(lang, e);
      setFailure(r.state === 'failed' ? r.message : ct(lang, 'wrongKey'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <dl>
        <dt>{ct(lang, 'kind')}</dt>
        <dd>{CONTRIBUTION_KINDS.table[own.kind].label[lang]}</dd>
        <dt>{ct(lang, 'state')}</dt>
        <dd data-testid="own-state">
          <strong>{CONTRIBUTION_STATES.table[own.state].label[lang]}</strong>
        </dd>
        {own.state === 'rejected' && own.rejectReason && (
          <>
            <dt>{ct(lang, 'rejectReason')}</dt>
            <dd>{REJECT_REASONS.table[own.rejectReason].label[lang]}</dd>
          </>
        )}
        {own.state === 'merged' && own.mergedInto !== null && (
          <>
            <dt>{ct(lang, 'state')}</dt>
            <dd>{ct(lang, 'mergedInto', { id: own.mergedInto })}</dd>
          </>
        )}
        {own.theme && (
          <>
            <dt>{ct(lang, 'category')}</dt>
            <dd>{THEMES.table[own.theme].label[lang]}</dd>
          </>
        )}
        <dt>{ct(lang, 'postedOn')}</dt>
        <dd>
          <time dateTime={own.createdAt}>{day(lang, own.createdAt)}</time> {ct(lang, 'by', { name: own.displayName })}
        </dd>
      </dl>
      {own.text && <p className="voice-text voice-card">{own.text}</p>}
      {own.state === 'withdrawn' ? (
        <p role="status" tabIndex={-1} ref={done}>
          {ct(lang, 'withdrawn')}
        </p>
      ) : (
        <>
          {own.answer ? <AnswerBlock answer={own.answer} lang={lang} onOpen={onOpenIntervention} /> : own.state !== 'rejected' && <p className="muted">{ct(lang, 'noAnswerYet')}</p>}
          {confirming ? (
            <div className="voice-confirm" role="group" aria-labelledby="withdraw-q">
              <p id="withdraw-q">{ct(lang, 'withdrawConfirm')}</p>
              <button type="button" className="danger" disabled={busy} onClick={withdraw} autoFocus>
                {ct(lang, 'withdrawYes')}
              </button>{' '}
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {ct(lang, 'cancel')}
              </button>
            </div>
          ) : (
            <p>
              <button type="button" onClick={() => setConfirming(true)} data-testid="withdraw">
                {ct(lang, 'withdraw')}
              </button>
            </p>
          )}
          {failure && (
            <p role="alert" className="voice-refusal">
              {failure}
            </p>
          )}
        </>
      )}
    </>
  );
}

/** A wrong or missing key is one answer to the citizen, whatever the server's status for it. */
function refusal(lang: Lang, e: unknown): Loaded {
  if (e instanceof Refused && (e.status === 404 || e.status === 400)) return { state: 'wrong' };
  return { state: 'failed', message: e instanceof Refused ? e.message : ct(lang, 'networkError') };
}
