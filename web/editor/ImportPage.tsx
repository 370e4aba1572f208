// Import from a file (issue 12): upload → preview (nothing written: what was detected and why, what
// becomes of each row, on a map and in a table, and the column mapping) → commit (the accepted rows
// as drafts for review, or a reference layer). The upload's id goes into the URL, so a reload shows
// the same preview again. Refusals are shown whole, with their code: a planner can act on the words.
import { useEffect, useRef, useState } from 'react';
import type { ImportCommitted, ImportPreview } from '../../geo/import-preview.ts';
import type { PageProps } from '../app/App.tsx';
import { moment } from '../app/format.ts';
import type { AppState } from '../app/state.ts';
import { Refused } from './client.ts';
import { commitImport, getImport, patchImport, uploadImport, type ImportOptions, type UploadForm } from './importApi.ts';
import { ImportDetection } from './ImportDetection.tsx';
import { Committed } from './ImportCommitted.tsx';
import { ImportMap } from './ImportMap.tsx';
import { ImportRows } from './ImportRows.tsx';
import { ACTION_COLOURS, actionWord, explainRefusal, layerOf, ti } from './importStrings.ts';
import { ImportUpload } from './ImportUpload.tsx';
import { MappingForm } from './MappingForm.tsx';
import { can } from './session.ts';
import { te } from './strings.ts';
import './import.css';

type Phase = 'idle' | 'uploading' | 'reading' | 'updating' | 'committing';
interface Failure {
  status: number;
  code: string;
  message: string;
  /** shown beside what failed: the commit's refusal by its button, the others at the top */
  at: 'top' | 'commit';
}

