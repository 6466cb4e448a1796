// Builds a large analysed library for the map's end-to-end test and benchmark: playable files (hard links, so 100k
// cost no disk), clustered vectors and embeddings, and a stored layout, without running the analysis pipeline.
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_VECTOR_LENGTH } from '../../src/main/analysis/feature-layout.js';
import { encodeWithArrays } from '../../src/main/store/typed-blob.js';
import { sharedEmbedder } from '../../src/main/services/embedding-store.js';
import { rng } from '../../src/main/intelligence/vector-math.js';
import { openIndexOnlyLibrary, wavBytes } from '../serve/test-library.js';

export const MAP_VECTOR_DIM = FEATURE_VECTOR_LENGTH;
export const MAP_CLUSTERS = 30;
const DIM = MAP_VECTOR_DIM;
const CLUSTERS = MAP_CLUSTERS;
const KINDS = ['Kick', 'Snare', 'Hat', 'Perc', 'Bass', 'Pad', 'Lead', 'FX'];

/**
 * A library of `n` analysed sounds as the map sees it after the first scan: rows, descriptor vectors and learned
 * embeddings in clusters, and a stored 2-D layout, written straight into the store (seconds, not hours).
 */
export async function buildMapLibrary(dir: string, packDir: string, n: number): Promise<ReturnType<typeof openIndexOnlyLibrary>> {
  // Real, playable files (hover auditions them): hard links to one short sound per kind, so 100k cost no disk.
  mkdirSync(dir, { recursive: true });
  const bytes = KINDS.map((_, i) => wavBytes(60 * 2 ** (i / 2), 0.3));
  const sources = KINDS.map((kind, i) => {
    const src = join(dir, `${kind}.wav`);
    mkdirSync(join(packDir, kind), { recursive: true });
    writeFileSync(src, bytes[i]);
    return src;
  });
  const lib = openIndexOnlyLibrary(dir);
  const root = lib.db.roots.add(packDir);
  for (let i = 0; i < n; i += 10_000) {
    lib.db.samples.indexBatch(Array.from({ length: Math.min(10_000, n - i) }, (_, j) => {
      const k = i + j;
      const name = `${KINDS[k % 8]} ${String(k).padStart(6, '0')}.wav`;
      linkSync(sources[k % 8], join(packDir, KINDS[k % 8], name));
      return { rootId: root.id, path: join(packDir, KINDS[k % 8], name), relPath: `${KINDS[k % 8]}/${name}`, name, ext: 'wav', sizeBytes: bytes[k % 8].length, mtimeMs: 1 };
    }));
  }
  const rand = rng(11);
  const gaussian = () => Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
  const centres = Float32Array.from({ length: CLUSTERS * DIM }, () => gaussian() * 2.5);
  const places = Float32Array.from({ length: CLUSTERS * 2 }, () => gaussian() * 6);
  const ids = (lib.db.db.prepare('SELECT id FROM samples ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  const xy: number[] = [];
  const vectors = new Float32Array(ids.length * DIM);
  let row = 0;
  const insert = lib.db.db.prepare("INSERT INTO analysis (sample_id, analyzer, version, json, arrays) VALUES (?, 'vector', 1, ?, ?)");
  const mark = lib.db.db.prepare("UPDATE samples SET status = 'analysed', analysed_at = 1, duration_sec = 0.5, kind = 'oneshot' WHERE id = ?");
  lib.db.transaction(() => {
    for (const id of ids) {
      const c = Math.floor(rand() * CLUSTERS);
      const values = vectors.subarray(row * DIM, ++row * DIM);
      for (let d = 0; d < DIM; d++) values[d] = centres[c * DIM + d] + gaussian();
      const enc = encodeWithArrays({ values });
      insert.run(id, enc.json, enc.arrays);
      mark.run(id);
      xy.push(places[2 * c] + gaussian(), places[2 * c + 1] + gaussian());
    }
  });
  // Learned embeddings too, as a warm library has them (else the similar panel's first query embeds every file).
  const embedder = await sharedEmbedder();
  if (embedder) {
    const proj = Float32Array.from({ length: DIM * embedder.dim }, () => gaussian() / Math.sqrt(DIM));
    lib.db.embeddings.putMany(ids.map((id, i) => {
      const vector = new Float32Array(embedder.dim);
      for (let e = 0; e < embedder.dim; e++) for (let d = 0; d < DIM; d += 4) vector[e] += vectors[i * DIM + d] * proj[d * embedder.dim + e];
      return { id, vector };
    }), embedder.version);
  }
  // As the map service stores a layout it has computed: opening the map only reads it.
  lib.db.settings.set('intelligence.map', { version: 1, dim: DIM, ids, xy: xy.map((v) => Math.round(v * 1e4) / 1e4) });
  return lib;
}
