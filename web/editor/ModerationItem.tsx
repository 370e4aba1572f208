// One citizen's contribution as staff read it: what was said, by whom, the contact (never public),
// what it is about and where. Every word from the contribution is a React text node: a citizen's
// text is never markup, and its links stay text.
import { useState } from 'react';
import { CONTRIBUTION_KINDS, type StaffContribution } from '../../geo/contribution.ts';
import type { Geometry } from '../../geo/index.ts';
import { geometryBBox } from '../../geo/spatial.ts';
import { THEMES } from '../../geo/vocabulary.ts';
import type { PageProps } from '../app/App.tsx';
import type { Found } from '../app/api.ts';
import { moment } from '../app/format.ts';
import { pick } from '../app/i18n.ts';
import { CompareMap } from './CompareMap.tsx';
import { planItemLabel } from './PlanLinksField.tsx';
import { te } from './strings.ts';

export const contributionHeadingId = (c: { id: number }, where: string) => `contribution-${where}-${c.id}`;

/** The heading's words: number, kind and the name shown; also what a merge choice is called. */
export const contributionTitle = (lang: PageProps['state']['lang'], c: StaffContribution) =>
  `${te(lang, 'contributionNo', { id: c.id })} · ${CONTRIBUTION_KINDS.table[c.kind].label[lang]} · ${c.displayName}`;

export function ContributionFacts({ page, c, interventions }: { page: PageProps; c: StaffContribution; interventions: Found[] }) {
  const { state, reference, update } = page;
  const lang = state.lang;
  const settlement = c.settlement ? reference.settlements.find((s) => s.properties.ekatte === c.settlement) : undefined;
  const measure = c.measureId ? reference.plan.measures.find((m) => m.id === c.measureId) : undefined;
  const intervention = c.interventionId ? interventions.find((f) => f.id === c.interventionId) : undefined;
  const toMap = (change: Partial<PageProps['state']>) => (e: React.MouseEvent) => {
    e.preventDefault();
    update((s) => ({ ...s, page: 'map', item: undefined, kind: undefined, ...change }));
  };
  return (
    <>
      <p className="contribution-text">{c.text}</p>
      <dl className="contribution-facts">
        <dt>{te(lang, 'displayName')}</dt>
        <dd>{c.displayName}</dd>
        <dt>
          {te(lang, 'contact')} <span className="badge private">{te(lang, 'contactPrivate')}</span>
        </dt>
        <dd>{c.contact ?? <span className="muted">{te(lang, 'noContact')}</span>}</dd>
        <dt>{te(lang, 'about')}</dt>
        <dd>
          {c.interventionId && (
            <>
              {te(lang, 'kind_intervention')}{' '}
              <a href={`?sel=${encodeURIComponent(c.interventionId)}`} onClick={toMap({ selected: c.interventionId })}>
                {c.interventionId}
                {intervention ? ` · ${pick(lang, intervention.properties.title)}` : ''}
              </a>
            </>
          )}
          {c.measureId && `${te(lang, 'level_measure')} ${measure ? planItemLabel(lang, measure) : c.measureId}`}
          {!c.interventionId && !c.measureId && te(lang, 'aboutPlace')}
        </dd>
        {c.theme && (
          <>
            <dt>{te(lang, 'theme')}</dt>
            <dd>{THEMES.table[c.theme].label[lang]}</dd>
          </>
        )}
        <dt>{te(lang, 'settlement')}</dt>
        <dd>{settlement ? pick(lang, settlement.properties.name) : (c.settlement ?? '—')}</dd>
        <dt>{te(lang, 'postedAt')}</dt>
        <dd>
          <time dateTime={c.createdAt}>{moment(lang, c.createdAt)}</time>
        </dd>
        {c.geometry && (
          <>
            <dt>{te(lang, 'place')}</dt>
            <dd>
              <Place page={page} c={c} geometry={c.geometry as Geometry} onMap={toMap} />
            </dd>
          </>
        )}
        {c.mergedCount > 0 && (
          <>
            <dt>{te(lang, 'duplicates')}</dt>
            <dd>{c.mergedCount}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** The place in numbers, a link to it on the public map, and a small map only when asked for (each costs a WebGL context). */
function Place({ page, c, geometry, onMap }: { page: PageProps; c: StaffContribution; geometry: Geometry; onMap(change: Partial<PageProps['state']>): (e: React.MouseEvent) => void }) {
  const lang = page.state.lang;
  const [shown, setShown] = useState(false);
  const [w, s, e, n] = geometryBBox(geometry);
  const lat = (s + n) / 2;
  const lon = (w + e) / 2;
  const at = { lat: lat.toFixed(6), lon: lon.toFixed(6) };
  const vertices = geometry.type === 'Polygon' ? geometry.coordinates[0].length - 1 : 0;
  const view = { zoom: 16, lat, lon };
  return (
    <>
      {geometry.type === 'Point' ? te(lang, 'pointAt', at) : te(lang, 'areaAt', { ...at, n: vertices })}{' '}
      <a href={`?voices=1&map=16/${at.lat}/${at.lon}`} onClick={onMap({ view, showContributions: true, selected: undefined })}>
        {te(lang, 'showOnMap')}
      </a>{' '}
      <button type="button" className="link-button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {te(lang, shown ? 'hideMiniMap' : 'showMiniMap')}
      </button>
      {shown && <CompareMap reference={page.reference} lang={lang} before={null} after={geometry} label={te(lang, 'miniMapLabel', { id: c.id })} />}
    </>
  );
}
