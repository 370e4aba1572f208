// The SQLite answers of data/published.ts, from the revision table. A seeded record's revision 1
// is published with no time, so it counts at every instant until a later publication replaces it.
import type { Database } from 'better-sqlite3';
import type { ItemKind } from '../editing.ts';
import { PREVIOUS_PUBLISHED, type Publication, type PublicationQuery, type PublicationStore, type PublishedVersion } from '../published.ts';

const parse = (document: string | null) => (document === null ? null : JSON.parse(document));

export class SqlitePublished implements PublicationStore {
  constructor(private readonly db: Database) {}

  async publishedAt(instant: string): Promise<PublishedVersion[]> {
    const rows = this.db
      .prepare(
        `WITH items AS (SELECT DISTINCT kind, item FROM revision),
              seen AS (
                SELECT kind, item, max(number) AS number FROM revision
                WHERE state = 'published' AND (reviewed_at IS NULL OR reviewed_at < ?)
                GROUP BY kind, item)
         SELECT i.kind, i.item, r.document, r.reviewed_at, r.number
         FROM items i LEFT JOIN seen s ON s.kind = i.kind AND s.item = i.item
              LEFT JOIN revision r ON r.kind = s.kind AND r.item = s.item AND r.number = s.number
         ORDER BY i.kind, i.item`,
      )
      .all(instant) as { kind: ItemKind; item: string; document: string | null; reviewed_at: string | null; number: number | null }[];
    return rows.map((r) => ({ kind: r.kind, item: r.item, record: parse(r.document), publishedAt: r.number === null ? null : r.reviewed_at }));
  }

  async publications({ kind, items, since, until, serving, limit }: PublicationQuery): Promise<Publication[]> {
    const rows = this.db
      .prepare(
        `SELECT kind, item, number, action, document, reviewed_at, previous FROM (
           SELECT r.id, r.kind, r.item, r.number, r.action, r.document, r.reviewed_at,
                  ${PREVIOUS_PUBLISHED} AS previous
           FROM revision r
           WHERE r.state = 'published' AND r.reviewed_at IS NOT NULL AND r.reviewed_at > ? AND r.reviewed_at < ?
             AND (? IS NULL OR r.kind = ?) AND (? IS NULL OR r.item IN (SELECT value FROM json_each(?))))
         WHERE ? IS NULL OR coalesce(json_extract(coalesce(document, previous), '$.properties.municipality'), ?) = ?
         ORDER BY reviewed_at DESC, id DESC LIMIT ?`,
      )
      .all(since ?? '', until ?? '9999', kind ?? null, kind ?? null, items ? 1 : null, JSON.stringify(items ?? []), serving ? 1 : null, serving?.unnamed ?? null, serving?.municipality ?? null, limit) as {
      kind: ItemKind; item: string; number: number; action: Publication['action']; document: string | null; reviewed_at: string; previous: string | null;
    }[];
    return rows.map((r) => ({ kind: r.kind, item: r.item, number: r.number, action: r.action, publishedAt: r.reviewed_at, record: parse(r.document), previous: parse(r.previous) }));
  }
}
