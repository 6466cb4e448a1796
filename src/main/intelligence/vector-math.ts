// Small dense-vector kernels shared by the index, classifier, clustering and map; plain loops over typed arrays.
import { mulberry32 } from '../../shared/random/mulberry32.js';

/** Squared Euclidean distance between a[ao..ao+dim) and b[bo..bo+dim). */
export function sqDist(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) {
    const d = a[ao + i] - b[bo + i];
    s += d * d;
  }
  return s;
}

/** Weighted squared distance: sum w_i (a_i - b_i)^2. */
export function sqDistWeighted(a: Float32Array, ao: number, b: Float32Array, bo: number, w: Float32Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    const d = a[ao + i] - b[bo + i];
    s += w[i] * d * d;
  }
  return s;
}

export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += a[ao + i] * b[bo + i];
  return s;
}

/** Scales each row of a row-major matrix to unit length (zero rows stay zero). */
export function normaliseRows(data: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let o = 0; o < data.length; o += dim) {
    const n = Math.sqrt(dot(data, o, data, o, dim));
    if (n > 0) for (let i = 0; i < dim; i++) out[o + i] = data[o + i] / n;
  }
  return out;
}

/** Deterministic PRNG so layouts and clusterings are reproducible. */
export const rng = (seed: number): (() => number) => mulberry32(seed);

/** 0..n−1 in a seeded random order (Fisher–Yates). */
export function shuffledIndices(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Keeps the k smallest (distance, id) pairs seen; a sorted insertion list is fastest for k ≤ ~100. */
export class TopK {
  readonly ids: Int32Array;
  readonly dists: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.ids = new Int32Array(k);
    this.dists = new Float64Array(k).fill(Infinity);
  }
  get worst(): number {
    return this.size < this.k ? Infinity : this.dists[this.k - 1];
  }
  push(id: number, d: number): void {
    if (d >= this.worst) return;
    let i = Math.min(this.size, this.k - 1);
    while (i > 0 && this.dists[i - 1] > d) {
      this.dists[i] = this.dists[i - 1];
      this.ids[i] = this.ids[i - 1];
      i--;
    }
    this.dists[i] = d;
    this.ids[i] = id;
    if (this.size < this.k) this.size++;
  }
}
