// Search that finds "Шипка" for "shipka", "Šipka" or "SHIPKA", and "Казанлък" for "kazanlak" or
// "kazanluk". Both the indexed text and the query are reduced to the same Latin "search key":
// Cyrillic goes through the official Bulgarian transliteration (State Gazette 19/2009), then the
// spellings people actually type for the same sound are folded together.

const OFFICIAL: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
  // Russian letters that turn up in names and pasted text
  ё: 'yo', ы: 'y', э: 'e', і: 'i',
};

/** Official Bulgarian transliteration (Закон за транслитерацията), lower case. */
export function transliterate(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i];
    // "-ия" at the end of a word is written "-ia" (София → Sofia).
    if (ch === 'и' && lower[i + 1] === 'я' && !/[\p{L}]/u.test(lower[i + 2] ?? '')) {
      out += 'ia';
      i++;
      continue;
    }
    out += OFFICIAL[ch] ?? ch;
  }
  return out;
}

// Order matters: longer spellings first, so "sht" is not read as "sh" + "t".
const FOLDS: Array<[RegExp, string]> = [
  [/shch|sht|sch/g, 'st'],
  [/sh/g, 's'],
  [/dzh|dj/g, 'dz'],
  [/zh/g, 'z'],
  [/ch/g, 'c'],
  [/tz|ts/g, 'c'],
  [/kh/g, 'h'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/[yji]u/g, 'u'],
  [/[yji]a/g, 'a'],
  [/[yj]/g, 'i'],
  // ъ is written a, u or y: fold u into a so "kazanluk" meets "kazanlak".
  [/u/g, 'a'],
  [/(.)\1+/g, '$1'],
];

/** The folded Latin key of a text: what the search index stores and what queries are turned into. */
export function searchKey(text: string): string {
  let s = transliterate(text.normalize('NFKD').replace(/\p{M}/gu, ''));
  s = s.replace(/[^a-z0-9]+/g, ' ');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s.replace(/\s+/g, ' ').trim();
}

/** The words of a query as search keys, each at least one character, in order, without repeats. */
export function searchTerms(query: string): string[] {
  return [...new Set(searchKey(query).split(' ').filter((t) => t.length > 0))];
}
