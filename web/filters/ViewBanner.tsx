// Over the map and the list whenever they show the past or only changes: in words, with the way
// back. A reader who followed a link to a past day must not take it for today.
import { translate, type Lang, type StringKey } from '../app/i18n.ts';
import type { PublicView } from '../app/state.ts';
import { dayText } from './days.ts';

interface Props {
  lang: Lang;
  view: PublicView;
  /** what the API said when it refused the view */
  refusal?: string;
  onView(view: PublicView): void;
}

export function ViewBanner({ lang, view, refusal, onView }: Props) {
  const t = (k: StringKey, values?: Record<string, string>) => translate(lang, k, values);
  if (!view.asOf && !view.changedSince) return null;
  const toToday = (
    <button type="button" className="primary" onClick={() => onView({ changedSince: refusal ? undefined : view.changedSince })}>
      {t('toToday')}
    </button>
  );
  return (
    <section className="view-banner" aria-label={t('viewBanner')} data-testid="view-banner">
      {refusal ? (
        <p role="alert">
          <span>{t('viewRefused', { message: refusal })}</span> {toToday}
        </p>
      ) : (
        <>
          {view.asOf && (
            <p>
              <span>{t('bannerAsOf', { day: dayText(lang, view.asOf) })}</span> {toToday}
            </p>
          )}
          {view.changedSince && (
            <p>
              <span>{t('bannerChangedSince', { day: dayText(lang, view.changedSince) })}</span>{' '}
              <button type="button" className="secondary" onClick={() => onView({ asOf: view.asOf })}>
                {t('showAllChanges')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
