// A goal, priority or measure: its code and titles as in the plan, how sure we are of it, and its
// place in the tree (the parent, with the link's own confidence).
import { CONFIDENCES } from './vocab.ts';
import type { PageProps } from '../app/App.tsx';
import { planTitle } from '../app/plan.ts';
import { LocalTextFields, SelectField, SourcesField, TextField } from './fields.tsx';
import { ItemEditor } from './ItemEditor.tsx';
import { planItemLabel } from './PlanLinksField.tsx';
import { getAt, setAt } from './record.ts';
import { te } from './strings.ts';

type Level = 'goal' | 'priority' | 'measure';
const PARENT = { goal: null, priority: 'goalId', measure: 'priorityId' } as const;

/** A blank item of `level` in the plan of `municipality` (the plan shown: where a new goal belongs). */
export function newPlanItem(level: Level, municipality: string) {
  const base = { id: '', level, municipality, code: null, title: { bg: null, en: null }, summary: { bg: null, en: null }, confidence: 'inferred', confidenceNote: null, sources: [{ url: '', supports: '' }] };
  return level === 'goal' ? base : { ...base, [PARENT[level]]: null, parentLinkConfidence: null };
}

/** Changing the level of a new item swaps the parent member with it. */
function deriveLevel(record: unknown, path: string): unknown {
  if (path !== 'level') return record;
  const { goalId: _g, priorityId: _p, parentLinkConfidence: _c, ...rest } = record as Record<string, unknown>;
  const level = getAt(record, 'level') as Level;
  return level === 'goal' ? rest : setAt(setAt(rest, PARENT[level], null), 'parentLinkConfidence', null);
}

export function PlanItemEditor({ page, id }: { page: PageProps; id: string }) {
  const { reference, state } = page;
  const lang = state.lang;
  const plan = reference.plan;
  return (
    <ItemEditor
      page={page}
      kind="plan-item"
      id={id}
      idOf={(r) => String(getAt(r, 'id'))}
      heading={(r) => `${te(lang, `level_${getAt(r, 'level') as Level}`)} ${getAt(r, 'code') ?? getAt(r, 'id') ?? ''}`}
      template={() => newPlanItem('measure', plan.municipality.code)}
      derive={deriveLevel}
    >
      {(item) => {
        const level = getAt(item.record, 'level') as Level;
        const parents = level === 'priority' ? plan.goals : level === 'measure' ? plan.priorities : [];
        return (
          <>
            <fieldset>
              <legend>{te(lang, 'general')}</legend>
              {item.isNew && (
                <>
                  <p className="hint">{te(lang, 'joinsPlan', { plan: planTitle(lang, plan) })}</p>
                  <SelectField path="level" label={te(lang, 'level')} options={(['goal', 'priority', 'measure'] as const).map((l) => [l, te(lang, `level_${l}`)])} />
                  <TextField path="id" label={te(lang, 'id')} />
                </>
              )}
              <TextField path="code" label={te(lang, 'code')} nullable />
              <LocalTextFields path="title" labels={[te(lang, 'titleBg'), te(lang, 'titleEn')]} />
              <LocalTextFields path="summary" labels={[te(lang, 'summaryBg'), te(lang, 'summaryEn')]} multiline />
              <SelectField path="confidence" label={te(lang, 'itemConfidence')} options={CONFIDENCES(lang)} />
              <TextField path="confidenceNote" label={te(lang, 'confidenceNote')} nullable />
            </fieldset>
            {level !== 'goal' && (
              <fieldset>
                <legend>{te(lang, 'parent')}</legend>
                <SelectField path={PARENT[level]} label={te(lang, 'parent')} options={parents.map((p) => [p.id, planItemLabel(lang, p)])} empty={te(lang, 'noParent')} />
                <SelectField path="parentLinkConfidence" label={te(lang, 'parentLinkConfidence')} options={[['official', te(lang, 'official')], ['inferred', te(lang, 'inferred')]]} empty={te(lang, 'noParent')} />
              </fieldset>
            )}
            <SourcesField path="sources" />
          </>
        );
      }}
    </ItemEditor>
  );
}
