// Everything we know about one intervention, and how sure we are of it: plan links marked official
// or inferred, the place with its accuracy and basis, the budget in EUR and as published, funding,
// period, status with the date it was confirmed, every source as a link, and when the published
// record last changed (nothing for an item as it stands in the plan dataset).
import { useEffect, useRef, useState } from 'react';
import { inDateOrder, itemsOf, planItemLabel, summaryProse, FUNDING, LOCATION_ACCURACIES, POSITION_SOURCES, THEMES, TITLE_KINDS, type Plan } from '../../geo/index.ts';
import type { Found } from '../app/api.ts';
import { day, distance, money } from '../app/format.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';
import { InterventionVoices } from '../consultation/InterventionVoices.tsx';
import { StatusBadge, ThemeBadge } from '../list/Badges.tsx';
import type { MasterPlanEntry } from '../map/master-plan.ts';
import { tt } from './strings.ts';
import { Timeline } from './Timeline.tsx';
import { Words } from './Words.tsx';

interface Props {
  feature: Found;
  lang: Lang;
  plan: Plan;
  /** the published master-plan zones with their types, to name the ones the item lies in */
  masterPlan: MasterPlanEntry[];
  settlementName(ekatte: string | null): string;
  programmeTitle(id: string): string | null;
  onClose(): void;
  onOpen(id: string): void;
}

