// „Въпроси и коментари“ under an intervention's detail: what citizens asked and said about it, each
// with the municipality's answer, and the form to ask or comment (unless the kill switch says no).
import type { ContributionCollection } from '../../geo/contribution.ts';
import type { Lang } from '../app/i18n.ts';
import { contributionsUrl, useRead } from './api.ts';
import { ContributionCard } from './ContributionCard.tsx';
import { ContributionForm } from './ContributionForm.tsx';
import { ct } from './strings.ts';
import './consultation.css';

const ITEM_KINDS = ['question', 'comment'] as const;

export function InterventionVoices({ interventionId, lang, onOpen }: { interventionId: string; lang: Lang; onOpen(id: string): void }) {
  const published = useRead<ContributionCollection>(contributionsUrl({ intervention: interventionId }));
  const items = published.data?.features ?? [];
  return (
    <section className="voices" aria-labelledby="voices-title" data-testid="voices">
      <h3 id="voices-title">{ct(lang, 'voices')}</h3>
      {published.error ? (
        <p role="alert">{ct(lang, 'loadError')}</p>
      ) : (
        published.data &&
        (items.length === 0 ? (
          <p className="muted">{ct(lang, 'voicesNone')}</p>
        ) : (
          <ol className="voice-list">
            {items.map((f) => (
              <li key={f.properties.id}>
                <ContributionCard contribution={f.properties} lang={lang} onOpen={onOpen} />
              </li>
            ))}
          </ol>
        ))
      )}
      <ContributionForm key={interventionId} lang={lang} heading={ct(lang, 'ask')} kinds={ITEM_KINDS} about={{ interventionId }} closureTarget={`intervention:${interventionId}`} />
    </section>
  );
}
