// Approximate nearest-neighbour search for "find similar": an IVF index (spherical k-means coarse quantiser over
// Euclidean vectors, several lists probed) with exact float distances inside the probed lists. Supports filters,
// aspect weights and incremental add/update/remove so a rescan never rebuilds the index.
import { sphericalKMeans } from './kmeans.js';
import { TopK, sqDist, sqDistWeighted, rng } from './vector-math.js';

export interface SearchOptions {
  k: number;
  /** Only ids for which this is true are returned (category, kind, duration, pitch filters). */
  filter?: (id: number) => boolean;
  /** Alternative to `filter`: allowed[id] !== 0. */
  allowed?: Uint8Array;
  /** Per-dimension weights (see aspectWeightVector); distances become sum w_i d_i^2. */
  weights?: Float32Array;
  /** Lists to probe; more = better recall, slower. */
  nprobe?: number;
  /** Leave this id out (the query sample itself). */
  exclude?: number;
}

export interface Neighbour {
  id: number;
  /** Euclidean (or weighted Euclidean) distance. */
  distance: number;
}

export class SimilarityIndex {
  private vectors: Float32Array;
  private slotId: Int32Array;
  private readonly slotOf = new Map<number, number>();
  private readonly free: number[] = [];
  private used = 0;
  private centroids = new Float32Array(0);
  private lists: number[][] = [];
  private listOfSlot: Int32Array;
  defaultNprobe = 12;

