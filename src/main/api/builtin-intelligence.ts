// Exact, dependency-free similarity, map, duplicates and report over the store's vectors: correct at any size,
// fast enough to 100k, and the reference the tuned intelligence layer is measured against.
import type { LibraryDb } from '../store/index.js';
import type { ReportView } from '../../shared/contract/views.js';
import type { DuplicateSet, IntelligencePort, MapLayout, SimilarQuery } from './intelligence-port.js';
import { chooseKBySilhouette, sphericalKMeans } from '../intelligence/kmeans.js';
import { computeMapInWorker } from '../intelligence/map-worker.js';

interface Standardised {
  ids: Int32Array;
  pos: Map<number, number>;
  dim: number;
  data: Float32Array;
}

export class BuiltinIntelligence implements IntelligencePort {
  private vectors: Standardised | null = null;
  private layout: Promise<MapLayout> | null = null;

  /** `aspectOf(dim)` tells which aspect a vector dimension belongs to, when the analysis layout is known. */
  constructor(private readonly db: LibraryDb, private readonly aspectOf?: (dim: number) => 'timbre' | 'envelope' | 'pitch' | null) {}

  invalidate(what: 'vectors' | 'labels'): void {
    if (what === 'vectors') {
      this.vectors = null;
      this.layout = null;
    }
  }

  private load(): Standardised {
    if (this.vectors) return this.vectors;
    const { ids, dim, data } = this.db.samples.vectors();
    const n = ids.length;
    const out = new Float32Array(data);
    // Robust per-dimension scaling (median / MAD) so no single descriptor's units dominate the distance.
    const col = new Float64Array(n);
    for (let d = 0; d < dim; d++) {
      for (let i = 0; i < n; i++) col[i] = data[i * dim + d];
      const sorted = Float64Array.from(col).sort();
      const med = n ? sorted[n >> 1] : 0;
      for (let i = 0; i < n; i++) col[i] = Math.abs(col[i] - med);
      const mad = n ? Float64Array.from(col).sort()[n >> 1] : 1;
      let scale = mad * 1.4826;
      if (!(scale > 1e-9)) {
        let s = 0;
        for (let i = 0; i < n; i++) s += col[i] * col[i];
        scale = Math.sqrt(s / Math.max(1, n)) || 1;
      }
      for (let i = 0; i < n; i++) {
        const v = (data[i * dim + d] - med) / scale;
        out[i * dim + d] = Math.max(-8, Math.min(8, v));
      }
    }
    const pos = new Map<number, number>();
    ids.forEach((id, i) => pos.set(id, i));
    this.vectors = { ids, pos, dim, data: out };
    return this.vectors;
  }

  private weightVector(dim: number, w?: SimilarQuery['weights']): Float32Array {
    const out = new Float32Array(dim).fill(1);
    if (!w || !this.aspectOf) return out;
    for (let d = 0; d < dim; d++) {
      const a = this.aspectOf(d);
      if (a) out[d] = w[a];
    }
    return out;
  }

