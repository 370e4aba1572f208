// The municipality's answers: the published contributions still waiting for one, each with a form,
// and the answered ones folded away with their answer, which a publisher can change.
import { useState } from 'react';
import { CONTRIBUTION_LIMITS, type StaffContribution } from '../../geo/contribution.ts';
import type { PageProps } from '../app/App.tsx';
import type { Found } from '../app/api.ts';
import { moment } from '../app/format.ts';
import { call } from './client.ts';
import { ContributionFacts, contributionHeadingId, contributionTitle } from './ModerationItem.tsx';
import type { Queue } from './ModerationPage.tsx';
import { refusalText, te } from './strings.ts';

interface Props {
  page: PageProps;
  interventions: Found[];
  published: Queue;
  onDone(status: string): void;
}

export function ModerationAnswers({ page, interventions, published, onDone }: Props) {
  const lang = page.state.lang;
  const items = published.items;
  const open = items?.filter((c) => !c.answer) ?? [];
  const answered = items?.filter((c) => c.answer) ?? [];
  return (
    <section aria-labelledby="moderation-answers" className="moderation-section">
      <h3 id="moderation-answers">{te(lang, 'answersTitle')}</h3>
      {published.error && <p className="form-error" role="alert">{published.error}</p>}
      {!items && !published.error && <p className="loading">{te(lang, 'loadingItem')}</p>}
      {items && (
        <>
          <h4>{te(lang, 'unansweredTitle', { n: open.length })}</h4>
          {open.length === 0 && <p>{te(lang, 'unansweredEmpty')}</p>}
          <ol className="queue">
            {open.map((c) => (
              <li key={c.id} className="review-item contribution" aria-labelledby={contributionHeadingId(c, 'open')} data-contribution={c.id}>
                <h5 id={contributionHeadingId(c, 'open')}>{contributionTitle(lang, c)}</h5>
                <ContributionFacts page={page} c={c} interventions={interventions} />
                <AnswerForm page={page} c={c} interventions={interventions} onDone={onDone} />
              </li>
            ))}
          </ol>
          <h4>{te(lang, 'answeredTitle', { n: answered.length })}</h4>
          <ol className="queue">
            {answered.map((c) => (
              <li key={c.id} className="review-item contribution answered" data-contribution={c.id}>
                <details>
                  <summary>
                    {contributionTitle(lang, c)} · {te(lang, 'answeredOn', { when: moment(lang, c.answer!.answeredAt) })}
                  </summary>
                  <ContributionFacts page={page} c={c} interventions={interventions} />
                  <AnswerForm page={page} c={c} interventions={interventions} onDone={onDone} />
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** The ids typed, as the list of interventions knows them. */
function parseIds(text: string) {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
}

function AnswerForm({ page, c, interventions, onDone }: { page: PageProps; c: StaffContribution; interventions: Found[]; onDone(status: string): void }) {
  const lang = page.state.lang;
  const [text, setText] = useState(c.answer?.text ?? '');
  const [links, setLinks] = useState((c.answer?.interventionIds ?? []).join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = `answer-${c.id}`;
  const ids = parseIds(links);
  const known = new Set(interventions.map((f) => f.id.toUpperCase()));
  const unknown = ids.filter((i) => !known.has(i));
  const max = CONTRIBUTION_LIMITS.answerLinks;
  const linkProblem = unknown.length ? te(lang, 'unknownInterventions', { ids: unknown.join(', ') }) : ids.length > max ? te(lang, 'tooManyLinks', { max }) : '';
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      // The ids as the list spells them, whatever case was typed.
      const interventionIds = ids.map((i) => interventions.find((f) => f.id.toUpperCase() === i)!.id);
      await call('POST', `/api/contributions/${c.id}/answer`, { body: { text, interventionIds } });
      onDone(te(lang, 'didAnswer', { id: c.id }));
    } catch (e) {
      setError(refusalText(lang, e));
      setBusy(false);
    }
  };
  return (
    <form
      className="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!linkProblem && text.trim()) void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{te(lang, 'answerText')}</label>
        <textarea id={`${id}-text`} rows={4} required maxLength={CONTRIBUTION_LIMITS.answer} value={text} aria-describedby={`${id}-count`} onChange={(e) => setText(e.target.value)} />
        <p className="hint" id={`${id}-count`}>
          {te(lang, 'answerLength', { n: text.length, max: CONTRIBUTION_LIMITS.answer })}
        </p>
      </div>
      <div className={`field${linkProblem ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-links`}>{te(lang, 'answerLinks')}</label>
        <p className="hint" id={`${id}-links-hint`}>
          {te(lang, 'answerLinksHint', { max })}
        </p>
        <input id={`${id}-links`} value={links} autoComplete="off" aria-invalid={linkProblem ? true : undefined} aria-describedby={`${id}-links-hint${linkProblem ? ` ${id}-links-problem` : ''}`} onChange={(e) => setLinks(e.target.value)} />
        {linkProblem && (
          <p className="field-problems" id={`${id}-links-problem`}>
            {linkProblem}
          </p>
        )}
      </div>
      <button type="submit" className="primary" disabled={busy || !!linkProblem || !text.trim()}>
        {busy ? te(lang, 'working') : te(lang, c.answer ? 'changeAnswer' : 'sendAnswer')}
        <span className="visually-hidden"> {te(lang, 'contributionNo', { id: c.id })}</span>
      </button>
      <p className="form-error" role="alert">
        {error}
      </p>
    </form>
  );
}
