// The planners' pages, one chunk loaded only when a planner opens one. Each page names the role it
// needs; without it the page says so (and offers sign-in), never a blank screen. The server checks
// every request again: this only spares a planner a form the server would refuse.
import type { ItemKind, Role } from '../../geo/editing.ts';
import type { PageProps } from '../app/App.tsx';
import { translate } from '../app/i18n.ts';
import type { EditorPage } from '../app/state.ts';
import { nextInterventionId } from '../../geo/intervention.ts';
import { EditorHome, useEditorIndex } from './EditorHome.tsx';
import { HistoryPage } from './HistoryPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { InterventionEditor } from './InterventionEditor.tsx';
import { PlanItemEditor } from './PlanItemEditor.tsx';
import { ReviewPage } from './ReviewPage.tsx';
import { can } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { ZoneEditor } from './ZoneEditor.tsx';
import { te } from './strings.ts';

const NEEDS: Record<EditorPage, Role | null> = { signin: null, editor: 'editor', edit: 'editor', plan: 'editor', zone: 'editor', review: 'editor', history: 'editor', import: 'editor', moderation: null };

export default function EditorPages(page: PageProps) {
  const { state, session, update } = page;
  const lang = state.lang;
  const name = state.page as EditorPage;
  const needed = NEEDS[name];
  const me = session.me;
  const { queue, published } = useEditorIndex(me ? me.account.id : null, `${name}:${state.item ?? ''}`);
  if (me === undefined) return <p className="loading">{te(lang, 'loadingItem')}</p>;
  if (needed && !can(me, needed)) {
    const roleName = translate(lang, `role_${needed}`);
    return (
      <main className="editor-page">
        <div className="notice" role="alert">
          <p>{me ? te(lang, 'needMoreRole', { have: translate(lang, `role_${me.account.role}`), role: roleName }) : te(lang, 'needRole', { role: roleName })}</p>
          {!me && (
            <a href="?page=signin" onClick={(e) => (e.preventDefault(), update((s) => ({ ...s, page: 'signin' })))}>
              {te(lang, 'goSignIn')}
            </a>
          )}
        </div>
      </main>
    );
  }
  const interventions = published ?? [];
  const ids = [...interventions.map((f) => f.id), ...(queue ?? []).filter((e) => e.kind === 'intervention').map((e) => e.item)];
  const item = state.item ?? 'new';
  return (
    <main className="editor-page">
      {name !== 'signin' && name !== 'editor' && (
        <p className="crumbs">
          <a href="?page=editor" onClick={(e) => (e.preventDefault(), update((s) => ({ ...s, page: 'editor', item: undefined, kind: undefined })))}>
            {te(lang, 'backToEditor')}
          </a>
        </p>
      )}
      {name === 'signin' && <SignIn page={page} />}
      {name === 'editor' && <EditorHome page={page} interventions={interventions} queue={queue} />}
      {/* A new item's id follows the highest published one and those in review: both must be in. */}
      {name === 'edit' && (item !== 'new' || (published && queue !== undefined)) && <InterventionEditor key={item} page={page} id={item} nextId={nextInterventionId(ids)} />}
      {name === 'plan' && <PlanItemEditor key={item} page={page} id={item} />}
      {name === 'zone' && <ZoneEditor key={item} page={page} id={item} />}
      {name === 'review' && <ReviewPage page={page} />}
      {name === 'import' && <ImportPage page={page} />}
      {name === 'history' && <HistoryPage key={`${state.kind}/${item}`} page={page} kind={(state.kind ?? 'intervention') as ItemKind} id={item} />}
    </main>
  );
}
