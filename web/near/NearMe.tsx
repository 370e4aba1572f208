// "What is planned near me?": the browser's position (with its accuracy), a settlement, or a click
// on the map, and a radius.
import { useState } from 'react';
import type { Settlement } from '../../geo/index.ts';
import { distance, roundCoordinate } from '../app/format.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';

const RADII = [500, 1000, 2000, 5000, 10_000, 20_000];

interface Props {
  lang: Lang;
  near?: { lon: number; lat: number; radius: number };
  settlements: Settlement[];
  picking: boolean;
  onNear(near: { lon: number; lat: number; radius: number } | undefined, accuracy?: number): void;
  onPicking(on: boolean): void;
}

export function NearMe({ lang, near, settlements, picking, onNear, onPicking }: Props) {
  const [denied, setDenied] = useState(false);
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const radius = near?.radius ?? 5000;
  const locate = () => {
    setDenied(false);
    if (!navigator.geolocation) return setDenied(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => onNear({ lon: roundCoordinate(pos.coords.longitude), lat: roundCoordinate(pos.coords.latitude), radius }, pos.coords.accuracy),
      () => setDenied(true),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };
  const sorted = [...settlements].sort((a, b) => pick(lang, a.properties.name).localeCompare(pick(lang, b.properties.name), lang));
  return (
    <fieldset className="near">
      <legend>{t('nearMe')}</legend>
      <div className="near-row">
        <button type="button" className="primary" onClick={locate}>
          ◎ {t('nearMe')}
        </button>
        <label>
          <span className="visually-hidden">{t('nearSettlement')}</span>
          <select
            value=""
            onChange={(e) => {
              const s = settlements.find((x) => x.id === e.target.value);
              if (s) onNear({ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], radius });
            }}
          >
            <option value="">{t('nearSettlement')}…</option>
            {sorted.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(lang, s.properties.name)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={picking} onClick={() => onPicking(!picking)}>
          {t('pickOnMap')}
        </button>
      </div>
      {near && (
        <div className="near-row">
          <label>
            {t('radius')}{' '}
            <select value={radius} onChange={(e) => onNear({ ...near, radius: Number(e.target.value) })}>
              {[...new Set([...RADII, radius])].sort((a, b) => a - b).map((r) => (
                <option key={r} value={r}>
                  {distance(lang, r)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="link-button" onClick={() => onNear(undefined)}>
            ✕ {t('clearNear')}
          </button>
        </div>
      )}
      {near && <p className="muted">{t('nearFrom')}</p>}
      {denied && <p role="alert">{t('geoDenied')}</p>}
    </fieldset>
  );
}
