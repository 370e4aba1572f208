// Words we wrote about an item (where its place comes from, a note on its budget, what a source
// supports) in the language they were written in, and their translation. The research behind the
// shipped dataset was written in English while the people who read the map read Bulgarian, so the
// record keeps both and says which one is the original: a reader is told when they read a
// translation, and nothing is presented as the municipality's own words that is ours.
//
// A plain string is still accepted where a text was always a plain string (older files, imports,
// the editor's single field): it is a text whose language is not stated, and the dataset check
// asks for a Bulgarian version of any such text that is not Bulgarian.
import { z } from 'zod';

export const Language = z.enum(['bg', 'en']);
export type Language = z.infer<typeof Language>;

const words = (max: number) => z.string().min(1).max(max);

/** A text in both languages of at most `max` characters each; `original` names the one it was written in, the other is a translation. */
const translated = (max: number) =>
  z
    .object({ bg: words(max).nullable(), en: words(max).nullable(), original: Language })
    .strict()
    .refine((t) => t[t.original] !== null, { message: 'the original text is missing', path: ['original'] });

/** A text as written (language not stated) or with its translation, each at most `max` characters. */
export const proseUpTo = (max: number) => z.union([words(max), translated(max)]);

// As long as a plain text may be: the request body's limit is what bounds a record's words.
const LONGEST = 1_000_000;

export const Translated = translated(LONGEST);
export type Translated = z.infer<typeof Translated>;
export const Prose = proseUpTo(LONGEST);
export type Prose = z.infer<typeof Prose>;

/** The text of `prose` to show a reader of `lang`: theirs when there is one, and whether it is a translation. */
export function proseIn(prose: Prose, lang: Language): { text: string; lang: Language | null; translated: boolean } {
  if (typeof prose === 'string') return { text: prose, lang: languageOf(prose), translated: false };
  const shown: Language = prose[lang] !== null ? lang : prose.original;
  return { text: prose[shown]!, lang: shown, translated: shown !== prose.original };
}

/** A {bg, en} text (an item's summary) as prose, null when empty; one without `original` was written in the language it has. */
export function summaryProse(text: { bg: string | null; en: string | null; original?: Language }): Prose | null {
  if (text.original) return { bg: text.bg, en: text.en, original: text.original };
  return text.bg ?? text.en;
}

/** The text for a Bulgarian reader (the one the record's status words, the feed and the report use). */
export const proseBg = (prose: Prose): string => proseIn(prose, 'bg').text;

/**
 * The script a text is written in, judged by its letters: Cyrillic is read as Bulgarian, Latin as
 * English; null when there are no letters to judge by (a code, a number).
 */
export function languageOf(text: string): Language | null {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic === 0 && latin === 0) return null;
  return cyrillic >= latin ? 'bg' : 'en';
}

// Three Latin words in a row: an English phrase inside a mostly Bulgarian text ("… (likely state budget – guess)").
const ENGLISH_PHRASE = /\b\p{Script=Latin}{2,}[ ,;:()]+\p{Script=Latin}{2,}[ ,;:()]+\p{Script=Latin}{2,}\b/u;

/** Why `prose` cannot be read in Bulgarian, or null when it can. */
export function bulgarianMissing(prose: Prose | null | undefined): string | null {
  if (prose === null || prose === undefined) return null;
  if (typeof prose === 'string') return languageOf(prose) === 'en' || ENGLISH_PHRASE.test(prose) ? 'is not in Bulgarian; write {bg, en, original: "en"} with a Bulgarian version' : null;
  return prose.bg === null ? 'has no Bulgarian version (bg is null)' : null;
}
