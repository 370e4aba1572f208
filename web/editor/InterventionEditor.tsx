// Every field of an intervention, grouped as a planner thinks of it (what, where, money, when,
// sources), and its geometry drawn on the map beside the form.
import { today } from '../../geo/calendar.ts';
import { FUNDING, LOCATION_ACCURACIES, POSITION_SOURCES, THEMES, TITLE_KINDS, toEur, type Geometry, type Intervention, type Plan } from '../../geo/index.ts';
import { pointInGeometry, representativePoint, type Areal } from '../../geo/spatial.ts';
import type { PageProps } from '../app/App.tsx';
import { useContext } from 'react';
import { planUrl, useFetch } from '../app/api.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { withPlans } from '../app/plan.ts';
import { DrawMap } from './DrawMap.tsx';
import { CheckField, ChoiceList, FormContext, LocalTextFields, NumberField, SelectField, ProseField, SourcesField, TextField } from './fields.tsx';
import { ItemEditor } from './ItemEditor.tsx';
import { PlanLinksField } from './PlanLinksField.tsx';
import { CurrentStatus, deriveStatus, ProgressField } from './ProgressField.tsx';
import { getAt, setAt } from './record.ts';
import { te } from './strings.ts';

/** A new intervention: nothing known yet is said as unknown; the planner fills in the rest. */
export function newIntervention(id: string): Intervention {
  return {
    type: 'Feature',
    id,
    geometry: null,
    properties: {
      id,
      title: { bg: '', en: null },
      summary: { bg: null, en: null },
      kind: 'project',
      programmeId: null,
      theme: THEMES.ids[0],
      secondaryThemes: [],
      planLinks: [],
      planLinkNote: null,
      settlement: null,
      outsideMunicipality: false,
      locationText: '',
      locationAccuracy: 'unlocated',
      locationBasis: '',
      budgetAmount: null,
      budgetCurrency: null,
      budgetEur: null,
      budgetNote: null,
      funding: ['unknown'],
      fundingText: null,
      startYear: null,
      endYear: null,
      periodText: null,
      periodInferred: false,
      status: 'idea',
      statusAsOf: today(),
      statusText: '',
      // The first entry is made on saving from the status above and the sources (withCurrentStatus).
      progress: [],
      sources: [{ url: '', supports: '' }],
    },
  } as unknown as Intervention;
}

/** The EUR figure follows the amount and currency as published (1 EUR = 1.95583 BGN). */
export function deriveEur(record: unknown, path: string): unknown {
  if (path !== 'properties.budgetAmount' && path !== 'properties.budgetCurrency') return record;
  const amount = getAt(record, 'properties.budgetAmount');
  const currency = getAt(record, 'properties.budgetCurrency');
  const eur = typeof amount === 'number' && (currency === 'BGN' || currency === 'EUR') ? toEur(amount, currency) : null;
  return setAt(record, 'properties.budgetEur', eur);
}

const deriveIntervention = (record: unknown, path: string) => deriveStatus(deriveEur(record, path), path);

/**
 * The plan an item's links are picked from: its municipality's. The plan shown is at hand; another
 * (in a store of several) is fetched, and until it is there, there is nothing to pick from.
 */
function usePlanOf(shown: Plan, code: string | undefined): { plan: Plan | null; failed: boolean } {
  const other = code !== undefined && code !== shown.municipality.code;
  const fetched = useFetch<Plan>(other ? planUrl([code]) : null);
  if (!other) return { plan: shown, failed: false };
  // Only that municipality's: the hook keeps the last answer while the next loads, or when it fails.
  return { plan: fetched.data?.municipality.code === code ? fetched.data : null, failed: fetched.error };
}

function PlanLinks({ shown, lang }: { shown: Plan; lang: Lang }) {
  const form = useContext(FormContext)!;
  const { plan, failed } = usePlanOf(shown, getAt(form.record, 'properties.municipality') as string | undefined);
  if (plan) return <PlanLinksField path="properties.planLinks" plan={plan} lang={lang} />;
  return <p className="hint" role={failed ? 'alert' : undefined}>{te(lang, failed ? 'networkError' : 'loadingItem')}</p>;
}

