// The "Напредък" section of an intervention: its progress entries, oldest first, each opened in a
// form of its own to change or remove, and a new one added. The fields write straight into the
// record at the paths the server names in its problems, so a problem opens its entry; the status
// fields follow the latest entry as the record changes (see deriveStatus).
import { useContext, useEffect, useRef, useState } from 'react';
import { isCalendarDate, PARTIAL_DATE } from '../../geo/calendar.ts';
import { asOfDay, inDateOrder, type Money, type ProgressEntry, type StatusFields } from '../../geo/progress.ts';
import { STATUSES, toEur, type Currency, type Status } from '../../geo/vocabulary.ts';
import type { Lang } from '../app/i18n.ts';
import { StatusBadge } from '../list/Badges.tsx';
import { partialDate } from '../detail/strings.ts';
import { FormContext, NumberField, Problems, ProseField, SelectField, SourcesField, TextField } from './fields.tsx';
import { fieldId, getAt, problemsAt, setAt } from './record.ts';
import { te } from './strings.ts';
import './progress.css';

const PROGRESS = 'properties.progress';

/**
 * The record with its status fields as its latest entry's, as the server will make them: the
 * state on a day after every entry is the latest one's. Needed at once, not on saving, because a
 * status the entries do not have would otherwise be taken for a new entry (withCurrentStatus).
 */
export function deriveStatus(record: unknown, path: string): unknown {
  if (!path.startsWith(PROGRESS)) return record;
  const p = getAt(record, 'properties') as StatusFields;
  if (!Array.isArray(p?.progress) || !p.progress.length) return record;
  const latest = asOfDay(p, '9999-12-31');
  if (!latest) return record;
  return setAt(record, 'properties', { ...p, status: latest.status, statusAsOf: latest.statusAsOf, statusText: latest.statusText });
}

/** The entries' indices in the record, in date order. */
const orderOf = (entries: ProgressEntry[]) => inDateOrder(entries).map((e) => entries.indexOf(e));

/** Where the latest entry sits in the record, or -1 without entries. */
export function latestIndex(record: unknown): number {
  const entries = getAt(record, PROGRESS);
  return Array.isArray(entries) && entries.length ? orderOf(entries as ProgressEntry[]).at(-1)! : -1;
}

export function ProgressField({ today }: { today(): string }) {
  const form = useContext(FormContext)!;
  const { lang } = form;
  const entries = (getAt(form.record, PROGRESS) as ProgressEntry[] | undefined) ?? [];
  const [open, setOpen] = useState<number | null>(null);
  const focusLater = useRef<string | null>(null);
  useEffect(() => {
    if (!focusLater.current) return;
    document.getElementById(focusLater.current)?.focus();
    focusLater.current = null;
  });
  // A problem in an entry opens that entry, so the link in the problem list finds its field.
  useEffect(() => {
    const at = form.problems.map((p) => /^properties\.progress\.(\d+)\./.exec(p.path)).find(Boolean);
    if (at) setOpen(Number(at[1]));
  }, [form.problems]);

  const add = () => {
    const status = getAt(form.record, 'properties.status') as ProgressEntry['status'];
    // A new item's first entry keeps the status in words typed before it existed.
    const note = entries.length ? null : (getAt(form.record, 'properties.statusText') as string) || null;
    const entry: ProgressEntry = { date: today(), status, percent: null, contracted: null, paid: null, note, sources: [{ url: '', supports: '' }] };
    form.set(PROGRESS, [...entries, entry]);
    setOpen(entries.length);
    focusLater.current = fieldId(`${PROGRESS}.${entries.length}.date`);
  };
  const remove = (i: number) => {
    form.set(PROGRESS, entries.filter((_, j) => j !== i));
    setOpen(null);
    focusLater.current = 'progress-add';
  };
  const done = (i: number) => {
    setOpen(null);
    focusLater.current = `progress-edit-${i}`;
  };
  const latest = latestIndex(form.record);

  return (
    <fieldset className="progress-section" id={fieldId(PROGRESS)} aria-describedby="progress-intro">
      <legend>{te(lang, 'progressTitle')}</legend>
      <p className="hint" id="progress-intro">
        {te(lang, 'progressIntro')}
      </p>
      {entries.length === 0 ? (
        <p className="hint">{te(lang, 'progressNone')}</p>
      ) : (
        <>
          <p className="progress-list-title" id="progress-list-title">
            {te(lang, 'progressList')}
          </p>
          <ol className="progress-entries" aria-labelledby="progress-list-title">
            {orderOf(entries).map((i) => (
              <EntryRow key={i} lang={lang} entry={entries[i]} index={i} latest={i === latest} open={open === i} only={entries.length === 1} onEdit={() => setOpen(open === i ? null : i)} onRemove={() => remove(i)} />
            ))}
          </ol>
        </>
      )}
      <Problems id={fieldId(PROGRESS)} problems={form.problems.filter((p) => p.path === PROGRESS)} />
      {open !== null && open < entries.length && <EntryForm key={open} index={open} today={today} onDone={() => done(open)} />}
      <button type="button" className="secondary" id="progress-add" onClick={add}>
        {te(lang, 'progressAdd')}
      </button>
    </fieldset>
  );
}

