// The planner's view: a choropleth of settlements or zones by count, budget or budget per resident,
// a sortable table that highlights the map and back, the gap overlay (places farther than a distance
// from any intervention of a theme) with the residents it leaves out, and CSV/GeoJSON downloads.
import { useMemo, useState } from 'react';
import { isMasterPlanZone, THEMES, type Geometry, type Theme } from '../../geo/index.ts';
import { query, useFetch, useInView, useLayerFeatures, type Access, type Coverage, type CoverageRow, type FacetValue } from '../app/api.ts';
import type { PageProps } from '../app/App.tsx';
import { count as formatCount, distance as formatDistance, money } from '../app/format.ts';
import { pick, translate, type StringKey } from '../app/i18n.ts';
import { clearFilters, hasFilters, toFilter, type CoverageMetric, type CoverageState, type ListFilter } from '../app/state.ts';
import { Filters } from '../filters/Filters.tsx';
import { classify, classOf, colourOf, UNKNOWN, ZERO, type Classes } from './classes.ts';
import { CoverageMap, type Shade } from './CoverageMap.tsx';
import { refusalText } from './refusal.ts';

type Row = CoverageRow;

const METRICS: { id: CoverageMetric; label: StringKey; value: (r: Row) => number | null }[] = [
  { id: 'count', label: 'metricCount', value: (r) => r.count },
  { id: 'budget', label: 'metricBudget', value: (r) => r.budgetEur },
  { id: 'perResident', label: 'metricPerResident', value: (r) => r.budgetPerResident },
];

const COLUMNS: { id: string; label: StringKey; value: (r: Row, lang: 'bg' | 'en') => number | string | null }[] = [
  { id: 'name', label: 'name', value: (r, lang) => pick(lang, r.label) },
  { id: 'count', label: 'count', value: (r) => r.count },
  { id: 'budget', label: 'budgetShort', value: (r) => r.budgetEur },
  { id: 'perResident', label: 'perResident', value: (r) => r.budgetPerResident },
  { id: 'population', label: 'population', value: (r) => r.population },
  { id: 'areaShare', label: 'areaReached', value: (r) => r.areaShare },
  { id: 'unplaced', label: 'unplacedShort', value: (r) => r.unplaced },
];

const BY_LABEL = { settlement: 'bySettlement', zone: 'byZone', masterPlanZone: 'byMasterPlanZone' } as const;

