// One item under edit: what the server holds (the base, with its ETag), what the planner has typed
// (the record), the problems found before sending (the server's own check, run here) or named by
// the server, and a conflict when someone else saved first. Nothing typed is dropped by a refusal.
import { useCallback, useEffect, useState } from 'react';
import { checkRecord, fieldChanges, type ItemKind, type Problem, type RevisionState, type WriteResult } from '../../geo/editing.ts';
import { call, itemUrl, BASE, Refused } from './client.ts';
import { getAt, setAt } from './record.ts';

export interface Editing {
  revision: number;
  state: RevisionState;
  published: number | null;
}

/** What the server said when someone else's change came first (412). */
export interface Conflict {
  theirs: unknown;
  etag: string;
  revision: number;
}

export type Phase = 'loading' | 'ready' | 'missing' | 'deleted' | 'failed';

export interface ItemState {
  phase: Phase;
  base: unknown;
  record: unknown;
  etag: string | null;
  editing: Editing | null;
  problems: Problem[];
  /** the last outcome, for the status line */
  outcome: { kind: 'saved'; result: WriteResult } | { kind: 'nothing' } | { kind: 'refused'; message: string } | { kind: 'network' } | null;
  conflict: Conflict | null;
  saving: boolean;
  deletedAt?: number;
}

const initial = (record: unknown): ItemState => ({ phase: 'loading', base: null, record, etag: null, editing: null, problems: [], outcome: null, conflict: null, saving: false });

/**
 * `template` makes the record of a new item (id "new"); `derive` fills what follows from a field
 * just set (the EUR figure from the amount), and only then, so loading never changes a record.
 */
export function useItem(kind: ItemKind, id: string, template: () => unknown, derive?: (record: unknown, path: string) => unknown) {
  const isNew = id === 'new';
  const [s, setS] = useState<ItemState>(() => initial(isNew ? template() : null));

  const load = useCallback(async () => {
    if (isNew) return setS({ ...initial(template()), phase: 'ready' });
    try {
      const { body, etag } = await call<Record<string, unknown> & { editing: Editing }>('GET', itemUrl(kind, id));
      const { editing, ...record } = body;
      setS({ ...initial(record), phase: 'ready', base: record, etag, editing });
    } catch (e) {
      if (e instanceof Refused && e.code === 'deleted') setS({ ...initial(null), phase: 'deleted', deletedAt: (e.details as { revision: number }).revision });
      else setS({ ...initial(null), phase: e instanceof Refused && e.status === 404 ? 'missing' : 'failed' });
    }
  }, [kind, id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [load]);

  const set = useCallback(
    (path: string, value: unknown) =>
      setS((x) => {
        let record = setAt(x.record, path, value);
        // A feature's id and its properties.id are one thing to the planner.
        if (path === 'properties.id') record = setAt(record, 'id', value);
        return { ...x, record: derive ? derive(record, path) : record, outcome: null };
      }),
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const replaceRecord = useCallback((change: (record: unknown) => unknown) => setS((x) => ({ ...x, record: change(x.record), outcome: null })), []);

  /** Checks as the server will, then sends: a new item as POST, a change as a merge patch over the ETag. */
  const save = useCallback(
    async (reason: string): Promise<WriteResult | null> => {
      const checked = checkRecord(kind, s.record);
      if (!checked.ok) {
        const problems = Array.isArray(checked.details) ? checked.details : [{ path: 'geometry', message: checked.message }];
        setS((x) => ({ ...x, problems, outcome: null }));
        return null;
      }
      if (!isNew && fieldChanges(s.base, s.record).length === 0) {
        setS((x) => ({ ...x, problems: [], outcome: { kind: 'nothing' } }));
        return null;
      }
      setS((x) => ({ ...x, saving: true, problems: [] }));
      try {
        const { body } = isNew
          ? await call<WriteResult>('POST', BASE[kind], { body: s.record, reason })
          : await call<WriteResult>('PATCH', itemUrl(kind, id), { body: s.record, etag: s.etag, reason });
        const saved = { kind: 'saved' as const, result: body };
        const editing = { revision: body.revision, state: body.state, published: body.published };
        if (isNew) {
          setS((x) => ({ ...x, saving: false, outcome: saved }));
          return body;
        }
        try {
          // The server's copy (normalised geometry): what the next change goes over.
          const { body: fresh, etag } = await call<Record<string, unknown> & { editing: Editing }>('GET', itemUrl(kind, id));
          const { editing: now, ...record } = fresh;
          setS({ ...initial(record), phase: 'ready', base: record, etag, editing: now, outcome: saved });
        } catch {
          // Saved all the same: the write's own answer names the new revision and its ETag.
          setS((x) => ({ ...x, saving: false, base: x.record, etag: body.etag, editing, outcome: saved }));
        }
        return body;
      } catch (e) {
        setS((x) => ({ ...x, saving: false, ...refusal(e, kind) }));
        return null;
      }
    },
    [kind, id, isNew, s.record, s.base, s.etag],
  );

  /**
   * Their version, with the planner's value kept for every field the planner changed, except those
   * where they chose the other person's; the ETag becomes theirs, so the next save goes over it.
   */
  const merge = useCallback((takeTheirsAt: Set<string>) => {
    setS((x) => {
      if (!x.conflict) return x;
      // Worked out now, not when the view opened: a field typed in since then is the planner's too.
      const kept = fieldChanges(x.base, x.record)
        .map((c) => c.path)
        .filter((path) => !takeTheirsAt.has(path));
      let record = x.conflict.theirs;
      for (const path of kept) record = setAt(record, path, getAt(x.record, path));
      // What follows from a field (the EUR figure) follows from the merged fields, not from either side.
      if (derive) for (const path of kept) record = derive(record, path);
      return { ...x, base: x.conflict.theirs, record, etag: x.conflict.etag, conflict: null, outcome: null, problems: [] };
    });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  /** Takes their version, dropping what the planner typed (they chose to). */
  const takeTheirs = useCallback(() => {
    setS((x) => (x.conflict ? { ...x, base: x.conflict.theirs, record: x.conflict.theirs, etag: x.conflict.etag, conflict: null, outcome: null, problems: [] } : x));
  }, []);

  return { ...s, isNew, set, replaceRecord, save, merge, takeTheirs, reload: load };
}

/** What a refused write leaves in the state: a conflict, problems by field, or a message. */
function refusal(e: unknown, kind: ItemKind): Partial<ItemState> {
  if (!(e instanceof Refused)) return { outcome: { kind: 'network' } };
  if (e.status === 412) {
    const current = (e.details as { current: { record: unknown; etag: string; revision: number } }).current;
    return { conflict: { theirs: current.record, etag: current.etag, revision: current.revision } };
  }
  if (e.problems.length) return { problems: e.problems, outcome: { kind: 'refused', message: e.message } };
  if (e.code === 'exists') return { problems: [{ path: kind === 'plan-item' ? 'id' : 'properties.id', message: e.message }], outcome: { kind: 'refused', message: e.message } };
  return { outcome: { kind: 'refused', message: e.message } };
}
