// The one form a citizen writes in, on an intervention (a question or a comment) or at a place on the
// map (a proposal with a category): text with its counter, the name to publish, a contact that is
// never published, the honeypot, and the consent line. Sending earns the proof of work first, which
// takes a moment, so the button says so; a refusal is shown beside the form with what was typed kept.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CONTRIBUTION_KINDS, CONTRIBUTION_LIMITS, type ContributionKind, type Posted } from '../../geo/contribution.ts';
import { THEMES, type Theme } from '../../geo/vocabulary.ts';
import { ApiFailure } from '../app/api.ts';
import type { Lang } from '../app/i18n.ts';
import { isClosed, postContribution, Refused, useConsultationStatus, type Draft } from './api.ts';
import { PostedNote } from './PostedNote.tsx';
import { ct } from './strings.ts';

interface Props {
  lang: Lang;
  heading: string;
  /** the kinds offered: question and comment on an item; a proposal alone asks for a category */
  kinds: readonly ContributionKind[];
  /** what the contribution is about; null while a proposal has no place yet */
  about: Pick<Draft, 'interventionId' | 'geometry'> | null;
  /** the kill-switch target besides everywhere (`intervention:{id}`) */
  closureTarget?: string;
  /** the place picker of a proposal, above the fields */
  children?: ReactNode;
  onPosted?(): void;
}

interface Refusal {
  message: string;
  details: string[];
}

export function ContributionForm({ lang, heading, kinds, about, closureTarget, children, onPosted }: Props) {
  const id = useId();
  const status = useConsultationStatus();
  const [kind, setKind] = useState<ContributionKind>(kinds[0]);
  const [theme, setTheme] = useState<Theme | ''>('');
  const [text, setText] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [contact, setContact] = useState('');
  const [website, setWebsite] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [posted, setPosted] = useState<Posted | null>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);

  if (status.data && isClosed(status.data, closureTarget))
    return (
      <section className="voice-form" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{heading}</h3>
        <p className="voice-closed" data-testid="voices-closed">
          {ct(lang, 'closed')}
        </p>
      </section>
    );

  if (posted)
    return (
      <PostedNote
        lang={lang}
        posted={posted}
        onAnother={() => {
          setPosted(null);
          setText('');
        }}
      />
    );

  const proposal = kind === 'proposal';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!about || busy) return;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setRefusal(null);
    try {
      const draft: Draft = { kind, text, displayName, website, ...about, ...(contact.trim() ? { contact } : {}), ...(proposal && theme ? { theme } : {}) };
      setPosted(await postContribution(draft, controller.signal));
      setText('');
      onPosted?.();
    } catch (failure) {
      if (!controller.signal.aborted) setRefusal(describe(lang, failure));
    } finally {
      if (!controller.signal.aborted) setBusy(false);
    }
  };

  return (
    <form className="voice-form" aria-labelledby={`${id}-h`} onSubmit={submit} aria-busy={busy}>
      <h3 id={`${id}-h`}>{heading}</h3>
      {children}
      {kinds.length > 1 && (
        <fieldset className="voice-kinds">
          <legend>{ct(lang, 'kind')}</legend>
          {kinds.map((k) => (
            <label key={k}>
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {CONTRIBUTION_KINDS.table[k].label[lang]}
            </label>
          ))}
        </fieldset>
      )}
      {proposal && (
        <p className="field">
          <label htmlFor={`${id}-theme`}>{ct(lang, 'category')}</label>
          <select id={`${id}-theme`} required value={theme} onChange={(e) => setTheme(e.target.value as Theme | '')}>
            <option value="">{ct(lang, 'chooseCategory')}</option>
            {THEMES.ids.map((t) => (
              <option key={t} value={t}>
                {THEMES.table[t].label[lang]}
              </option>
            ))}
          </select>
        </p>
      )}
      <p className="field">
        <label htmlFor={`${id}-text`}>{ct(lang, 'text')}</label>
        <textarea id={`${id}-text`} required rows={5} maxLength={CONTRIBUTION_LIMITS.text} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-count`} />
        <span id={`${id}-count`} className="hint">
          {ct(lang, 'counter', { n: text.length, max: CONTRIBUTION_LIMITS.text })}
        </span>
      </p>
      <p className="field">
        <label htmlFor={`${id}-name`}>{ct(lang, 'displayName')}</label>
        <input id={`${id}-name`} required maxLength={CONTRIBUTION_LIMITS.displayName} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="nickname" />
      </p>
      <p className="field">
        <label htmlFor={`${id}-contact`}>{ct(lang, 'contact')}</label>
        <input id={`${id}-contact`} maxLength={CONTRIBUTION_LIMITS.contact} value={contact} onChange={(e) => setContact(e.target.value)} aria-describedby={`${id}-contact-note`} autoComplete="email" />
        <span id={`${id}-contact-note`} className="hint">
          {ct(lang, 'contactNote')}
        </span>
      </p>
      {/* The honeypot: people never see or reach it; a bot that fills every field gives itself away. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{ct(lang, 'honeypot')}</label>
        <input id={`${id}-website`} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      <p className="hint voice-consent">{ct(lang, 'consent')}</p>
      {refusal && (
        <div className="voice-refusal" role="alert" tabIndex={-1} ref={refusalBox}>
          <p>
            {ct(lang, 'refused')} {refusal.message}
          </p>
          {refusal.details.length > 0 && (
            <ul>
              {refusal.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p>
        <button type="submit" className="primary" disabled={busy || !about}>
          {busy ? ct(lang, 'sending') : ct(lang, 'send')}
        </button>
        {busy && (
          <span className="visually-hidden" role="status">
            {ct(lang, 'sending')}
          </span>
        )}
      </p>
    </form>
  );
}

/** The server's own words (and the fields it names), or ours when it could not be reached. */
function describe(lang: Lang, failure: unknown): Refusal {
  if (failure instanceof Refused) return { message: failure.message, details: failure.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) };
  if (failure instanceof ApiFailure) return { message: failure.said ?? failure.message, details: [] };
  return { message: ct(lang, 'networkError'), details: [] };
}
