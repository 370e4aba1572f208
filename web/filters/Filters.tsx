// Filters with counts next to each option (from /api/facets: what a click would show), the plan
// tree goal → priority, year and budget range, and one button to clear them all.
import { useEffect, useState } from 'react';
import { planItemLabel, type Plan } from '../../geo/index.ts';
import type { FacetValue } from '../app/api.ts';
import { count } from '../app/format.ts';
import { pick, translate, type Lang, type StringKey } from '../app/i18n.ts';
import type { AppState, ListFilter, PublicView } from '../app/state.ts';
import { DateControls } from './DateControls.tsx';
import { yearOptions } from './years.ts';

interface Props {
  state: AppState;
  facets?: Record<string, FacetValue[]>;
  plan: Plan;
  /** years the interventions start or end in (as far as known), to widen the plan's period in the year list */
  years?: Iterable<number | null>;
  onToggle(filter: ListFilter, value: string): void;
  onNumber(key: 'year' | 'minBudget' | 'maxBudget', value: number | undefined): void;
  onClear(): void;
  hasFilters: boolean;
  /** the Atom feed of published changes to what these filters select, where the page offers it */
  feed?: string;
  /** where the page offers the date controls: shows another day, or only changes */
  onView?(view: PublicView): void;
}

const GROUPS: { key: ListFilter; label: StringKey }[] = [
  { key: 'municipality', label: 'municipality' },
  { key: 'theme', label: 'theme' },
  { key: 'status', label: 'status' },
  { key: 'funding', label: 'funding' },
  { key: 'settlement', label: 'settlement' },
  { key: 'zone', label: 'zone' },
];

export function Filters({ state, facets, plan, years = [], onToggle, onNumber, onClear, hasFilters, feed, onView }: Props) {
  const lang = state.lang;
  const t = (k: StringKey) => translate(lang, k);
  const countOf = (facet: string, value: string) => facets?.[facet]?.find((v) => v.value === value)?.count;
  const option = (filter: ListFilter, value: string, label: string, facet: string = filter) => {
    const checked = state.lists[filter].includes(value);
    const n = countOf(facet, value);
    return (
      <label key={value} className={`option${n === 0 && !checked ? ' empty' : ''}`}>
        <input type="checkbox" checked={checked} onChange={() => onToggle(filter, value)} />
        <span className="label" title={label}>
          {label}
        </span>
        {n !== undefined && <span className="n">{count(lang, n)}</span>}
      </label>
    );
  };

  return (
    <section className="filters" aria-label={t('filters')}>
      <div className="filters-head">
        <button type="button" className="clear" onClick={onClear} disabled={!hasFilters}>
          {t('clearAll')}
        </button>
        {feed && (
          <a className="feed" href={feed} rel="alternate" type="application/atom+xml" title={t('followHint')} data-testid="changes-feed">
            {t('followChanges')}
          </a>
        )}
      </div>
      {onView && <DateControls lang={lang} view={{ asOf: state.asOf, changedSince: state.changedSince }} startYear={plan.period.startYear} onView={onView} />}
      <fieldset>
        <legend>{t('plan')}</legend>
        {plan.goals.map((g) => (
          <div key={g.id} className="tree">
            {option('goal', g.id, planItemLabel('goal', g)[lang])}
            <div className="tree-children">
              {plan.priorities.filter((p) => p.goalId === g.id).map((p) => option('priority', p.id, planItemLabel('priority', p)[lang]))}
            </div>
          </div>
        ))}
      </fieldset>
      {/* A store of one municipality's plan has nothing to choose between. */}
      {GROUPS.filter(({ key }) => key !== 'municipality' || (facets?.municipality?.length ?? 0) > 1 || state.lists.municipality.length > 0).map(({ key, label }) => (
        <fieldset key={key}>
          <legend>{t(label)}</legend>
          <div className={key === 'settlement' || key === 'municipality' ? 'options scroll' : 'options'}>
            {(facets?.[key] ?? []).filter((v) => v.value !== null).map((v) => option(key, v.value!, pick(lang, v.label)))}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>{t('year')}</legend>
        <select value={state.year ?? ''} onChange={(e) => onNumber('year', e.target.value ? Number(e.target.value) : undefined)} aria-label={t('year')}>
          <option value="">{t('anyYear')}</option>
          {yearOptions(plan.period, years, state.year).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset>
        <legend>{t('budget')}</legend>
        <BudgetInput label={t('min')} value={state.minBudget} onChange={(v) => onNumber('minBudget', v)} />
        <BudgetInput label={t('max')} value={state.maxBudget} onChange={(v) => onNumber('maxBudget', v)} />
      </fieldset>
    </section>
  );
}

/**
 * A number box that commits on Enter or leaving the field. It shows what the URL says: after "clear
 * all", back or forward the box follows; while typing, the text is the user's until committed.
 */
function BudgetInput({ label, value, onChange }: { label: string; value?: number; onChange(v: number | undefined): void }) {
  const shown = (v: number | undefined) => (v === undefined ? '' : String(v));
  const [text, setText] = useState(shown(value));
  useEffect(() => setText(shown(value)), [value]);
  const commit = () => {
    const n = Number(text.replace(/\s/g, ''));
    const next = text.trim() === '' || !Number.isFinite(n) || n < 0 ? undefined : n;
    // Also when the value does not change (e.g. "abc" over an empty filter): the box must not keep
    // text that no filter stands for.
    setText(shown(next));
    if (next !== value) onChange(next);
  };
  return (
    <label className="budget">
      {label}{' '}
      <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} size={10} />
    </label>
  );
}
