// The plan links of an intervention, picked from the plan tree (goal → priority → measure), each
// marked official (the plan says so) or inferred (we concluded it).
import { useContext, useState } from 'react';
import type { Plan } from '../../geo/index.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { FormContext, Problems } from './fields.tsx';
import { fieldId, getAt, problemsAt } from './record.ts';
import { te } from './strings.ts';

type Link = { level: 'goal' | 'priority' | 'measure'; id: string; confidence: 'official' | 'inferred' };

export function planItemLabel(lang: Lang, item: { id: string; code: string | null; title: { bg: string | null; en: string | null } }) {
  return `${item.code ?? item.id} ${pick(lang, item.title) || ''}`.trim();
}

export function PlanLinksField({ path, plan, lang }: { path: string; plan: Plan; lang: Lang }) {
  const form = useContext(FormContext)!;
  const links = (getAt(form.record, path) as Link[] | undefined) ?? [];
  const [choice, setChoice] = useState('');
  const levels = [
    ['goal', plan.goals],
    ['priority', plan.priorities],
    ['measure', plan.measures],
  ] as const;
  const find = (id: string) => levels.flatMap(([level, items]) => items.filter((i) => i.id === id).map((i) => ({ level, item: i })))[0];
  const id = fieldId(path);
  const problems = problemsAt(form.problems, path);
  return (
    <div className="plan-links" id={id}>
      <ul>
        {links.map((link, i) => {
          const found = find(link.id);
          return (
            <li key={`${link.id}-${i}`}>
              <span>
                {te(lang, `level_${link.level}`)}: {found ? planItemLabel(lang, found.item) : link.id}
              </span>
              <label className="visually-hidden" htmlFor={`${id}-${i}-confidence`}>
                {te(lang, 'confidence')} {link.id}
              </label>
              <select id={`${id}-${i}-confidence`} value={link.confidence} onChange={(e) => form.set(`${path}.${i}.confidence`, e.target.value)}>
                <option value="official">{te(lang, 'official')}</option>
                <option value="inferred">{te(lang, 'inferred')}</option>
              </select>
              <button type="button" className="link-button" onClick={() => form.set(path, links.filter((_, j) => j !== i))}>
                {te(lang, 'remove')} {link.id}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="add-link">
        <label htmlFor={`${id}-pick`}>{te(lang, 'planLinkPick')}</label>
        <select id={`${id}-pick`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">—</option>
          {levels.map(([level, items]) => (
            <optgroup key={level} label={te(lang, `level_${level}`)}>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {planItemLabel(lang, item)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          disabled={!choice}
          onClick={() => {
            const found = find(choice);
            if (found) form.set(path, [...links, { level: found.level, id: found.item.id, confidence: 'inferred' }]);
            setChoice('');
          }}
        >
          {te(lang, 'planLinkAdd')}
        </button>
      </div>
      <Problems id={id} problems={problems} />
    </div>
  );
}
