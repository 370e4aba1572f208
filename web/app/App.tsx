// The shell: loads the reference data once, keeps the state in the URL, and shows the header
// (title, page switch, search, language) over the citizen map or the planner's coverage view. The
// public pages may show a past day (asOf) or only changes (changedSince): the shell hands that view
// to every read below it, reloads the parts of the reference that have a past, and says so above.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { OwnContributionPage } from '../consultation/OwnContributionPage.tsx';
import { CoverageView } from '../coverage/CoverageView.tsx';
import { useSession, type SessionState } from '../editor/session.ts';
import { ViewBanner } from '../filters/ViewBanner.tsx';
import { ApiFailure, interventionsUrl, inView, loadDated, loadEarly, loadReference, planUrl, ViewContext, type Dated, type Reference } from './api.ts';
import { CitizenView } from './CitizenView.tsx';
import { translate } from './i18n.ts';
import { documentTitle, planTitle, searchHint, shownTitle, withPlans } from './plan.ts';
import { isEditorPage, listSort, publicView, toFilter, useUrlState, viewDays, type AppState, type PublicView } from './state.ts';

// The editor (forms, drawing, review) is a chunk of its own: citizens never download it.
const EditorPages = lazy(() => import('../editor/EditorPages.tsx'));

export interface PageProps {
  reference: Reference;
  state: AppState;
  session: SessionState;
  update(change: (s: AppState) => AppState): void;
  replace(change: (s: AppState) => AppState): void;
  /** shows the published state on another day, or only what changed (a history entry of its own) */
  onView(view: PublicView): void;
}

