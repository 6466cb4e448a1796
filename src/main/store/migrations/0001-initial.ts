// The first library schema: roots, samples, per-analyzer results, tags, labels, groups, scan problems, settings,
// and the full-text index over names, paths and tags.
import type { Migration } from './migration.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE roots (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        added_at INTEGER NOT NULL,
        last_scan_at INTEGER,
        -- A removed root is only detached: its samples (and their user data) stay, marked missing.
        removed_at INTEGER
      ) STRICT;

      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        root_id INTEGER NOT NULL REFERENCES roots(id),
        path TEXT NOT NULL UNIQUE,
        rel_path TEXT NOT NULL,
        name TEXT NOT NULL,
        ext TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        -- fs.Stats.mtimeMs is fractional; REAL round-trips the double exactly.
        mtime_ms REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'analysed', 'failed', 'missing')),
        -- The status before the file went missing, restored when it reappears unchanged.
        prev_status TEXT CHECK (prev_status IN ('pending', 'analysed', 'failed')),
        missing_since INTEGER,
        indexed_at INTEGER NOT NULL,
        analysed_at INTEGER,
        -- "analyzer:version,..." of the stored results, so finding stale rows needs no join.
        analysis_sig TEXT,
        format TEXT,
        codec TEXT,
        sample_rate INTEGER,
        channels INTEGER,
        bit_depth INTEGER,
        frames INTEGER,
        duration_sec REAL,
        kind TEXT CHECK (kind IN ('oneshot', 'loop')),
        bpm REAL,
        bpm_source TEXT,
        musical_key TEXT,
        key_source TEXT,
        note TEXT,
        root_midi INTEGER,
        loudness_lufs REAL,
        peak_db REAL,
        fingerprint TEXT,
        metadata_json TEXT,
        error_code TEXT,
        error_message TEXT,
        rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
        favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1))
      ) STRICT;
      CREATE INDEX samples_by_root ON samples(root_id, path);
      -- (status) is ordered by id within a status: the next pending files come straight off it.
      CREATE INDEX samples_by_status ON samples(status);
      CREATE INDEX samples_by_signature ON samples(status, analysis_sig);
      CREATE INDEX samples_by_fingerprint ON samples(fingerprint, status) WHERE fingerprint IS NOT NULL;
      CREATE INDEX samples_by_name ON samples(name);

      -- One row per analyzer per sample: plain fields as JSON, typed arrays packed into one BLOB. A rowid table
      -- (not WITHOUT ROWID) because peaks BLOBs are kilobytes and would bloat a clustered key's pages.
      CREATE TABLE analysis (
        id INTEGER PRIMARY KEY,
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        analyzer TEXT NOT NULL,
        version INTEGER NOT NULL,
        json TEXT NOT NULL,
        arrays BLOB,
        UNIQUE (sample_id, analyzer)
      ) STRICT;
      CREATE INDEX analysis_by_analyzer ON analysis(analyzer, sample_id);

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      ) STRICT;

      CREATE TABLE sample_tags (
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('user', 'filename', 'metadata', 'model', 'descriptor')),
        confidence REAL NOT NULL,
        PRIMARY KEY (sample_id, tag_id, source)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sample_tags_by_tag ON sample_tags(tag_id, sample_id);

      -- The user removed a derived tag: re-deriving must not bring it back.
      CREATE TABLE tag_hidden (
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        PRIMARY KEY (sample_id, tag_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE labels (
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('user', 'filename', 'metadata', 'model', 'descriptor')),
        category TEXT NOT NULL,
        confidence REAL NOT NULL,
        evidence_json TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (sample_id, source)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX labels_by_category ON labels(category, source);

      CREATE TABLE sample_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        position INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES sample_groups(id) ON DELETE CASCADE,
        sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, sample_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX group_members_by_sample ON group_members(sample_id);

      CREATE TABLE scan_problems (
        id INTEGER PRIMARY KEY,
        root_id INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX scan_problems_by_root ON scan_problems(root_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE samples_fts USING fts5(
        name, path, tags,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );

      -- Inserts and tag text are written by the store itself (fts-sync.ts): an FTS5 write inside a trigger flushes
      -- its pending terms on every row and made indexing 3x slower. Renames and deletes are rare; triggers keep those.
      CREATE TRIGGER samples_fts_rename AFTER UPDATE OF name, path ON samples BEGIN
        UPDATE samples_fts SET name = NEW.name, path = NEW.path WHERE rowid = NEW.id;
      END;
      CREATE TRIGGER samples_fts_delete AFTER DELETE ON samples BEGIN
        DELETE FROM samples_fts WHERE rowid = OLD.id;
      END;
    `);
  },
};
