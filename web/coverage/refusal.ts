// What the coverage view says when the server refuses a computation (busy, too slow, too large):
// the reason in the reader's language and what to do about it, never a silently stale map.
import type { ApiFailure } from '../app/api.ts';
import { translate, type Lang } from '../app/i18n.ts';

export function refusalText(lang: Lang, failure: Pick<ApiFailure, 'code' | 'retryAfter'> | undefined): string | null {
  if (!failure) return null;
  if (failure.code === 'busy') return translate(lang, 'refusedBusy', { seconds: String(failure.retryAfter ?? 5) });
  if (failure.code === 'time_limit') return translate(lang, 'refusedTime');
  if (failure.code === 'too_large') return translate(lang, 'refusedSize');
  return translate(lang, 'loadError');
}
