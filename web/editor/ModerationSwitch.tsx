// The kill switch: stop contributions everywhere (a flood of spam, an election silence), or for one
// intervention or measure whose thread has gone wrong, and reopen them.
import { useEffect, useState } from 'react';
import type { ClosureTarget, ConsultationStatus } from '../../geo/contribution.ts';
import type { PageProps } from '../app/App.tsx';
import type { Found } from '../app/api.ts';
import { moment } from '../app/format.ts';
import { pick } from '../app/i18n.ts';
import { call } from './client.ts';
import { planItemLabel } from './PlanLinksField.tsx';
import { refusalText, te } from './strings.ts';

type Kind = 'intervention' | 'measure';

export function ModerationSwitch({ page, interventions, onDone }: { page: PageProps; interventions: Found[]; onDone(status: string): void }) {
  const lang = page.state.lang;
  const measures = page.reference.plan.measures;
  const [status, setStatus] = useState<ConsultationStatus | undefined>(undefined);
  const [kind, setKind] = useState<Kind>('intervention');
  const [itemId, setItemId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    call<ConsultationStatus>('GET', '/api/contributions/status').then(
      ({ body }) => live && setStatus(body),
      (e) => live && setError(refusalText(lang, e)),
    );
    return () => {
      live = false;
    };
  }, [lang]);
  /** A target in words: "навсякъде", or the intervention's or measure's id and title. */
  const named = (target: string) => {
    if (target === '*') return te(lang, 'everywhere');
    const [k, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
    if (k === 'measure') {
      const m = measures.find((x) => x.id === id);
      return `${te(lang, 'level_measure')} ${m ? planItemLabel(lang, m) : id}`;
    }
    const f = interventions.find((x) => x.id === id);
    return `${te(lang, 'kind_intervention')} ${id}${f ? ` · ${pick(lang, f.properties.title)}` : ''}`;
  };
  const set = async (target: ClosureTarget, closed: boolean) => {
    setBusy(true);
    setError('');
    try {
      const { body } = await call<ConsultationStatus>('POST', '/api/contributions/closures', { body: { target, closed } });
      setStatus(body);
      if (target !== '*') setItemId('');
      onDone(te(lang, closed ? 'didClose' : 'didOpen', { target: named(target) }));
    } catch (e) {
      setError(refusalText(lang, e));
    } finally {
      setBusy(false);
    }
  };
  const closeOne = () => {
    const id = itemId.trim();
    // The server would take an id it does not know; a closure on a typo would close nothing.
    const known = kind === 'measure' ? measures.some((m) => m.id === id) : interventions.some((f) => f.id === id);
    if (!known) return setError(te(lang, 'unknownTarget', { kind: te(lang, kind === 'measure' ? 'level_measure' : 'kind_intervention'), id }));
    void set(`${kind}:${id}`, true);
  };
  const everywhere = status?.closed.find((c) => c.target === '*');
  const single = status?.closed.filter((c) => c.target !== '*') ?? [];
  return (
    <section aria-labelledby="moderation-switch" className={`moderation-section switch${status && !status.open ? ' closed' : ''}`}>
      <h3 id="moderation-switch">{te(lang, 'switchTitle')}</h3>
      {status && (
        <>
          <p className="switch-state">{status.open ? te(lang, 'switchOpen') : te(lang, 'switchClosed', { when: moment(lang, everywhere?.closedAt ?? null) })}</p>
          <button type="button" className={status.open ? 'secondary danger' : 'primary'} disabled={busy} onClick={() => void set('*', status.open)}>
            {te(lang, status.open ? 'closeAll' : 'openAll')}
          </button>
          <form
            className="close-one"
            onSubmit={(e) => {
              e.preventDefault();
              closeOne();
            }}
          >
            <fieldset>
              <legend>{te(lang, 'closeOne')}</legend>
              <div className="field">
                <label htmlFor="closure-kind">{te(lang, 'kind')}</label>
                <select id="closure-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  <option value="intervention">{te(lang, 'kind_intervention')}</option>
                  <option value="measure">{te(lang, 'level_measure')}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="closure-id">{te(lang, 'targetId')}</label>
                <input id="closure-id" list="closure-ids" required value={itemId} autoComplete="off" onChange={(e) => setItemId(e.target.value)} />
                <datalist id="closure-ids">
                  {(kind === 'measure' ? measures.map((m) => [m.id, planItemLabel(lang, m)]) : interventions.map((f) => [f.id, pick(lang, f.properties.title)])).map(([id, label]) => (
                    <option key={id} value={id}>
                      {label}
                    </option>
                  ))}
                </datalist>
              </div>
              <button type="submit" className="secondary" disabled={busy}>
                {te(lang, 'closeTarget')}
              </button>
            </fieldset>
          </form>
          <h4>{te(lang, 'closuresTitle')}</h4>
          {single.length === 0 ? (
            <p className="muted">{te(lang, 'noClosures')}</p>
          ) : (
            <ul className="closures">
              {single.map((c) => (
                <li key={c.target}>
                  {named(c.target)} <span className="muted">{te(lang, 'closedSince', { when: moment(lang, c.closedAt) })}</span>{' '}
                  <button type="button" className="secondary" disabled={busy} onClick={() => void set(c.target, false)}>
                    {te(lang, 'reopen', { target: c.target.slice(c.target.indexOf(':') + 1) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p className="form-error" role="alert">
        {error}
      </p>
    </section>
  );
}
