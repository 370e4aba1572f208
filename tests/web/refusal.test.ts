import { describe, expect, it } from 'vitest';
import { refusalText } from '../../web/coverage/refusal.ts';

describe('what the coverage view says when the server refuses', () => {
  it('names the reason and what to do, in both languages', () => {
    expect(refusalText('bg', { code: 'busy', retryAfter: 7 })).toMatch(/след 7 с/);
    expect(refusalText('en', { code: 'busy', retryAfter: 7 })).toMatch(/Try again in 7 s/);
    expect(refusalText('bg', { code: 'time_limit', retryAfter: null })).toMatch(/Стеснете/);
    expect(refusalText('en', { code: 'too_large', retryAfter: null })).toMatch(/Narrow the filters/);
    expect(refusalText('en', { code: 'http_error', retryAfter: null })).toBe('The data could not be loaded.');
    expect(refusalText('en', undefined)).toBeNull();
  });
});
