// What the list says when the app did not load everything that matches: never a silent cut.
import { count } from '../app/format.ts';
import { translate, type Lang } from '../app/i18n.ts';

/**
 * "Showing N of M." with what would help, or null when every match is shown. Zooming in helps only
 * when the list follows the map view, so otherwise the note says to switch that on.
 */
export function truncationNote(lang: Lang, shown: number, matched: number, inView: boolean): string | null {
  if (shown >= matched) return null;
  const numbers = { shown: count(lang, shown), matched: count(lang, matched) };
  return `${translate(lang, 'shownOf', numbers)} ${translate(lang, inView ? 'narrowInView' : 'narrowAll')}`;
}
