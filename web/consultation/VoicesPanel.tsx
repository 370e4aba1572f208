// The keyboard's and the screen reader's way to the contributions layer: every contribution the map
// shows, as a list of buttons (kind, the start of the text, the day, answered or not) that open its
// card; filters by kind and by answer, and the download of exactly that as GeoJSON.
import { useEffect, useRef, useState } from 'react';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionCollection, type ConsultationStats } from '../../geo/contribution.ts';
import { day } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';
import { contributionsUrl, useRead, type ContributionQuery } from './api.ts';
import { ContributionCard } from './ContributionCard.tsx';
import { ct } from './strings.ts';
import './consultation.css';

/** The layer's contributions (those with a place), loaded only while the layer is on. */
export function useVoices(shown: boolean) {
  const [query, setQuery] = useState<ContributionQuery>({ located: true });
  const read = useRead<ContributionCollection>(shown ? contributionsUrl(query) : null);
  return { query, setQuery, features: shown ? (read.data?.features ?? []) : [], loaded: read.data !== undefined, error: read.error };
}

interface ListProps {
  lang: Lang;
  voices: ReturnType<typeof useVoices>;
  onOpen(id: number): void;
}

const SNIPPET = 90;
const snippet = (text: string) => (text.length > SNIPPET ? `${text.slice(0, SNIPPET).trimEnd()}…` : text);

export function VoicesList({ lang, voices, onOpen }: ListProps) {
  const { query, setQuery, features, loaded, error } = voices;
  return (
    <section className="voices-panel" aria-labelledby="voices-list-title" aria-busy={!loaded && !error} data-testid="voices-list">
      <h2 id="voices-list-title">{ct(lang, 'list')}</h2>
      <div className="voices-tools">
        <label>
          {ct(lang, 'kind')}{' '}
          <select value={query.kind ?? ''} onChange={(e) => setQuery({ ...query, kind: e.target.value || undefined })}>
            <option value="">{ct(lang, 'allKinds')}</option>
            {CONTRIBUTION_KINDS.ids.map((k) => (
              <option key={k} value={k}>
                {CONTRIBUTION_KINDS.table[k].label[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{ct(lang, 'answer')}</span>
          <select value={query.answered ?? ''} onChange={(e) => setQuery({ ...query, answered: (e.target.value || undefined) as ContributionQuery['answered'] })}>
            <option value="">{ct(lang, 'anyAnswer')}</option>
            <option value="true">{ct(lang, 'answered')}</option>
            <option value="false">{ct(lang, 'unanswered')}</option>
          </select>
        </label>
      </div>
      {error ? (
        <p role="alert">{ct(lang, 'loadError')}</p>
      ) : (
        loaded && (
          <p className="muted" aria-live="polite">
            {ct(lang, 'voicesCount', { n: features.length })}
          </p>
        )
      )}
      <ul className="items">
        {features.map((f) => (
          <li key={f.id}>
            <button type="button" className="item voice-item" data-voice={f.id} onClick={() => onOpen(f.id)}>
              <span className="item-meta">
                <span className="badge voice-kind">{CONTRIBUTION_KINDS.table[f.properties.kind].label[lang]}</span>
                <span className="badge">{f.properties.answer ? ct(lang, 'answered') : ct(lang, 'unanswered')}</span>
              </span>
              <span className="voice-snippet">{snippet(f.properties.text)}</span>
              <span className="item-facts">{day(lang, f.properties.createdAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="exports">
        <a href={contributionsUrl(query, true)} download data-testid="voices-download">
          {ct(lang, 'download')}
        </a>
      </p>
      <Record lang={lang} />
    </section>
  );
}

/** How the municipality answers, in figures, and the record of the consultation for the council. */
function Record({ lang }: { lang: Lang }) {
  const stats = useRead<ConsultationStats>('/api/consultation/stats').data?.all;
  const year = new Date().getFullYear();
  return (
    <section className="voices-record" aria-labelledby="voices-record-title" data-testid="voices-record">
      <h3 id="voices-record-title">{ct(lang, 'record')}</h3>
      {stats && (
        <p>
          {ct(lang, 'recordFigures', { published: stats.published, answered: stats.answered, unanswered: stats.unanswered })}{' '}
          {stats.medianDaysToAnswer !== null && ct(lang, 'recordMedian', { days: stats.medianDaysToAnswer })}
        </p>
      )}
      <p>
        <a href={`/api/consultation/report.html?from=${year}-01-01`}>{ct(lang, 'recordPage', { year })}</a> ·{' '}
        <a href={`/api/consultation/report.csv?from=${year}-01-01`} download>
          CSV
        </a>{' '}
        · <a href="/api/consultation/answers.atom">{ct(lang, 'recordFeed')}</a>
      </p>
    </section>
  );
}

interface CardProps {
  lang: Lang;
  contribution: Contribution;
  settlementName(ekatte: string | null): string;
  onBack(): void;
  onOpenIntervention(id: string): void;
}

/** One contribution opened from the map or the list, in the panel, focused like an intervention's detail. */
export function VoiceDetail({ lang, contribution, settlementName, onBack, onOpenIntervention }: CardProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [contribution.id]);
  const p = contribution.properties;
  return (
    <article className="detail voice-card-page" aria-labelledby="voice-title" data-testid="voice-detail">
      <button type="button" className="link-button" onClick={onBack}>
        ← {ct(lang, 'back')}
      </button>
      <h2 id="voice-title" tabIndex={-1} ref={heading}>
        {CONTRIBUTION_KINDS.table[p.kind].label[lang]} № {p.id}
      </h2>
      <ContributionCard contribution={p} lang={lang} settlementName={settlementName} onOpen={onOpenIntervention} />
    </article>
  );
}
