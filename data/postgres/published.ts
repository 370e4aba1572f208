// The PostgreSQL answers of data/published.ts, from the revision table, as data/sqlite/published.ts
// gives them. A seeded record's revision 1 is published with no time, so it counts at every instant
// until a later publication replaces it.
import type pg from 'pg';
import type { ItemKind } from '../editing.ts';
import { PREVIOUS_PUBLISHED, type Publication, type PublicationQuery, type PublicationStore, type PublishedVersion } from '../published.ts';
import { rows } from './db.ts';

const parse = (document: string | null) => (document === null ? null : JSON.parse(document));

export class PostgresPublished implements PublicationStore {
  constructor(private readonly pool: pg.Pool) {}

  async publishedAt(instant: string): Promise<PublishedVersion[]> {
    const found = await rows<{ kind: ItemKind; item: string; document: string | null; reviewed_at: string | null; number: number | null }>(
      this.pool,
      `WITH items AS (SELECT DISTINCT kind, item FROM revision),
            seen AS (
              SELECT kind, item, max(number) AS number FROM revision
              WHERE state = 'published' AND (reviewed_at IS NULL OR reviewed_at < $1)
              GROUP BY kind, item)
       SELECT i.kind, i.item, r.document, r.reviewed_at, r.number
       FROM items i LEFT JOIN seen s ON s.kind = i.kind AND s.item = i.item
            LEFT JOIN revision r ON r.kind = s.kind AND r.item = s.item AND r.number = s.number
       ORDER BY i.kind COLLATE "C", i.item COLLATE "C"`,
      [instant],
    );
    return found.map((r) => ({ kind: r.kind, item: r.item, record: parse(r.document), publishedAt: r.number === null ? null : r.reviewed_at }));
  }

  async publications({ kind, items, since, until, serving, limit }: PublicationQuery): Promise<Publication[]> {
    const found = await rows<{ kind: ItemKind; item: string; number: number; action: Publication['action']; document: string | null; reviewed_at: string; previous: string | null }>(
      this.pool,
      `SELECT kind, item, number, action, document, reviewed_at, previous FROM (
         SELECT r.id, r.kind, r.item, r.number, r.action, r.document, r.reviewed_at,
                ${PREVIOUS_PUBLISHED} AS previous
         FROM revision r
         WHERE r.state = 'published' AND r.reviewed_at IS NOT NULL AND r.reviewed_at > $1 AND r.reviewed_at < $2
           AND ($3::text IS NULL OR r.kind = $3) AND ($4::text[] IS NULL OR r.item = ANY($4))) x
       WHERE $6::text IS NULL OR coalesce(coalesce(x.document, x.previous)::jsonb #>> '{properties,municipality}', $7::text) = $6
       ORDER BY x.reviewed_at DESC, x.id DESC LIMIT $5`,
      [since ?? '', until ?? '9999', kind ?? null, items ?? null, limit, serving?.municipality ?? null, serving?.unnamed ?? null],
    );
    return found.map((r) => ({ kind: r.kind, item: r.item, number: r.number, action: r.action, publishedAt: r.reviewed_at, record: parse(r.document), previous: parse(r.previous) }));
  }
}
