// The citizen map: a panel (near me, list or filters, detail, downloads) beside the map on a desk,
// and as a bottom sheet on a phone.
import { useMemo, useState } from 'react';
import { today } from '../../geo/calendar.ts';
import type { BBox } from '../../geo/index.ts';
import { ProposeOnMap, ProposeStart } from '../consultation/ProposeOnMap.tsx';
import { ct } from '../consultation/strings.ts';
import { useProposalPlace } from '../consultation/useProposalPlace.ts';
import { useVoices, VoiceDetail, VoicesList } from '../consultation/VoicesPanel.tsx';
import { Detail } from '../detail/Detail.tsx';
import { can } from '../editor/session.ts';
import { Filters } from '../filters/Filters.tsx';
import { useYearsSeen } from '../filters/years.ts';
import { InterventionList } from '../list/InterventionList.tsx';
import { Legend } from '../map/Legend.tsx';
import { masterPlanEntries } from '../map/master-plan.ts';
import { MapView } from '../map/MapView.tsx';
import { NearMe } from '../near/NearMe.tsx';
import { annualReportUrl, changesFeedUrl, exportUrl, interventionsUrl, query, tilesUrl, useFetch, useInterventions, useInView, type FacetValue, type Found } from './api.ts';
import { roundCoordinate } from './format.ts';
import { pick, translate, type Lang } from './i18n.ts';
import { withPlans } from './plan.ts';
import type { PageProps } from './App.tsx';
import { clearFilters, hasFilters, listSort, toFilter, type ListFilter } from './state.ts';

