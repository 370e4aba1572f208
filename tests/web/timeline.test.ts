// The timeline's layout against positions worked out by hand: days counted from the axis's first
// 1 January over the axis's length in days (2022–2027 is 5 × 365 + 366 = 2191 days).
import { describe, expect, it } from 'vitest';
import type { ProgressEntry } from '../../geo/progress.ts';
import { partialDate } from '../../web/detail/strings.ts';
import { layoutTimeline, markShape, periodEnd, precisionOf } from '../../web/detail/timeline.ts';

const entry = (date: string, status: ProgressEntry['status'], percent: number | null = null): ProgressEntry => ({
  date,
  status,
  percent,
  contracted: null,
  paid: null,
  note: null,
  sources: [{ url: 'https://example.org/a', supports: 'x' }],
});

describe('the timeline layout', () => {
  it('puts the plan and each entry on one axis of whole years, partial dates over their period', () => {
    const layout = layoutTimeline({
      startYear: 2022,
      endYear: 2025,
      periodInferred: false,
      // written out of order: the chart is in date order
      progress: [entry('2026-12-05', 'completed', 100), entry('2023', 'contracted'), entry('2024-07', 'in_progress', 40)],
      today: '2027-03-01',
    });
    // From the planned start (before the first entry) to the end of today's year.
    expect([layout.fromYear, layout.toYear]).toEqual([2022, 2028]);
    expect(layout.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
    expect(layout.years[1].x).toBeCloseTo(365 / 2191, 10);
    expect(layout.planned).toEqual({ known: 'both', x1: 0, x2: 1461 / 2191, inferred: false });
    expect(layout.marks.map((m) => m.entry.date)).toEqual(['2023', '2024-07', '2026-12-05']);
    const [year, month, day] = layout.marks;
    // 2023 counts from its first day and covers the whole year.
    expect([year.x, year.x2, year.precision]).toEqual([365 / 2191, 730 / 2191, 'year']);
    // July 2024: 365 + 365 + (31 + 29 + 31 + 30 + 31 + 30) days in; 31 days long.
    expect([month.x, month.x2, month.precision]).toEqual([912 / 2191, 943 / 2191, 'month']);
    // 5 December 2026: 1461 + 334 + 4 days in; one day long.
    expect([day.x, day.x2, day.precision]).toEqual([1799 / 2191, 1800 / 2191, 'day']);
    expect(layout.today).toBe((1461 + 365 + 31 + 28) / 2191);
    expect(layout.marks.every((m) => m.lane === 0)).toBe(true);
    expect(layout.lanes).toBe(1);
  });

  it('extends the axis back to an entry before the plan, and forward to an entry after it', () => {
    const layout = layoutTimeline({ startYear: 2024, endYear: 2025, periodInferred: true, progress: [entry('2020-05', 'idea'), entry('2029', 'planned')], today: '2026-01-10' });
    expect([layout.fromYear, layout.toYear]).toEqual([2020, 2030]);
    expect(layout.planned).toMatchObject({ known: 'both', inferred: true });
    expect(layout.marks[0].x).toBeGreaterThan(0);
    expect(layout.marks[1].x2).toBe(1);
  });

  it('moves marks that would overlap to a lane of their own', () => {
    const layout = layoutTimeline(
      { startYear: 2025, endYear: 2025, periodInferred: false, progress: [entry('2025-03', 'contracted'), entry('2025-03-10', 'in_progress', 10), entry('2025-11', 'in_progress', 60)], today: '2025-12-01' },
      () => 0.1,
    );
    expect(layout.marks.map((m) => m.lane)).toEqual([0, 1, 0]);
    expect(layout.lanes).toBe(2);
  });

  it('says an unknown period is unknown, and draws an open end where only one year is known', () => {
    const none = layoutTimeline({ startYear: null, endYear: null, periodInferred: false, progress: [entry('2024', 'idea')], today: '2026-01-15' });
    expect(none.planned).toEqual({ known: 'none' });
    expect([none.fromYear, none.toYear]).toEqual([2024, 2027]);

    const endOnly = layoutTimeline({ startYear: null, endYear: 2027, periodInferred: false, progress: [entry('2025-05', 'planned')], today: '2026-01-15' });
    expect([endOnly.fromYear, endOnly.toYear]).toEqual([2025, 2028]);
    expect(endOnly.planned).toEqual({ known: 'end', x2: 1, inferred: false });

    const startOnly = layoutTimeline({ startYear: 2024, endYear: null, periodInferred: false, progress: [entry('2024', 'planned')], today: '2026-01-15' });
    expect(startOnly.planned).toEqual({ known: 'start', x1: 0, inferred: false });

    // Nothing at all: this year alone, with today on it.
    const nothing = layoutTimeline({ startYear: null, endYear: null, periodInferred: false, progress: [], today: '2026-07-02' });
    expect([nothing.fromYear, nothing.toYear, nothing.marks.length, nothing.lanes]).toEqual([2026, 2027, 0, 1]);
    expect(nothing.today).toBe(182 / 365);
  });

  it('knows where a partial date’s period ends', () => {
    expect(periodEnd('2024')).toBe('2025-01-01');
    expect(periodEnd('2024-12')).toBe('2025-01-01');
    expect(periodEnd('2024-02')).toBe('2024-03-01');
    expect(periodEnd('2024-02-29')).toBe('2024-03-01');
    expect(['2024', '2024-02', '2024-02-29'].map(precisionOf)).toEqual(['year', 'month', 'day']);
  });

  it('draws each status with its own shape, as the list badge’s symbol has it', () => {
    expect(markShape('idea')).toEqual({ fill: 0, struck: false });
    expect(markShape('planned')).toEqual({ fill: 0.25, struck: false });
    expect(markShape('contracted')).toEqual({ fill: 0.5, struck: false });
    expect(markShape('in_progress')).toEqual({ fill: 0.75, struck: false });
    expect(markShape('completed')).toEqual({ fill: 1, struck: false });
    expect(markShape('cancelled')).toEqual({ fill: 0, struck: true });
  });
});

describe('a date as written', () => {
  it('keeps the precision of its source', () => {
    expect(partialDate('bg', '2024')).toBe('2024');
    expect(partialDate('bg', '2025-10')).toBe('октомври 2025 г.');
    expect(partialDate('en', '2025-10')).toBe('October 2025');
    expect(partialDate('bg', '2026-12-05')).toBe('5 декември 2026 г.');
    expect(partialDate('en', '2026-12-05')).toBe('5 December 2026');
  });
});
