// The preview's rows: what becomes of each (with its label as read, so a wrong encoding shows as
// garbled names), and every problem as "ред N: поле: съобщение". One row at a time is in the tab
// order; the arrow keys move between rows, and the row in focus is the one ringed on the map.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ROW_ACTIONS, type ImportPreview, type RowAction } from '../../geo/import-preview.ts';
import type { Lang } from '../app/i18n.ts';
import { ACTION_COLOURS, actionWord, ti } from './importStrings.ts';

const PAGE = 200;

interface Props {
  preview: ImportPreview;
  lang: Lang;
  selected: number | null;
  onSelect(row: number): void;
}

export function ImportRows({ preview, lang, selected, onSelect }: Props) {
  const [show, setShow] = useState<RowAction | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const body = useRef<HTMLTableSectionElement>(null);
  const problemsOf = useMemo(() => {
    const m = new Map<number, ImportPreview['problems']>();
    for (const p of preview.problems) m.set(p.row, [...(m.get(p.row) ?? []), p]);
    return m;
  }, [preview]);
  const rows = preview.rows.filter((r) => !show || r.action === show);
  const shown = rows.slice(0, limit);
  const active = shown.some((r) => r.row === selected) ? selected : (shown[0]?.row ?? null);

  // A row chosen on the map is brought into the table's view (the table's own focus already is).
  useEffect(() => {
    const tr = body.current?.querySelector(`tr[data-row="${selected}"]`);
    if (tr && !body.current?.contains(document.activeElement)) tr.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const move = (e: React.KeyboardEvent, index: number) => {
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: shown.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = shown[Math.max(0, Math.min(shown.length - 1, to))];
    if (!next) return;
    (body.current?.querySelector(`tr[data-row="${next.row}"]`) as HTMLElement | null)?.focus();
  };

  return (
    <section className="import-rows" aria-labelledby="rows-title">
      <h3 id="rows-title">{ti(lang, 'rowsTitle')}</h3>
      <p className="hint" id="rows-hint">
        {ti(lang, 'rowsHint')}
      </p>
      <div className="rows-filter">
        <label htmlFor="rows-show">{ti(lang, 'showAction')}</label>
        <select
          id="rows-show"
          value={show}
          onChange={(e) => {
            setShow(e.target.value as RowAction | '');
            setLimit(PAGE);
          }}
        >
          <option value="">
            {ti(lang, 'allRows')} ({preview.rows.length})
          </option>
          {ROW_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionWord(lang, a)} ({preview.counts[a]})
            </option>
          ))}
        </select>
      </div>
      <div className="rows-scroll">
        <table className="rows-table" aria-describedby="rows-hint" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col">{ti(lang, 'colRow')}</th>
              <th scope="col">{ti(lang, 'colId')}</th>
              <th scope="col">{ti(lang, 'colLabel')}</th>
              <th scope="col">{ti(lang, 'colAction')}</th>
              <th scope="col">{ti(lang, 'colProblems')}</th>
            </tr>
          </thead>
          <tbody ref={body}>
            {shown.map((r, i) => {
              const problems = problemsOf.get(r.row) ?? [];
              return (
                <tr
                  key={r.row}
                  data-row={r.row}
                  data-action={r.action}
                  tabIndex={r.row === active ? 0 : -1}
                  aria-selected={r.row === selected}
                  className={r.row === selected ? 'chosen' : undefined}
                  onFocus={() => onSelect(r.row)}
                  onClick={() => onSelect(r.row)}
                  onKeyDown={(e) => move(e, i)}
                >
                  <td>{r.row}</td>
                  <td className="id">{r.id ?? '—'}</td>
                  <td className="label">{r.label ?? '—'}</td>
                  <td>
                    <span className="badge action" style={{ background: ACTION_COLOURS[r.action] }}>
                      {actionWord(lang, r.action, true)}
                    </span>
                  </td>
                  <td className="row-problems">{problems.length ? ti(lang, 'rowProblems', { n: problems.length, fields: [...new Set(problems.map((p) => p.field))].join(', ') }) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <p>
          {ti(lang, 'shownOf', { shown: shown.length, total: rows.length })}{' '}
          <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)}>
            {ti(lang, 'showMore', { n: Math.min(PAGE, rows.length - shown.length) })}
          </button>
        </p>
      )}
      <h4 id="problems-title">{ti(lang, 'problemsTitle', { n: preview.problems.length })}</h4>
      {preview.problems.length ? (
        <ul className="import-problems" aria-labelledby="problems-title" data-testid="import-problems">
          {preview.problems.map((p, i) => (
            <li key={i}>{ti(lang, 'problemLine', { row: p.row, field: p.field, message: p.message })}</li>
          ))}
        </ul>
      ) : (
        <p>{ti(lang, 'noProblems')}</p>
      )}
    </section>
  );
}