  constructor(readonly dim: number, capacity = 1024) {
    this.vectors = new Float32Array(capacity * dim);
    this.slotId = new Int32Array(capacity).fill(-1);
    this.listOfSlot = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  vector(id: number): Float32Array | null {
    const s = this.slotOf.get(id);
    return s === undefined ? null : this.vectors.slice(s * this.dim, (s + 1) * this.dim);
  }

  /** Builds the coarse quantiser from the current vectors; call after a bulk load (add() works before and after). */
  build(opts: { lists?: number; seed?: number; trainSample?: number } = {}): void {
    const n = this.size;
    const nl = Math.max(1, Math.min(opts.lists ?? Math.round(Math.sqrt(n)), n));
    const sampleSize = Math.min(n, opts.trainSample ?? Math.max(nl * 10, 2000));
    const rand = rng(opts.seed ?? 3);
    const slots = [...this.slotOf.values()];
    const train = new Float32Array(sampleSize * this.dim);
    for (let i = 0; i < sampleSize; i++) {
      const s = n === sampleSize ? slots[i] : slots[Math.floor(rand() * n)];
      train.set(this.vectors.subarray(s * this.dim, (s + 1) * this.dim), i * this.dim);
    }
    const km = sphericalKMeans(train, this.dim, nl, { seed: opts.seed ?? 3, maxIterations: 6 });
    // Euclidean centroids (mean of members) assign better than the unit-length ones for L2 search.
    const sums = new Float64Array(km.k * this.dim);
    const counts = new Int32Array(km.k);
    for (let i = 0; i < sampleSize; i++) {
      counts[km.assignment[i]]++;
      for (let j = 0; j < this.dim; j++) sums[km.assignment[i] * this.dim + j] += train[i * this.dim + j];
    }
    this.centroids = new Float32Array(km.k * this.dim);
    for (let c = 0; c < km.k; c++) for (let j = 0; j < this.dim; j++) this.centroids[c * this.dim + j] = counts[c] ? sums[c * this.dim + j] / counts[c] : km.centroids[c * this.dim + j];
    this.lists = Array.from({ length: km.k }, () => []);
    for (const s of slots) this.assign(s);
  }

  /** Adds or replaces the vector for an id. */
  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`SimilarityIndex.add: vector for id ${id} has ${vector.length} dims, index has ${this.dim}`);
    let s = this.slotOf.get(id);
    if (s !== undefined) this.unassign(s);
    else {
      s = this.free.pop() ?? this.used++;
      this.ensureCapacity(s + 1);
      this.slotOf.set(id, s);
      this.slotId[s] = id;
    }
    this.vectors.set(vector, s * this.dim);
    if (this.lists.length) this.assign(s);
  }

  remove(id: number): boolean {
    const s = this.slotOf.get(id);
    if (s === undefined) return false;
    this.unassign(s);
    this.slotOf.delete(id);
    this.slotId[s] = -1;
    this.free.push(s);
    return true;
  }

  search(query: Float32Array, opts: SearchOptions): Neighbour[] {
    const { k, weights } = opts;
    const ok = (id: number) => id !== opts.exclude && (!opts.allowed || opts.allowed[id] !== 0) && (!opts.filter || opts.filter(id));
    const top = new TopK(k);
    const dist = (s: number) => (weights ? sqDistWeighted(query, 0, this.vectors, s * this.dim, weights) : sqDist(query, 0, this.vectors, s * this.dim, this.dim));
    if (!this.lists.length) {
      for (const [id, s] of this.slotOf) if (ok(id)) top.push(id, dist(s));
      return toNeighbours(top);
    }
    const nl = this.lists.length;
    const order = new Float64Array(nl);
    for (let c = 0; c < nl; c++) order[c] = weights ? sqDistWeighted(query, 0, this.centroids, c * this.dim, weights) : sqDist(query, 0, this.centroids, c * this.dim, this.dim);
    const probeOrder = Array.from({ length: nl }, (_, i) => i).sort((a, b) => order[a] - order[b]);
    let nprobe = Math.min(nl, opts.nprobe ?? this.defaultNprobe);
    let probed = 0;
    // A narrow filter can leave the probed lists nearly empty: keep widening until k results are found.
    while (probed < nl) {
      for (; probed < nprobe; probed++) {
        for (const s of this.lists[probeOrder[probed]]) {
          const id = this.slotId[s];
          if (ok(id)) top.push(id, dist(s));
        }
      }
      if (top.size >= k || nprobe >= nl) break;
      nprobe = Math.min(nl, nprobe * 2);
    }
    return toNeighbours(top);
  }

  /** Exact scan (the reference for recall, and fine for small libraries). */
  searchExact(query: Float32Array, opts: SearchOptions): Neighbour[] {
    const top = new TopK(opts.k);
    for (const [id, s] of this.slotOf) {
      if (id === opts.exclude || (opts.allowed && !opts.allowed[id]) || (opts.filter && !opts.filter(id))) continue;
      top.push(id, opts.weights ? sqDistWeighted(query, 0, this.vectors, s * this.dim, opts.weights) : sqDist(query, 0, this.vectors, s * this.dim, this.dim));
    }
    return toNeighbours(top);
  }

  private assign(s: number): void {
    let bc = 0;
    let bd = Infinity;
    for (let c = 0; c < this.lists.length; c++) {
      const d = sqDist(this.vectors, s * this.dim, this.centroids, c * this.dim, this.dim);
      if (d < bd) {
        bd = d;
        bc = c;
      }
    }
    this.lists[bc].push(s);
    this.listOfSlot[s] = bc;
  }

  private unassign(s: number): void {
    const l = this.listOfSlot[s];
    if (l < 0) return;
    const list = this.lists[l];
    const at = list.indexOf(s);
    if (at >= 0) {
      list[at] = list[list.length - 1];
      list.pop();
    }
    this.listOfSlot[s] = -1;
  }

  private ensureCapacity(slots: number): void {
    if (slots <= this.slotId.length) return;
    const cap = Math.max(slots, this.slotId.length * 2);
    const v = new Float32Array(cap * this.dim);
    v.set(this.vectors);
    this.vectors = v;
    const ids = new Int32Array(cap).fill(-1);
    ids.set(this.slotId);
    this.slotId = ids;
    const ls = new Int32Array(cap).fill(-1);
    ls.set(this.listOfSlot);
    this.listOfSlot = ls;
  }
}

function toNeighbours(top: TopK): Neighbour[] {
  const out: Neighbour[] = [];
  for (let i = 0; i < top.size; i++) out.push({ id: top.ids[i], distance: Math.sqrt(top.dists[i]) });
  return out;
}
