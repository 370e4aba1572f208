// „Предложи на картата“: a citizen places a point (a click on the map, or the map's centre for whom
// a click is no option) and writes a proposal with a category from the plan's themes. A point is all
// a proposal takes here; areas can be posted through the API.
import { useEffect, useRef } from 'react';
import type { Lang } from '../app/i18n.ts';
import { ContributionForm } from './ContributionForm.tsx';
import { ct } from './strings.ts';
import './consultation.css';

const PROPOSAL = ['proposal'] as const;

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
  /** [lon, lat], six decimals */
  placed?: [number, number];
  onCentre(): void;
  onClose(): void;
}

export function ProposeOnMap({ lang, placed, onCentre, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="detail propose" aria-labelledby="propose-title" data-testid="propose">
      <button type="button" className="link-button" onClick={onClose}>
        ← {ct(lang, 'cancel')}
      </button>
      <h2 id="propose-title" tabIndex={-1} ref={heading}>
        {ct(lang, 'proposeTitle')}
      </h2>
      <ContributionForm lang={lang} heading={ct(lang, 'yourProposal')} kinds={PROPOSAL} about={placed ? { geometry: { type: 'Point', coordinates: placed } } : null}>
        <fieldset className="propose-place">
          <legend>{ct(lang, 'proposeHint')}</legend>
          <button type="button" onClick={onCentre} data-testid="propose-centre">
            {ct(lang, 'useCentre')}
          </button>
          <span role="status" data-testid="propose-placed">
            {placed ? ct(lang, 'placed', { lon: placed[0].toFixed(6), lat: placed[1].toFixed(6) }) : ct(lang, 'notPlaced')}
          </span>
          {placed && <span className="hint">{ct(lang, 'movePoint')}</span>}
        </fieldset>
      </ContributionForm>
    </section>
  );
}
