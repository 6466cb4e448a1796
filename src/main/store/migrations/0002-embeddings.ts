// Learned embeddings live in the library itself, one row per sample, written in the same transaction as the
// sample's analysis; a changed file drops its vector at once so a stale one is never served.
import type { Migration } from './migration.js';

export const embeddingsSchema: Migration = {
  version: 2,
  name: 'embeddings',
  up(db) {
    db.exec(`
      CREATE TABLE embeddings (
        sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
        -- The model's version string: vectors of different models are not comparable, so only one kind is current.
        model TEXT NOT NULL,
        dim INTEGER NOT NULL CHECK (dim > 0),
        -- dim float32 values, little-endian.
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dim),
        embedded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX embeddings_by_model ON embeddings(model, sample_id);

      -- The file's audio changed (a rescan saw a new size or mtime): its vector describes the old audio.
      CREATE TRIGGER embeddings_stale AFTER UPDATE OF size_bytes, mtime_ms ON samples
        WHEN NEW.size_bytes IS NOT OLD.size_bytes OR NEW.mtime_ms IS NOT OLD.mtime_ms
      BEGIN
        DELETE FROM embeddings WHERE sample_id = NEW.id;
      END;
    `);
  },
};
