// Which column fills which field, and a value for every row where none does: one line per field of
// the target kind (the server's FIELDS, so the form and the import can never list different fields).
// *Приложи* sends the whole mapping; the server previews again with it and remembers it on commit.
import { useMemo, useState } from 'react';
import { FIELDS, kindOfTarget, type Field, type ImportKind, type ImportMapping } from '../../geo/import-mapping.ts';
import type { ImportPreview } from '../../geo/import-preview.ts';
import type { Reference } from '../app/api.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { ti } from './importStrings.ts';
import { fieldLabel, toDraft, toMapping, type DefaultEntry, type MappingDraft } from './mappingValues.ts';

interface Props {
  preview: ImportPreview;
  reference: Reference;
  lang: Lang;
  busy: boolean;
  onApply(mapping: ImportMapping | null): void;
}

const idOf = (path: string) => `map-${path.replace(/[^A-Za-z0-9]/g, '-')}`;

export function MappingForm({ preview, reference, lang, busy, onApply }: Props) {
  const kind = kindOfTarget(preview.target);
  const fields = FIELDS[kind];
  // The form starts over from each new preview: the server's mapping is what the rows were read with.
  const [draft, setDraft] = useState<MappingDraft>(() => toDraft(fields, preview.mapping));
  const [shownProblems, setShownProblems] = useState<Record<string, string>>({});
  const levels = useMemo(() => {
    const m = new Map<string, 'goal' | 'priority' | 'measure'>();
    for (const g of reference.plan.goals) m.set(g.id, 'goal');
    for (const p of reference.plan.priorities) m.set(p.id, 'priority');
    for (const x of reference.plan.measures) m.set(x.id, 'measure');
    return m;
  }, [reference]);
  const problemCount = useMemo(() => {
    const rowsByField = new Map<string, Set<number>>();
    for (const p of preview.problems) rowsByField.set(p.field, (rowsByField.get(p.field) ?? new Set()).add(p.row));
    return (path: string) => rowsByField.get(path)?.size ?? 0;
  }, [preview]);
  // A column the mapping names that this file lacks (a remembered mapping) stays choosable, so it shows.
  const columns = [...new Set([...preview.file.columns, ...Object.values(preview.mapping.columns)])];

  const setColumn = (path: string, column: string) => setDraft((d) => ({ ...d, columns: { ...d.columns, [path]: column } }));
  const setEntry = (path: string, change: Partial<DefaultEntry>) => setDraft((d) => ({ ...d, defaults: { ...d.defaults, [path]: { ...d.defaults[path], ...change } } }));

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const { mapping, problems } = toMapping(fields, draft, { lang, planLevel: (id) => levels.get(id) ?? null, supports: ti(lang, 'supportsDefault', { name: preview.fileName }) });
    setShownProblems(problems);
    if (Object.keys(problems).length) {
      document.getElementById(`${idOf(Object.keys(problems)[0])}-default`)?.focus();
      return;
    }
    onApply(mapping);
  };

  const problemTotal = Object.keys(shownProblems).length;
  return (
    <form className="mapping" aria-labelledby="mapping-title" onSubmit={apply} noValidate>
      <h3 id="mapping-title">{ti(lang, 'mappingTitle')}</h3>
      <p className="hint">{ti(lang, 'mappingIntro')}</p>
      <p className="mapping-from" data-from={preview.mappingFrom}>
        {ti(lang, `mappingFrom_${preview.mappingFrom}`)}
      </p>
      <div className="mapping-grid">
        <span className="mapping-head" aria-hidden="true">
          {ti(lang, 'colField')}
        </span>
        <span className="mapping-head" aria-hidden="true">
          {ti(lang, 'colColumn')}
        </span>
        <span className="mapping-head" aria-hidden="true">
          {ti(lang, 'colDefault')}
        </span>
        {fields.map((f) => (
          <FieldLine
            key={f.path}
            kind={kind}
            field={f}
            label={fieldLabel(lang, kind, f.path)}
            lang={lang}
            columns={columns}
            column={draft.columns[f.path] ?? ''}
            entry={draft.defaults[f.path]}
            problem={shownProblems[f.path]}
            rowsWithProblems={problemCount(f.path)}
            onColumn={(c) => setColumn(f.path, c)}
            onEntry={(c) => setEntry(f.path, c)}
          />
        ))}
      </div>
      {problemTotal > 0 && (
        <p className="form-error" role="alert">
          {ti(lang, 'fixMapping', { n: problemTotal })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {ti(lang, 'apply')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onApply(null)}>
          {ti(lang, 'resetMapping')}
        </button>
      </div>
    </form>
  );
}

interface LineProps {
  kind: ImportKind;
  field: Field;
  label: string;
  lang: Lang;
  columns: string[];
  column: string;
  entry: DefaultEntry;
  problem: string | undefined;
  rowsWithProblems: number;
  onColumn(column: string): void;
  onEntry(change: Partial<DefaultEntry>): void;
}

function FieldLine({ kind, field, label, lang, columns, column, entry, problem, rowsWithProblems, onColumn, onEntry }: LineProps) {
  const id = idOf(field.path);
  // An intervention without an id column gets one: the item of the same title, else the next free code.
  const autoId = kind === 'intervention' && field.path === 'id';
  const required = field.empty === undefined && !autoId;
  const hintKey = autoId ? 'hint_idAuto' : ({ list: 'hint_list', terms: 'hint_terms', sources: 'hint_sources', planLinks: 'hint_planLinks', json: 'hint_json' } as const)[field.read.type as string];
  const described = [hintKey && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  const read = field.read;
  const options = read.type === 'term' || read.type === 'terms' ? read.terms.ids.map((code) => [code, code === pick(lang, read.terms.table[code].label) ? code : `${pick(lang, read.terms.table[code].label)} (${code})`] as const) : [];
  return (
    <div className={`mapping-line${problem ? ' invalid' : ''}${rowsWithProblems ? ' has-problems' : ''}`} data-field={field.path}>
      <div className="mapping-field">
        <span id={`${id}-name`} className="field-name">
          {label}
        </span>{' '}
        <code>{field.path}</code>
        {required && <span className="badge required">{ti(lang, 'required')}</span>}
        {rowsWithProblems > 0 && <span className="field-rows-problem">{ti(lang, 'rowsWithProblems', { n: rowsWithProblems })}</span>}
      </div>
      <div className="mapping-column">
        <label htmlFor={`${id}-column`} className="visually-hidden">
          {ti(lang, 'columnOf', { field: label })}
        </label>
        <select id={`${id}-column`} value={column} onChange={(e) => onColumn(e.target.value)}>
          <option value="">{ti(lang, 'noColumn')}</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="mapping-default">
        {read.type === 'boolean' ? (
          <span className="check">
            <input id={`${id}-default`} type="checkbox" checked={entry.flag} onChange={(e) => onEntry({ flag: e.target.checked })} />
            <label htmlFor={`${id}-default`}>{ti(lang, 'defaultOf', { field: label })}</label>
          </span>
        ) : (
          <>
            <label htmlFor={`${id}-default`} className="visually-hidden">
              {ti(lang, 'defaultOf', { field: label })}
            </label>
            {read.type === 'term' ? (
              <select id={`${id}-default`} value={entry.text} aria-invalid={problem ? true : undefined} aria-describedby={described} onChange={(e) => onEntry({ text: e.target.value })}>
                <option value="">{ti(lang, 'noDefault')}</option>
                {options.map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </select>
            ) : read.type === 'terms' ? (
              <select
                id={`${id}-default`}
                multiple
                size={Math.min(4, options.length)}
                value={entry.codes}
                aria-describedby={described}
                onChange={(e) => onEntry({ codes: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {options.map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${id}-default`}
                inputMode={read.type === 'number' || read.type === 'integer' ? 'decimal' : undefined}
                value={entry.text}
                aria-invalid={problem ? true : undefined}
                aria-describedby={described}
                onChange={(e) => onEntry({ text: e.target.value })}
              />
            )}
            {read.type === 'sources' && (
              <>
                <label htmlFor={`${id}-supports`} className="visually-hidden">
                  {ti(lang, 'supportsOf', { field: label })}
                </label>
                <input id={`${id}-supports`} className="supports" placeholder={ti(lang, 'supportsOf', { field: label })} value={entry.supports} onChange={(e) => onEntry({ supports: e.target.value })} />
              </>
            )}
          </>
        )}
        {hintKey && (
          <p className="hint" id={`${id}-hint`}>
            {ti(lang, hintKey)}
          </p>
        )}
        {problem && (
          <p className="field-problems" id={`${id}-problem`}>
            {problem}
          </p>
        )}
      </div>
    </div>
  );
}