export function CoverageView({ reference, state, update }: PageProps) {
  const lang = state.lang;
  const t = (k: StringKey) => translate(lang, k);
  const cov = state.coverage;
  const [hovered, setHovered] = useState<string | null>(null);
  const setCov = (change: Partial<CoverageState>) => update((s) => ({ ...s, coverage: { ...s.coverage, ...change } }));
  const filter = useMemo(() => toFilter(state), [state]);
  const inView = useInView();

  const data = useFetch<Coverage>(`/api/coverage?${query(filter, { by: cov.by })}`);
  const facets = useFetch<{ facets: Record<string, FacetValue[]> }>(`/api/facets?${query(filter)}`);
  const gapFilter = cov.gapTheme ? { ...filter, theme: [cov.gapTheme as Theme] } : filter;
  const gapQuery = query(gapFilter, { distance: String(cov.gapDistance) });
  const gapUrl = `/api/coverage/gaps.geojson?${gapQuery}`;
  const gaps = useFetch<{ features: { geometry: Geometry; properties: { areaKm2: number; shareOfMunicipality: number } }[] }>(cov.gapTheme !== undefined ? gapUrl : null);
  const access = useFetch<Access>(cov.gapTheme !== undefined ? `/api/coverage/access?${gapQuery}` : null);

  const metric = METRICS.find((m) => m.id === cov.metric)!;
  const rows = (data.data?.rows ?? []).filter((r) => r.key !== null);
  const noGroup = data.data?.rows.find((r) => r.key === null);
  const classes: Classes = useMemo(() => classify(rows.map(metric.value)), [data.data, cov.metric]); // eslint-disable-line react-hooks/exhaustive-deps

  const sortColumn = COLUMNS.find((c) => c.id === (cov.sort ?? cov.metric)) ?? COLUMNS[1];
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [sortColumn.value(a, lang), sortColumn.value(b, lang)];
    if (typeof x === 'string' || typeof y === 'string') return String(x).localeCompare(String(y), lang);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return y - x;
  });

  const areaLayer = useLayerFeatures(cov.by === 'settlement' ? 'settlement-areas' : null);
  const areas = areaLayer.data;
  const geometries = useMemo(() => {
    const out = new Map<string, Geometry>();
    if (cov.by === 'settlement') for (const f of areas ?? []) out.set(String(f.id), f.geometry);
    else for (const z of reference.zones) if (z.geometry) out.set(z.id, z.geometry);
    return out;
  }, [reference, cov.by, areas]);
  const shades: Shade[] = useMemo(
    () =>
      rows
        .filter((r) => geometries.has(r.key!))
        .map((r) => ({ key: r.key!, name: r.label, geometry: geometries.get(r.key!)!, colour: colourOf(classOf(metric.value(r), classes), classes) })),
    [data.data, classes, geometries], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const format = (id: string, r: Row): string => {
    const v = COLUMNS.find((c) => c.id === id)!.value(r, lang);
    if (v === null) return id === 'population' ? '—' : '—';
    if (typeof v === 'string') return v;
    // A sum over items whose budgets are partly unpublished is a lower bound, and says so.
    if (id === 'budget' || id === 'perResident') return `${money(lang, v, 'EUR')}${r.budgeted < r.count ? ' *' : ''}`;
    if (id === 'areaShare') return `${(v * 100).toFixed(1)} %`;
    return formatCount(lang, v);
  };
  const legendValue = (v: number) => (cov.metric === 'count' ? formatCount(lang, v) : money(lang, v, 'EUR'));
  const csvUrl = `/api/coverage.csv?${query(filter, { by: cov.by })}`;
  const gap = gaps.data?.features[0];
  // A refused settlements layer leaves the map without shades: say so rather than draw an empty map.
  const failed = [data, gaps, access, areaLayer].find((l) => l.error && !l.loading);
  const refusal = failed ? refusalText(lang, failed.failure ?? { code: 'http_error', retryAfter: null }) : null;

  return (
    <div className="layout coverage">
      <aside className="panel">
        <p className="muted">{t('coverageIntro')}</p>
        {refusal && (
          <p className="truncated" role="alert" data-testid="coverage-refused">
            {refusal}
          </p>
        )}
        <div className="coverage-controls">
          <fieldset>
            <legend>{t('groupBy')}</legend>
            {/* Master-plan zones are offered once some are published: an empty grouping helps nobody. */}
            {(['settlement', 'zone', ...(reference.zones.some(isMasterPlanZone) ? (['masterPlanZone'] as const) : [])] as const).map((by) => (
              <label key={by}>
                <input type="radio" name="by" checked={cov.by === by} onChange={() => setCov({ by, sort: undefined })} /> {t(BY_LABEL[by])}
              </label>
            ))}
          </fieldset>
          <label>
            {t('metric')}{' '}
            <select value={cov.metric} onChange={(e) => setCov({ metric: e.target.value as CoverageMetric, sort: undefined })} data-testid="metric">
              {METRICS.map((m) => (
                <option key={m.id} value={m.id}>
                  {t(m.label)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <table className="coverage-table" data-testid="coverage-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.id} scope="col" aria-sort={sortColumn.id === c.id ? (c.id === 'name' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" onClick={() => setCov({ sort: c.id })}>
                    {t(c.label)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr
                key={r.key}
                data-key={r.key ?? ''}
                className={hovered === r.key ? 'hovered' : undefined}
                tabIndex={0}
                onMouseEnter={() => setHovered(r.key)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => setHovered(r.key)}
                onBlur={() => setHovered(null)}
              >
                {COLUMNS.map((c) => (
                  <td key={c.id} className={c.id === 'name' ? undefined : 'num'}>
                    {c.id === 'name' && <span className="swatch" style={{ background: geometries.has(r.key!) ? colourOf(classOf(metric.value(r), classes), classes) : UNKNOWN }} aria-hidden="true" />} {format(c.id, r)}
                  </td>
                ))}
              </tr>
            ))}
            {noGroup && noGroup.count > 0 && (
              <tr className="no-group">
                {COLUMNS.map((c) => (
                  <td key={c.id} className={c.id === 'name' ? undefined : 'num'}>
                    {c.id === 'name' ? t('noGroup') : format(c.id, noGroup)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
        {data.data && data.data.unplaced.count > 0 && (
          <p className="muted">
            {t('unplacedNote')} {formatCount(lang, data.data.unplaced.count)} ({money(lang, data.data.unplaced.budgetEur, 'EUR')}).
          </p>
        )}
        <p className="muted">* {t('budgetPartlyKnown')}</p>
        <p className="muted">{t('reachNote')}</p>
        <p>
          <a href={inView(csvUrl)} download data-testid="coverage-csv">
            {t('downloadTable')}
          </a>
        </p>
        <fieldset>
          <legend>{t('gaps')}</legend>
          <label>
            <input type="checkbox" checked={cov.gapTheme !== undefined} onChange={() => setCov({ gapTheme: cov.gapTheme === undefined ? '' : undefined })} /> {t('gapsShow')}
          </label>
          {cov.gapTheme !== undefined && (
            <>
              <label className="block">
                {t('gapTheme')}{' '}
                <select value={cov.gapTheme} onChange={(e) => setCov({ gapTheme: e.target.value })}>
                  <option value="">{t('anyTheme')}</option>
                  {THEMES.ids.map((id) => (
                    <option key={id} value={id}>
                      {THEMES.table[id].label[lang]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block">
                {t('distanceLabel')}: {formatDistance(lang, cov.gapDistance)}
                <input type="range" min={500} max={10_000} step={500} value={cov.gapDistance} onChange={(e) => setCov({ gapDistance: Number(e.target.value) })} />
              </label>
              {gap && (
                <p>
                  {formatCount(lang, Math.round(gap.properties.areaKm2))} km² ({(gap.properties.shareOfMunicipality * 100).toFixed(0)} %) {t('gapArea')}.
                </p>
              )}
              {access.data && (
                <p data-testid="access">
                  <strong>{formatCount(lang, access.data.total.beyond)}</strong> {t('residentsBeyond')} {formatDistance(lang, cov.gapDistance)} {t('fromAny')}.
                </p>
              )}
              <p>
                <a href={inView(gapUrl)} download>
                  {t('downloadGaps')}
                </a>
              </p>
            </>
          )}
        </fieldset>
        <details className="coverage-filters">
          <summary>
            {t('filters')}
            {hasFilters(state) ? ' •' : ''}
          </summary>
          <Filters
            state={state}
            facets={facets.data?.facets}
            plan={reference.plan}
            municipalities={reference.municipalities}
            onChoose={(key: ListFilter, next) => update((s) => ({ ...s, lists: { ...s.lists, [key]: next(s.lists[key]) } }))}
            onNumber={(key, value) => update((s) => ({ ...s, [key]: value }))}
            onClear={() => update((s) => clearFilters(s))}
            hasFilters={hasFilters(state)}
          />
        </details>
      </aside>
      <main className="map-area">
        <CoverageMap reference={reference} shades={shades} gap={gap?.geometry ?? null} hovered={hovered} lang={lang} onHover={setHovered} />
        <div className="legend coverage-legend" role="group" aria-label={t('legend')}>
          <strong>{t(metric.label)}</strong>
          <ul>
            <li>
              <span className="swatch square" style={{ background: ZERO }} aria-hidden="true" /> {cov.metric === 'count' ? '0' : t('zeroOrUnpublished')}
            </li>
            {classes.breaks.map((b, i) => (
              <li key={b}>
                <span className="swatch square" style={{ background: classes.colours[i] }} aria-hidden="true" /> {i === 0 ? '> 0' : `> ${legendValue(classes.breaks[i - 1])}`} – {legendValue(b)}
              </li>
            ))}
            {cov.metric === 'perResident' && (
              <li>
                <span className="swatch square" style={{ background: UNKNOWN }} aria-hidden="true" /> {t('noPopulation')}
              </li>
            )}
          </ul>
        </div>
      </main>
    </div>
  );
}