export function App() {
  const { state, update, replace } = useUrlState();
  const [reference, setReference] = useState<Reference | null>(null);
  const [failed, setFailed] = useState(false);
  const session = useSession(isEditorPage(state.page));
  const lang = state.lang;
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);

  const current = publicView(state);
  useEffect(() => {
    // The map's first list beside the reference data, not after it: one round trip before the first markers.
    if (state.page === 'map') loadEarly(inView(interventionsUrl(toFilter(state), listSort(state)), current));
    loadReference(state.lists.municipality).then((r) => {
      setReference(r);
      // Codes no plan here has (an old or mistyped link) would make every read a 400: they are dropped.
      const held = new Set(withPlans(r.municipalities).map((m) => m.code));
      replace((s) => (s.lists.municipality.every((c) => held.has(c)) ? s : { ...s, lists: { ...s.lists, municipality: s.lists.municipality.filter((c) => held.has(c)) } }));
    }, () => setFailed(true));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // The plan is the chosen municipality's (the default one's when none or several are chosen).
  const municipalities = state.lists.municipality;
  const [opened] = useState(() => planUrl(municipalities));
  const viewKey = inView(planUrl(municipalities), current);
  // One object per view, so that the reads below it do not start again on every render.
  const view = useMemo(() => current, [viewKey]); // eslint-disable-line react-hooks/exhaustive-deps
  // Nothing to load while the page shows what it opened on: the reference data holds it.
  const dated = useDated(view, municipalities, viewKey === opened ? '' : viewKey);
  const shown = useMemo(() => (reference && dated.data ? { ...reference, ...dated.data } : reference), [reference, dated.data]);
  useEffect(() => {
    document.documentElement.lang = lang;
    if (shown) document.title = documentTitle(lang, state.page, shownTitle(shown.plan, plansHeld(shown), municipalities));
  }, [lang, state.page, shown, municipalities]);

  if (failed) return <p className="fatal">{t('loadError')}</p>;
  if (!reference || !shown) return <p className="loading">{t('loading')}</p>;
  const onView = (v: PublicView) => update((s) => ({ ...s, ...viewDays(v.asOf, v.changedSince) }));
  const page = { reference, state, session, update, replace, onView };
  const go = (p: AppState['page']) => update((s) => ({ ...s, page: p, selected: undefined, item: undefined, kind: undefined }));
  const me = session.me?.account;
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>{planTitle(lang, shownTitle(shown.plan, plansHeld(shown), municipalities))}</h1>
          <p>{t('appSubtitle')}</p>
        </div>
        <nav className="pages" aria-label={t('pages')}>
          {(['map', 'coverage', ...(me ? (['editor'] as const) : [])] as const).map((p) => (
            <a
              key={p}
              href={`?${p === 'map' ? '' : `page=${p}`}`}
              aria-current={state.page === p || (p === 'editor' && isEditorPage(state.page)) ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(p);
              }}
            >
              {t(p === 'map' ? 'pageMap' : p === 'coverage' ? 'pageCoverage' : 'pageEditor')}
            </a>
          ))}
        </nav>
        <SearchBox value={state.q ?? ''} placeholder={searchHint(lang, shown.plan, shown.settlements)} label={t('searchLabel')} onSearch={(q) => replace((s) => ({ ...s, q: q || undefined, selected: undefined }))} />
        <button type="button" className="lang" lang={lang === 'bg' ? 'en' : 'bg'} aria-label={t('languageLabel')} onClick={() => update((s) => ({ ...s, lang: s.lang === 'bg' ? 'en' : 'bg' }))}>
          {t('language')}
        </button>
        <div className="account">
          {me ? (
            <>
              <span className="who">{translate(lang, 'signedInAs', { email: me.email, role: translate(lang, `role_${me.role}`) })}</span>
              <button type="button" className="link-button" onClick={() => void session.signOut()}>
                {t('signOut')}
              </button>
            </>
          ) : (
            session.me === null &&
            state.page !== 'signin' && (
              <a
                href="?page=signin"
                onClick={(e) => {
                  e.preventDefault();
                  go('signin');
                }}
              >
                {t('signIn')}
              </a>
            )
          )}
        </div>
      </header>
      {isEditorPage(state.page) ? (
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          {/* The plan of the municipality chosen last, not the one the page opened on: a new item
              starts in it, and takes it once, so the editor waits for that plan (or its refusal). */}
          {viewKey === opened || dated.data || dated.refusal ? <EditorPages {...page} reference={shown} /> : <p className="loading">{t('loading')}</p>}
        </Suspense>
      ) : (
        <ViewContext.Provider value={view}>
          <ViewBanner lang={lang} view={view} refusal={dated.refusal} onView={onView} />
          {state.page === 'coverage' ? (
            <CoverageView {...page} reference={shown} />
          ) : state.page === 'contribution' ? (
            <OwnContributionPage lang={lang} id={state.item} onMap={() => go('map')} onOpenIntervention={(id) => update((s) => ({ ...s, page: 'map', item: undefined, selected: id }))} />
          ) : (
            <CitizenView {...page} reference={shown} />
          )}
        </ViewContext.Provider>
      )}
    </div>
  );
}

/**
 * The plan tree and zones as on the view's day, once loaded (the present ones until then); and,
 * when the API refuses the view (a day after its today, say), its words.
 */
const plansHeld = (r: Reference) => withPlans(r.municipalities).length;

function useDated(view: PublicView, municipalities: readonly string[], key: string): { data?: Dated; refusal?: string } {
  const [dated, setDated] = useState<{ key: string; data?: Dated; refusal?: string }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let live = true;
    loadDated(view, municipalities).then(
      (data) => live && setDated({ key, data }),
      (e: Error) => live && setDated({ key, refusal: e instanceof ApiFailure ? (e.said ?? e.message) : e.message }),
    );
    return () => {
      live = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return dated.key === key ? dated : {};
}

/** Search as you type, without a history entry per keystroke and without a request per letter. */
function SearchBox({ value, placeholder, label, onSearch }: { value: string; placeholder: string; label: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <form className="search" role="search" onSubmit={(e) => (e.preventDefault(), onSearch(text.trim()))}>
      <label className="visually-hidden" htmlFor="q">
        {label}
      </label>
      <input id="q" type="search" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
    </form>
  );
}
