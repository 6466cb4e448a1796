// Groups the library into clusters of like sounds (spherical k-means on the standardised descriptors; k given or
// chosen by silhouette) and says what each cluster is made of versus the labels the sounds carry.
import type { LibraryDb } from '../store/index.js';
import { chooseKBySilhouette, sphericalKMeans, summariseClusters, type ClusterSummary } from '../intelligence/kmeans.js';
import { SIMILAR_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows } from './library-vectors.js';

export interface ClusterOptions {
  /** Number of clusters; default: chosen by silhouette between 2 and 24. */
  k?: number;
  seed?: number;
  /** Example files listed per cluster. */
  examples?: number;
}

export interface ClusterInfo extends ClusterSummary {
  examples: Array<{ id: number; path: string }>;
}

export interface ClusterResult {
  k: number;
  chosenBy: 'user' | 'silhouette';
  silhouette: number | null;
  clusters: ClusterInfo[];
  /** Cluster of every analysed sample. */
  assignment: Array<{ id: number; cluster: number }>;
}

export function clusterLibrary(db: LibraryDb, opts: ClusterOptions = {}): ClusterResult {
  const v = loadLibraryVectors(db);
  const n = v.ids.length;
  if (n === 0) throw new Error('the library has no analysed sounds yet; run `sonoteca scan` first');
  if (opts.k !== undefined && !(Number.isInteger(opts.k) && opts.k >= 1)) throw new Error(`k must be a whole number ≥ 1, got ${opts.k}`);
  const data = scaleRows(v.standard, v.dim, aspectScales(v.dim, SIMILAR_WEIGHTS));
  const seed = opts.seed ?? 7;
  let k: number;
  let silhouette: number | null = null;
  let assignment: Int32Array;
  if (opts.k !== undefined || n < 6) {
    const r = sphericalKMeans(data, v.dim, Math.min(opts.k ?? 1, n), { seed });
    k = r.k;
    assignment = r.assignment;
  } else {
    // Silhouette on a subsample picks k; the chosen k then clusters everything.
    const maxK = Math.max(2, Math.min(24, Math.floor(n / 3)));
    const sampleRows = Math.min(n, 3000);
    const step = n / sampleRows;
    const sample = new Float32Array(sampleRows * v.dim);
    for (let i = 0; i < sampleRows; i++) sample.set(data.subarray(Math.floor(i * step) * v.dim, (Math.floor(i * step) + 1) * v.dim), i * v.dim);
    const best = chooseKBySilhouette(sample, v.dim, 2, maxK, { seed, sampleSize: 600 });
    silhouette = Math.round(best.silhouette * 1000) / 1000;
    const r = sampleRows === n ? best : sphericalKMeans(data, v.dim, best.k, { seed });
    k = r.k;
    assignment = r.assignment;
  }
  const cats = db.labels.categories([...v.ids]);
  const labels = [...v.ids].map((id) => cats.get(id)?.name ?? null);
  const summaries = summariseClusters(assignment, k, labels, 5);
  const perExample = opts.examples ?? 5;
  const examples: Array<Array<{ id: number; path: string }>> = Array.from({ length: k }, () => []);
  const pending: Array<{ c: number; id: number }> = [];
  for (let i = 0; i < n; i++) if (examples[assignment[i]].length + pending.filter((p) => p.c === assignment[i]).length < perExample) pending.push({ c: assignment[i], id: v.ids[i] });
  const paths = new Map(db.samples.list({ ids: pending.map((p) => p.id), limit: pending.length + 1, status: 'analysed' }).map((s) => [s.id, s.path]));
  for (const p of pending) examples[p.c].push({ id: p.id, path: paths.get(p.id) ?? '' });
  return {
    k,
    chosenBy: opts.k !== undefined ? 'user' : 'silhouette',
    silhouette,
    clusters: summaries.map((s) => ({ ...s, purity: Math.round(s.purity * 1000) / 1000, examples: examples[s.cluster] })).sort((a, b) => b.size - a.size),
    assignment: [...v.ids].map((id, i) => ({ id, cluster: assignment[i] })),
  };
}
