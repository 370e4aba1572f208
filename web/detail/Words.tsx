// Our words about an item in the reader's language where we have them, marked as a translation
// when they are one, and in the language they were written in (with `lang` set, for screen readers
// and hyphenation) when we do not.
import { proseIn, type Prose } from '../../geo/index.ts';
import type { Lang } from '../app/i18n.ts';
import { tt } from './strings.ts';

export function Words({ prose, lang, className }: { prose: Prose; lang: Lang; className?: string }) {
  const shown = proseIn(prose, lang);
  return (
    <span className={className} lang={shown.lang && shown.lang !== lang ? shown.lang : undefined}>
      {shown.text}
      {shown.translated && <span className="translated"> ({tt(lang, 'translatedFrom')})</span>}
    </span>
  );
}
