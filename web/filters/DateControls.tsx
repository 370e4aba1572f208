// "Към дата" and "Промени след": the published state on a past day, and only what changed after
// another. Each box applies a day as soon as it is a whole day in range; while a reader types, the
// box keeps their text and says what range it takes.
import { useEffect, useState } from 'react';
import { today } from '../../geo/calendar.ts';
import { translate, type Lang, type StringKey } from '../app/i18n.ts';
import type { PublicView } from '../app/state.ts';
import { dayBefore, dayText, dayWithin, firstDay, lastReportDay } from './days.ts';

interface Props {
  lang: Lang;
  view: PublicView;
  /** the plan's first year: no day before it is offered */
  startYear: number;
  onView(view: PublicView): void;
}

export function DateControls({ lang, view, startYear, onView }: Props) {
  const t = (k: StringKey, values?: Record<string, string>) => translate(lang, k, values);
  const now = today();
  const shown = view.asOf ?? now;
  const report = lastReportDay(shown);
  const first = firstDay(startYear);
  return (
    <fieldset className="when">
      <legend>{t('whenLegend')}</legend>
      <DayInput
        id="as-of"
        lang={lang}
        label={t('asOfLabel')}
        hint={t('asOfHint')}
        value={shown}
        min={first}
        max={now}
        onDay={(asOf) => onView({ asOf, changedSince: view.changedSince })}
      />
      <DayInput
        id="changed-since"
        lang={lang}
        label={t('changedSinceLabel')}
        hint={t('changedSinceHint')}
        value={view.changedSince ?? ''}
        // The report of the plan's first year compares with the day before it began.
        min={dayBefore(first)}
        max={dayBefore(shown)}
        onDay={(changedSince) => onView({ asOf: view.asOf, changedSince })}
      />
      <div className="when-quick">
        <button type="button" className="secondary" aria-pressed={view.changedSince === report} onClick={() => onView({ asOf: view.asOf, changedSince: report })}>
          {t('sinceLastReport', { day: dayText(lang, report) })}
        </button>
        {view.changedSince && (
          <button type="button" className="secondary" onClick={() => onView({ asOf: view.asOf })}>
            {t('allNotOnlyChanges')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** An empty box means "no day": today for "as of", everything for "changed after". */
function DayInput(props: { id: string; lang: Lang; label: string; hint: string; value: string; min: string; max: string; onDay(day: string | undefined): void }) {
  const { id, lang, label, hint, value, min, max, onDay } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const valid = text === '' || dayWithin(text, min, max);
  return (
    <div className="day-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={text}
        min={min}
        max={max}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next === '' || dayWithin(next, min, max)) onDay(next || undefined);
        }}
        // Leaving the box shows the day that applies, not text no view stands for.
        onBlur={() => (text === '' || !valid) && setText(value)}
      />
      <span id={`${id}-hint`} className={valid ? 'hint' : 'hint invalid'} aria-live="polite">
        {valid ? hint : translate(lang, 'dayOutOfRange', { from: dayText(lang, min), to: dayText(lang, max) })}
      </span>
    </div>
  );
}
