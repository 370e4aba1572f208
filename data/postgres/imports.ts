// Import batches, remembered mappings and reference-layer replacement in PostgreSQL (see
// data/imports.ts and data/sqlite/imports.ts): the uploaded file kept as bytea.
import type pg from 'pg';
import type { ImportMapping } from '../../geo/import-mapping.ts';
import type { LayerFeature, LayerInfo } from '../../geo/index.ts';
import type { Actor } from '../editing.ts';
import { IMPORT_TTL_MS, toImportBatch, type BatchRow, type ImportBatch, type ImportStore } from '../imports.ts';
import { audit, bumpRevision, rows, value, write } from './db.ts';

export class PostgresImports implements ImportStore {
  constructor(private readonly pool: pg.Pool) {}

  async saveImport(batch: ImportBatch): Promise<void> {
    const now = Date.now();
    await write(this.pool, async (db) => {
      await db.query('DELETE FROM import_batch WHERE touched_at < $1', [new Date(now - IMPORT_TTL_MS).toISOString()]);
      await db.query(
        `INSERT INTO import_batch (id, account, created_at, touched_at, target, file_name, bytes, options, mapping, seen, digest, committed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET touched_at = excluded.touched_at, options = excluded.options, mapping = excluded.mapping,
           seen = excluded.seen, digest = excluded.digest, committed_at = excluded.committed_at`,
        [
          batch.id, batch.account, batch.createdAt, new Date(now).toISOString(), batch.target, batch.fileName, Buffer.from(batch.bytes), JSON.stringify(batch.options),
          batch.mapping === null ? null : JSON.stringify(batch.mapping), JSON.stringify(batch.seen), batch.digest, batch.committedAt,
        ],
      );
    });
  }

  async importBatch(id: string): Promise<ImportBatch | null> {
    const [row] = await rows<BatchRow>(this.pool, 'SELECT * FROM import_batch WHERE id = $1', [id]);
    return row ? toImportBatch(row) : null;
  }

  async layoutMapping(layout: string): Promise<ImportMapping | null> {
    const json = await value<string>(this.pool, 'SELECT mapping FROM import_layout WHERE layout = $1', [layout]);
    return json === undefined ? null : JSON.parse(json);
  }

  async rememberLayout(layout: string, mapping: ImportMapping): Promise<void> {
    await this.pool.query(
      'INSERT INTO import_layout (layout, mapping, updated_at) VALUES ($1, $2, $3) ON CONFLICT (layout) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
      [layout, JSON.stringify(mapping), new Date().toISOString()],
    );
  }

  async replaceLayer(info: LayerInfo, features: LayerFeature[], actor: Actor): Promise<void> {
    await write(this.pool, async (db) => {
      const position = (await value<number>(db, 'SELECT position FROM layer WHERE name = $1', [info.name])) ?? (await value<number>(db, 'SELECT coalesce(max(position), -1) + 1 FROM layer'))!;
      const { rowCount } = await db.query('DELETE FROM layer WHERE name = $1', [info.name]);
      await db.query('INSERT INTO layer (name, position, info, collection) VALUES ($1, $2, $3, $4)', [info.name, position, JSON.stringify(info), JSON.stringify({ type: 'FeatureCollection', features })]);
      await bumpRevision(db);
      await audit(db, actor.id, rowCount ? 'layer.replace' : 'layer.create', `layer/${info.name}`, { features: features.length });
    });
  }
}
