// Where a planner starts: the interventions to edit (searchable), a new one, the review queue, the
// plan's goals, priorities and measures, and the zones.
import { useEffect, useState } from 'react';
import type { ReviewEntry } from '../../geo/editing.ts';
import type { PageProps } from '../app/App.tsx';
import { get, interventionsUrl, type Found, type Page } from '../app/api.ts';
import { loadPages } from '../app/paging.ts';
import { pick } from '../app/i18n.ts';
import type { AppState } from '../app/state.ts';
import { call } from './client.ts';
import { mayModerate } from './ModerationPage.tsx';
import { planItemLabel } from './PlanLinksField.tsx';
import { te } from './strings.ts';

export function EditorHome({ page, interventions, queue }: { page: PageProps; interventions: Found[]; queue: ReviewEntry[] | null | undefined }) {
  const { state, reference, update } = page;
  const lang = state.lang;
  const [q, setQ] = useState('');
  const go = (p: AppState['page'], item?: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    update((s) => ({ ...s, page: p, item, kind: undefined }));
  };
  const needle = q.trim().toLowerCase();
  const pending = new Set((queue ?? []).filter((e) => e.kind === 'intervention').map((e) => e.item));
  const shown = interventions.filter((f) => !needle || f.id.toLowerCase().includes(needle) || f.properties.title.bg.toLowerCase().includes(needle) || (f.properties.title.en ?? '').toLowerCase().includes(needle));
  /** Items that exist only as drafts until published: not in the published lists, listed from the queue. */
  const newDrafts = (kind: ReviewEntry['kind'], p: AppState['page']) => {
    const drafts = (queue ?? []).filter((e) => e.kind === kind && e.published === null && (kind !== 'intervention' || !needle || e.item.toLowerCase().includes(needle)));
    if (!drafts.length) return null;
    return (
      <ul className="editor-list">
        {drafts.map((e) => (
          <li key={e.item}>
            {link(p, e.item, e.item)} <span className="badge">{te(lang, 'newItem')}</span>
          </li>
        ))}
      </ul>
    );
  };
  const link = (p: AppState['page'], item: string | undefined, text: string) => (
    <a href={`?page=${p}${item ? `&item=${encodeURIComponent(item)}` : ''}`} onClick={go(p, item)}>
      {text}
    </a>
  );
  return (
    <div className="editor-home">
      <h2>{te(lang, 'editorHome')}</h2>
      <p className="home-actions">
        {link('review', undefined, `${te(lang, 'review')}${queue ? ` (${te(lang, 'reviewCount', { n: queue.length })})` : ''}`)}
        {link('edit', 'new', te(lang, 'newIntervention'))}
        {link('import', undefined, te(lang, 'importFromFile'))}
        {mayModerate(page.session.me) && link('moderation', undefined, te(lang, 'moderationTitle'))}
      </p>
      <section aria-labelledby="home-interventions">
        <h3 id="home-interventions">{te(lang, 'interventions')}</h3>
        <label htmlFor="editor-filter">{te(lang, 'filterList')}</label>
        <input id="editor-filter" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        {newDrafts('intervention', 'edit')}
        <ul className="editor-list">
          {shown.map((f) => (
            <li key={f.id}>
              {link('edit', f.id, `${f.id} · ${pick(lang, f.properties.title)}`)}
              {pending.has(f.id) && <span className="badge"> {te(lang, 'state_draft')}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="home-plan">
        <h3 id="home-plan">{te(lang, 'planItems')}</h3>
        <p>{link('plan', 'new', te(lang, 'newPlanItem'))}</p>
        {newDrafts('plan-item', 'plan')}
        <ul className="editor-list tree">
          {reference.plan.goals.map((g) => (
            <li key={g.id}>
              {link('plan', g.id, planItemLabel(lang, g))}
              <ul>
                {reference.plan.priorities
                  .filter((p) => p.goalId === g.id)
                  .map((p) => (
                    <li key={p.id}>
                      {link('plan', p.id, planItemLabel(lang, p))}
                      <ul>
                        {reference.plan.measures
                          .filter((m) => m.priorityId === p.id)
                          .map((m) => (
                            <li key={m.id}>{link('plan', m.id, planItemLabel(lang, m))}</li>
                          ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
          {[...reference.plan.priorities.filter((p) => !p.goalId), ...reference.plan.measures.filter((m) => !m.priorityId)].map((i) => (
            <li key={i.id}>{link('plan', i.id, planItemLabel(lang, i))}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="home-zones">
        <h3 id="home-zones">{te(lang, 'zonesTitle')}</h3>
        <p>{link('zone', 'new', te(lang, 'newZone'))}</p>
        {newDrafts('zone', 'zone')}
        <ul className="editor-list">
          {reference.zones.map((z) => (
            <li key={z.id}>{link('zone', z.id, `${z.id} · ${pick(lang, z.properties.name)}`)}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/**
 * The review queue and the published interventions, for the home page and the next free id; asked
 * again on every editor page a planner opens (`visit`), so a draft just saved or published counts.
 */
export function useEditorIndex(account: number | null, visit: string, reviews = true) {
  /** undefined while asking, null when it could not be had */
  const [queue, setQueue] = useState<ReviewEntry[] | null | undefined>(undefined);
  const [published, setPublished] = useState<Found[] | undefined>(undefined);
  useEffect(() => {
    if (account === null) return setQueue(null);
    let live = true;
    setQueue(reviews ? undefined : null);
    // A moderator may not read the review queue: not asked, rather than refused on every page.
    if (reviews)
      call<{ items: ReviewEntry[] }>('GET', '/api/review').then(
        ({ body }) => live && setQueue(body.items),
        () => live && setQueue(null),
      );
    // As citizens see it (no cookie): published items only.
    loadPages(interventionsUrl({}), (url) => get<Page>(url)).then(
      (loaded) => live && setPublished(loaded.features as Found[]),
      () => live && setPublished([]),
    );
    return () => {
      live = false;
    };
  }, [account, visit, reviews]);
  return { queue, published };
}

/**
 * The next id after the highest of its prefix ("KZN-087" after "KZN-086"), counting new items still
 * in review; the server refuses a taken id (409), and the form says so at the id field.
 */