export function InterventionEditor({ page, id, nextId }: { page: PageProps; id: string; nextId: string }) {
  const { reference, state } = page;
  const lang = state.lang;
  // In a store of several plans an item says whose it serves; a new one starts as the plan shown's.
  const held = withPlans(reference.municipalities);
  const several = held.length > 1;
  const vocab = (table: { ids: readonly string[]; table: Record<string, { label: { bg: string; en: string } }> }): [string, string][] =>
    table.ids.map((v) => [v, table.table[v].label[lang]]);
  const settlements: [string, string][] = reference.settlements.map((s) => [s.id, pick(lang, s.properties.name)]);
  return (
    <ItemEditor
      page={page}
      kind="intervention"
      id={id}
      idOf={(r) => String(getAt(r, 'id'))}
      heading={(r) => `${getAt(r, 'id')} · ${getAt(r, 'properties.title.bg') || ''}`}
      template={() => (several ? setAt(newIntervention(nextId), 'properties.municipality', reference.plan.municipality.code) : newIntervention(nextId)) as Intervention}
      derive={deriveIntervention}
      aside={(item) => {
        const geometry = getAt(item.record, 'geometry') as Geometry | null;
        const settlement = reference.settlements.find((s) => s.id === getAt(item.record, 'properties.settlement'));
        const zones = geometry ? zonesOf(page, geometry) : [];
        return (
          <section aria-labelledby="geometry-title" className="geometry-panel">
            <h3 id="geometry-title">{te(lang, 'geometry')}</h3>
            <DrawMap reference={reference} lang={lang} geometry={geometry} shapes={['point', 'linestring', 'polygon']} label={te(lang, 'geometry')} problems={item.problems.filter((p) => p.path === 'geometry').map((p) => p.message)} onChange={(g) =>
                // A point moved by hand no longer comes from where the old one did: the planner says anew.
                item.replaceRecord((r) => setAt(setAt(r, 'geometry', g), 'properties.positionSource', null))
              }
            />
            {!geometry && <p className="hint">{te(lang, 'noGeometry')}</p>}
            <div className="geometry-actions">
              <button
                type="button"
                className="secondary"
                disabled={!settlement}
                onClick={() =>
                  item.replaceRecord((r) => {
                    // Honest about it: the centre stands for the settlement, not for the site.
                    let next = setAt(r, 'geometry', { type: 'Point', coordinates: settlement!.geometry.coordinates });
                    next = setAt(next, 'properties.locationAccuracy', 'settlement');
                    next = setAt(next, 'properties.positionSource', 'settlement-centre');
                    // In Bulgarian whatever the interface language: citizens read the record in Bulgarian.
                    return setAt(next, 'properties.locationBasis', te('bg', 'settlementCentreBasis', { name: pick('bg', settlement!.properties.name) }));
                  })
                }
              >
                {te(lang, 'settlementCentre')}
              </button>
            </div>
            {zones.length > 0 && (
              <p>
                {te(lang, 'zonesOfGeometry')}: {zones.join(', ')}
              </p>
            )}
          </section>
        );
      }}
    >
      {(item) => (
        <>
          <fieldset>
            <legend>{te(lang, 'general')}</legend>
            {item.isNew && <TextField path="properties.id" label={te(lang, 'id')} />}
            <LocalTextFields path="properties.title" labels={[te(lang, 'titleBg'), te(lang, 'titleEn')]} bgRequired />
            <SelectField path="properties.titleKind" label={te(lang, 'titleKind')} options={vocab(TITLE_KINDS)} empty={te(lang, 'notStated')} />
            <LocalTextFields path="properties.summary" labels={[te(lang, 'summaryBg'), te(lang, 'summaryEn')]} multiline />
            <SelectField path="properties.kind" label={te(lang, 'kind')} options={[['project', te(lang, 'kindProject')], ['programme', te(lang, 'kindProgramme')]]} />
            <TextField path="properties.programmeId" label={te(lang, 'programmeId')} nullable />
            <SelectField path="properties.theme" label={te(lang, 'theme')} options={vocab(THEMES)} />
            <ChoiceList path="properties.secondaryThemes" label={te(lang, 'secondaryThemes')} options={vocab(THEMES)} />
          </fieldset>
          <fieldset>
            <legend>{te(lang, 'planLinksTitle')}</legend>
            <PlanLinks shown={reference.plan} lang={lang} />
            <ProseField path="properties.planLinkNote" label={te(lang, 'planLinkNote')} nullable multiline />
          </fieldset>
          <fieldset>
            <legend>{te(lang, 'place')}</legend>
            {several && <SelectField path="properties.municipality" label={te(lang, 'municipalityCode')} options={held.map((m) => [m.code, `${pick(lang, m.name)} (${m.code})`])} />}
            <SelectField path="properties.settlement" label={te(lang, 'settlement')} options={settlements} empty={te(lang, 'noSettlement')} />
            <CheckField path="properties.outsideMunicipality" label={te(lang, 'outside')} />
            <TextField path="properties.locationText" label={te(lang, 'locationText')} />
            <SelectField path="properties.locationAccuracy" label={te(lang, 'locationAccuracy')} options={vocab(LOCATION_ACCURACIES)} />
            <SelectField path="properties.positionSource" label={te(lang, 'positionSource')} options={vocab(POSITION_SOURCES)} empty={te(lang, 'notStated')} />
            <ProseField path="properties.locationBasis" label={te(lang, 'locationBasis')} hint={getAt(item.record, 'properties.locationAccuracy') === 'site' ? undefined : te(lang, 'basisHint')} multiline />
            <ProseField path="properties.outsideSettlement" label={te(lang, 'outsideSettlement')} nullable multiline />
          </fieldset>
          <fieldset>
            <legend>{te(lang, 'money')}</legend>
            <NumberField path="properties.budgetAmount" label={te(lang, 'budgetAmount')} nullable />
            <SelectField path="properties.budgetCurrency" label={te(lang, 'budgetCurrency')} options={[['BGN', 'BGN (лв.)'], ['EUR', 'EUR (€)']]} empty={te(lang, 'unknownValue')} />
            <p className="computed">
              {te(lang, 'budgetEur')}: <output htmlFor="f-properties-budgetAmount f-properties-budgetCurrency">{eurText(lang, getAt(item.record, 'properties.budgetEur'))}</output>
            </p>
            <ProseField path="properties.budgetNote" label={te(lang, 'budgetNote')} nullable />
            <ChoiceList path="properties.funding" label={te(lang, 'funding')} options={vocab(FUNDING)} />
            <SelectField path="properties.fundingConfidence" label={te(lang, 'fundingConfidence')} options={[['confirmed', te(lang, 'fundingConfirmed')], ['inferred', te(lang, 'fundingInferred')]]} empty={te(lang, 'notStated')} />
            <TextField path="properties.fundingText" label={te(lang, 'fundingText')} nullable />
          </fieldset>
          <fieldset>
            <legend>{te(lang, 'time')}</legend>
            <NumberField path="properties.startYear" label={te(lang, 'startYear')} nullable step="1" />
            <NumberField path="properties.endYear" label={te(lang, 'endYear')} nullable step="1" />
            <TextField path="properties.periodText" label={te(lang, 'periodText')} nullable />
            <CheckField path="properties.periodInferred" label={te(lang, 'periodInferred')} />
            <CurrentStatus />
          </fieldset>
          <ProgressField today={today} />
          <SourcesField path="properties.sources" />
        </>
      )}
    </ItemEditor>
  );
}

function eurText(lang: 'bg' | 'en', eur: unknown): string {
  return typeof eur === 'number' ? `${new Intl.NumberFormat(lang === 'bg' ? 'bg-BG' : 'en-GB', { maximumFractionDigits: 2 }).format(eur)} €` : te(lang, 'unknownValue');
}

/** The zones whose area holds the geometry's representative point. */
function zonesOf(page: PageProps, geometry: Geometry): string[] {
  const at = representativePoint(geometry);
  return page.reference.zones
    .filter((z) => z.geometry && (z.geometry.type === 'Polygon' || z.geometry.type === 'MultiPolygon') && pointInGeometry(at, z.geometry as Areal))
    .map((z) => pick(page.state.lang, z.properties.name));
}
