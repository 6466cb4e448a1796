// The 2-D library map: a UMAP-style layout (kNN graph → fuzzy simplicial weights → PCA init → SGD with negative
// sampling) written on typed arrays, fast enough for 10k sounds in a few seconds, plus incremental placement of
// newly added sounds that leaves the existing map where the user has learnt it.
import { SimilarityIndex } from './similarity-index.js';
import { TopK, rng, sqDist } from './vector-math.js';

export interface MapOptions {
  neighbours?: number;
  epochs?: number;
  seed?: number;
  negativeSamples?: number;
}

export interface KnnGraph {
  k: number;
  /** n × k neighbour indices (row positions), nearest first. */
  indices: Int32Array;
  /** n × k Euclidean distances. */
  distances: Float32Array;
}

/**
 * Exact (a SIMD scan) for small inputs, IVF-approximate above a couple of thousand rows; `nprobe` 8 finds ~100% of
 * the true neighbours on clustered data at a fraction of the exact cost.
 */
export function knnGraph(data: Float32Array, dim: number, k: number, nprobe = 8): KnnGraph {
  const n = Math.floor(data.length / dim);
  k = Math.min(k, n - 1);
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const index = new SimilarityIndex(dim, n);
  for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  if (n > 2000) index.build({ seed: 5 });
  for (let i = 0; i < n; i++) {
    const nn = index.search(data.subarray(i * dim, (i + 1) * dim), { k, exclude: i, nprobe });
    for (let t = 0; t < k; t++) {
      // Fewer than k results only happens with duplicates galore; repeat the nearest rather than leave a hole.
      indices[i * k + t] = nn[t]?.id ?? nn[0].id;
      distances[i * k + t] = nn[t]?.distance ?? nn[0].distance;
    }
  }
  return { k, indices, distances };
}

/** Per-point membership strengths exp(-(d - rho)/sigma), sigma set so the strengths sum to log2(k). */
function memberships(g: KnnGraph, n: number): Float32Array {
  const { k } = g;
  const w = new Float32Array(n * k);
  const target = Math.log2(k);
  for (let i = 0; i < n; i++) {
    const rho = g.distances[i * k];
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let it = 0; it < 64; it++) {
      let s = 0;
      for (let t = 1; t < k; t++) s += Math.exp(-Math.max(0, g.distances[i * k + t] - rho) / sigma);
      s += 1;
      if (Math.abs(s - target) < 1e-5) break;
      if (s > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    sigma = Math.max(sigma, 1e-3 * (rho || 1));
    for (let t = 0; t < k; t++) w[i * k + t] = Math.exp(-Math.max(0, g.distances[i * k + t] - rho) / sigma);
  }
  return w;
}

interface Edges {
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

/** Fuzzy union of the directed kNN memberships: w = a + b - ab per undirected pair (each pair emitted once). */
function symmetricEdges(g: KnnGraph, n: number): Edges {
  const w = memberships(g, n);
  const { k, indices } = g;
  const head = new Int32Array(n * k);
  const tail = new Int32Array(n * k);
  const weight = new Float32Array(n * k);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j === i || (t > 0 && indices[i * k + t - 1] === j)) continue;
      // The reverse edge, if j also lists i; rows are only k long so a scan beats a hash map.
      let b = -1;
      for (let s = 0; s < k; s++) {
        if (indices[j * k + s] === i) {
          b = w[j * k + s];
          break;
        }
      }
      if (b >= 0 && j < i) continue;
      const a = w[i * k + t];
      head[m] = i;
      tail[m] = j;
      weight[m++] = b >= 0 ? a + b - a * b : a;
    }
  }
  return { head: head.slice(0, m), tail: tail.slice(0, m), weight: weight.slice(0, m) };
}

/** Top-2 principal components by power iteration, scaled to ±10. */
function pcaInit(data: Float32Array, dim: number, n: number, seed: number): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += data[i * dim + j] / n;
  const rand = rng(seed);
  const covTimes = covarianceOperator(data, dim, n, mean);
  const comps: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v: Float64Array = Float64Array.from({ length: dim }, () => rand() - 0.5);
    for (let it = 0, change = 1; it < 50 && change > 1e-8; it++) {
      for (const p of comps) {
        let d = 0;
        for (let j = 0; j < dim; j++) d += v[j] * p[j];
        for (let j = 0; j < dim; j++) v[j] -= d * p[j];
      }
      const next = covTimes(v);
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += next[j] ** 2;
      norm = Math.sqrt(norm) || 1;
      change = 0;
      for (let j = 0; j < dim; j++) {
        next[j] /= norm;
        change += (next[j] - v[j]) ** 2;
      }
      v = next;
    }
    comps.push(v);
  }
  const out = new Float32Array(n * 2);
  for (let c = 0; c < 2; c++) {
    let max = 1e-12;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (data[i * dim + j] - mean[j]) * comps[c][j];
      out[i * 2 + c] = s;
      max = Math.max(max, Math.abs(s));
    }
    // Small jitter breaks ties between identical vectors.
    for (let i = 0; i < n; i++) out[i * 2 + c] = (out[i * 2 + c] / max) * 10 + (rand() - 0.5) * 1e-3;
  }
  return out;
}

