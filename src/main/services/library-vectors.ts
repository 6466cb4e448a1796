// The library's descriptor vectors in the one space every service searches: robustly standardised over the
// library, then scaled per aspect (timbre / envelope / pitch), so plain Euclidean distance means "sounds alike".
import type { LibraryDb } from '../store/index.js';
import { FEATURE_ASPECT_RANGES, FEATURE_VECTOR_LENGTH } from '../analysis/feature-layout.js';
import { aspectWeightVector, fitStandardiser, type AspectSpan, type Standardiser } from '../intelligence/standardise.js';
import { gatherRows, sampleRows } from '../intelligence/kmeans.js';

export type Aspect = 'timbre' | 'envelope' | 'pitch';
export type AspectWeights = Record<Aspect, number>;

/** Weights for labelling: pitch (f0, chroma, key) says little about what instrument a sound is. */
export const CLASSIFY_WEIGHTS: Readonly<AspectWeights> = { timbre: 1, envelope: 0.7, pitch: 0.15 };
/** Default "sounds like" weights for similar search. */
export const SIMILAR_WEIGHTS: Readonly<AspectWeights> = { timbre: 1, envelope: 0.6, pitch: 0.4 };

export interface LibraryVectors {
  ids: Int32Array;
  dim: number;
  /** Row of each sample id. */
  row: Map<number, number>;
  /** Standardised (not yet aspect-weighted) rows. */
  standard: Float32Array;
  standardiser: Standardiser;
}

export function aspectSpans(dim: number): AspectSpan[] {
  if (dim !== FEATURE_VECTOR_LENGTH) return [{ name: 'timbre', start: 0, length: dim }];
  return (Object.entries(FEATURE_ASPECT_RANGES) as Array<[Aspect, readonly [number, number]]>).map(([name, [a, b]]) => ({ name, start: a, length: b - a }));
}

/**
 * Per-dimension multipliers (√ of the aspect weight, normalised so the total weight equals dim): multiplying rows
 * by them turns weighted distance into plain Euclidean distance, which every index supports.
 */
export function aspectScales(dim: number, weights: Readonly<AspectWeights>): Float32Array {
  const w = aspectWeightVector(dim, aspectSpans(dim), weights);
  let total = 0;
  for (const x of w) total += x;
  const out = new Float32Array(dim);
  for (let d = 0; d < dim; d++) out[d] = total > 0 ? Math.sqrt((w[d] * dim) / total) : 1;
  return out;
}

export function scaleRows(data: Float32Array, dim: number, scales: Float32Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let o = 0; o < data.length; o += dim) for (let d = 0; d < dim; d++) out[o + d] = data[o + d] * scales[d];
  return out;
}

/** Rows the standardiser is fitted on: medians and IQRs from 5k rows are within a few % of the full fit. */
export const STANDARDISER_FIT_ROWS = 5000;

interface CachedVectors {
  fingerprint: string;
  vectors: LibraryVectors;
}

const cache = new WeakMap<LibraryDb, CachedVectors>();

/**
 * What the analysed set looks like, cheaply: any sound analysed, re-analysed, removed or added changes it, so the
 * cached vectors are dropped without every writer having to remember to say so.
 */
function vectorsFingerprint(db: LibraryDb): string {
  const r = db.db.prepare("SELECT count(*) AS n, total(id) AS ids, total(analysed_at) AS at, max(analysed_at) AS last FROM samples WHERE status = 'analysed'").get() as { n: number; ids: number; at: number; last: number | null };
  return `${r.n}:${r.ids}:${r.at}:${r.last}`;
}

/**
 * The library's standardised vectors, loaded once and shared by every service until the analysed set changes.
 * Callers must treat the arrays as read-only.
 */
export function loadLibraryVectors(db: LibraryDb): LibraryVectors {
  const fingerprint = vectorsFingerprint(db);
  const hit = cache.get(db);
  if (hit && hit.fingerprint === fingerprint) return hit.vectors;
  const vectors = readLibraryVectors(db);
  cache.set(db, { fingerprint, vectors });
  return vectors;
}

/** Forget the cached vectors of a library (after analysis, for callers that know it happened). */
export function invalidateLibraryVectors(db: LibraryDb): void {
  cache.delete(db);
}

function readLibraryVectors(db: LibraryDb): LibraryVectors {
  const { ids, dim, data } = db.samples.vectors();
  const row = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) row.set(ids[i], i);
  if (ids.length === 0) return { ids, dim, row, standard: data, standardiser: { center: new Float32Array(dim), scale: new Float32Array(dim).fill(1) } };
  const standardiser = fitStandardiserOnSample(data, dim);
  return { ids, dim, row, standard: standardiseInPlace(standardiser, data), standardiser };
}

/** Robust standardiser fitted on a seeded sample of at most `maxRows` rows (every row when there are fewer). */
export function fitStandardiserOnSample(data: Float32Array, dim: number, maxRows = STANDARDISER_FIT_ROWS, seed = 5): Standardiser {
  const n = Math.floor(data.length / dim);
  if (n <= maxRows) return fitStandardiser(data, dim);
  return fitStandardiser(gatherRows(data, dim, sampleRows(n, maxRows, seed)), dim);
}

/** Standardises the rows in place (the raw copy read from the store is not needed again), clipped like applyStandardiser. */
function standardiseInPlace(s: Standardiser, data: Float32Array): Float32Array {
  const dim = s.center.length;
  for (let o = 0; o < data.length; o += dim) {
    for (let j = 0; j < dim; j++) {
      const z = (data[o + j] - s.center[j]) / s.scale[j];
      data[o + j] = z > 8 ? 8 : z < -8 ? -8 : z;
    }
  }
  return data;
}

/** Standardised row of one sample (a view, do not modify). */
export function rowOf(v: LibraryVectors, id: number): Float32Array | null {
  const r = v.row.get(id);
  return r === undefined ? null : v.standard.subarray(r * v.dim, (r + 1) * v.dim);
}
