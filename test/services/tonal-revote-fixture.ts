// Built-in reference sets that set a trap for the embedding alone, so tests can watch the second vote spring it.
import type { LibraryDb } from '../../src/main/store/index.js';
import type { Embedder } from '../../src/main/ml/embedder.js';
import type { ReferenceSet } from '../../src/main/intelligence/reference-set-file.js';
import { ensureEmbeddings } from '../../src/main/services/embedding-store.js';

/**
 * Two built-in references beside a tonal sound. In the embedding, 'keys' sits right on top of it and 'strings' a
 * little farther; in descriptors, 'keys' sounds like `other` (a drum) and 'strings' exactly like the tonal sound.
 */
export async function revoteTrapSets(db: LibraryDb, embedder: Embedder, tonal: number, other: number): Promise<{ embedding: ReferenceSet; descriptors: ReferenceSet }> {
  const e = await ensureEmbeddings(db, embedder);
  const raw = db.samples.vectors();
  const embOf = (id: number) => e.data.slice(e.row.get(id)! * e.dim, (e.row.get(id)! + 1) * e.dim);
  const descOf = (id: number) => raw.data.slice(raw.ids.indexOf(id) * raw.dim, (raw.ids.indexOf(id) + 1) * raw.dim);
  const near = embOf(tonal);
  const farther = embOf(tonal).map((x, d) => x + (d % 2 ? 0.006 : -0.006));
  const ids = ['synth/keys-trap', 'synth/strings-twin'];
  const labels = ['keys', 'strings'];
  return {
    embedding: { dim: e.dim, ids, labels, vectors: Float32Array.from([...near, ...farther]), featureVersion: e.version },
    descriptors: { dim: raw.dim, ids, labels, vectors: Float32Array.from([...descOf(other), ...descOf(tonal)]), featureVersion: 'descriptors-v2' },
  };
}
