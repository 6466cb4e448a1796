// A library of synthetic "analysed" sounds whose descriptor vectors sit in planted clusters, written straight into
// the store (no audio decoding): what the clustering and map tests need at thousands of sounds in a second.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_VECTOR_LENGTH } from '../../src/main/analysis/feature-layout.js';
import { encodeWithArrays } from '../../src/main/store/typed-blob.js';
import { rng } from '../../src/main/intelligence/vector-math.js';
import { openIndexOnlyLibrary } from '../serve/test-library.js';
import { gaussian } from '../intelligence/synthetic.js';

export const DIM = FEATURE_VECTOR_LENGTH;

export interface PlantedLibrary {
  dir: string;
  pack: string;
  lib: ReturnType<typeof openIndexOnlyLibrary>;
  /** Planted cluster of every sample id added so far. */
  planted: Map<number, number>;
  /** Adds `count` analysed sounds, sound i in planted cluster `clusterOf(i)`; returns their ids. */
  add(count: number, clusterOf: (i: number) => number): number[];
  reopen(): void;
  close(): void;
}

export function plantedLibrary(clusters: number, seed = 3): PlantedLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-planted-'));
  const pack = join(dir, 'Pack');
  mkdirSync(pack, { recursive: true });
  const rand = rng(seed);
  const centres = Float32Array.from({ length: clusters * DIM }, () => gaussian(rand) * 2.5);
  const planted = new Map<number, number>();
  let made = 0;
  const out: PlantedLibrary = {
    dir,
    pack,
    lib: openIndexOnlyLibrary(join(dir, 'lib')),
    planted,
    add(count, clusterOf) {
      const db = out.lib.db;
      const root = db.roots.list()[0] ?? db.roots.add(pack);
      const start = made;
      made += count;
      const entries = Array.from({ length: count }, (_, j) => {
        const name = `Sound ${String(start + j).padStart(6, '0')}.wav`;
        return { rootId: root.id, path: join(pack, name), relPath: name, name, ext: 'wav', sizeBytes: 1000, mtimeMs: 1 };
      });
      db.samples.indexBatch(entries);
      const ids = entries.map((e) => db.samples.byPath(e.path)!.id);
      const insert = db.db.prepare("INSERT INTO analysis (sample_id, analyzer, version, json, arrays) VALUES (?, 'vector', 1, ?, ?)");
      const mark = db.db.prepare("UPDATE samples SET status = 'analysed', analysed_at = ?, duration_sec = 0.5, kind = 'oneshot' WHERE id = ?");
      db.transaction(() => {
        ids.forEach((id, j) => {
          const c = clusterOf(start + j);
          const values = new Float32Array(DIM);
          for (let d = 0; d < DIM; d++) values[d] = centres[c * DIM + d] + gaussian(rand);
          const enc = encodeWithArrays({ values });
          insert.run(id, enc.json, enc.arrays);
          mark.run(Date.now(), id);
          planted.set(id, c);
        });
      });
      return ids;
    },
    reopen() {
      out.lib.close();
      out.lib = openIndexOnlyLibrary(join(dir, 'lib'));
    },
    close() {
      out.lib.close();
    },
  };
  return out;
}

/** Share of sounds whose cluster holds mostly their own planted cluster (1 = the planted clusters were found). */
export function purity(ids: ArrayLike<number>, assignment: ArrayLike<number>, planted: Map<number, number>): number {
  const votes = new Map<number, Map<number, number>>();
  for (let i = 0; i < ids.length; i++) {
    const m = votes.get(assignment[i]) ?? new Map<number, number>();
    const p = planted.get(ids[i])!;
    m.set(p, (m.get(p) ?? 0) + 1);
    votes.set(assignment[i], m);
  }
  let agree = 0;
  for (const m of votes.values()) agree += Math.max(...m.values());
  return agree / ids.length;
}