export function Detail({ feature, lang, plan, masterPlan, settlementName, programmeTitle, onClose, onOpen }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const p = feature.properties;
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  useEffect(() => heading.current?.focus(), [feature.id]);

  const summary = summaryProse(p.summary);
  const latest = inDateOrder(p.progress).at(-1);
  const planItem = (id: string) => itemsOf(plan).find((i) => i.id === id);
  const permalink = window.location.href;

  return (
    <article className="detail" aria-labelledby="detail-title">
      <button type="button" className="link-button" onClick={onClose}>
        ← {t('back')}
      </button>
      <h2 id="detail-title" tabIndex={-1} ref={heading}>
        {pick(lang, p.title)}
      </h2>
      {lang === 'en' && p.title.en && <p className="original-title" lang="bg">{p.title.bg}</p>}
      {p.titleKind && p.titleKind !== 'official' && (
        <p className="title-kind">
          <span className="badge title-kind-badge">{TITLE_KINDS.table[p.titleKind].label[lang]}</span> {TITLE_KINDS.table[p.titleKind].note[lang]}
        </p>
      )}
      <p className="item-meta">
        <ThemeBadge theme={p.theme} lang={lang} />
        {p.secondaryThemes.map((s) => (
          <span key={s} className="badge secondary">{THEMES.table[s].label[lang]}</span>
        ))}
        <StatusBadge status={p.status} lang={lang} />
      </p>
      <dl className="facts">
        {summary && (
          <>
            <dt>{t('summary')}</dt>
            <dd>
              <Words prose={summary} lang={lang} />
            </dd>
          </>
        )}
        <dt>{t('where')}</dt>
        <dd>
          {settlementName(p.settlement)}
          {p.outsideMunicipality && ` (${t('outside')})`} — {LOCATION_ACCURACIES.table[p.locationAccuracy].label[lang]}
          {p.distance_m !== undefined && ` · ${distance(lang, p.distance_m)}`}
          <br />
          <span className="muted" lang="bg">{p.locationText}</span>
          {p.positionSource === 'settlement-centre' && <p className="pin-note">{POSITION_SOURCES.table[p.positionSource].note[lang]}</p>}
          {p.outsideSettlement && (
            <p className="pin-note">
              {t('outsideSettlement')} <Words prose={p.outsideSettlement} lang={lang} />
            </p>
          )}
        </dd>
        <dt>{t('placeBasis')}</dt>
        <dd className="basis">
          {p.positionSource && <span className={`badge position-${p.positionSource}`}>{POSITION_SOURCES.table[p.positionSource].label[lang]}</span>} <Words prose={p.locationBasis} lang={lang} />
        </dd>
        {masterPlan.length > 0 && feature.geometry && (
          <>
            <dt>{t('masterPlanLabel')}</dt>
            <dd data-testid="detail-master-plan">
              {feature.masterPlanZones.length === 0 ? (
                t('masterPlanOutside')
              ) : (
                <ul>
                  {feature.masterPlanZones.map((z) => {
                    const type = masterPlan.find((e) => e.type?.code === z.code)?.type;
                    return (
                      <li key={z.id}>
                        <strong>{z.code}</strong> {type ? type.name[lang] : ''} — {pick(lang, z.name)}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </>
        )}
        <dt>{t('planLinks')}</dt>
        <dd>
          {p.planLinks.length === 0 ? (
            t('noPlanLink')
          ) : (
            <ul>
              {p.planLinks.map((l) => {
                const item = planItem(l.id);
                return (
                  <li key={`${l.level}-${l.id}`}>
                    {planItemLabel(l.level, item)[lang]}{' '}
                    <span className={`badge ${l.confidence}`}>{t(l.confidence)}</span>
                  </li>
                );
              })}
            </ul>
          )}
          {p.planLinkNote && (
            <p className="muted">
              <Words prose={p.planLinkNote} lang={lang} />
            </p>
          )}
        </dd>
        <dt>{t('budget')}</dt>
        <dd>
          {p.budgetEur !== null && p.budgetAmount !== null && p.budgetCurrency ? (
            <>
              {money(lang, p.budgetEur, 'EUR')}
              {p.budgetCurrency !== 'EUR' && ` (${money(lang, p.budgetAmount, p.budgetCurrency)} ${t('budgetPublished')})`}
            </>
          ) : (
            t('budgetUnknown')
          )}
          {p.budgetNote && (
            <p className="muted">
              <Words prose={p.budgetNote} lang={lang} />
            </p>
          )}
        </dd>
        <dt>{t('fundingLabel')}</dt>
        <dd>
          {p.funding.map((f) => FUNDING.table[f].label[lang]).join('; ')}
          {p.fundingConfidence === 'inferred' && <> <span className="badge inferred">{t('fundingInferred')}</span></>}
          {p.fundingText && <p className="muted" lang="bg">{p.fundingText}</p>}
        </dd>
        <dt>{t('period')}</dt>
        <dd>
          {p.startYear ?? '?'}–{p.endYear ?? '…'}
          {p.periodInferred && ` (${t('periodInferred')})`}
        </dd>
        <dt>{t('status')}</dt>
        <dd>
          <StatusBadge status={p.status} lang={lang} /> {t('statusAsOf')} {p.statusAsOf}
          {latest?.dateEstimated && <> <span className="badge estimated">{tt(lang, 'dateEstimated')}</span></>}
          <p className="muted">{latest?.note ? <Words prose={latest.note} lang={lang} /> : p.statusText}</p>
        </dd>
        <dt>{tt(lang, 'timeline')}</dt>
        <dd>
          <Timeline lang={lang} startYear={p.startYear} endYear={p.endYear} periodInferred={p.periodInferred} progress={p.progress} sources={p.sources} />
        </dd>
        {p.programmeId && (
          <>
            <dt>{t('programme')}</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => onOpen(p.programmeId!)}>
                {programmeTitle(p.programmeId) ?? p.programmeId}
              </button>
            </dd>
          </>
        )}
        <dt>{t('sources')}</dt>
        <dd>
          <ul className="sources">
            {p.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {new URL(s.url).hostname}
                </a>{' '}
                — <Words prose={s.supports} lang={lang} />
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {feature.updated && (
        <p className="muted last-updated">
          {t('lastUpdated')} <time dateTime={feature.updated}>{day(lang, feature.updated)}</time>
        </p>
      )}
      <p>
        <a href={permalink}>{t('permalink')}</a>{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => navigator.clipboard?.writeText(permalink).then(() => setCopied(true), () => undefined)}
        >
          ⧉
        </button>
        {copied && <span role="status"> {t('copied')}</span>}
      </p>
      <InterventionVoices interventionId={feature.id} lang={lang} onOpen={onOpen} />
    </article>
  );
}
