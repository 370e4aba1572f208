// The municipality's answer under a contribution: its words as plain text, the day, and the
// interventions it links to as links inside the app.
import type { Answer } from '../../geo/contribution.ts';
import type { Found } from '../app/api.ts';
import { day } from '../app/format.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { useRead } from './api.ts';
import { ct } from './strings.ts';

export function AnswerBlock({ answer, lang, onOpen }: { answer: Answer; lang: Lang; onOpen(interventionId: string): void }) {
  return (
    <div className="voice-answer">
      <p className="voice-answer-head">
        <strong>{ct(lang, 'answer')}</strong> · <time dateTime={answer.answeredAt}>{day(lang, answer.answeredAt)}</time>
      </p>
      <p className="voice-text">{answer.text}</p>
      {answer.interventionIds.length > 0 && (
        <p className="voice-links">
          {ct(lang, 'linked')}{' '}
          {answer.interventionIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <InterventionLink id={id} lang={lang} onOpen={onOpen} />
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

function InterventionLink({ id, lang, onOpen }: { id: string; lang: Lang; onOpen(id: string): void }) {
  const found = useRead<Found>(`/api/interventions/${encodeURIComponent(id)}`);
  const title = found.data ? pick(lang, found.data.properties.title) : '';
  return (
    <a
      href={`?sel=${encodeURIComponent(id)}${lang === 'en' ? '&lang=en' : ''}`}
      onClick={(e) => {
        e.preventDefault();
        onOpen(id);
      }}
    >
      {title ? `${id} ${title}` : id}
    </a>
  );
}
