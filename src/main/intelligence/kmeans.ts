// Spherical k-means (cosine) with k-means++ seeding and silhouette-based choice of k, used both for library
// clusters and as the coarse quantiser of the similarity index.
import { dot, normaliseRows, rng } from './vector-math.js';
import { nextTurn } from '../core/next-turn.js';

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
  /** Starting unit centroids (k rows), instead of k-means++ seeding: refines a clustering found on other rows. */
  init?: Float32Array;
}

export function sphericalKMeans(data: Float32Array, dim: number, k: number, opts: KMeansOptions = {}): KMeansResult {
  const n = Math.floor(data.length / dim);
  if (n === 0) throw new Error('sphericalKMeans: no vectors');
  k = Math.max(1, Math.min(k, n));
  const x = opts.normalised ? data : normaliseRows(data, dim);
  const rand = rng(opts.seed ?? 1);
  const centroids = new Float32Array(k * dim);
  if (opts.init && opts.init.length === k * dim) centroids.set(opts.init);
  else kMeansPlusPlus(x, n, dim, k, centroids, rand);
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

/** k-means++ seeding on cosine distance 1 - cos, written into `centroids`. */
function kMeansPlusPlus(x: Float32Array, n: number, dim: number, k: number, centroids: Float32Array, rand: () => number): void {
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
}

/** Mean silhouette (cosine distance) over at most `sampleSize` rows. */
export function silhouette(data: Float32Array, dim: number, assignment: Int32Array, k: number, sampleSize = 1000, seed = 7): number {
  const n = assignment.length;
  const x = normaliseRows(data, dim);
  const rand = rng(seed);
  const idx = n <= sampleSize ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: sampleSize }, () => Math.floor(rand() * n));
  return meanSilhouette(idx, assignment, k, (i, j) => 1 - dot(x, i * dim, x, j * dim, dim));
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

/**
 * Nearest unit centroid (highest cosine) of each unit-length row, in one pass with no per-row allocation: how a
 * big library is assigned once the centroids were fitted on a sample, and how new sounds join stored clusters.
 */
export function assignToCentroids(x: Float32Array, dim: number, centroids: Float32Array, k: number, out?: Int32Array): Int32Array {
  const n = Math.floor(x.length / dim);
  const assignment = out ?? new Int32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += dim) {
    let bc = 0;
    let bs = -Infinity;
    for (let c = 0, co = 0; c < k; c++, co += dim) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += x[o + j] * centroids[co + j];
      if (s > bs) {
        bs = s;
        bc = c;
      }
    }
    assignment[i] = bc;
  }
  return assignment;
}

/** Row indices of a seeded random sample of `m` of `n` rows (all rows, in order, when m ≥ n). */
export function sampleRows(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const rand = rng(seed);
  // Partial Fisher–Yates: the first m slots end up a uniform sample without repeats.
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}

/** Copies the chosen rows into one packed array. */
export function gatherRows(data: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) out.set(data.subarray(rows[i] * dim, rows[i] * dim + dim), i * dim);
  return out;
}

/** Cosine distances between the first m unit rows, computed once and shared by every k the silhouette tries. */
function cosineDistanceMatrix(x: Float32Array, dim: number, m: number): Float32Array {
  const d = new Float32Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const v = 1 - dot(x, i * dim, x, j * dim, dim);
      d[i * m + j] = v;
      d[j * m + i] = v;
    }
  }
  return d;
}

/** Mean silhouette of the first m rows from their precomputed distance matrix. */
function silhouetteFromMatrix(dist: Float32Array, m: number, assignment: Int32Array, k: number): number {
  return meanSilhouette(Array.from({ length: m }, (_, i) => i), assignment, k, (i, j) => dist[i * m + j]);
}

/** Mean silhouette over `members` (rows of `assignment`), given the distance between two rows. */
function meanSilhouette(members: readonly number[], assignment: Int32Array, k: number, distance: (a: number, b: number) => number): number {
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  let total = 0;
  for (const i of members) {
    sum.fill(0);
    count.fill(0);
    for (const j of members) {
      if (j === i) continue;
      sum[assignment[j]] += distance(i, j);
      count[assignment[j]]++;
    }
    const own = assignment[i];
    const a = count[own] ? sum[own] / count[own] : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && count[c]) b = Math.min(b, sum[c] / count[c]);
    if (!Number.isFinite(b)) continue;
    total += count[own] ? (b - a) / Math.max(a, b, 1e-12) : 0;
  }
  return total / Math.max(1, members.length);
}

