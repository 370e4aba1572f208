// What every router is built on: the store (through its interface only), the per-revision snapshot
// of what is derived from it, the public base URL for absolute links, and where geometry work runs.
import type { GeoWork } from '../data/coverage.ts';
import type { Store } from '../data/store.ts';
import type { Snapshot } from './snapshot.ts';
import type { Views } from '../data/views.ts';
import type { ExportCache } from './export-cache.ts';

export interface Deps {
  store: Store;
  snapshot: () => Promise<Snapshot>;
  /**
   * The base of every absolute link (PUBLIC_URL, default http://localhost:PORT), never the request's
   * Host header: answers are cached publicly, and a forged Host must not end up in them.
   */
  publicUrl: () => string;
  work: GeoWork;
  /** the published past: a read-only store per asOf/changedSince (data/views.ts) */
  views: Views;
  /** the whole export kept as a file per revision (api/export-cache.ts); none in tests that do not ask */
  exportCache?: ExportCache;
  /** set when `store` is a view of the past, which holds the plan's history and nothing else */
  past?: boolean;
}

/** The request's path and query on the public base: for self links and links that keep the parameters. */
export function publicHref(deps: Deps, requestUrl: string): string {
  const url = new URL(requestUrl);
  return `${deps.publicUrl()}${url.pathname}${url.search}`;
}
