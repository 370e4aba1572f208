// Form fields bound to one member of the record by its path. Each shows the server's words for the
// problems at its path, next to the input (aria-describedby), so a planner sees what to fix where.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Problem } from '../../geo/editing.ts';
import type { Lang } from '../app/i18n.ts';
import { fieldId, getAt, problemsAt } from './record.ts';
import { te } from './strings.ts';

export interface FormApi {
  record: unknown;
  set(path: string, value: unknown): void;
  problems: Problem[];
  lang: Lang;
}

export const FormContext = createContext<FormApi | null>(null);

function useField(path: string) {
  const form = useContext(FormContext)!;
  const problems = problemsAt(form.problems, path);
  const id = fieldId(path);
  return {
    id,
    lang: form.lang,
    value: getAt(form.record, path),
    set: (value: unknown) => form.set(path, value),
    problems,
    /** the attributes that tie an input to its label's problems */
    aria: { id, 'aria-invalid': problems.length ? true : undefined, 'aria-describedby': problems.length ? `${id}-problems` : undefined },
  };
}

export function Problems({ id, problems }: { id: string; problems: Problem[] }) {
  if (!problems.length) return null;
  return (
    <ul className="field-problems" id={`${id}-problems`}>
      {problems.map((p, i) => (
        <li key={i}>{p.message}</li>
      ))}
    </ul>
  );
}

interface Labelled {
  path: string;
  label: string;
  hint?: string;
}

