// „Предложи на картата“: a citizen places a point, or draws an area a point at a time (a click on
// the map, or the map's centre for whom a click is no option), and writes a proposal with a category
// from the plan's themes. The map draws what is placed; this form says it in words.
import { useEffect, useId, useRef } from 'react';
import type { Lang } from '../app/i18n.ts';
import { AREA_MIN_VERTICES } from './area.ts';
import { ContributionForm } from './ContributionForm.tsx';
import { ct } from './strings.ts';
import type { ProposalPlace, ProposalShape } from './useProposalPlace.ts';
import './consultation.css';

const PROPOSAL = ['proposal'] as const;
const SHAPES: { id: ProposalShape; label: 'shapePoint' | 'shapeArea' }[] = [
  { id: 'point', label: 'shapePoint' },
  { id: 'area', label: 'shapeArea' },
];

export function ProposeStart({ lang, onStart }: { lang: Lang; onStart(): void }) {
  return (
    <p className="propose">
      <button type="button" className="primary" onClick={onStart} data-testid="propose-start">
        ✎ {ct(lang, 'propose')}
      </button>
    </p>
  );
}

interface Props {
  lang: Lang;
  place: ProposalPlace;
  onCentre(): void;
  onClose(): void;
}

export function ProposeOnMap({ lang, place, onCentre, onClose }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const centre = useRef<HTMLButtonElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { shape, point, vertices, geometry } = place;
  const area = shape === 'area';
  // Undo or clear may leave nothing to remove: the buttons turn disabled, so focus goes on to adding.
  const remove = (action: () => void, emptied: boolean) => {
    action();
    if (emptied) centre.current?.focus();
  };
  return (
    <section className="detail propose" aria-labelledby="propose-title" data-testid="propose">
      <button type="button" className="link-button" onClick={onClose}>
        ← {ct(lang, 'cancel')}
      </button>
      <h2 id="propose-title" tabIndex={-1} ref={heading}>
        {ct(lang, 'proposeTitle')}
      </h2>
      <ContributionForm lang={lang} heading={ct(lang, 'yourProposal')} kinds={PROPOSAL} about={geometry ? { geometry } : null}>
        <fieldset className="propose-shape voice-kinds">
          <legend>{ct(lang, 'shape')}</legend>
          {SHAPES.map((s) => (
            <label key={s.id}>
              <input type="radio" name={`${id}-shape`} value={s.id} checked={shape === s.id} onChange={() => place.setShape(s.id)} /> {ct(lang, s.label)}
            </label>
          ))}
        </fieldset>
        <fieldset className="propose-place">
          <legend>{ct(lang, area ? 'areaHint' : 'proposeHint')}</legend>
          <button type="button" onClick={onCentre} ref={centre} data-testid="propose-centre">
            {ct(lang, area ? 'addCentre' : 'useCentre')}
          </button>
          {area && (
            <>
              <button type="button" onClick={() => remove(place.undo, vertices.length === 1)} disabled={vertices.length === 0} data-testid="propose-undo">
                {ct(lang, 'undoVertex')}
              </button>
              <button type="button" onClick={() => remove(place.clear, true)} disabled={vertices.length === 0} data-testid="propose-clear">
                {ct(lang, 'clearArea')}
              </button>
            </>
          )}
          <span role="status" data-testid="propose-placed">
            {area
              ? ct(lang, vertices.length >= AREA_MIN_VERTICES ? 'areaReady' : 'areaCount', { n: vertices.length })
              : point
                ? ct(lang, 'placed', { lon: point[0].toFixed(6), lat: point[1].toFixed(6) })
                : ct(lang, 'notPlaced')}
          </span>
          {!area && point && <span className="hint">{ct(lang, 'movePoint')}</span>}
        </fieldset>
      </ContributionForm>
    </section>
  );
}
