// The planned period against what has happened: a small chart (the plan as a bar, each progress
// entry as a mark whose colour and shape both say its status), and the same entries as an ordered
// list with dates, amounts, notes and sources, which is what a screen reader or a keyboard reads.
import { today } from '../../geo/calendar.ts';
import type { ProgressEntry } from '../../geo/progress.ts';
import type { Source } from '../../geo/source.ts';
import { STATUSES, type Status } from '../../geo/vocabulary.ts';
import { money } from '../app/format.ts';
import type { Lang } from '../app/i18n.ts';
import { StatusBadge } from '../list/Badges.tsx';
import { partialDate, tt } from './strings.ts';
import { layoutTimeline, markShape, type PlannedSpan } from './timeline.ts';
import './timeline.css';
import { Words } from './Words.tsx';

interface Props {
  lang: Lang;
  startYear: number | null;
  endYear: number | null;
  periodInferred: boolean;
  progress: ProgressEntry[];
  /** the record's own sources: an entry that cites exactly these says so instead of repeating them */
  sources: Source[];
}

// Drawing units of the viewBox; the chart scales to the panel's width.
const W = 360;
const PLOT_X0 = 84;
const PLOT_X1 = 350;
const PLOT_W = PLOT_X1 - PLOT_X0;
/** the width a "100 %" label takes */
const PERCENT_W = 34;
const PLAN_Y = 22;
const LANES_Y = 50;
const LANE_H = 24;
const R = 7;
const ACCENT = '#1f5fa8';
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';

const px = (x: number) => PLOT_X0 + x * PLOT_W;