export function CitizenView({ reference, state, session, update, replace, onView }: PageProps) {
  const [bounds, setBounds] = useState<BBox | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [accuracy, setAccuracy] = useState<{ lon: number; lat: number; radius: number } | undefined>();
  const [tab, setTab] = useState<'list' | 'filters' | 'voices'>('list');
  // A citizen's proposal being placed (a point or an area), and the contribution opened from the layer.
  const [proposing, setProposing] = useState(false);
  const proposal = useProposalPlace();
  const [voice, setVoice] = useState<number>();
  const [zoomTo, setZoomTo] = useState<{ id: string; at: number }>();
  const masterPlan = useMemo(() => masterPlanEntries(reference.zones, reference.masterPlanTypes), [reference]);
  const lang = state.lang;
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const viewed = useInView();

  const filter = useMemo(() => toFilter(state), [state]);
  const sortParam = listSort(state);
  const followsView = state.inView && bounds !== null;
  const all = useInterventions(interventionsUrl(filter, sortParam));
  const listFilter = followsView ? { ...filter, bbox: bounds! } : filter;
  const inView = useInterventions(followsView ? interventionsUrl(listFilter, sortParam) : null);
  const list = followsView ? inView : all;
  const facets = useFetch<{ facets: Record<string, FacetValue[]> }>(`/api/facets?${query(filter)}`);
  // The items the page holds (the map draws from its tiles, whatever their number): every match
  // when they fit in what the app loads, else, with "only in the map view", those in view.
  const mapFeatures = (followsView && all.data?.complete === false && inView.data ? inView.data : all.data)?.features ?? [];

  const yearsSeen = useYearsSeen(mapFeatures);

  const selectedInList = mapFeatures.find((f) => f.id === state.selected);
  const selectedFetched = useFetch<Found>(state.selected && !selectedInList ? `/api/interventions/${encodeURIComponent(state.selected)}` : null);
  const selected = selectedInList ?? (selectedFetched.data?.id === state.selected ? selectedFetched.data : undefined);

  const names = new Map(reference.settlements.map((s) => [s.id, s.properties.name]));
  const settlementName = (ekatte: string | null) => (ekatte ? pick(lang, names.get(ekatte)) : '');
  const choose = (key: ListFilter, next: (current: string[]) => string[]) => update((s) => ({ ...s, lists: { ...s.lists, [key]: next(s.lists[key]) }, selected: undefined }));
  const open = (id: string) => update((s) => ({ ...s, selected: id }));
  const voices = useVoices(state.showContributions);
  const openedVoice = voices.features.find((f) => f.id === voice);
  const shownTab = tab === 'voices' && !state.showContributions ? 'list' : tab;
  const stopProposing = () => {
    setProposing(false);
    proposal.reset();
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid="propose-start"]')?.focus());
  };

  return (
    <>
      <div className="layout">
        <aside className="panel" aria-label={t('list')}>
          <NearMe
            lang={lang}
            near={state.near}
            settlements={reference.settlements}
            picking={picking}
            onPicking={setPicking}
            onNear={(near, acc) => {
              setAccuracy(near && acc !== undefined ? { lon: near.lon, lat: near.lat, radius: acc } : undefined);
              update((s) => ({ ...s, near, selected: undefined, sort: undefined }));
            }}
          />
          {proposing ? (
            <ProposeOnMap lang={lang} place={proposal} onCentre={() => state.view && proposal.place(state.view.lon, state.view.lat)} onClose={stopProposing} />
          ) : (
            <ProposeStart lang={lang} onStart={() => setProposing(true)} />
          )}
          {!proposing && selected && can(session.me, 'editor') && (
            <p className="edit-link">
              <a href={`?page=edit&item=${encodeURIComponent(selected.id)}`} onClick={(e) => (e.preventDefault(), update((s) => ({ ...s, page: 'edit', item: selected.id, selected: undefined })))}>
                {t('editItem')} {selected.id}
              </a>
            </p>
          )}
          {proposing ? null : selected ? (
            <Detail
              feature={selected}
              lang={lang}
              plan={reference.plan}
              masterPlan={masterPlan}
              settlementName={settlementName}
              programmeTitle={(id) => {
                const p = mapFeatures.find((f) => f.id === id);
                return p ? pick(lang, p.properties.title) : null;
              }}
              onClose={() => {
                const id = state.selected;
                update((s) => ({ ...s, selected: undefined }));
                requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`.item[data-id="${id}"]`)?.focus());
              }}
              onOpen={open}
            />
          ) : openedVoice ? (
            <VoiceDetail
              lang={lang}
              contribution={openedVoice}
              settlementName={settlementName}
              onBack={() => {
                setVoice(undefined);
                requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`.voice-item[data-voice="${openedVoice.id}"]`)?.focus());
              }}
              onOpenIntervention={(id) => {
                setVoice(undefined);
                open(id);
              }}
            />
          ) : (
            <>
              <div className="tabs" role="tablist">
                {(state.showContributions ? (['list', 'filters', 'voices'] as const) : (['list', 'filters'] as const)).map((k) => (
                  <button key={k} type="button" role="tab" aria-selected={shownTab === k} aria-controls={`tab-${k}`} id={`tab-button-${k}`} onClick={() => setTab(k)}>
                    {k === 'voices' ? ct(lang, 'tab') : t(k)}
                    {k === 'filters' && hasFilters(state) ? ' •' : ''}
                  </button>
                ))}
              </div>
              <div id="tab-list" role="tabpanel" aria-labelledby="tab-button-list" hidden={shownTab !== 'list'}>
                <div className="list-tools">
                  <label>
                    <input type="checkbox" checked={state.inView} onChange={() => update((s) => ({ ...s, inView: !s.inView }))} /> {t('onlyInView')}
                  </label>
                  <label>
                    {t('sortBy')}{' '}
                    <select value={state.sort ?? ''} onChange={(e) => update((s) => ({ ...s, sort: e.target.value || undefined }))}>
                      <option value="">{state.near ? t('sortDistance') : t('sortDefault')}</option>
                      <option value="-budget">{t('sortBudget')}</option>
                      <option value="title">{t('sortTitle')}</option>
                      <option value="start">{t('sortStart')}</option>
                    </select>
                  </label>
                </div>
                <InterventionList
                  items={list.data?.features ?? []}
                  total={list.data?.numberMatched ?? 0}
                  lang={lang}
                  loading={list.loading}
                  error={list.error}
                  inView={state.inView}
                  selected={state.selected}
                  hovered={hovered ?? undefined}
                  settlementName={settlementName}
                  onOpen={open}
                  onHover={setHovered}
                />
              </div>
              <div id="tab-filters" role="tabpanel" aria-labelledby="tab-button-filters" hidden={shownTab !== 'filters'}>
                <Filters
                  state={state}
                  facets={facets.data?.facets}
                  plan={reference.plan}
                  years={yearsSeen}
                  municipalities={reference.municipalities}
                  onChoose={choose}
                  onNumber={(key, value) => update((s) => ({ ...s, [key]: value, selected: undefined }))}
                  onClear={() => update((s) => ({ ...clearFilters(s), selected: undefined }))}
                  hasFilters={hasFilters(state)}
                  feed={changesFeedUrl(filter)}
                  onView={onView}
                />
              </div>
              {state.showContributions && (
                <div id="tab-voices" role="tabpanel" aria-labelledby="tab-button-voices" hidden={shownTab !== 'voices'}>
                  <VoicesList lang={lang} voices={voices} onOpen={setVoice} />
                </div>
              )}
            </>
          )}
          <p className="exports">
            {t('export')} ({t('exportHint')}):{' '}
            <a href={viewed(exportUrl('geojson', listFilter, state.sort))} download data-testid="export-geojson">
              GeoJSON
            </a>{' '}
            ·{' '}
            <a href={viewed(exportUrl('csv', listFilter, state.sort))} download>
              CSV
            </a>{' '}
            · <a href="/api/docs">{t('apiDocs')}</a>
          </p>
          {/* The report of the plan shown; in a store of several, it names that plan's municipality. */}
          <AnnualReport
            lang={lang}
            startYear={reference.plan.period.startYear}
            {...(withPlans(reference.municipalities).length > 1 ? { municipality: reference.plan.municipality.code, planName: pick(lang, reference.plan.shortTitle) } : {})}
          />
        </aside>
        <main className="map-area">
          <MapView
            reference={reference}
            tiles={viewed(tilesUrl(filter))}
            features={mapFeatures}
            selected={state.selected}
            selectedFeature={selected}
            hovered={hovered ?? undefined}
            near={state.near}
            accuracyCircle={accuracy}
            showZones={state.showZones}
            masterPlan={masterPlan}
            showMasterPlan={state.showMasterPlan}
            zoomTo={zoomTo}
            lang={lang}
            picking={picking || proposing}
            pickHint={proposing ? ct(lang, proposal.shape === 'area' ? 'areaHint' : 'proposeHint') : undefined}
            contributions={voices.features}
            showContributions={state.showContributions}
            selectedContribution={voice}
            placed={proposing && proposal.shape === 'point' ? proposal.point : undefined}
            drawn={proposing && proposal.shape === 'area' ? proposal.vertices : undefined}
            onSelectContribution={(id) => {
              if (proposing) return;
              setTab('voices');
              update((s) => ({ ...s, selected: undefined }));
              setVoice(id);
            }}
            initialView={state.view}
            municipalities={state.lists.municipality}
            onSelect={(id) => {
              setTab('list');
              open(id);
            }}
            onHover={setHovered}
            onPick={(lon, lat) => {
              if (proposing) return proposal.place(lon, lat);
              setPicking(false);
              setAccuracy(undefined);
              update((s) => ({ ...s, near: { lon: roundCoordinate(lon), lat: roundCoordinate(lat), radius: s.near?.radius ?? 2000 }, selected: undefined, sort: undefined }));
            }}
            onView={(view, b) => {
              setBounds(b);
              replace((s) => ({ ...s, view }));
            }}
          />
          <Legend
            lang={lang}
            showZones={state.showZones}
            onZones={() => update((s) => ({ ...s, showZones: !s.showZones }))}
            masterPlan={masterPlan}
            masterPlanTypes={reference.masterPlanTypes}
            showMasterPlan={state.showMasterPlan}
            onMasterPlan={() => update((s) => ({ ...s, showMasterPlan: !s.showMasterPlan }))}
            showContributions={state.showContributions}
            onContributions={() => update((s) => ({ ...s, showContributions: !s.showContributions }))}
            onZoomTo={(id) => setZoomTo({ id, at: Date.now() })}
            referenceLayers={reference.layers.filter((l) => l.onMap)}
          />
        </main>
      </div>
    </>
  );
}

/**
 * The annual implementation report of a chosen year (the state on its 31 December), next to the
 * downloads where readers look for documents. Last year by default: the latest complete one.
 */
function AnnualReport({ lang, startYear, municipality, planName }: { lang: Lang; startYear: number; municipality?: string; planName?: string }) {
  const thisYear = Number(today().slice(0, 4));
  const years = Array.from({ length: Math.max(thisYear - startYear + 1, 1) }, (_, i) => startYear + i);
  const [chosen, setYear] = useState(Math.max(thisYear - 1, startYear));
  // Another municipality's plan may start later: the year stays within the plan shown.
  const year = Math.min(Math.max(chosen, startYear), thisYear);
  return (
    <p className="annual-report">
      <label>
        {translate(lang, 'annualReportYear')}{' '}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>{' '}
      <a href={annualReportUrl(year, municipality)} data-testid="annual-report">
        {translate(lang, 'annualReportOpen', { year: String(year) })}
        {planName ? ` — ${planName}` : ''}
      </a>
    </p>
  );
}
