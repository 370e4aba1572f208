import { describe, expect, it } from 'vitest';
import { yearOptions } from '../../web/filters/years.ts';

describe('years offered by the year filter', () => {
  const period = { startYear: 2021, endYear: 2027 };

  it("is the plan's period when the data stays inside it", () => {
    expect(yearOptions(period, [2022, null, 2025])).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it('widens to work begun before the plan or ending after it', () => {
    expect(yearOptions(period, [2019, 2020, 2026, 2029])).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029]);
  });

  it('keeps a year a link asks for, even outside the data', () => {
    expect(yearOptions(period, [], 2031).at(-1)).toBe(2031);
    expect(yearOptions(period, [], 2015)[0]).toBe(2015);
  });
});