export interface LargeKMeansOptions {
  seed?: number;
  /** Fixed k; otherwise chosen by silhouette in [minK, maxK]. */
  k?: number;
  minK?: number;
  maxK?: number;
  /** Rows the centroids are fitted on (a seeded sample). */
  fitRows?: number;
  /** Rows each candidate k is clustered on when choosing k, and of those, rows the silhouette is measured on. */
  chooseRows?: number;
  silhouetteRows?: number;
  maxIterations?: number;
}

/**
 * Spherical k-means for libraries of any size: k chosen by silhouette on a small sample (one shared distance
 * matrix), centroids fitted on a larger sample, then a single assignment pass over every row. Cost grows with n only
 * through that pass, so 100k sounds cluster in about the time 10k took.
 */
export function sphericalKMeansLarge(data: Float32Array, dim: number, opts: LargeKMeansOptions = {}): LargeKMeansResult {
  const steps = largeKMeansSteps(data, dim, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The same, giving the event loop a turn between steps (none longer than a few hundred ms at 100k sounds). */
export async function sphericalKMeansLargeAsync(data: Float32Array, dim: number, opts: LargeKMeansOptions = {}): Promise<LargeKMeansResult> {
  const steps = largeKMeansSteps(data, dim, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await nextTurn();
  }
}

export type LargeKMeansResult = KMeansResult & { silhouette: number | null };

/** Rows assigned per step of the final pass. */
const ASSIGN_CHUNK = 8192;

/** The work of sphericalKMeansLarge, yielding wherever a caller may pause it. */
function* largeKMeansSteps(data: Float32Array, dim: number, opts: LargeKMeansOptions): Generator<void, LargeKMeansResult> {
  const n = Math.floor(data.length / dim);
  if (n === 0) throw new Error('sphericalKMeansLarge: no vectors');
  const seed = opts.seed ?? 7;
  const x = normaliseRows(data, dim);
  let k = opts.k;
  let score: number | null = null;
  let init: Float32Array | undefined;
  if (k === undefined) {
    const chooseRows = sampleRows(n, Math.min(n, opts.chooseRows ?? 1500), seed);
    const sample = gatherRows(x, dim, chooseRows);
    const m = Math.min(chooseRows.length, opts.silhouetteRows ?? 600);
    // Shuffled, so any prefix is itself a random sample: the silhouette is measured on the first m rows.
    const shuffled = shuffleRows(sample, dim, seed + 1);
    const dist = cosineDistanceMatrix(shuffled, dim, m);
    const maxK = Math.max(2, Math.min(opts.maxK ?? 24, chooseRows.length));
    for (let c = Math.max(2, opts.minK ?? 2); c <= maxK; c++) {
      yield;
      // Fewer rounds than the final fit: ranking candidate k needs the shape of each clustering, not its last digits.
      const r = sphericalKMeans(shuffled, dim, c, { seed, normalised: true, maxIterations: Math.min(12, opts.maxIterations ?? 12) });
      const s = silhouetteFromMatrix(dist, m, r.assignment, r.k);
      if (score === null || s > score) {
        score = s;
        k = r.k;
        init = r.centroids;
      }
    }
    k ??= 1;
  }
  yield;
  const fit = sampleRows(n, Math.min(n, opts.fitRows ?? 8000), seed + 2);
  // The winning clustering of the k search seeds the fit: its silhouette vouches for it, a new seeding might not.
  const fitted = sphericalKMeans(fit.length === n ? x : gatherRows(x, dim, fit), dim, k, { seed, normalised: true, maxIterations: opts.maxIterations ?? 25, init });
  if (fit.length === n) return { ...fitted, silhouette: score };
  const assignment = new Int32Array(n);
  for (let r = 0; r < n; r += ASSIGN_CHUNK) {
    yield;
    const end = Math.min(n, r + ASSIGN_CHUNK);
    assignToCentroids(x.subarray(r * dim, end * dim), dim, fitted.centroids, fitted.k, assignment.subarray(r, end));
  }
  return { k: fitted.k, centroids: fitted.centroids, assignment, iterations: fitted.iterations, silhouette: score };
}

/** A seeded permutation of the rows (deterministic for a seed). */
function shuffleRows(data: Float32Array, dim: number, seed: number): Float32Array {
  const n = Math.floor(data.length / dim);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rand = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return gatherRows(data, dim, order);
}
