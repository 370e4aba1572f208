// Import batches, remembered mappings and reference-layer replacement in SQLite (see data/imports.ts).
import type { Database } from 'better-sqlite3';
import type { ImportMapping } from '../../geo/import-mapping.ts';
import type { LayerFeature, LayerInfo } from '../../geo/index.ts';
import type { Actor } from '../editing.ts';
import { IMPORT_TTL_MS, toImportBatch, type BatchRow, type ImportBatch, type ImportStore } from '../imports.ts';
import { audit } from './audit.ts';

export class SqliteImports implements ImportStore {
  constructor(private readonly db: Database) {}

  async saveImport(batch: ImportBatch): Promise<void> {
    const now = Date.now();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM import_batch WHERE touched_at < ?').run(new Date(now - IMPORT_TTL_MS).toISOString());
      this.db
        .prepare(
          `INSERT INTO import_batch (id, account, created_at, touched_at, target, file_name, bytes, options, mapping, seen, digest, committed_at)
           VALUES (@id, @account, @createdAt, @touchedAt, @target, @fileName, @bytes, @options, @mapping, @seen, @digest, @committedAt)
           ON CONFLICT (id) DO UPDATE SET touched_at = excluded.touched_at, options = excluded.options, mapping = excluded.mapping,
             seen = excluded.seen, digest = excluded.digest, committed_at = excluded.committed_at`,
        )
        .run({
          ...batch,
          touchedAt: new Date(now).toISOString(),
          bytes: Buffer.from(batch.bytes),
          options: JSON.stringify(batch.options),
          mapping: batch.mapping === null ? null : JSON.stringify(batch.mapping),
          seen: JSON.stringify(batch.seen),
        });
    })();
  }

  async importBatch(id: string): Promise<ImportBatch | null> {
    const row = this.db.prepare('SELECT * FROM import_batch WHERE id = ?').get(id) as BatchRow | undefined;
    return row ? toImportBatch(row) : null;
  }

  async layoutMapping(layout: string): Promise<ImportMapping | null> {
    const json = this.db.prepare('SELECT mapping FROM import_layout WHERE layout = ?').pluck().get(layout) as string | undefined;
    return json === undefined ? null : JSON.parse(json);
  }

  async rememberLayout(layout: string, mapping: ImportMapping): Promise<void> {
    this.db
      .prepare('INSERT INTO import_layout (layout, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (layout) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
      .run(layout, JSON.stringify(mapping), new Date().toISOString());
  }

  async replaceLayer(info: LayerInfo, features: LayerFeature[], actor: Actor): Promise<void> {
    this.db.transaction(() => {
      const position = (this.db.prepare('SELECT position FROM layer WHERE name = ?').pluck().get(info.name) as number | undefined) ??
        (this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM layer').pluck().get() as number);
      const replaced = this.db.prepare('DELETE FROM layer WHERE name = ?').run(info.name).changes > 0;
      this.db.prepare('INSERT INTO layer (name, position, info, collection) VALUES (?, ?, ?, ?)').run(info.name, position, JSON.stringify(info), JSON.stringify({ type: 'FeatureCollection', features }));
      this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'").run();
      audit(this.db, actor.id, replaced ? 'layer.replace' : 'layer.create', `layer/${info.name}`, { features: features.length });
    })();
  }
}