export function Timeline({ lang, startYear, endYear, periodInferred, progress, sources }: Props) {
  // A mark is its circle plus, where known, "100 %" beside it.
  const layout = layoutTimeline({ startYear, endYear, periodInferred, progress, today: today() }, (e) => (2 * R + 4 + (e.percent === null ? 0 : 34)) / PLOT_W);
  const height = LANES_Y + layout.lanes * LANE_H + 18;
  const yearWidth = PLOT_W / layout.years.length;
  const labelEvery = Math.ceil(30 / yearWidth);
  const period = periodWords(lang, startYear, endYear, periodInferred);
  const latest = layout.marks.at(-1)?.entry;
  const label = tt(lang, 'chartLabel', {
    period,
    n: progress.length,
    status: latest ? STATUSES.table[latest.status].label[lang] : '—',
    date: latest ? partialDate(lang, latest.date) : '—',
  });
  const todayX = px(Math.min(1, Math.max(0, layout.today)));

  return (
    <div className="timeline" data-testid="timeline">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} className="timeline-chart">
        {layout.years.map(({ year, x, x2 }, i) => (
          <g key={year}>
            <line x1={px(x)} x2={px(x)} y1={16} y2={height - 14} stroke="#d5dade" />
            {i % labelEvery === 0 && (
              <text x={(px(x) + px(Math.min(x2 + (labelEvery - 1) / layout.years.length, 1))) / 2} y={12} fontSize={11} textAnchor="middle" fill={MUTED}>
                {year}
              </text>
            )}
          </g>
        ))}
        <line x1={PLOT_X1} x2={PLOT_X1} y1={16} y2={height - 14} stroke="#d5dade" />
        <text x={4} y={PLAN_Y + 12} fontSize={12} fontWeight={700} fill={INK}>
          {tt(lang, 'planned')}
        </text>
        <PlannedBar planned={layout.planned} text={layout.planned.known === 'none' ? period : barWords(lang, startYear, endYear, periodInferred)} />
        <text x={4} y={LANES_Y + 14} fontSize={12} fontWeight={700} fill={INK}>
          {tt(lang, 'progress')}
        </text>
        <line x1={todayX} x2={todayX} y1={16} y2={height - 13} stroke={INK} strokeDasharray="3 2" />
        <text x={Math.min(Math.max(todayX, PLOT_X0 + 14), PLOT_X1 - 14)} y={height - 3} fontSize={11} textAnchor="middle" fill={INK}>
          {tt(lang, 'today')}
        </text>
        {layout.marks.map((m, i) => {
          const cy = LANES_Y + m.lane * LANE_H + 10;
          const colour = STATUSES.table[m.entry.status].colour;
          return (
            <g key={i} data-status={m.entry.status}>
              <title>{`${partialDate(lang, m.entry.date)}: ${STATUSES.table[m.entry.status].label[lang]}`}</title>
              {/* A year or a month: the whole period the partial date covers, faintly. */}
              {m.precision !== 'day' && <rect x={px(m.x)} y={cy - 2} width={Math.max(1, px(m.x2) - px(m.x))} height={4} fill={colour} opacity={0.35} />}
              <StatusMark status={m.entry.status} cx={px(m.x)} cy={cy} />
              {m.entry.percent !== null && (
                // Near the right edge (an entry of these days) the label goes left of its mark, inside the chart.
                <text x={px(m.x) + R + 3 + PERCENT_W > W ? px(m.x) - R - 3 : px(m.x) + R + 3} textAnchor={px(m.x) + R + 3 + PERCENT_W > W ? 'end' : 'start'} y={cy + 4} fontSize={11} fill={INK}>
                  {m.entry.percent} %
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <h3 className="timeline-list-title">{tt(lang, 'entriesTitle')}</h3>
      <ol className="timeline-entries">
        {layout.marks.map(({ entry }, i) => (
          <li key={i}>
            <p className="entry-head">
              <svg width={16} height={16} viewBox="-8 -8 16 16" aria-hidden="true" className="entry-mark">
                <StatusMark status={entry.status} cx={0} cy={0} />
              </svg>
              <time dateTime={entry.date}>{partialDate(lang, entry.date)}</time>
              {entry.dateEstimated && <span className="badge estimated">{tt(lang, 'dateEstimated')}</span>} <StatusBadge status={entry.status} lang={lang} />
            </p>
            {entry.percent !== null && <p>{tt(lang, 'percent', { n: entry.percent })}</p>}
            {entry.contracted && <Amount lang={lang} label={tt(lang, 'contracted')} value={entry.contracted} />}
            {entry.paid && <Amount lang={lang} label={tt(lang, 'paid')} value={entry.paid} />}
            {entry.note && (
              <p className="muted">
                <Words prose={entry.note} lang={lang} />
              </p>
            )}
            <EntrySources lang={lang} sources={entry.sources} recordSources={sources} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function periodWords(lang: Lang, start: number | null, end: number | null, inferred: boolean): string {
  if (start === null && end === null) return tt(lang, 'periodUnknown');
  return `${start ?? '?'}–${end ?? '?'}${inferred ? ` (${tt(lang, 'periodInferred')})` : ''}`;
}

/** The bar's own label, short enough to sit in it: the dashed line and "изведен" say it is inferred. */
function barWords(lang: Lang, start: number | null, end: number | null, inferred: boolean): string {
  return `${start ?? '?'}–${end ?? '?'}${inferred ? `, ${tt(lang, 'inferredShort')}` : ''}`;
}

function PlannedBar({ planned, text }: { planned: PlannedSpan; text: string }) {
  if (planned.known === 'none')
    return (
      <text x={PLOT_X0 + 4} y={PLAN_Y + 12} fontSize={12} fontStyle="italic" fill={MUTED}>
        {text}
      </text>
    );
  // An unknown end runs to the edge of the axis, dashed: known to start, not known to stop.
  const x1 = planned.known === 'end' ? PLOT_X0 : px(planned.x1);
  const x2 = planned.known === 'start' ? PLOT_X1 : px(planned.x2);
  const dashed = planned.inferred || planned.known !== 'both';
  const width = Math.max(2, x2 - x1);
  // Inside the bar when it fits (about 6 units a character at this size), else beside it.
  const textWidth = text.length * 6;
  const fits = textWidth + 8 <= width;
  const textX = fits ? x1 + 4 : x2 + textWidth + 4 <= W ? x2 + 4 : Math.max(PLOT_X0, x1 - 4 - textWidth);
  return (
    <g data-planned={planned.known}>
      <rect x={x1} y={PLAN_Y} width={width} height={16} rx={3} fill={dashed ? '#f2f6fb' : '#dbe7f5'} stroke={ACCENT} strokeWidth={1.5} strokeDasharray={dashed ? '4 3' : undefined} />
      <text x={textX} y={PLAN_Y + 12} fontSize={11} fill={INK}>
        {text}
      </text>
    </g>
  );
}

/** A circle filled as far as the status has come (○ ◔ ◑ ◕ ●), struck through when cancelled (⊘). */
function StatusMark({ status, cx, cy }: { status: Status; cx: number; cy: number }) {
  const colour = STATUSES.table[status].colour;
  const { fill, struck } = markShape(status);
  const angle = fill * 2 * Math.PI;
  const [ex, ey] = [cx + R * Math.sin(angle), cy - R * Math.cos(angle)];
  return (
    <>
      <circle cx={cx} cy={cy} r={R} fill={fill === 1 ? colour : '#fff'} stroke={colour} strokeWidth={2} />
      {fill > 0 && fill < 1 && <path d={`M${cx},${cy} L${cx},${cy - R} A${R},${R} 0 ${fill > 0.5 ? 1 : 0} 1 ${ex},${ey} Z`} fill={colour} />}
      {struck && <line x1={cx - R * 0.7} y1={cy + R * 0.7} x2={cx + R * 0.7} y2={cy - R * 0.7} stroke={colour} strokeWidth={2} />}
    </>
  );
}

function Amount({ lang, label, value }: { lang: Lang; label: string; value: NonNullable<ProgressEntry['paid']> }) {
  return (
    <p className="entry-amount">
      {label}: {money(lang, value.eur, 'EUR')}
      {value.currency !== 'EUR' && ` (${money(lang, value.amount, value.currency)} ${tt(lang, 'asPublished')})`}
    </p>
  );
}

function EntrySources({ lang, sources, recordSources }: { lang: Lang; sources: Source[]; recordSources: Source[] }) {
  // The dataset's first entries cite the record's own sources: said once, under the record.
  const same = sources.length === recordSources.length && sources.every((s) => recordSources.some((r) => r.url === s.url && JSON.stringify(r.supports) === JSON.stringify(s.supports)));
  if (same) return <p className="entry-sources muted">{tt(lang, 'sameSources')}</p>;
  return (
    <div className="entry-sources">
      <span className="muted">{tt(lang, 'sources')}:</span>
      <ul className="sources">
        {sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {hostOf(s.url)}
            </a>{' '}
            — <Words prose={s.supports} lang={lang} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