/**
 * The record's status as its latest entry has it, read-only; its words are that entry's note and
 * may be corrected here (as withCurrentStatus reads a changed statusText). Without entries yet (a
 * new item), the words are the record's own, and the first entry is made from them on saving.
 */
export function CurrentStatus() {
  const form = useContext(FormContext)!;
  const { lang } = form;
  const latest = latestIndex(form.record);
  const status = getAt(form.record, 'properties.status') as Status;
  const asOf = String(getAt(form.record, 'properties.statusAsOf') ?? '');
  const readOnly = (path: string, label: string, value: string) => {
    const problems = problemsAt(form.problems, path);
    return (
      <div className={`field derived${problems.length ? ' invalid' : ''}`}>
        <label htmlFor={fieldId(path)}>{label}</label>
        <input id={fieldId(path)} readOnly value={value} aria-describedby={problems.length ? `${fieldId(path)}-problems` : undefined} />
        <Problems id={fieldId(path)} problems={problems} />
      </div>
    );
  };
  // A note kept with its translation (geo/prose.ts) is edited in Bulgarian, the words the status shows.
  const note = latest < 0 ? null : getAt(form.record, `${PROGRESS}.${latest}.note`);
  const latestNote = { path: latest < 0 ? null : typeof note === 'object' && note !== null ? `${PROGRESS}.${latest}.note.bg` : `${PROGRESS}.${latest}.note` };
  const textProblems = problemsAt(form.problems, 'properties.statusText');
  const textId = fieldId('properties.statusText');
  return (
    <>
      {readOnly('properties.status', te(lang, 'statusLatest'), STATUSES.table[status] ? `${STATUSES.table[status].symbol} ${STATUSES.table[status].label[lang]}` : String(status))}
      {readOnly('properties.statusAsOf', te(lang, 'statusAsOfLatest'), dateWords(lang, asOf))}
      {latest < 0 ? (
        <TextField path="properties.statusText" label={te(lang, 'statusText')} />
      ) : (
        <div className={`field${textProblems.length ? ' invalid' : ''}`}>
          <label htmlFor={textId}>{te(lang, 'statusTextLatest')}</label>
          <input
            id={textId}
            value={latestNote.path ? String(getAt(form.record, latestNote.path) ?? '') : ''}
            aria-invalid={textProblems.length ? true : undefined}
            aria-describedby={textProblems.length ? `${textId}-problems` : undefined}
            onChange={(e) => latestNote.path && form.set(latestNote.path, e.target.value.trim() ? e.target.value : null)}
          />
          <Problems id={textId} problems={textProblems} />
        </div>
      )}
      <p className="hint">
        {te(lang, 'statusFromProgress')}{' '}
        <button type="button" className="link-button" onClick={() => document.getElementById('progress-add')?.focus()}>
          {te(lang, 'toProgress')}
        </button>
      </p>
    </>
  );
}

function EntryRow({ lang, entry, index, latest, open, only, onEdit, onRemove }: { lang: Lang; entry: ProgressEntry; index: number; latest: boolean; open: boolean; only: boolean; onEdit(): void; onRemove(): void }) {
  const form = useContext(FormContext)!;
  const date = dateWords(lang, entry.date);
  const invalid = problemsAt(form.problems, `${PROGRESS}.${index}`).length > 0;
  return (
    <li className={`progress-entry${invalid ? ' invalid' : ''}`} data-index={index}>
      <span className="entry-summary">
        <strong>{date}</strong> {STATUSES.ids.includes(entry.status) && <StatusBadge status={entry.status} lang={lang} />}
        {entry.percent !== null && ` ${entry.percent} %`}
        {latest && <span className="badge">{te(lang, 'progressLatest')}</span>}
      </span>
      <span className="entry-actions">
        <button type="button" className="link-button" id={`progress-edit-${index}`} aria-expanded={open} aria-controls={open ? `progress-form-${index}` : undefined} onClick={onEdit}>
          {te(lang, 'progressEdit', { date })}
        </button>
        <button type="button" className="link-button" disabled={only} onClick={onRemove}>
          {te(lang, 'progressRemove', { date })}
        </button>
      </span>
    </li>
  );
}

