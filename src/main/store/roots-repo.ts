// The folders a user added. Removing one only detaches it: its samples turn 'missing' and keep every label, tag,
// group and rating, so re-adding the folder brings everything back.
import type { Database, Statement } from 'better-sqlite3';
import { tx } from './tx.js';

export interface Root {
  id: number;
  path: string;
  addedAt: number;
  lastScanAt: number | null;
}

interface RootRow { id: number; path: string; added_at: number; last_scan_at: number | null; removed_at: number | null }

function toRoot(r: RootRow): Root {
  return { id: r.id, path: r.path, addedAt: r.added_at, lastScanAt: r.last_scan_at };
}

export class RootsRepo {
  private readonly byPathStmt: Statement<[string], RootRow>;
  private readonly byIdStmt: Statement<[number], RootRow>;

  constructor(private readonly db: Database, private readonly markSamplesMissing: (rootId: number, at: number) => void) {
    this.byPathStmt = db.prepare('SELECT * FROM roots WHERE path = ?');
    this.byIdStmt = db.prepare('SELECT * FROM roots WHERE id = ?');
  }

  /** Idempotent; re-adding a removed root re-attaches it with its old id, so its samples come back on the next scan. */
  add(path: string, at = Date.now()): Root {
    return tx(this.db, () => {
      const existing = this.byPathStmt.get(path);
      if (existing && existing.removed_at === null) return toRoot(existing);
      if (existing) {
        this.db.prepare('UPDATE roots SET removed_at = NULL, added_at = ? WHERE id = ?').run(at, existing.id);
        return toRoot(this.byIdStmt.get(existing.id)!);
      }
      const id = Number(this.db.prepare('INSERT INTO roots (path, added_at) VALUES (?, ?)').run(path, at).lastInsertRowid);
      return toRoot(this.byIdStmt.get(id)!);
    });
  }

  /** Attached roots, in the order they were added. */
  list(): Root[] {
    return (this.db.prepare('SELECT * FROM roots WHERE removed_at IS NULL ORDER BY id').all() as RootRow[]).map(toRoot);
  }

  /** Any root by id, attached or not (a missing sample's root is still worth naming). */
  get(id: number): Root | null {
    const r = this.byIdStmt.get(id);
    return r ? toRoot(r) : null;
  }

  /** An attached root by its exact path. */
  byPath(path: string): Root | null {
    const r = this.byPathStmt.get(path);
    return r && r.removed_at === null ? toRoot(r) : null;
  }

  markScanned(id: number, at: number): void {
    this.db.prepare('UPDATE roots SET last_scan_at = ? WHERE id = ?').run(at, id);
  }

  /** Detaches a root: its samples become 'missing' with their user data intact; its scan problems are cleared. */
  remove(id: number, at = Date.now()): void {
    tx(this.db, () => {
      this.markSamplesMissing(id, at);
      this.db.prepare('DELETE FROM scan_problems WHERE root_id = ?').run(id);
      this.db.prepare('UPDATE roots SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
    });
  }

  /**
   * A folder added around roots the library already has takes them over: their samples (ids, labels, groups) move
   * under the new root with paths relative to it, and the inner roots are retired. One transaction.
   */
  absorb(innerId: number, outerId: number, relPrefix: string, at = Date.now()): void {
    tx(this.db, () => {
      this.db.prepare('UPDATE samples SET root_id = ?, rel_path = ? || rel_path WHERE root_id = ?').run(outerId, relPrefix, innerId);
      this.db.prepare('DELETE FROM scan_problems WHERE root_id = ?').run(innerId);
      this.db.prepare('UPDATE roots SET removed_at = ? WHERE id = ?').run(at, innerId);
    });
  }

  /** Sample counts per attached root (for the sidebar), missing files excluded. */
  sampleCounts(): Map<number, number> {
    const rows = this.db.prepare("SELECT root_id, count(*) AS n FROM samples WHERE status <> 'missing' GROUP BY root_id").all() as Array<{ root_id: number; n: number }>;
    return new Map(rows.map((r) => [r.root_id, r.n]));
  }
}
