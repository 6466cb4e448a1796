// Cheap stamps that tell the map's answer cache whether what it was built from may have changed since: the whole
// database (any write at all), and the labels table (what the points' categories come from).
import type { LibraryDb } from '../store/index.js';

/**
 * Changes whenever anything in the library database may have changed: `total_changes()` counts every row this
 * connection has written, `data_version` moves when another connection (a worker, another process) commits. Over-
 * eager (a tag edit changes it too) but never misses a change, and costs two tiny statements. Null inside an open
 * transaction, whose writes may still be rolled back (the count would not go back with them).
 */
export function databaseStamp(db: LibraryDb): string | null {
  if (db.db.inTransaction) return null;
  const changes = db.db.prepare('SELECT total_changes()').pluck().get() as number;
  const version = db.db.pragma('data_version', { simple: true }) as number;
  return `${version}:${changes}`;
}

export interface LabelsStamp {
  key: string;
  /**
   * Whether an unchanged key later proves the labels unchanged. Every label write stamps `updated_at` with the time
   * it happened, so once the newest stamp is older than the moment we read, any later insert or update raises the
   * maximum and any delete lowers the count. A write in the very millisecond we read could update a row in place
   * without moving either, so such a read is not trusted.
   */
  trusted: boolean;
}

/** Summary of the labels table, taken immediately before the labels it vouches for are read. */
export function labelsStamp(db: LibraryDb): LabelsStamp {
  const readAt = Date.now();
  const r = db.db.prepare('SELECT count(*), total(sample_id), total(updated_at), max(updated_at) FROM labels').raw().get() as [number, number, number, number | null];
  return { key: r.join(':'), trusted: (r[3] ?? 0) < readAt };
}