function EntryForm({ index, today, onDone }: { index: number; today(): string; onDone(): void }) {
  const form = useContext(FormContext)!;
  const { lang } = form;
  const path = `${PROGRESS}.${index}`;
  const date = String(getAt(form.record, `${path}.date`) ?? '');
  const statuses: [string, string][] = STATUSES.ids.map((s) => [s, `${STATUSES.table[s].symbol} ${STATUSES.table[s].label[lang]}`]);
  return (
    <fieldset className="progress-form" id={`progress-form-${index}`}>
      <legend>{te(lang, 'progressEntry', { date: dateWords(lang, date) })}</legend>
      <TextField path={`${path}.date`} label={te(lang, 'entryDate')} hint={te(lang, 'entryDateHint')} />
      <button type="button" className="link-button today" onClick={() => form.set(`${path}.date`, today())}>
        {te(lang, 'entryToday')}
      </button>
      <SelectField path={`${path}.status`} label={te(lang, 'entryStatus')} options={statuses} />
      <NumberField path={`${path}.percent`} label={te(lang, 'entryPercent')} nullable />
      <MoneyField path={`${path}.contracted`} label={te(lang, 'entryContracted')} />
      <MoneyField path={`${path}.paid`} label={te(lang, 'entryPaid')} />
      <ProseField path={`${path}.note`} label={te(lang, 'entryNote')} nullable multiline />
      <SourcesField path={`${path}.sources`} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => form.set(`${path}.sources`, getAt(form.record, 'properties.sources'))}>
          {te(lang, 'copySources')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {te(lang, 'progressDone')}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * An amount as published and its currency; the euro figure is computed (1 EUR = 1.95583 BGN),
 * never typed. An empty amount is an unknown one (null).
 */
function MoneyField({ path, label }: { path: string; label: string }) {
  const form = useContext(FormContext)!;
  const { lang } = form;
  const value = getAt(form.record, path) as Money | null;
  const [text, setText] = useState(value ? String(value.amount) : '');
  const [currency, setCurrency] = useState<Currency>(value?.currency ?? 'EUR');
  const problems = problemsAt(form.problems, path);
  const id = fieldId(path);
  // Follows the record when it changes from elsewhere (a merge), but not while "12," is being typed.
  useEffect(() => {
    const amount = value?.amount ?? null;
    const typed = text.trim() === '' ? null : Number(text.replace(',', '.').replace(/\s/g, ''));
    if (amount !== typed && amount !== (text as unknown)) setText(amount === null ? '' : String(amount));
    if (value?.currency && value.currency !== currency) setCurrency(value.currency);
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  const put = (t: string, c: Currency) => {
    setText(t);
    setCurrency(c);
    const n = Number(t.replace(',', '.').replace(/\s/g, ''));
    // A number that does not parse stays as typed, for the schema to name.
    form.set(path, t.trim() === '' ? null : Number.isFinite(n) ? { amount: n, currency: c, eur: toEur(n, c) } : { amount: t, currency: c, eur: 0 });
  };
  const eur = value && typeof value.eur === 'number' && typeof value.amount === 'number' ? value.eur : null;
  return (
    <fieldset className={`money${problems.length ? ' invalid' : ''}`} id={id} aria-describedby={problems.length ? `${id}-problems` : undefined}>
      <legend>{label}</legend>
      <div className="money-row">
        <div className={`field${problems.length ? ' invalid' : ''}`}>
          <label htmlFor={`${id}-amount`}>{te(lang, 'amountAsPublished')}</label>
          <input id={`${id}-amount`} inputMode="decimal" value={text} aria-invalid={problems.length ? true : undefined} onChange={(e) => put(e.target.value, currency)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-currency`}>{te(lang, 'budgetCurrency')}</label>
          <select id={`${id}-currency`} value={currency} onChange={(e) => put(text, e.target.value as Currency)}>
            <option value="EUR">EUR (€)</option>
            <option value="BGN">BGN (лв.)</option>
          </select>
        </div>
      </div>
      <p className="computed">
        {te(lang, 'budgetEur')}:{' '}
        <output htmlFor={`${id}-amount ${id}-currency`}>{eur === null ? te(lang, 'unknownValue') : `${new Intl.NumberFormat(lang === 'bg' ? 'bg-BG' : 'en-GB', { maximumFractionDigits: 2 }).format(eur)} €`}</output>
      </p>
      <Problems id={id} problems={problems} />
    </fieldset>
  );
}

/** "2025-10" as "октомври 2025 г."; what is not a date yet (being typed) as typed. */
function dateWords(lang: Lang, date: string): string {
  return PARTIAL_DATE.test(date) && isCalendarDate(date) ? partialDate(lang, date) : date || '—';
}
