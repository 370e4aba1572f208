// One published contribution as anyone reads it: kind, the citizen's words (plain text: links stay
// text), the name they chose, the day, and the municipality's answer when there is one. The full
// card (from the map layer's list) also names the theme, the settlement and what it is about.
import type { ContributionProperties } from '../../geo/contribution.ts';
import { CONTRIBUTION_KINDS } from '../../geo/contribution.ts';
import { THEMES } from '../../geo/vocabulary.ts';
import { day } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';
import { AnswerBlock } from './AnswerBlock.tsx';
import { ct } from './strings.ts';

interface Props {
  contribution: ContributionProperties;
  lang: Lang;
  /** the settlement's name by ЕКАТТЕ; the full card shows it, with the theme and what it is about */
  settlementName?(ekatte: string | null): string;
  onOpen(interventionId: string): void;
}

export function ContributionCard({ contribution: c, lang, settlementName, onOpen }: Props) {
  const full = settlementName !== undefined;
  return (
    <div className="voice-card">
      <p className="voice-meta">
        <span className={`badge voice-kind kind-${c.kind}`}>{CONTRIBUTION_KINDS.table[c.kind].label[lang]}</span> {ct(lang, 'by', { name: c.displayName })} ·{' '}
        <time dateTime={c.createdAt}>{day(lang, c.createdAt)}</time>
      </p>
      <p className="voice-text">{c.text}</p>
      {full && (
        <dl className="facts voice-facts">
          {c.theme && (
            <>
              <dt>{ct(lang, 'theme')}</dt>
              <dd>{THEMES.table[c.theme].label[lang]}</dd>
            </>
          )}
          {c.settlement && (
            <>
              <dt>{ct(lang, 'settlement')}</dt>
              <dd>{settlementName(c.settlement) || c.settlement}</dd>
            </>
          )}
          {c.interventionId && (
            <>
              <dt>{ct(lang, 'about')}</dt>
              <dd>
                <a href={`?sel=${encodeURIComponent(c.interventionId)}`} onClick={(e) => (e.preventDefault(), onOpen(c.interventionId!))}>
                  {c.interventionId}
                </a>
              </dd>
            </>
          )}
          <dt>{ct(lang, 'publishedOn')}</dt>
          <dd>
            <time dateTime={c.publishedAt}>{day(lang, c.publishedAt)}</time>
          </dd>
        </dl>
      )}
      {c.mergedCount > 0 && <p className="muted">{ct(lang, 'merged', { n: c.mergedCount })}</p>}
      {c.answer ? <AnswerBlock answer={c.answer} lang={lang} onOpen={onOpen} /> : <p className="muted">{ct(lang, 'unanswered')}</p>}
    </div>
  );
}
