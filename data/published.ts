// What the public saw, and when: the published versions of every edited item at a chosen instant,
// and the publications themselves, newest first. Engines answer from their revisions; the map as
// of a date (data/views.ts) and the feed of changes are built on these two reads alone.
import type { RevisionAction } from '../geo/editing.ts';
import type { EditRecord, ItemKind } from './editing.ts';

export interface PublishedVersion {
  kind: ItemKind;
  item: string;
  /** the record the public saw; null when the item was deleted or not yet published then */
  record: EditRecord | null;
  /** when that version was published; null for the record as seeded */
  publishedAt: string | null;
}

/** One published revision, with the published record it replaced (null when it created the item). */
export interface Publication {
  kind: ItemKind;
  item: string;
  number: number;
  action: RevisionAction;
  publishedAt: string;
  record: EditRecord | null;
  previous: EditRecord | null;
}

/** Of each revision `r`, the document published before it: what a change changed, and a deletion's record. SQL both engines run. */
export const PREVIOUS_PUBLISHED = `(SELECT p.document FROM revision p
  WHERE p.kind = r.kind AND p.item = r.item AND p.state = 'published' AND p.number < r.number
  ORDER BY p.number DESC LIMIT 1)`;

export interface PublicationQuery {
  kind?: ItemKind;
  /** only items with these ids */
  items?: string[];
  since?: string;
  until?: string;
  /**
   * Only interventions that serve this municipality, by the record's `municipality` (a deletion's:
   * the record before it); a record naming none serves `unnamed` (the default plan's). The store
   * judges it, so a national history is not read whole to find one municipality's year.
   */
  serving?: { municipality: string; unnamed: string };
  limit: number;
}

export interface PublicationStore {
  /**
   * For each item that has revisions, the version the public saw just before `instant` (ISO,
   * UTC). Items without revisions are as seeded at every instant, and are not listed.
   */
  publishedAt(instant: string): Promise<PublishedVersion[]>;
  /** Published revisions after `since` and before `until` (ISO instants), newest first, at most `limit`. */
  publications(options: PublicationQuery): Promise<Publication[]>;
}
