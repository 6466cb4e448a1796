// Spherical k-means (cosine) with k-means++ seeding and silhouette-based choice of k, used both for library
// clusters and as the coarse quantiser of the similarity index.
import { dot, normaliseRows, rng } from './vector-math.js';

export interface KMeansResult {
  k: number;
  /** Row-major unit-length centroids. */
  centroids: Float32Array;
  /** Cluster of each input row. */
  assignment: Int32Array;
  iterations: number;
}

export interface KMeansOptions {
  seed?: number;
  maxIterations?: number;
  /** Already unit-length rows: skip the copy. */
  normalised?: boolean;
}

export function sphericalKMeans(data: Float32Array, dim: number, k: number, opts: KMeansOptions = {}): KMeansResult {
  const n = Math.floor(data.length / dim);
  if (n === 0) throw new Error('sphericalKMeans: no vectors');
  k = Math.max(1, Math.min(k, n));
  const x = opts.normalised ? data : normaliseRows(data, dim);
  const rand = rng(opts.seed ?? 1);
  const centroids = new Float32Array(k * dim);
  // k-means++ on cosine distance 1 - cos.
  const first = Math.floor(rand() * n);
  centroids.set(x.subarray(first * dim, first * dim + dim), 0);
  const best = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(x, i * dim, centroids, (c - 1) * dim, dim));
      if (d < best[i]) best[i] = d;
      total += best[i] * best[i];
    }
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= best[i] * best[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centroids.set(x.subarray(pick * dim, pick * dim + dim), c * dim);
  }
  const assignment = new Int32Array(n);
  const sums = new Float64Array(k * dim);
  let it = 0;
  for (; it < (opts.maxIterations ?? 25); it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bc = 0;
      let bs = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(x, i * dim, centroids, c * dim, dim);
        if (s > bs) {
          bs = s;
          bc = c;
        }
      }
      if (assignment[i] !== bc || it === 0) changed++;
      assignment[i] = bc;
    }
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const o = assignment[i] * dim;
      for (let j = 0; j < dim; j++) sums[o + j] += x[i * dim + j];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += sums[c * dim + j] ** 2;
      norm = Math.sqrt(norm);
      // An emptied cluster keeps its old centroid rather than collapsing to zero.
      if (norm > 0) for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / norm;
    }
    if (changed === 0 && it > 0) break;
  }
  return { k, centroids, assignment, iterations: it + 1 };
}

/** Mean silhouette (cosine distance) over at most `sampleSize` rows. */
export function silhouette(data: Float32Array, dim: number, assignment: Int32Array, k: number, sampleSize = 1000, seed = 7): number {
  const n = assignment.length;
  const x = normaliseRows(data, dim);
  const rand = rng(seed);
  const idx = n <= sampleSize ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: sampleSize }, () => Math.floor(rand() * n));
  let total = 0;
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  for (const i of idx) {
    sum.fill(0);
    count.fill(0);
    for (const j of idx) {
      if (j === i) continue;
      sum[assignment[j]] += 1 - dot(x, i * dim, x, j * dim, dim);
      count[assignment[j]]++;
    }
    const own = assignment[i];
    const a = count[own] ? sum[own] / count[own] : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && count[c]) b = Math.min(b, sum[c] / count[c]);
    if (!Number.isFinite(b)) continue;
    total += count[own] ? (b - a) / Math.max(a, b, 1e-12) : 0;
  }
  return total / idx.length;
}

/** Tries each k in [minK, maxK] and keeps the clustering with the best silhouette on a sample. */
export function chooseKBySilhouette(data: Float32Array, dim: number, minK: number, maxK: number, opts: KMeansOptions & { sampleSize?: number } = {}): KMeansResult & { silhouette: number } {
  let best: (KMeansResult & { silhouette: number }) | null = null;
  for (let k = Math.max(2, minK); k <= maxK; k++) {
    const r = sphericalKMeans(data, dim, k, opts);
    const s = silhouette(data, dim, r.assignment, r.k, opts.sampleSize ?? 600);
    if (!best || s > best.silhouette) best = { ...r, silhouette: s };
  }
  if (!best) throw new Error('chooseKBySilhouette: empty k range');
  return best;
}

export interface ClusterSummary {
  cluster: number;
  size: number;
  /** Most common labels first. */
  topLabels: { label: string; count: number }[];
  /** Share of the labelled members carrying the top label (0 when none are labelled). */
  purity: number;
}

/** What each cluster is made of, given optional labels per row (null = unlabelled). */
export function summariseClusters(assignment: Int32Array, k: number, labels: readonly (string | null)[], top = 3): ClusterSummary[] {
  const out: ClusterSummary[] = [];
  for (let c = 0; c < k; c++) {
    const counts = new Map<string, number>();
    let size = 0;
    let labelled = 0;
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] !== c) continue;
      size++;
      const l = labels[i];
      if (l !== null && l !== undefined) {
        labelled++;
        counts.set(l, (counts.get(l) ?? 0) + 1);
      }
    }
    const topLabels = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([label, count]) => ({ label, count }));
    out.push({ cluster: c, size, topLabels, purity: labelled ? (topLabels[0]?.count ?? 0) / labelled : 0 });
  }
  return out;
}
