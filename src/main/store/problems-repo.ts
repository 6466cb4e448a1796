// Scan problems not tied to one sample (unreadable folder, permission denied, symlink loop, vanished during scan),
// kept per root until that root's next scan replaces them.
import type { Database } from 'better-sqlite3';

export interface StoredProblem {
  id: number;
  rootId: number;
  path: string;
  code: string;
  message: string;
  at: number;
}

interface ProblemRow { id: number; root_id: number; path: string; code: string; message: string; at: number }

function toProblem(r: ProblemRow): StoredProblem {
  return { id: r.id, rootId: r.root_id, path: r.path, code: r.code, message: r.message, at: r.at };
}

export class ProblemsRepo {
  constructor(private readonly db: Database) {}

  add(rootId: number, path: string, code: string, message: string, at = Date.now()): void {
    this.db.prepare('INSERT INTO scan_problems (root_id, path, code, message, at) VALUES (?, ?, ?, ?, ?)').run(rootId, path, code, message, at);
  }

  listForRoot(rootId: number): StoredProblem[] {
    return (this.db.prepare('SELECT * FROM scan_problems WHERE root_id = ? ORDER BY id').all(rootId) as ProblemRow[]).map(toProblem);
  }

  /** Problems of attached roots, oldest first. */
  list(): StoredProblem[] {
    return (this.db.prepare(`SELECT p.* FROM scan_problems p JOIN roots r ON r.id = p.root_id WHERE r.removed_at IS NULL
        ORDER BY p.root_id, p.id`).all() as ProblemRow[]).map(toProblem);
  }

  clearForRoot(rootId: number): void {
    this.db.prepare('DELETE FROM scan_problems WHERE root_id = ?').run(rootId);
  }
}
