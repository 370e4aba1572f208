// The one way a row enters the audit log (append-only by trigger): inside the caller's transaction,
// so the record of a change and the change are written together or not at all.
import type { Database } from 'better-sqlite3';

export function audit(db: Database, actor: number | null, action: string, subject: string | null, detail: unknown) {
  db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    new Date().toISOString(), actor, action, subject, detail === undefined || detail === null ? null : JSON.stringify(detail),
  );
}
