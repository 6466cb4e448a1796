// Keeps the full-text index in step with samples and their visible tags. Done explicitly rather than by triggers
// because FTS5 flushes its buffered terms at every trigger's savepoint, which tripled the cost of a 100k-file scan.
import type { Database, Statement } from 'better-sqlite3';

export class FtsSync {
  private readonly insertStmt: Statement<[number, string, string]>;
  private readonly visibleTags: Statement<[number], string>;
  private readonly setTags: Statement<[string, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare("INSERT INTO samples_fts (rowid, name, path, tags) VALUES (?, ?, ?, '')");
    // Visible tags only: a derived tag the user hid is not searchable either.
    this.visibleTags = db.prepare<[number], string>(`SELECT DISTINCT t.name FROM sample_tags st JOIN tags t ON t.id = st.tag_id
        WHERE st.sample_id = ? AND (st.source = 'user' OR NOT EXISTS (SELECT 1 FROM tag_hidden h WHERE h.sample_id = st.sample_id AND h.tag_id = st.tag_id))`).pluck();
    // Two plain statements: an FTS5 UPDATE whose value is a subquery ran 10x slower than computing the text first.
    this.setTags = db.prepare('UPDATE samples_fts SET tags = ? WHERE rowid = ?');
  }

  /** A new sample row: call in the same transaction as its INSERT. */
  inserted(id: number, name: string, path: string): void {
    this.insertStmt.run(id, name, path);
  }

  /** A sample's tags or hidden markers changed: call in the same transaction. */
  tagsChanged(id: number): void {
    this.setTags.run(this.visibleTags.all(id).join(' '), id);
  }
}
