// Filters with counts next to each option (from /api/facets: what a click would show), the plan
// tree goal → priority, year and budget range, and one button to clear them all.
import { useEffect, useState } from 'react';
import { planItemLabel, type Municipality, type Plan } from '../../geo/index.ts';
import type { FacetValue } from '../app/api.ts';
import { count } from '../app/format.ts';
import { pick, translate, type Lang, type StringKey } from '../app/i18n.ts';
import { withPlans } from '../app/plan.ts';
import type { AppState, ListFilter, PublicView } from '../app/state.ts';
import { DateControls } from './DateControls.tsx';
import { yearOptions } from './years.ts';

interface Props {
  state: AppState;
  facets?: Record<string, FacetValue[]>;
  plan: Plan;
  /** years the interventions start or end in (as far as known), to widen the plan's period in the year list */
  years?: Iterable<number | null>;
  /** the municipalities held (/api/municipalities): their options are grouped by province */
  municipalities?: Municipality[];
  /** changes what is chosen for a filter: `next` is given what the URL says now */
  onChoose(filter: ListFilter, next: (current: string[]) => string[]): void;
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

export function Filters({ state, facets, plan, municipalities = [], years = [], onChoose, onNumber, onClear, hasFilters, feed, onView }: Props) {
  const lang = state.lang;
  const t = (k: StringKey) => translate(lang, k);
  const countOf = (facet: string, value: string) => facets?.[facet]?.find((v) => v.value === value)?.count;
  const toggle = (filter: ListFilter, value: string) => onChoose(filter, (current) => (current.includes(value) ? current.filter((v) => v !== value) : [...current, value]));
  // The plan's goals are one municipality's: where several plans are shown, one is chosen first.
  const onePlan = withPlans(municipalities).length < 2 || state.lists.municipality.length === 1;
  const planChosen = state.lists.goal.length + state.lists.priority.length;
  const option = (filter: ListFilter, value: string, label: string, facet: string = filter) => {
    const checked = state.lists[filter].includes(value);
    const n = countOf(facet, value);
    return (
      <label key={value} className={`option${n === 0 && !checked ? ' empty' : ''}`}>
        <input type="checkbox" checked={checked} onChange={() => toggle(filter, value)} />
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
      {onePlan ? (
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
      ) : (
        <fieldset>
          <legend>{t('plan')}</legend>
          <p className="hint">{t('planOfOne')}</p>
          {/* Goals chosen before a second municipality was: they still filter, so they can be let go of. */}
          {planChosen > 0 && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                onChoose('goal', () => []);
                onChoose('priority', () => []);
              }}
            >
              {translate(lang, 'planUnchoose', { n: String(planChosen) })}
            </button>
          )}
        </fieldset>
      )}
      {/* A store of one municipality's plan has nothing to choose between. */}
      {GROUPS.filter(({ key }) => key !== 'municipality' || (facets?.municipality?.length ?? 0) > 1 || state.lists.municipality.length > 0).map(({ key, label }) => (
        <fieldset key={key}>
          <legend>{t(label)}</legend>
          <div className={key === 'settlement' || key === 'municipality' ? 'options scroll' : 'options'}>
            {key === 'municipality'
              ? byProvince(facets?.[key] ?? [], municipalities, lang).map((province) =>
                  province.name === null ? (
                    province.options.map((v) => option(key, v.value!, pick(lang, v.label)))
                  ) : (
                    <div key={province.key} className="tree">
                      <ProvinceOption
                        name={pick(lang, province.name)}
                        codes={province.options.map((v) => v.value!)}
                        chosen={state.lists.municipality}
                        n={province.options.reduce((sum, v) => sum + v.count, 0)}
                        lang={lang}
                        onChoose={(next) => onChoose('municipality', next)}
                      />
                      <div className="tree-children">{province.options.map((v) => option(key, v.value!, pick(lang, v.label)))}</div>
                    </div>
                  ),
                )
              : (facets?.[key] ?? []).filter((v) => v.value !== null).map((v) => option(key, v.value!, pick(lang, v.label)))}
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

interface Province {
  key: string;
  /** null for the municipalities whose province is not known here */
  name: Municipality['province'] | null;
  options: FacetValue[];
}

/**
 * The municipalities' facet values by province (област), provinces and their municipalities in the
 * facets' order: a region is chosen with one box, and 265 names become 28 groups to scan.
 */
export function byProvince(values: FacetValue[], municipalities: Municipality[], lang: Lang): Province[] {
  const of = new Map(municipalities.map((m) => [m.code, m]));
  const provinces = new Map<string, Province>();
  const titled = new Set<string>();
  for (const v of values) {
    if (v.value === null) continue;
    const m = of.get(v.value);
    // By NUTS 3, else by the province's name; a municipality with neither goes with the unknown ones.
    const named = m && (m.province.bg || m.province.en) ? m.province : null;
    const key = m?.nuts3 ?? named?.bg ?? named?.en ?? '';
    const p = provinces.get(key) ?? { key, name: key ? { bg: key, en: key } : null, options: [] };
    // The group is called by the first name one of its municipalities gives (its code otherwise).
    if (named && !titled.has(key)) {
      p.name = named;
      titled.add(key);
    }
    provinces.set(key, p);
    p.options.push(v);
  }
  // One province (a single municipality's store, or a region's) is no grouping at all.
  const groups = [...provinces.values()];
  if (groups.length < 2) return groups.map((g) => ({ ...g, name: null }));
  // The unknown ones last.
  const name = (g: Province) => (g.name ? pick(lang, g.name) : '\uffff');
  return groups.sort((a, b) => name(a).localeCompare(name(b), lang));
}

/** A province's box: checked when all its municipalities are chosen, mixed when some are. */
function ProvinceOption({ name, codes, chosen, n, lang, onChoose }: { name: string; codes: string[]; chosen: string[]; n: number; lang: Lang; onChoose(next: (current: string[]) => string[]): void }) {
  const all = codes.every((c) => chosen.includes(c));
  const some = !all && codes.some((c) => chosen.includes(c));
  return (
    <label className="option province">
      <input
        type="checkbox"
        checked={all}
        ref={(el) => {
          if (el) el.indeterminate = some;
        }}
        onChange={() => onChoose((current) => (all ? current.filter((c) => !codes.includes(c)) : [...current, ...codes.filter((c) => !current.includes(c))]))}
      />
      <span className="label" title={name}>
        {translate(lang, 'provinceOf', { name })}
      </span>
      <span className="n">{count(lang, n)}</span>
    </label>
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
