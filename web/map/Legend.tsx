// The legend, from the same tables as the map style and the list badges; the master-plan part from
// the served zone-type vocabulary, with each published zone as a button that brings it into view
// (the keyboard's way to the zones, whose labels on the map are pictures to a screen reader).
import { STATUSES, THEMES, type LayerInfo, type MasterPlanZoneTypes } from '../../geo/index.ts';
import { ct } from '../consultation/strings.ts';
import { REFERENCE_COLOUR } from './style.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';
import { usedTypes, type MasterPlanEntry } from './master-plan.ts';

interface Props {
  lang: Lang;
  showZones: boolean;
  onZones(): void;
  masterPlan: MasterPlanEntry[];
  masterPlanTypes: MasterPlanZoneTypes | null;
  showMasterPlan: boolean;
  onMasterPlan(): void;
  onZoomTo(zoneId: string): void;
  /** imported reference layers the map draws */
  referenceLayers: LayerInfo[];
  /** the layer of citizens' published contributions */
  showContributions: boolean;
  onContributions(): void;
}

export function Legend({ lang, showZones, onZones, masterPlan, masterPlanTypes, showMasterPlan, onMasterPlan, onZoomTo, referenceLayers, showContributions, onContributions }: Props) {
  const t = (k: Parameters<typeof translate>[1], values?: Record<string, string>) => translate(lang, k, values);
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
      <label className="legend-voices">
        <input type="checkbox" checked={showContributions} onChange={onContributions} data-testid="voices-toggle" /> <span className="voice-swatch" aria-hidden="true" /> {ct(lang, 'voicesLayer')}
      </label>
      <MasterPlanLegend {...{ lang, masterPlan, masterPlanTypes, showMasterPlan, onMasterPlan, onZoomTo, t }} />
      {referenceLayers.length > 0 && (
        <ul className="legend-reference" aria-label={t('referenceLayers')}>
          {referenceLayers.map((info) => (
            <li key={info.name}>
              <span className="swatch" style={{ background: REFERENCE_COLOUR }} aria-hidden="true" /> {pick(lang, info.title)} <span className="muted">({info.attribution})</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function MasterPlanLegend({ lang, masterPlan, masterPlanTypes, showMasterPlan, onMasterPlan, onZoomTo, t }: Omit<Props, 'showZones' | 'onZones' | 'referenceLayers' | 'showContributions' | 'onContributions'> & { t(k: Parameters<typeof translate>[1], values?: Record<string, string>): string }) {
  // Nothing published: say so, rather than offer an empty layer.
  if (masterPlan.length === 0)
    return (
      <p className="muted legend-master-plan" data-testid="master-plan-none">
        {t('masterPlan')}: {t('masterPlanNone')}
      </p>
    );
  return (
    <div className="legend-master-plan">
      <label>
        <input type="checkbox" checked={showMasterPlan} onChange={onMasterPlan} /> {t('masterPlan')}
      </label>
      {showMasterPlan && (
        <>
          <ul aria-label={t('masterPlan')}>
            {usedTypes(masterPlan, masterPlanTypes).map((type) => {
              const entry = masterPlan.find((e) => e.type?.code === type.code)!;
              return (
                <li key={type.code}>
                  <span className="swatch" style={{ background: entry.colour, borderColor: entry.outline }} aria-hidden="true" /> <strong>{type.code}</strong> {type.name[lang]}
                </li>
              );
            })}
          </ul>
          <p className="muted">{t('masterPlanZonesList')}:</p>
          <ul>
            {masterPlan.map(({ zone }) => (
              <li key={zone.id}>
                <button type="button" className="link-button" onClick={() => onZoomTo(zone.id)} aria-label={t('masterPlanShow', { zone: `${zone.properties.masterPlanType} ${pick(lang, zone.properties.name)}` })}>
                  {zone.properties.masterPlanType} · {pick(lang, zone.properties.name)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
