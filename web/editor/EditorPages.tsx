// The planners' pages, one chunk loaded only when a planner opens one. Each page names the role it
// needs; without it the page says so (and offers sign-in), never a blank screen. The server checks
// every request again: this only spares a planner a form the server would refuse.
import { useEffect } from 'react';
import type { ItemKind, Role } from '../../geo/editing.ts';
import type { PageProps } from '../app/App.tsx';
import { translate } from '../app/i18n.ts';
import type { EditorPage } from '../app/state.ts';
import { nextInterventionId } from '../../geo/intervention.ts';
import { EditorHome, useEditorIndex } from './EditorHome.tsx';
import { HistoryPage } from './HistoryPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { InterventionEditor } from './InterventionEditor.tsx';
import { mayModerate, ModerationPage } from './ModerationPage.tsx';
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
  const me = session.me;
  // A moderator has no editor home: the header's editor link and the sign-in land on moderation.
  const moderatorOnly = !!me && !can(me, 'editor') && mayModerate(me);
  const name = state.page === 'editor' && moderatorOnly ? 'moderation' : (state.page as EditorPage);
  const needed = NEEDS[name];
  useEffect(() => {
    if (name !== state.page) page.replace((s) => ({ ...s, page: name }));
  }, [name, state.page]); // eslint-disable-line react-hooks/exhaustive-deps
  const { queue, published } = useEditorIndex(me ? me.account.id : null, `${name}:${state.item ?? ''}`, can(me, 'editor'));
  if (me === undefined) return <p className="loading">{te(lang, 'loadingItem')}</p>;
  // Moderation has two audiences (moderators, publishers): its own sections follow the role.
  const allowed = needed ? can(me, needed) : name !== 'moderation' || mayModerate(me);
  if (!allowed) {
    const roleName = translate(lang, `role_${needed ?? 'moderator'}`);
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
      {name !== 'signin' && name !== 'editor' && !(name === 'moderation' && moderatorOnly) && (
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
      {name === 'moderation' && <ModerationPage page={page} interventions={interventions} />}
      {name === 'history' && <HistoryPage key={`${state.kind}/${item}`} page={page} kind={(state.kind ?? 'intervention') as ItemKind} id={item} />}
    </main>
  );
}
