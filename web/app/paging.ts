// The API answers a list one page at a time (at most 1000 items) with `numberMatched` and a `next`
// link. A list needs more than a page, so we follow `next` until everything is loaded or a ceiling
// is reached; what is left out is never silent: `loaded < numberMatched` says so.

/** The most items the API gives per page; larger `limit`s are capped by the server anyway. */
export const PAGE_SIZE = 1000;
/** The most a page loads item by item (the editor's table); more must be narrowed down. */
export const MAX_ITEMS = 10_000;
/**
 * What the citizens' list loads: the map draws from vector tiles whatever the number, so the list
 * needs only what a reader scrolls through, and says "N of M" past it. Ten pages of a national
 * dataset would hold the first drawing of the map back by seconds.
 */
export const LIST_ITEMS = PAGE_SIZE;

export interface PageLike<T> {
  numberMatched: number;
  features: T[];
  links?: { rel: string; href: string }[];
}

export interface Loaded<T> {
  /** how many match the filter on the server */
  numberMatched: number;
  /** what was loaded, in the server's order: at most `maxItems` */
  features: T[];
  /** every match was loaded */
  complete: boolean;
}

/**
 * Loads `url` and the pages its `next` links lead to, up to `maxItems` items. `get` fetches one page
 * (the caller gives it the abort signal). `url` should ask for `limit` = min(PAGE_SIZE, maxItems).
 */
export async function loadPages<T>(
  url: string,
  get: (url: string) => Promise<PageLike<T>>,
  maxItems = MAX_ITEMS,
  /** told what is in after each page while more are to come, so a large result shows from its first page */
  onPage?: (partial: Loaded<T>) => void,
): Promise<Loaded<T>> {
  const first = await get(url);
  const features = [...first.features];
  let next = nextLink(first, url);
  while (next && features.length < maxItems) {
    onPage?.({ numberMatched: first.numberMatched, features: features.slice(0, maxItems), complete: false });
    const page = await get(next);
    // A page with nothing on it would send us round forever; what we have is what there is.
    if (page.features.length === 0) break;
    features.push(...page.features);
    next = nextLink(page, next);
  }
  const kept = features.slice(0, maxItems);
  return { numberMatched: first.numberMatched, features: kept, complete: kept.length >= first.numberMatched };
}

/**
 * The `next` link as a path on our own origin. The server builds its links from the URL it was asked
 * (behind a proxy, perhaps http://localhost:8787/…), and the app already calls the API at `/api/…`
 * on the origin it was loaded from; so only the path and query of the link are used.
 */
function nextLink(page: PageLike<unknown>, base: string): string | null {
  const href = page.links?.find((l) => l.rel === 'next')?.href;
  if (!href) return null;
  const url = new URL(href, new URL(base, 'http://origin.invalid'));
  return `${url.pathname}${url.search}`;
}
