import { describe, expect, it } from 'vitest';
import { day } from '../../web/app/format.ts';

describe('the day of "last updated"', () => {
  it('is spelled out in the UI language', () => {
    expect(day('bg', '2026-12-05T18:31:02.123Z', 'UTC')).toBe('5 декември 2026 г.');
    expect(day('en', '2026-12-05T18:31:02.123Z', 'UTC')).toBe('5 December 2026');
  });

  it("is the reader's day, not the UTC one: late evening UTC is already tomorrow in Bulgaria", () => {
    expect(day('bg', '2026-12-05T22:30:00Z', 'Europe/Sofia')).toBe('6 декември 2026 г.');
    // Summer time (UTC+3) moves the day at 21:00 UTC.
    expect(day('en', '2026-06-30T21:30:00Z', 'Europe/Sofia')).toBe('1 July 2026');
    expect(day('en', '2026-06-30T21:30:00Z', 'UTC')).toBe('30 June 2026');
  });
});