/**
 * v ↦ (X - mean)ᵀ(X - mean) v. Up to 128 dims the covariance matrix is formed once (one pass over the data) so each
 * power iteration costs dim² instead of a pass over all n rows; wider data streams the rows every time.
 */
function covarianceOperator(data: Float32Array, dim: number, n: number, mean: Float64Array): (v: Float64Array) => Float64Array {
  if (dim > 128) {
    return (v) => {
      const next = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (data[i * dim + j] - mean[j]) * v[j];
        for (let j = 0; j < dim; j++) next[j] += s * (data[i * dim + j] - mean[j]);
      }
      return next;
    };
  }
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) x[j] = data[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const xa = x[a];
      const row = a * dim;
      for (let b = a; b < dim; b++) cov[row + b] += xa * x[b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a];
  return (v) => {
    const next = new Float64Array(dim);
    for (let a = 0; a < dim; a++) {
      let s = 0;
      for (let b = 0; b < dim; b++) s += cov[a * dim + b] * v[b];
      next[a] = s;
    }
    return next;
  };
}

// Low-dimensional similarity 1 / (1 + d²): UMAP's curve with a = b = 1 (the Cauchy kernel). It needs no pow() in
// the inner loop, which is most of the speed-up over umap-js, and separates clusters just as well.

function clip(x: number): number {
  return x > 4 ? 4 : x < -4 ? -4 : x;
}

/** SGD over the edges; only points with movable[i] = 1 move (all when movable is null). */
function optimise(pos32: Float32Array, n: number, edges: Edges, epochs: number, negatives: number, seed: number, movable: Uint8Array | null): void {
  const { head, tail, weight } = edges;
  const m = head.length;
  let maxW = 0;
  for (let e = 0; e < m; e++) maxW = Math.max(maxW, weight[e]);
  const every = new Float64Array(m);
  const next = new Float64Array(m);
  for (let e = 0; e < m; e++) next[e] = every[e] = maxW / Math.max(weight[e], 1e-6);
  // Doubles for the walk (no float32 rounding per step), copied back at the end; an inline xorshift for the
  // negative samples, since a closure call per sample was a tenth of the time.
  const pos = Float64Array.from(pos32);
  let state = (seed * 2654435761) >>> 0 || 1;
  const scale = n / 4294967296;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const alpha = 1 - (epoch - 1) / epochs;
    for (let e = 0; e < m; e++) {
      if (next[e] > epoch) continue;
      next[e] += every[e];
      const i = head[e];
      const j = tail[e];
      const mi = movable === null || movable[i] === 1;
      const mj = movable === null || movable[j] === 1;
      if (!mi && !mj) continue;
      const i2 = i * 2;
      const j2 = j * 2;
      const dx = pos[i2] - pos[j2];
      const dy = pos[i2 + 1] - pos[j2 + 1];
      const d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const g = -2 / (1 + d2);
        const gx = clip(g * dx) * alpha;
        const gy = clip(g * dy) * alpha;
        if (mi) {
          pos[i2] += gx;
          pos[i2 + 1] += gy;
        }
        if (mj) {
          pos[j2] -= gx;
          pos[j2 + 1] -= gy;
        }
      }
      // Negative samples push the moving end away from random points.
      const p2 = mi ? i2 : j2;
      for (let s = 0; s < negatives; s++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const q2 = (((state >>> 0) * scale) | 0) * 2;
        if (q2 === p2) continue;
        const nx = pos[p2] - pos[q2];
        const ny = pos[p2 + 1] - pos[q2 + 1];
        const nd2 = nx * nx + ny * ny;
        if (nd2 > 0) {
          const g = 2 / ((0.001 + nd2) * (1 + nd2));
          pos[p2] += clip(g * nx) * alpha;
          pos[p2 + 1] += clip(g * ny) * alpha;
        } else {
          pos[p2] += 4 * alpha;
          pos[p2 + 1] += 4 * alpha;
        }
      }
    }
  }
  for (let i = 0; i < pos.length; i++) if (movable === null || movable[i >> 1] === 1) pos32[i] = pos[i];
}

