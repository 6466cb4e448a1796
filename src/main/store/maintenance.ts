// Checks a library for damage a crash or a disk fault could leave, and rebuilds what can be rebuilt from the
// samples table (the search index) without touching user data.
import type { Database } from 'better-sqlite3';

export interface IntegrityReport {
  ok: boolean;
  /** Plain-language findings, empty when ok. */
  problems: string[];
}

export function checkIntegrity(db: Database): IntegrityReport {
  const problems: string[] = [];
  const sqlite = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  for (const r of sqlite) if (r.integrity_check !== 'ok') problems.push(`database: ${r.integrity_check}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`${fk.length} row(s) refer to rows that no longer exist`);
  // FTS5's own check is spelled as an INSERT, so a read-only connection skips it.
  if (!db.readonly && !db.pragma('query_only', { simple: true })) {
    try {
      db.prepare("INSERT INTO samples_fts (samples_fts, rank) VALUES ('integrity-check', 1)").run();
    } catch (err) {
      problems.push(`search index: ${(err as Error).message}`);
    }
  }
  const unindexed = db.prepare('SELECT count(*) FROM samples s WHERE NOT EXISTS (SELECT 1 FROM samples_fts f WHERE f.rowid = s.id)').pluck().get() as number;
  const orphans = db.prepare('SELECT count(*) FROM samples_fts f WHERE NOT EXISTS (SELECT 1 FROM samples s WHERE s.id = f.rowid)').pluck().get() as number;
  if (unindexed) problems.push(`${unindexed} sample(s) missing from the search index`);
  if (orphans) problems.push(`${orphans} search entries for samples that no longer exist`);
  return { ok: problems.length === 0, problems };
}

/** Rewrites the search index from samples and their visible tags, in one transaction. */
export function rebuildSearchIndex(db: Database): number {
  return db.transaction(() => {
    db.exec('DELETE FROM samples_fts');
    const n = db.prepare(`INSERT INTO samples_fts (rowid, name, path, tags)
        SELECT s.id, s.name, s.path, coalesce((SELECT group_concat(name, ' ') FROM (
          SELECT DISTINCT t.name AS name FROM sample_tags st JOIN tags t ON t.id = st.tag_id WHERE st.sample_id = s.id
            AND (st.source = 'user' OR NOT EXISTS (SELECT 1 FROM tag_hidden h WHERE h.sample_id = st.sample_id AND h.tag_id = st.tag_id)))), '')
        FROM samples s`).run().changes;
    db.exec("INSERT INTO samples_fts (samples_fts) VALUES ('optimize')");
    return n;
  })();
}
