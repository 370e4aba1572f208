// The frame every editor form shares: which revision is being edited and whether it is public, the
// problems to fix (each a link to its field), the conflict view, and saving with a reason.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ItemKind } from '../../geo/editing.ts';
import type { PageProps } from '../app/App.tsx';
import { call, itemUrl, Refused } from './client.ts';
import { ConflictView } from './ConflictView.tsx';
import { FormContext } from './fields.tsx';
import { fieldLabel } from './Diff.tsx';
import { fieldId } from './record.ts';
import { can } from './session.ts';
import { te } from './strings.ts';
import { useItem } from './useItem.ts';

export interface ItemEditorProps {
  page: PageProps;
  kind: ItemKind;
  id: string;
  heading(record: unknown): string;
  template(): unknown;
  derive?(record: unknown, path: string): unknown;
  children(item: ReturnType<typeof useItem>): ReactNode;
  /** beside the form on a wide screen, under it on a phone */
  aside?(item: ReturnType<typeof useItem>): ReactNode;
  /** the record's own id, to open the new item after it is created */
  idOf(record: unknown): string;
}

export function ItemEditor({ page, kind, id, heading, template, derive, children, aside, idOf }: ItemEditorProps) {
  const { state, update, replace } = page;
  const lang = state.lang;
  const item = useItem(kind, id, template, derive);
  const [reason, setReason] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  // Once the item is there (the heading is not rendered while it loads).
  useEffect(() => title.current?.focus(), [kind, id, item.phase]);
  useEffect(() => {
    if (item.problems.length) summary.current?.focus();
  }, [item.problems]);

  if (item.phase === 'loading') return <p className="loading">{te(lang, 'loadingItem')}</p>;
  if (item.phase === 'missing' || item.phase === 'failed')
    return <p className="notice" role="alert">{item.phase === 'missing' ? te(lang, 'notFound', { id }) : te(lang, 'networkError')}</p>;
  if (item.phase === 'deleted')
    return (
      <div className="notice" role="alert">
        <p>{te(lang, 'deletedItem', { id, revision: item.deletedAt ?? '?' })}</p>
        <a href={`?page=history&kind=${kind}&item=${encodeURIComponent(id)}`} onClick={(e) => (e.preventDefault(), update((s) => ({ ...s, page: 'history', kind, item: id })))}>
          {te(lang, 'history')}
        </a>
      </div>
    );

  const save = async () => {
    const result = await item.save(reason);
    if (!result) return;
    setReason('');
    if (item.isNew) replace((s) => ({ ...s, page: s.page, item: idOf(item.record) }));
  };
  const remove = async () => {
    if (!window.confirm(te(lang, 'deleteConfirm', { id }))) return;
    try {
      await call('DELETE', itemUrl(kind, id), { etag: item.etag, reason });
      await item.reload();
    } catch (e) {
      if (e instanceof Refused) window.alert(te(lang, 'serverRefused', { message: e.message }));
    }
  };
  const stateLine = item.isNew
    ? te(lang, 'stateNew')
    : item.editing?.state === 'draft'
      ? te(lang, 'stateDraft', { revision: item.editing.revision, published: item.editing.published ?? te(lang, 'noneYet') })
      : te(lang, 'statePublished', { revision: item.editing?.revision ?? '' });
  const outcome = item.outcome;

  return (
    <div className={`item-editor${aside ? ' with-map' : ''}`}>
      <div className="editor-form">
        <h2 tabIndex={-1} ref={title}>
          {item.isNew ? heading(item.record) || te(lang, kind === 'intervention' ? 'newIntervention' : kind === 'zone' ? 'newZone' : 'newPlanItem') : heading(item.record)}
        </h2>
        <p className="state-line" data-testid="state-line">
          {stateLine}
          {!item.isNew && (
            <>
              {' · '}
              <a href={`?page=history&kind=${kind}&item=${encodeURIComponent(id)}`} onClick={(e) => (e.preventDefault(), update((s) => ({ ...s, page: 'history', kind, item: id })))}>
                {te(lang, 'history')}
              </a>
            </>
          )}
        </p>
        {item.conflict && (
          <ConflictView lang={lang} kind={kind} id={id} base={item.base} record={item.record} conflict={item.conflict} onMerge={item.merge} onTakeTheirs={item.takeTheirs} />
        )}
        {item.problems.length > 0 && (
          <div className="problems" role="alert" tabIndex={-1} ref={summary}>
            <h3>{te(lang, 'problemsTitle', { n: item.problems.length })}</h3>
            <ul>
              {item.problems.map((p, i) => (
                <li key={i}>
                  <a
                    href={`#${fieldId(p.path)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.getElementById(fieldId(p.path)) ?? document.getElementById(fieldId(p.path.split('.').slice(0, -1).join('.')));
                      (el?.matches('input,select,textarea,fieldset') ? el : el?.querySelector<HTMLElement>('input,select,textarea,button'))?.focus();
                    }}
                  >
                    {fieldLabel(lang, p.path)}
                  </a>
                  : {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <form
          className="record-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {/* Disabled while saving: the answer replaces the record, and nothing typed meanwhile may be lost. */}
          <fieldset className="record-fields" disabled={item.saving}>
            <FormContext.Provider value={{ record: item.record, set: item.set, problems: item.problems, lang }}>{children(item)}</FormContext.Provider>
          </fieldset>
          <div className="save-bar">
            <label htmlFor="change-reason">{te(lang, 'reason')}</label>
            <input id="change-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
            <div className="actions">
              <button type="submit" className="primary" disabled={item.saving || !!item.conflict}>
                {item.saving ? te(lang, 'saving') : te(lang, 'save')}
              </button>
              {!item.isNew && can(page.session.me, 'editor') && (
                <button type="button" className="secondary danger" onClick={() => void remove()}>
                  {te(lang, 'deleteItem')}
                </button>
              )}
            </div>
            <p role="status" className="outcome" data-testid="outcome">
              {outcome?.kind === 'saved' && te(lang, 'saved', { revision: outcome.result.revision })}
              {outcome?.kind === 'nothing' && te(lang, 'nothingChanged')}
              {outcome?.kind === 'refused' && te(lang, 'serverRefused', { message: outcome.message })}
              {outcome?.kind === 'network' && te(lang, 'networkError')}
            </p>
          </div>
        </form>
      </div>
      {aside && <div className="editor-aside">{aside(item)}</div>}
    </div>
  );
}