/** Lays out row-major vectors in 2-D; returns n × 2 positions. Pure: run it in a worker for big libraries. */
export function computeMapLayout(data: Float32Array, dim: number, opts: MapOptions = {}): Float32Array {
  const n = Math.floor(data.length / dim);
  if (n === 0) return new Float32Array(0);
  if (n <= 2) return Float32Array.from({ length: n * 2 }, (_, i) => (i === 2 ? 1 : 0));
  const seed = opts.seed ?? 42;
  const g = knnGraph(data, dim, opts.neighbours ?? 15);
  const edges = symmetricEdges(g, n);
  const pos = pcaInit(data, dim, n, seed);
  optimise(pos, n, edges, opts.epochs ?? (n > 20000 ? 120 : n > 5000 ? 160 : 250), opts.negativeSamples ?? 4, seed, null);
  return pos;
}

/**
 * Places new rows into an existing layout without moving the old points: each new point starts at the weighted
 * mean of its nearest old neighbours' positions, then only the new points are refined against the graph.
 * `data` holds old rows first (matching `oldPositions`), new rows after. Returns positions for all rows.
 */
export function extendMapLayout(data: Float32Array, dim: number, oldPositions: Float32Array, opts: MapOptions = {}): Float32Array {
  const n = Math.floor(data.length / dim);
  const nOld = oldPositions.length / 2;
  const k = Math.min(opts.neighbours ?? 15, n - 1);
  const pos = new Float32Array(n * 2);
  pos.set(oldPositions);
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
  const rand = rng(opts.seed ?? 42);
  // Each new point's neighbours come from the old points and the new points placed before it: a SIMD scan, or the
  // IVF index once the old map is large.
  const index = new SimilarityIndex(dim, n);
  for (let i = 0; i < nOld; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  if (nOld > 20000) index.build({ seed: 5 });
  for (let i = nOld; i < n; i++) {
    const v = data.subarray(i * dim, (i + 1) * dim);
    const nn = index.search(v, { k, nprobe: 8 });
    index.add(i, v);
    if (!nn.length) continue;
    const rho = nn[0].distance;
    const sigma = Math.max(1e-6, nn[nn.length - 1].distance - rho) / 2;
    let sx = 0;
    let sy = 0;
    let sw = 0;
    for (const { id, distance } of nn) {
      const w = Math.exp(-(distance - rho) / sigma);
      head.push(i);
      tail.push(id);
      weight.push(w);
      sx += w * pos[id * 2];
      sy += w * pos[id * 2 + 1];
      sw += w;
    }
    pos[i * 2] = sx / sw + (rand() - 0.5) * 0.05;
    pos[i * 2 + 1] = sy / sw + (rand() - 0.5) * 0.05;
  }
  const movable = new Uint8Array(n);
  movable.fill(1, nOld);
  optimise(pos, n, { head: Int32Array.from(head), tail: Int32Array.from(tail), weight: Float32Array.from(weight) }, opts.epochs ?? 60, opts.negativeSamples ?? 3, opts.seed ?? 42, movable);
  return pos;
}

/** Distance from one row to every row, for colouring the map by "how close to this sound". */
export function distanceToSample(data: Float32Array, dim: number, row: number): Float32Array {
  const n = Math.floor(data.length / dim);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(sqDist(data, row * dim, data, i * dim, dim));
  return out;
}

/**
 * Trustworthiness@k (Venna & Kaski): 1 = every 2-D neighbour is also a neighbour in the original space.
 * Evaluated on at most `sample` points (exact ranks over all points).
 */
export function trustworthiness(data: Float32Array, dim: number, pos: Float32Array, k = 10, sample = 1000, seed = 9): number {
  const n = Math.floor(data.length / dim);
  const rand = rng(seed);
  const rows = n <= sample ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: sample }, () => Math.floor(rand() * n));
  let penalty = 0;
  const d = new Float64Array(n);
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  for (const i of rows) {
    for (let j = 0; j < n; j++) {
      d[j] = j === i ? -1 : sqDist(data, i * dim, data, j * dim, dim);
      order[j] = j;
    }
    order.sort((a, b) => d[a] - d[b]);
    for (let r = 0; r < n; r++) rank[order[r]] = r; // rank 0 is i itself
    const top = new TopK(k);
    for (let j = 0; j < n; j++) if (j !== i) top.push(j, (pos[i * 2] - pos[j * 2]) ** 2 + (pos[i * 2 + 1] - pos[j * 2 + 1]) ** 2);
    for (let t = 0; t < top.size; t++) penalty += Math.max(0, rank[top.ids[t]] - k);
  }
  const m = rows.length;
  return 1 - (2 / (m * k * (2 * n - 3 * k - 1))) * penalty;
}
