// Learned embeddings per sample: written with the analysis that produced them, read in bulk for similarity and
// labelling, and listed where missing so a new model or an old library only re-embeds, never re-analyses.
import type { Database, Statement } from 'better-sqlite3';
import { bufferToFloat32, float32ToBuffer } from './typed-blob.js';
import { tx } from './tx.js';

export interface StoredEmbeddings {
  model: string;
  dim: number;
  /** Sample ids in ascending order; row i of `data` belongs to ids[i]. */
  ids: number[];
  data: Float32Array;
}

export interface EmbeddingCandidate {
  id: number;
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

export class EmbeddingsRepo {
  private readonly upsert: Statement<[number, string, number, Buffer, number]>;
  private readonly one: Statement<[number], { model: string; vector: Buffer }>;
  private readonly stat: Statement<[number], { size_bytes: number; mtime_ms: number; status: string }>;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`INSERT INTO embeddings (sample_id, model, dim, vector, embedded_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (sample_id) DO UPDATE SET model = excluded.model, dim = excluded.dim, vector = excluded.vector,
      embedded_at = excluded.embedded_at`);
    this.one = db.prepare('SELECT model, vector FROM embeddings WHERE sample_id = ?');
    this.stat = db.prepare('SELECT size_bytes, mtime_ms, status FROM samples WHERE id = ?');
  }

  /** Stores (or replaces) one sample's vector. Joins the caller's transaction, so it commits with the analysis. */
  put(sampleId: number, model: string, vector: Float32Array, at = Date.now()): void {
    if (!model) throw new Error('embeddings.put: the model version is required');
    if (!vector.length) throw new Error(`embeddings.put: empty vector for sample ${sampleId}`);
    for (let i = 0; i < vector.length; i++) {
      if (!Number.isFinite(vector[i])) throw new Error(`embeddings.put: sample ${sampleId} has a non-finite value at ${i}`);
    }
    this.upsert.run(sampleId, model, vector.length, float32ToBuffer(vector), at);
  }

  /**
   * Stores a vector computed apart from the analysis (a catch-up pass), only while the sample is still analysed and
   * its file still has the size and mtime it had when read. Returns whether it was stored.
   */
  putIfUnchanged(sampleId: number, expect: { sizeBytes: number; mtimeMs: number }, model: string, vector: Float32Array, at = Date.now()): boolean {
    return tx(this.db, () => {
      const row = this.stat.get(sampleId);
      if (!row || row.status !== 'analysed' || row.size_bytes !== expect.sizeBytes || row.mtime_ms !== expect.mtimeMs) return false;
      this.put(sampleId, model, vector, at);
      return true;
    });
  }

  /** Many vectors in one transaction (imports, catch-up passes). */
  putMany(rows: Iterable<{ id: number; vector: Float32Array }>, model: string, at = Date.now()): number {
    let n = 0;
    tx(this.db, () => {
      for (const r of rows) {
        this.put(r.id, model, r.vector, at);
        n++;
      }
    });
    return n;
  }

  /** One sample's vector for `model`, or null when it has none of that model. */
  get(sampleId: number, model: string): Float32Array | null {
    const row = this.one.get(sampleId);
    return row && row.model === model ? bufferToFloat32(row.vector) : null;
  }

  /** Every analysed sample's vector of `model`, ids ascending, in one packed array. */
  forModel(model: string, dim: number): StoredEmbeddings {
    const stmt = this.db.prepare(`SELECT e.sample_id, e.vector FROM embeddings e JOIN samples s ON s.id = e.sample_id
      WHERE e.model = ? AND e.dim = ? AND s.status = 'analysed' ORDER BY e.sample_id`).raw();
    const rows = stmt.all(model, dim) as Array<[number, Buffer]>;
    const data = new Float32Array(rows.length * dim);
    const bytes = new Uint8Array(data.buffer);
    const ids = new Array<number>(rows.length);
    rows.forEach(([id, blob], i) => {
      ids[i] = id;
      bytes.set(blob, i * dim * 4);
    });
    return { model, dim, ids, data };
  }

  /** Analysed samples without a vector of `model`, ids above `afterId` ascending: the next catch-up work. */
  missing(model: string, limit: number, afterId = 0): EmbeddingCandidate[] {
    if (limit <= 0) return [];
    const rows = this.db.prepare(`SELECT s.id, s.path, s.size_bytes, s.mtime_ms FROM samples s
      LEFT JOIN embeddings e ON e.sample_id = s.id AND e.model = ?
      WHERE s.status = 'analysed' AND e.sample_id IS NULL AND s.id > ? ORDER BY s.id LIMIT ?`).raw()
      .all(model, afterId, limit) as Array<[number, string, number, number]>;
    return rows.map(([id, path, sizeBytes, mtimeMs]) => ({ id, path, sizeBytes, mtimeMs }));
  }

  /** How many analysed samples have a vector of `model`, and how many have none. */
  counts(model: string): { embedded: number; missing: number } {
    const row = this.db.prepare(`SELECT count(e.sample_id) AS embedded, count(*) - count(e.sample_id) AS missing FROM samples s
      LEFT JOIN embeddings e ON e.sample_id = s.id AND e.model = ? WHERE s.status = 'analysed'`).get(model) as { embedded: number; missing: number };
    return row;
  }

  /** Models with stored vectors and how many each (a version change shows as two entries until caught up). */
  models(): Array<{ model: string; count: number }> {
    return this.db.prepare('SELECT model, count(*) AS count FROM embeddings GROUP BY model ORDER BY model').all() as Array<{ model: string; count: number }>;
  }
}
