// The space the category vote runs in, and the built-in references mapped into it: shared by the labelling pass
// (classify.ts) and the quality report, so the report measures exactly the classifier that labels the library.
import type { LibraryDb } from '../store/index.js';
import type { ReferenceSet } from '../intelligence/reference-set-file.js';
import type { Embedder } from '../ml/embedder.js';
import { CLASSIFY_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows } from './library-vectors.js';
import { loadBuiltinReferenceSets } from './builtin-references.js';
import { ensureEmbeddings, sharedEmbedder } from './embedding-store.js';
import type { EmbeddingRows } from './tonal-revote.js';

export type VectorChoice = 'auto' | 'descriptors' | 'embedding';

export interface VoteSpace {
  kind: 'descriptors' | 'embedding';
  ids: ArrayLike<number>;
  row: Map<number, number>;
  dim: number;
  /** Row-major vectors, `row.get(id)` × `dim`. */
  data: Float32Array;
  /** The embedding rows and model version, when this is the embedding space. */
  embedding?: EmbeddingRows;
  /** Puts a built-in reference vector into this space, or null when the set does not fit it. */
  fromBuiltin: (set: ReferenceSet) => ((raw: Float32Array) => Float32Array) | null;
}

export interface SpaceOptions {
  /** 'auto' (default): the learned embedding when the model loads (best in the evaluation), else descriptors. */
  vectors?: VectorChoice;
  /** An already loaded embedder (default: the shipped model, loaded once per process). */
  embedder?: Embedder;
  /** Stops embedding new samples early; what was embedded is kept. */
  signal?: AbortSignal;
}

/** Aspect-weighted standardised descriptors: the space when no embedding model loads. */
export function descriptorSpace(db: LibraryDb): VoteSpace {
  const v = loadLibraryVectors(db);
  const scales = aspectScales(v.dim, CLASSIFY_WEIGHTS);
  return {
    kind: 'descriptors',
    ids: v.ids,
    row: v.row,
    dim: v.dim,
    data: scaleRows(v.standard, v.dim, scales),
    fromBuiltin: (set) => (set.dim !== v.dim || (set.featureVersion ?? 'descriptors').startsWith('sonoteca-embed') ? null : (raw) => {
      const out = new Float32Array(v.dim);
      for (let d = 0; d < v.dim; d++) out[d] = Math.max(-8, Math.min(8, (raw[d] - v.standardiser.center[d]) / v.standardiser.scale[d])) * scales[d];
      return out;
    }),
  };
}

export async function chooseVoteSpace(db: LibraryDb, opts: SpaceOptions = {}): Promise<VoteSpace> {
  const choice = opts.vectors ?? 'auto';
  if (choice === 'descriptors') return descriptorSpace(db);
  const embedder = opts.embedder ?? (await sharedEmbedder());
  if (!embedder) {
    if (choice === 'embedding') throw new Error('the embedding model (assets/model) could not be loaded');
    return descriptorSpace(db);
  }
  // Categories are voted in the shipped model's space, not the personal head's: the head is fitted to the user's own
  // distinctions and, measured on the development corpus (5-fold by instrument, ~800 user labels), it cost sounds in
  // unlabelled groups 3 points of category accuracy (86.5% → 83.2%). It shapes similarity only.
  const e = await ensureEmbeddings(db, embedder, { signal: opts.signal });
  return {
    kind: 'embedding',
    ids: e.ids,
    row: e.row,
    dim: e.dim,
    data: e.data,
    embedding: { row: e.row, dim: e.dim, data: e.data, version: e.version },
    fromBuiltin: (set) => (set.dim === e.dim && set.featureVersion === e.version ? (raw) => raw : null),
  };
}

export interface BuiltinReferences {
  /** Reference names (`<source>/<sound>`), index i for reference id −(i + 1). */
  names: string[];
  /** Calls `fn` with each reference's id (negative, so it never collides with a sample id), label and vector. */
  each(fn: (id: number, label: string, vector: Float32Array) => void): void;
  /** What the tonal re-vote needs to hear the same references (embedding space only). */
  forRevote: { set: ReferenceSet; idOf: (index: number) => number; descriptorSets: readonly ReferenceSet[] } | null;
}

/**
 * The built-in reference sets that fit `space` (default: the sets shipped beside the model; null: none), with ids
 * −1, −2, … in set order.
 */
export async function builtinReferencesIn(space: VoteSpace, builtin?: ReferenceSet | readonly ReferenceSet[] | null): Promise<BuiltinReferences> {
  const sets = builtin === undefined ? await loadBuiltinReferenceSets() : builtin === null ? [] : Array.isArray(builtin) ? builtin : [builtin as ReferenceSet];
  const names: string[] = [];
  const fitting: Array<{ set: ReferenceSet; map: (raw: Float32Array) => Float32Array; base: number }> = [];
  let forRevote: BuiltinReferences['forRevote'] = null;
  for (const set of sets) {
    const map = space.ids.length ? space.fromBuiltin(set) : null;
    if (!map) continue;
    const base = names.length;
    if (space.embedding && !forRevote) forRevote = { set, idOf: (i: number) => -(base + i + 1), descriptorSets: sets };
    fitting.push({ set, map, base });
    names.push(...set.ids);
  }
  return {
    names,
    forRevote,
    each(fn) {
      for (const { set, map, base } of fitting) {
        for (let i = 0; i < set.labels.length; i++) fn(-(base + i + 1), set.labels[i], map(set.vectors.subarray(i * set.dim, (i + 1) * set.dim)));
      }
    },
  };
}
