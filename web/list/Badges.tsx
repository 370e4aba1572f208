// Theme, status and accuracy badges, from the same tables as the map's colours and markers.
import { LOCATION_ACCURACIES, STATUSES, THEMES } from '../../geo/index.ts';
import type { Found } from '../app/api.ts';
import { translate, type Lang } from '../app/i18n.ts';

export function ThemeBadge({ theme, lang }: { theme: keyof typeof THEMES.table; lang: Lang }) {
  const t = THEMES.table[theme];
  return (
    <span className="badge theme" style={{ background: t.colour }}>
      {t.label[lang]}
    </span>
  );
}

export function StatusBadge({ status, lang }: { status: keyof typeof STATUSES.table; lang: Lang }) {
  const s = STATUSES.table[status];
  return (
    <span className="badge status">
      <span aria-hidden="true">{s.symbol} </span>
      {s.label[lang]}
    </span>
  );
}

export function PlaceBadge({ feature, lang }: { feature: Found; lang: Lang }) {
  const accuracy = feature.properties.locationAccuracy;
  if (!feature.geometry) return <span className="badge unlocated">{translate(lang, 'noLocation')}</span>;
  if (accuracy === 'site' || accuracy === 'street') return null;
  return (
    <span className="badge approximate" title={LOCATION_ACCURACIES.table[accuracy].label[lang]}>
      ≈ {translate(lang, 'approximate')}
    </span>
  );
}