function Wrap({ id, label, hint, problems, children }: { id: string; label: string; hint?: string; problems: Problem[]; children: ReactNode }) {
  return (
    <div className={`field${problems.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint">{hint}</p>}
      {children}
      <Problems id={id} problems={problems} />
    </div>
  );
}

/** Text; with `nullable`, an empty box means "unknown" (null), never an empty string. */
export function TextField({ path, label, hint, nullable, multiline, type = 'text' }: Labelled & { nullable?: boolean; multiline?: boolean; type?: string }) {
  const f = useField(path);
  const value = typeof f.value === 'string' ? f.value : '';
  const change = (text: string) => f.set(nullable && text.trim() === '' ? null : text);
  return (
    <Wrap id={f.id} label={label} hint={hint} problems={f.problems}>
      <TextBox aria={f.aria} value={value} multiline={multiline} type={type} onChange={change} />
    </Wrap>
  );
}

/** One text input, or a box of three lines, with the attributes that tie it to its label and problems. */
function TextBox({ aria, value, multiline, type = 'text', onChange }: { aria: Record<string, unknown>; value: string; multiline?: boolean; type?: string; onChange(text: string): void }) {
  return multiline ? <textarea {...aria} value={value} rows={3} onChange={(e) => onChange(e.target.value)} /> : <input {...aria} type={type} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/**
 * Words that may carry a translation (see geo/prose.ts): a plain text is one box; a text kept in
 * both languages is a box for each, the translation marked as such. Planners write in Bulgarian:
 * changing the Bulgarian of a text first written in English makes the Bulgarian the original and
 * clears the English, which no longer says the same (the history keeps it); a new English
 * translation can be written in its box.
 */
export function ProseField({ path, label, hint, nullable, multiline }: Labelled & { nullable?: boolean; multiline?: boolean }) {
  const f = useField(path);
  if (typeof f.value !== 'object' || f.value === null) return <TextField path={path} label={label} hint={hint} nullable={nullable} multiline={multiline} />;
  const text = f.value as { bg: string | null; en: string | null; original: 'bg' | 'en' };
  const box = (lang: 'bg' | 'en') => `${label} — ${te(f.lang, lang === 'bg' ? 'inBulgarian' : 'inEnglish')}${text.original !== lang ? ` (${te(f.lang, 'translation')})` : ''}`;
  const bg = `${path}.bg`;
  const bgId = fieldId(bg);
  const bgProblems = problemsAt(f.problems, bg);
  const writeBg = (words: string) => {
    const value = words.trim() === '' ? null : words;
    f.set(text.original === 'en' ? { bg: value, en: null, original: 'bg' } : { ...text, bg: value });
  };
  return (
    <fieldset className="prose-field">
      <legend>{label}</legend>
      {hint && <p className="hint">{hint}</p>}
      {text.original === 'en' && <p className="hint">{te(f.lang, 'rewriteHint')}</p>}
      <Wrap id={bgId} label={box('bg')} problems={bgProblems}>
        <TextBox aria={{ id: bgId, 'aria-invalid': bgProblems.length ? true : undefined, 'aria-describedby': bgProblems.length ? `${bgId}-problems` : undefined }} value={text.bg ?? ''} multiline={multiline} onChange={writeBg} />
      </Wrap>
      <TextField path={`${path}.en`} label={box('en')} nullable multiline={multiline} />
      <Problems id={f.id} problems={f.problems.filter((p) => p.path === path || p.path === `${path}.original`)} />
    </fieldset>
  );
}

/** A number typed freely ("12." stays while typing); empty is null when `nullable`. */
export function NumberField({ path, label, hint, nullable, step = 'any' }: Labelled & { nullable?: boolean; step?: string }) {
  const f = useField(path);
  const [text, setText] = useState(f.value === null || f.value === undefined ? '' : String(f.value));
  useEffect(() => {
    if (Number(text) !== f.value && !(text === '' && f.value === null)) setText(f.value === null || f.value === undefined ? '' : String(f.value));
  }, [f.value]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Wrap id={f.id} label={label} hint={hint} problems={f.problems}>
      <input
        {...f.aria}
        inputMode="decimal"
        step={step}
        value={text}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const n = Number(t.replace(',', '.'));
          f.set(t.trim() === '' ? (nullable ? null : t) : Number.isFinite(n) ? n : t);
        }}
      />
    </Wrap>
  );
}

/** One of a list; `empty` names the null choice when the member may be unknown. */
export function SelectField({ path, label, hint, options, empty }: Labelled & { options: [string, string][]; empty?: string }) {
  const f = useField(path);
  return (
    <Wrap id={f.id} label={label} hint={hint} problems={f.problems}>
      <select {...f.aria} value={(f.value as string | null) ?? ''} onChange={(e) => f.set(e.target.value === '' && empty !== undefined ? null : e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckField({ path, label }: Labelled) {
  const f = useField(path);
  return (
    <div className={`field check${f.problems.length ? ' invalid' : ''}`}>
      <input {...f.aria} type="checkbox" checked={f.value === true} onChange={(e) => f.set(e.target.checked)} />
      <label htmlFor={f.id}>{label}</label>
      <Problems id={f.id} problems={f.problems} />
    </div>
  );
}

/** Several of a list, as checkboxes in a fieldset. */
export function ChoiceList({ path, label, options }: Labelled & { options: [string, string][] }) {
  const f = useField(path);
  const chosen = Array.isArray(f.value) ? (f.value as string[]) : [];
  return (
    <fieldset className={`choices${f.problems.length ? ' invalid' : ''}`} id={f.id} aria-describedby={f.problems.length ? `${f.id}-problems` : undefined}>
      <legend>{label}</legend>
      {options.map(([value, text]) => (
        <label key={value} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(e) => f.set(e.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))}
          />
          {text}
        </label>
      ))}
      <Problems id={f.id} problems={f.problems} />
    </fieldset>
  );
}

/** Bulgarian and English of one text; the English (and, unless `bgRequired`, the Bulgarian) may be unknown. */
export function LocalTextFields({ path, labels, multiline, bgRequired }: { path: string; labels: [string, string]; multiline?: boolean; bgRequired?: boolean }) {
  return (
    <>
      <TextField path={`${path}.bg`} label={labels[0]} multiline={multiline} nullable={!bgRequired} />
      <TextField path={`${path}.en`} label={labels[1]} multiline={multiline} nullable />
    </>
  );
}

/** Every source as a URL and what it supports; at least one (the schema says so). */
export function SourcesField({ path }: { path: string }) {
  const f = useField(path);
  const sources = Array.isArray(f.value) ? (f.value as { url: string; supports: string }[]) : [];
  const lang = f.lang;
  return (
    <fieldset className={`sources${f.problems.length ? ' invalid' : ''}`} id={f.id}>
      <legend>{te(lang, 'sources')}</legend>
      {sources.map((_, i) => (
        <div className="source-row" key={i}>
          <TextField path={`${path}.${i}.url`} label={`${te(lang, 'sourceUrl')} ${i + 1}`} type="url" />
          <ProseField path={`${path}.${i}.supports`} label={te(lang, 'sourceSupports')} />
          <button type="button" className="link-button" onClick={() => f.set(sources.filter((__, j) => j !== i))}>
            {te(lang, 'remove')} ({i + 1})
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => f.set([...sources, { url: '', supports: '' }])}>
        {te(lang, 'addSource')}
      </button>
      <Problems id={f.id} problems={f.problems.filter((p) => p.path === path)} />
    </fieldset>
  );
}