  similar(q: SimilarQuery): Array<{ id: number; distance: number }> {
    const v = this.load();
    let query: Float32Array;
    if (q.sampleId !== undefined) {
      const i = v.pos.get(q.sampleId);
      if (i === undefined) return [];
      query = v.data.subarray(i * v.dim, (i + 1) * v.dim);
    } else if (q.vector) {
      query = this.standardiseExternal(q.vector);
    } else return [];
    const w = this.weightVector(v.dim, q.weights);
    const best: Array<{ id: number; distance: number }> = [];
    let worst = Infinity;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i];
      if (id === q.sampleId || (q.allow && !q.allow(id))) continue;
      let s = 0;
      const o = i * v.dim;
      for (let d = 0; d < v.dim; d++) {
        const diff = v.data[o + d] - query[d];
        s += w[d] * diff * diff;
        if (best.length >= q.k && s >= worst) break;
      }
      if (best.length < q.k || s < worst) {
        best.push({ id, distance: s });
        best.sort((a, b) => a.distance - b.distance);
        if (best.length > q.k) best.pop();
        worst = best.length >= q.k ? best[best.length - 1].distance : Infinity;
      }
    }
    return best.map((b) => ({ id: b.id, distance: Math.sqrt(b.distance / v.dim) }));
  }

  /** Applies the library's scaling to a vector from outside the library (an uploaded file). */
  private standardiseExternal(raw: Float32Array): Float32Array {
    const { ids, dim, data } = this.db.samples.vectors();
    const out = new Float32Array(dim);
    const n = ids.length;
    const col = new Float64Array(n);
    for (let d = 0; d < dim; d++) {
      for (let i = 0; i < n; i++) col[i] = data[i * dim + d];
      const sorted = Float64Array.from(col).sort();
      const med = n ? sorted[n >> 1] : 0;
      const dev = Float64Array.from(col, (x) => Math.abs(x - med)).sort();
      const scale = (n ? dev[n >> 1] : 1) * 1.4826 || 1;
      out[d] = Math.max(-8, Math.min(8, (raw[d] - med) / scale));
    }
    return out;
  }

  /** UMAP-style layout from the intelligence layer, in a worker; PCA if that is unavailable or fails. */
  mapLayout(): Promise<MapLayout> {
    if (this.layout) return this.layout;
    const v = this.load();
    const n = v.ids.length;
    const { cluster, clusters } = clusterVectors(v.data, v.dim, n);
    const layout = (n >= 8 ? computeMapInWorker(v.data, v.dim) : Promise.reject(new Error('too few points')))
      .then((pos) => {
        const x = new Float32Array(n);
        const y = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          x[i] = pos[2 * i];
          y[i] = pos[2 * i + 1];
        }
        fitSquare(x, y);
        return { ids: v.ids, x, y, cluster, clusters };
      })
      .catch(() => ({ ...this.pcaLayout(v), cluster, clusters }));
    this.layout = layout;
    layout.catch(() => {
      this.layout = null;
    });
    return layout;
  }

  private pcaLayout(v: Standardised): { ids: Int32Array; x: Float32Array; y: Float32Array } {
    const n = v.ids.length;
    // Two leading principal components by power iteration: a faithful, deterministic overview.
    const mean = new Float64Array(v.dim);
    for (let i = 0; i < n; i++) for (let d = 0; d < v.dim; d++) mean[d] += v.data[i * v.dim + d] / n;
    const comps: Float64Array[] = [];
    for (let c = 0; c < 2; c++) {
      let vec = new Float64Array(v.dim).map((_, d) => Math.sin(d * 1.7 + c + 1));
      for (let it = 0; it < 40; it++) {
        const next = new Float64Array(v.dim);
        for (let i = 0; i < n; i++) {
          let dot = 0;
          for (let d = 0; d < v.dim; d++) dot += (v.data[i * v.dim + d] - mean[d]) * vec[d];
          for (let d = 0; d < v.dim; d++) next[d] += dot * (v.data[i * v.dim + d] - mean[d]);
        }
        for (const prev of comps) {
          let p = 0;
          for (let d = 0; d < v.dim; d++) p += next[d] * prev[d];
          for (let d = 0; d < v.dim; d++) next[d] -= p * prev[d];
        }
        const norm = Math.hypot(...next) || 1;
        vec = next.map((x) => x / norm);
      }
      comps.push(vec);
    }
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let a = 0;
      let b = 0;
      for (let d = 0; d < v.dim; d++) {
        const z = v.data[i * v.dim + d] - mean[d];
        a += z * comps[0][d];
        b += z * comps[1][d];
      }
      x[i] = a;
      y[i] = b;
    }
    fitSquare(x, y);
    return { ids: v.ids, x, y };
  }

  distancesTo(id: number): { ids: ArrayLike<number>; distance: ArrayLike<number> } {
    const v = this.load();
    const i = v.pos.get(id);
    const distance = new Float32Array(v.ids.length).fill(Number.NaN);
    if (i === undefined) return { ids: v.ids, distance };
    const q = v.data.subarray(i * v.dim, (i + 1) * v.dim);
    for (let j = 0; j < v.ids.length; j++) {
      let s = 0;
      for (let d = 0; d < v.dim; d++) {
        const diff = v.data[j * v.dim + d] - q[d];
        s += diff * diff;
      }
      distance[j] = Math.sqrt(s / v.dim);
    }
    return { ids: v.ids, distance };
  }

  duplicates(): DuplicateSet[] {
    const byHash = new Map<string, number[]>();
    for (const s of this.db.samples.list({ status: 'analysed', limit: 10_000_000 })) {
      if (!s.fingerprint) continue;
      const list = byHash.get(s.fingerprint);
      if (list) list.push(s.id);
      else byHash.set(s.fingerprint, [s.id]);
    }
    return [...byHash.values()].filter((ids) => ids.length > 1).map((ids) => ({ kind: 'exact' as const, similarity: 1, ids }));
  }

  report(): ReportView {
    // Leave-one-out 5-NN over samples with a user or file-name label: how well the sound alone predicts the label.
    const v = this.load();
    const labelled: Array<{ i: number; cat: string }> = [];
    const labels = this.db.labels.effectiveMany([...v.ids]);
    v.ids.forEach((id, i) => {
      const l = labels.get(id);
      if (l && (l.source === 'user' || l.source === 'filename' || l.source === 'metadata')) labelled.push({ i, cat: l.category });
    });
    // All-pairs is quadratic: above a few thousand labelled sounds, an evenly spaced subset is representative.
    if (labelled.length > 3000) {
      const step = labelled.length / 3000;
      const kept = Array.from({ length: 3000 }, (_, k) => labelled[Math.floor(k * step)]);
      labelled.length = 0;
      labelled.push(...kept);
    }
    const classes = [...new Set(labelled.map((l) => l.cat))].sort();
    const ci = new Map(classes.map((c, k) => [c, k]));
    const matrix = classes.map(() => classes.map(() => 0));
    for (const a of labelled) {
      const near: Array<{ d: number; cat: string }> = [];
      for (const b of labelled) {
        if (a === b) continue;
        let s = 0;
        for (let d = 0; d < v.dim; d++) {
          const diff = v.data[a.i * v.dim + d] - v.data[b.i * v.dim + d];
          s += diff * diff;
        }
        near.push({ d: s, cat: b.cat });
      }
      near.sort((p, q) => p.d - q.d);
      const votes = new Map<string, number>();
      for (const n of near.slice(0, 5)) votes.set(n.cat, (votes.get(n.cat) ?? 0) + 1 / (1e-6 + Math.sqrt(n.d)));
      const pred = [...votes].sort((p, q) => q[1] - p[1])[0]?.[0] ?? a.cat;
      matrix[ci.get(a.cat)!][ci.get(pred)!]++;
    }
    const perClass = classes.map((name, k) => {
      const tp = matrix[k][k];
      const support = matrix[k].reduce((s, x) => s + x, 0);
      const predicted = matrix.reduce((s, row) => s + row[k], 0);
      const precision = predicted ? tp / predicted : 0;
      const recall = support ? tp / support : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { name, precision, recall, f1, support };
    });
    const macroF1 = perClass.length ? perClass.reduce((s, c) => s + c.f1, 0) / perClass.length : 0;
    return { classes, matrix, perClass, macroF1, labelled: labelled.length, note: 'leave-one-out 5-NN on user, metadata and file-name labels' };
  }
}

/** Spherical k-means clusters: k chosen by silhouette for small libraries, a size-based k for large ones. */
function clusterVectors(data: Float32Array, dim: number, n: number): { cluster: Int32Array; clusters: number } {
  if (n < 6) return { cluster: new Int32Array(n), clusters: 1 };
  const r = n <= 5000 ? chooseKBySilhouette(data, dim, 2, Math.min(16, Math.floor(n / 3)), { seed: 7 }) : sphericalKMeans(data, dim, Math.min(40, Math.round(Math.sqrt(n / 2))), { seed: 7 });
  return { cluster: r.assignment, clusters: r.k };
}

/** Centres the layout in [-1, 1]² with one scale for both axes, so distances on screen keep their proportions. */
function fitSquare(x: Float32Array, y: Float32Array): void {
  const range = (a: Float32Array) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of a) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  };
  const [x0, x1] = range(x);
  const [y0, y1] = range(y);
  const half = Math.max(x1 - x0, y1 - y0) / 2 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (let i = 0; i < x.length; i++) {
    x[i] = (x[i] - cx) / half;
    y[i] = (y[i] - cy) / half;
  }
}
