// Someone saved first (412). The planner's record is kept; for each field the planner changed, they
// choose their own value or the other person's, then save over the other person's version.
import { useEffect, useRef, useState } from 'react';
import { fieldChanges, type History, type ItemKind } from '../../geo/editing.ts';
import { moment } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';
import { call, itemUrl } from './client.ts';
import { fieldLabel, showValue } from './Diff.tsx';
import { getAt } from './record.ts';
import { te } from './strings.ts';
import type { Conflict } from './useItem.ts';

interface Props {
  lang: Lang;
  kind: ItemKind;
  id: string;
  base: unknown;
  record: unknown;
  conflict: Conflict;
  /** the fields where the planner chose the other person's value */
  onMerge(takeTheirsAt: Set<string>): void;
  onTakeTheirs(): void;
}

export function ConflictView({ lang, kind, id, base, record, conflict, onMerge, onTakeTheirs }: Props) {
  const mine = fieldChanges(base, record).map((c) => c.path);
  const theirs = fieldChanges(base, conflict.theirs).map((c) => c.path);
  const [theirsAt, setTheirsAt] = useState(() => new Set<string>());
  const [who, setWho] = useState<History['revisions'][number] | null>(null);
  useEffect(() => {
    call<History>('GET', itemUrl(kind, id, 'history')).then(
      ({ body }) => setWho(body.revisions.find((r) => r.number === conflict.revision) ?? null),
      () => setWho(null),
    );
  }, [kind, id, conflict.revision]);
  // The planner pressed save at the bottom of a long form: bring them to the choice.
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), []);
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title" tabIndex={-1} ref={section}>
      <h3 id="conflict-title">{te(lang, 'conflictTitle')}</h3>
      {who && <p>{te(lang, 'conflictBy', { revision: who.number, author: who.author ?? '—', when: moment(lang, who.createdAt), reason: who.reason ?? te(lang, 'noReason') })}</p>}
      {conflict.theirs === null ? (
        // Nothing to merge into: their change deleted the item. What was typed stays in the form.
        <p>{te(lang, 'conflictDeleted')}</p>
      ) : (
        <ConflictChoices lang={lang} mine={mine} theirs={theirs} theirsAt={theirsAt} setTheirsAt={setTheirsAt} record={record} conflict={conflict} onMerge={onMerge} onTakeTheirs={onTakeTheirs} />
      )}
    </section>
  );
}

interface ChoicesProps {
  lang: Lang;
  mine: string[];
  theirs: string[];
  theirsAt: Set<string>;
  setTheirsAt(change: (k: Set<string>) => Set<string>): void;
  record: unknown;
  conflict: Conflict;
  onMerge(takeTheirsAt: Set<string>): void;
  onTakeTheirs(): void;
}

function ConflictChoices({ lang, mine, theirs, theirsAt, setTheirsAt, record, conflict, onMerge, onTakeTheirs }: ChoicesProps) {
  const onlyTheirs = theirs.filter((p) => !mine.includes(p));
  return (
    <>
      <p>{te(lang, 'conflictIntro')}</p>
      <table className="diff">
        <thead>
          <tr>
            <th scope="col">{te(lang, 'field')}</th>
            <th scope="col">{te(lang, 'theirs')}</th>
            <th scope="col">{te(lang, 'mine')}</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((path) => {
            const name = `keep-${path}`;
            return (
              <tr key={path} className={theirs.includes(path) ? 'both' : undefined}>
                <th scope="row">{fieldLabel(lang, path)}</th>
                <td>
                  <label className="choice">
                    <input type="radio" name={name} checked={theirsAt.has(path)} onChange={() => setTheirsAt((k) => new Set([...k, path]))} />
                    {showValue(lang, getAt(conflict.theirs, path), path)}
                  </label>
                </td>
                <td>
                  <label className="choice">
                    <input type="radio" name={name} checked={!theirsAt.has(path)} onChange={() => setTheirsAt((k) => new Set([...k].filter((p) => p !== path)))} />
                    {showValue(lang, getAt(record, path), path)}
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {onlyTheirs.length > 0 && <p>{te(lang, 'theyChangedOnly', { fields: onlyTheirs.map((p) => fieldLabel(lang, p)).join(', ') })}</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => onMerge(theirsAt)}>
          {te(lang, 'merge')}
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs}>
          {te(lang, 'reload')}
        </button>
      </div>
    </>
  );
}
