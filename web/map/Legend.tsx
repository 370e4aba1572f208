// The legend, from the same tables as the map style and the list badges.
import { STATUSES, THEMES } from '../../geo/index.ts';
import { translate, type Lang } from '../app/i18n.ts';

export function Legend({ lang, showZones, onZones }: { lang: Lang; showZones: boolean; onZones(): void }) {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  return (
    <details className="legend">
      <summary>{t('legend')}</summary>
      <ul className="legend-themes">
        {THEMES.ids.map((id) => (
          <li key={id}>
            <span className="swatch" style={{ background: THEMES.table[id].colour }} aria-hidden="true" /> {THEMES.table[id].label[lang]}
          </li>
        ))}
      </ul>
      <ul className="legend-statuses">
        {STATUSES.ids.map((id) => (
          <li key={id}>
            <span aria-hidden="true">{STATUSES.table[id].symbol}</span> {STATUSES.table[id].label[lang]}
          </li>
        ))}
      </ul>
      <p className="muted">
        <span className="swatch halo" aria-hidden="true" /> ≈ {t('approximate')}
      </p>
      <label>
        <input type="checkbox" checked={showZones} onChange={onZones} /> {t('zones')} <span className="muted">(- - - {t('schematic')})</span>
      </label>
    </details>
  );
}
