// One transaction per repository write, without nesting: inside a caller's transaction the work simply joins it.
// A nested savepoint would make FTS5 flush its buffered terms each time, 10x slower for bulk re-tagging.
import type { Database } from 'better-sqlite3';

export function tx<T>(db: Database, fn: () => T): T {
  return db.inTransaction ? fn() : db.transaction(fn)();
}