export function ImportPage({ page }: { page: PageProps }) {
  const { state, replace, update } = page;
  const lang = state.lang;
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [committed, setCommitted] = useState<ImportCommitted | null>(null);
  const [phase, setPhase] = useState<Phase>(state.item ? 'updating' : 'idle');
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  /** bumped to move the focus to the preview's heading once it shows */
  const [focusTick, setFocusTick] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const failureBox = useRef<HTMLDivElement>(null);
  const busy = phase !== 'idle';

  useEffect(() => {
    if (focusTick) heading.current?.focus();
  }, [focusTick]);

  const fail = (e: unknown, at: Failure['at'] = 'top') => {
    const failed = e instanceof Refused ? { status: e.status, code: e.code, message: e.message, at } : { status: 0, code: 'network', message: te(lang, 'networkError'), at };
    setFailure(failed);
    setStatus('');
    if (e instanceof Refused && e.code === 'changed') setStale(true);
  };
  // The refusal takes the focus, so it is read out and in view wherever it shows.
  useEffect(() => {
    if (failure) failureBox.current?.focus();
  }, [failure]);
  const shown = (next: ImportPreview, announce: string, focus: boolean) => {
    setPreview(next);
    setFailure(null);
    setStale(false);
    setSelected(null);
    setStatus(announce);
    if (focus) setFocusTick((n) => n + 1);
  };

  // A preview named in the URL (a reload, a link back): asked again over the data as it is now.
  useEffect(() => {
    if (!state.item) return;
    let live = true;
    getImport(state.item)
      .then(
        (p) => live && shown(p, ti(lang, 'previewReady', { rows: p.counts.rows }), true),
        (e) => {
          if (!live) return;
          fail(e);
          replace((s) => ({ ...s, item: undefined }));
        },
      )
      .finally(() => live && setPhase('idle'));
    return () => {
      live = false;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const upload = async (form: UploadForm) => {
    setPhase('uploading');
    setPercent(0);
    setFailure(null);
    setCommitted(null);
    setStatus(ti(lang, 'uploading', { percent: 0 }));
    try {
      const p = await uploadImport(
        form,
        (share) => setPercent(Math.round(share * 100)),
        () => {
          setPhase('reading');
          setStatus(ti(lang, 'reading'));
        },
      );
      replace((s) => ({ ...s, item: p.id }));
      shown(p, ti(lang, 'previewReady', { rows: p.counts.rows }), true);
    } catch (e) {
      setPreview(null);
      fail(e);
    } finally {
      setPhase('idle');
    }
  };

  /** A new preview of the same upload (other options, or the data as it is now), shown when it comes. */
  const updated = async (ask: (id: string) => Promise<ImportPreview>, said: (p: ImportPreview) => string, focus: boolean) => {
    if (!preview) return;
    setPhase('updating');
    setStatus(ti(lang, 'working'));
    try {
      const p = await ask(preview.id);
      shown(p, said(p), focus);
    } catch (e) {
      fail(e);
    } finally {
      setPhase('idle');
    }
  };
  const change = (options: ImportOptions) => updated((id) => patchImport(id, options), (p) => ti(lang, 'previewUpdated', p.counts), false);
  const again = () => updated(getImport, () => ti(lang, 'previewReady', { rows: preview?.counts.rows ?? 0 }), true);

  const commit = async () => {
    if (!preview) return;
    setPhase('committing');
    setStatus(ti(lang, 'committing'));
    setFailure(null);
    try {
      const done = await commitImport(preview.id);
      setCommitted(done);
      setPreview(done.preview);
      setStatus(done.layer ? ti(lang, 'committedLayer', { name: done.layer }) : done.items.length ? ti(lang, 'committed', { n: done.items.length }) : ti(lang, 'committedNone'));
      setFocusTick((n) => n + 1);
    } catch (e) {
      fail(e, 'commit');
    } finally {
      setPhase('idle');
    }
  };

  const startOver = () => {
    setPreview(null);
    setCommitted(null);
    setFailure(null);
    setStale(false);
    setStatus('');
    replace((s) => ({ ...s, item: undefined }));
  };

  const go = (p: AppState['page'], item?: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    update((s) => ({ ...s, page: p, item, kind: undefined }));
  };
  const link = (p: AppState['page'], item: string | undefined, text: string) => (
    <a href={`?page=${p}${item ? `&item=${encodeURIComponent(item)}` : ''}${lang === 'en' ? '&lang=en' : ''}`} onClick={go(p, item)}>
      {text}
    </a>
  );

  const failureView = failure && (
    <div className="problems import-failure" role="alert" tabIndex={-1} ref={failureBox} data-testid="import-failure" data-code={failure.code}>
      <h3>{failure.status ? ti(lang, failure.at === 'commit' ? 'commitRefusedTitle' : preview ? 'changeRefusedTitle' : 'refusedTitle', { status: failure.status, code: failure.code }) : te(lang, 'networkError')}</h3>
      {failure.status > 0 && !stale && explainRefusal(lang, failure.code) && <p className="failure-explained">{explainRefusal(lang, failure.code)}</p>}
      {failure.status > 0 && (stale ? <p className="failure-message">{ti(lang, 'changedMeanwhile')}</p> : <p className="failure-message" lang="en">{failure.message}</p>)}
      {stale && (
        <>
          <p className="server-reason" lang="en">
            {failure.message}
          </p>
          <button type="button" className="primary" onClick={() => void again()}>
            {ti(lang, 'previewAgain')}
          </button>
        </>
      )}
    </div>
  );

  const layer = preview ? layerOf(preview.target) : null;
  const writable = preview ? preview.counts.create + preview.counts.update : 0;
  const mayCommit = !layer || can(page.session.me, 'publisher');

  return (
    <div className="import-page">
      <h2>{ti(lang, 'importTitle')}</h2>
      <p className="intro">{ti(lang, 'importIntro')}</p>
      {!preview && <ImportUpload lang={lang} busy={busy} onUpload={(f) => void upload(f)} />}
      {(phase === 'uploading' || phase === 'reading') && (
        <div className="upload-progress">
          <label htmlFor="upload-progress">{ti(lang, 'uploadProgress')}</label>
          <progress id="upload-progress" max={100} value={phase === 'reading' ? undefined : percent} />
        </div>
      )}
      <p role="status" aria-live="polite" className="outcome" data-testid="import-status">
        {status}
      </p>
      {failure?.at === 'top' && failureView}
      {preview && (
        <section className="import-preview" aria-labelledby="preview-title" data-testid="import-preview" data-import={preview.id}>
          <h2 id="preview-title" tabIndex={-1} ref={heading}>
            {ti(lang, 'previewOf', { name: preview.fileName })}
          </h2>
          {committed ? (
            <Committed committed={committed} lang={lang} link={link} />
          ) : (
            preview.committedAt && <p className="notice">{ti(lang, 'alreadyCommitted', { when: moment(lang, preview.committedAt) })}</p>
          )}
          {preview.committedAt && (
            <p>
              <button type="button" className="secondary" onClick={startOver}>
                {ti(lang, 'importAnother')}
              </button>
            </p>
          )}
          <ImportDetection preview={preview} lang={lang} busy={busy} onChange={(o) => void change(o)} />
          <h3>{ti(lang, 'counts')}</h3>
          <p>{ti(lang, 'rowsTotal', { n: preview.counts.rows })}</p>
          <ul className="import-counts" data-testid="import-counts">
            {(['create', 'update', 'unchanged', 'refused'] as const).map((a) => (
              <li key={a} data-action={a}>
                <span className="count" style={{ borderColor: ACTION_COLOURS[a] }}>
                  {preview.counts[a]}
                </span>{' '}
                {actionWord(lang, a)}
              </li>
            ))}
          </ul>
          <div className="import-body">
            <ImportMap reference={page.reference} lang={lang} features={preview.features} selected={selected} onSelect={setSelected} />
            <ImportRows preview={preview} lang={lang} selected={selected} onSelect={setSelected} />
          </div>
          {!preview.committedAt && (
            <>
              <MappingForm key={JSON.stringify(preview.mapping)} preview={preview} reference={page.reference} lang={lang} busy={busy} onApply={(mapping) => void change({ mapping })} />
              <section className="commit-bar" aria-labelledby="commit-title">
                <h3 id="commit-title">{ti(lang, 'commitTitle')}</h3>
                <p>
                  {writable === 0
                    ? ti(lang, 'nothingToWrite')
                    : layer
                      ? ti(lang, 'commitLayerWhat', { name: layer, n: preview.counts.create + preview.counts.update + preview.counts.unchanged })
                      : ti(lang, 'commitWhat', preview.counts)}
                </p>
                {!mayCommit && <p className="notice">{ti(lang, 'layerNeedsPublisher')}</p>}
                {failure?.at === 'commit' && failureView}
                <div className="actions">
                  <button type="button" className="primary" disabled={busy || writable === 0 || !mayCommit} onClick={() => void commit()}>
                    {ti(lang, layer ? 'commitLayer' : 'commit')}
                  </button>
                  <button type="button" className="secondary" disabled={busy} onClick={startOver}>
                    {ti(lang, 'importAnother')}
                  </button>
                </div>
              </section>
            </>
          )}
        </section>
      )}
    </div>
  );
}
