// The list that mirrors the map: every filtered item (or those in the map view), as buttons that a
// keyboard reaches with Tab and opens with Enter; focus and hover highlight the item on the map.
// Long lists are drawn a step at a time ("show more"): ten thousand cards at once kept a national
// list, and the map beside it, from the screen for seconds.
import { useEffect, useState } from 'react';
import type { Found } from '../app/api.ts';
import { count, distance, money } from '../app/format.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';
import { PlaceBadge, StatusBadge, ThemeBadge } from './Badges.tsx';
import { truncationNote } from './truncation.ts';

/** How many more cards each "show more" draws. */
const LIST_STEP = 200;

interface Props {
  items: Found[];
  /** how many match on the server; more than `items` when the app did not load them all */
  total: number;
  lang: Lang;
  loading: boolean;
  error: boolean;
  /** the list follows the map view (so zooming in narrows it) */
  inView: boolean;
  selected?: string;
  /** the item the pointer is on in the map, highlighted here too */
  hovered?: string;
  settlementName(ekatte: string | null): string;
  onOpen(id: string): void;
  onHover(id: string | null): void;
}

export function InterventionList({ items, total, lang, loading, error, inView, selected, hovered, settlementName, onOpen, onHover }: Props) {
  const facts = ({ properties: p }: Found) =>
    [
      settlementName(p.settlement),
      p.budgetEur !== null ? money(lang, p.budgetEur, 'EUR') : '',
      p.startYear !== null ? `${p.startYear}${p.endYear !== p.startYear ? `–${p.endYear ?? ''}` : ''}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  // A failed load must not look like an empty (or the previous) result.
  const failed = error && !loading;
  const [limit, setLimit] = useState(LIST_STEP);
  useEffect(() => setLimit(LIST_STEP), [items]);
  // The selected item is always in the list, however far down it is.
  const reach = Math.max(limit, items.findIndex((f) => f.id === selected) + 1);
  const shown = failed ? [] : items.slice(0, reach);
  const left = failed ? 0 : items.length - shown.length;
  const note = failed ? null : truncationNote(lang, items.length, total, inView);
  return (
    <section className="list" aria-labelledby="list-heading" aria-busy={loading}>
      <h2 id="list-heading" className="count" aria-live="polite">
        <span data-testid="result-count">{failed ? '—' : count(lang, total)}</span> {translate(lang, total === 1 ? 'resultsOne' : 'results')}
      </h2>
      {failed ? (
        <p role="alert">{translate(lang, 'loadError')}</p>
      ) : (
        items.length === 0 && !loading && <p>{translate(lang, 'nothingFound')}</p>
      )}
      {note && (
        <p className="truncated" role="status" data-testid="list-truncated">
          {note}
        </p>
      )}
      <ol className="items">
        {shown.map((f) => {
          const p = f.properties;
          return (
            <li key={f.id}>
              <button
                type="button"
                className={`item${selected === f.id ? ' selected' : ''}${hovered === f.id ? ' hovered' : ''}`}
                data-id={f.id}
                aria-current={selected === f.id ? 'true' : undefined}
                onClick={() => onOpen(f.id)}
                onMouseEnter={() => onHover(f.id)}
                onMouseLeave={() => onHover(null)}
                onFocus={() => onHover(f.id)}
                onBlur={() => onHover(null)}
              >
                <span className="item-title">{pick(lang, p.title)}</span>
                <span className="item-meta">
                  <ThemeBadge theme={p.theme} lang={lang} />
                  <StatusBadge status={p.status} lang={lang} />
                  <PlaceBadge feature={f} lang={lang} />
                </span>
                <span className="item-facts">
                  {p.distance_m !== undefined && (
                    <>
                      <span className="distance">{distance(lang, p.distance_m)}</span>
                      {facts(f) && ' · '}
                    </>
                  )}
                  {facts(f)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {left > 0 && (
        <button type="button" className="secondary list-more" onClick={() => setLimit(reach + LIST_STEP)}>
          {translate(lang, 'listMore', { more: count(lang, Math.min(LIST_STEP, left)), left: count(lang, left) })}
        </button>
      )}
    </section>
  );
}
