// The library's descriptor vectors in the one space every service searches: robustly standardised over the
// library, then scaled per aspect (timbre / envelope / pitch), so plain Euclidean distance means "sounds alike".
import type { LibraryDb } from '../store/index.js';
import { FEATURE_ASPECT_RANGES, FEATURE_VECTOR_LENGTH } from '../analysis/feature-layout.js';
import { applyStandardiser, aspectWeightVector, fitStandardiser, type AspectSpan, type Standardiser } from '../intelligence/standardise.js';

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

export function loadLibraryVectors(db: LibraryDb): LibraryVectors {
  const { ids, dim, data } = db.samples.vectors();
  const row = new Map<number, number>();
  ids.forEach((id, i) => row.set(id, i));
  if (ids.length === 0) return { ids, dim, row, standard: data, standardiser: { center: new Float32Array(dim), scale: new Float32Array(dim).fill(1) } };
  const standardiser = fitStandardiser(data, dim);
  return { ids, dim, row, standard: applyStandardiser(standardiser, data), standardiser };
}

/** Standardised row of one sample (a view, do not modify). */
export function rowOf(v: LibraryVectors, id: number): Float32Array | null {
  const r = v.row.get(id);
  return r === undefined ? null : v.standard.subarray(r * v.dim, (r + 1) * v.dim);
}
