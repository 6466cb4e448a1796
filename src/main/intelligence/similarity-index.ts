// Approximate nearest-neighbour search for "find similar": an IVF index (two-level k-means coarse quantiser,
// several lists probed) whose lists are contiguous runs scanned with a WebAssembly SIMD kernel, with exact float
// distances. Supports filters, aspect weights and incremental add/update/remove so a rescan never rebuilds it;
// buildAsync() builds a million vectors in seconds without blocking the event loop.
import { CHUNK, IvfLayout } from './ivf-layout.js';
import { trainQuantiserSteps, type CoarseQuantiser } from './ivf-train.js';
import { paddedDim, type KernelKind } from './vector-memory.js';
import { TopK, rng } from './vector-math.js';

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
  /**
   * Only these ids, like `filter` but as a set: when it is small next to the index (a category in a big library)
   * its members are scored exactly, one by one, instead of probing lists where few of them live.
   */
  subset?: ReadonlySet<number>;
}

export interface Neighbour {
  id: number;
  /** Euclidean (or weighted Euclidean) distance. */
  distance: number;
}

export interface BuildOptions {
  /** Inverted lists (default √n). */
  lists?: number;
  /** Seeds the training sample and k-means: the same vectors, insertion order and seed give the same index. */
  seed?: number;
  /** Vectors the quantiser is trained on (default 40 per list, at least 10,000). */
  trainSample?: number;
}

export interface IndexOptions {
  /** 'js' forces the scalar fallback kernel (tests compare both). */
  kernel?: KernelKind;
}

export interface IndexStats {
  size: number;
  /** 1 until build(). */
  lists: number;
  built: boolean;
  kernel: KernelKind;
  /** Bytes held by vectors, lists and the id map. */
  bytes: number;
  largestList: number;
}

/**
 * Subsets up to this size, or a sixteenth of the index, are scored exactly, member by member in storage order.
 * Below that share the nearest lists hold too few members and probing them misses the best ones (recall 0.92 at 1M
 * for a category far from the query); above it, they hold plenty and the lists are faster.
 */
const SUBSET_EXACT = 20000;

/** Milliseconds of buildAsync work between yields to the event loop. */
const SLICE_MS = 12;

export class SimilarityIndex {
  private layout: IvfLayout;
  private quantiser: CoarseQuantiser | null = null;
  private building: Promise<void> | null = null;
  /** Ids touched while an async build runs; re-applied to the new layout when it is swapped in. */
  private dirty: Set<number> | null = null;
  defaultNprobe = 12;

  constructor(readonly dim: number, capacity = 1024, private readonly opts: IndexOptions = {}) {
    this.layout = new IvfLayout(dim, null, Int32Array.of(Math.max(16, capacity)), opts.kernel);
  }

  get size(): number {
    return this.layout.size;
  }

  has(id: number): boolean {
    return this.layout.rowOf.has(id);
  }

  vector(id: number): Float32Array | null {
    return this.layout.vector(id);
  }

  stats(): IndexStats {
    const L = this.layout;
    let largestList = 0;
    for (let l = 0; l < L.lists; l++) largestList = Math.max(largestList, L.listLen[l]);
    return { size: L.size, lists: L.lists, built: !L.flat, kernel: L.mem.kind, bytes: L.bytes, largestList };
  }

  /** Builds the coarse quantiser from the current vectors; call after a bulk load (add() works before and after). */
  build(opts: BuildOptions = {}): void {
    if (this.building) throw new Error('SimilarityIndex.build: an async build is already running');
    const steps = this.buildSteps(opts);
    while (!steps.next().done);
  }

  /** build() in slices of a few milliseconds, so a million-vector build never blocks the event loop. */
  buildAsync(opts: BuildOptions = {}): Promise<void> {
    this.building ??= (async () => {
      this.dirty = new Set();
      try {
        const steps = this.buildSteps(opts);
        for (;;) {
          const t = performance.now();
          let done = false;
          while (!done && performance.now() - t < SLICE_MS) done = !!steps.next().done;
          if (done) break;
          await new Promise<void>((r) => setImmediate(r));
        }
      } finally {
        this.dirty = null;
        this.building = null;
      }
    })();
    return this.building;
  }

  /** Adds or replaces the vector for an id. */
  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`SimilarityIndex.add: vector for id ${id} has ${vector.length} dims, index has ${this.dim}`);
    if ((id | 0) !== id) throw new Error(`SimilarityIndex.add: id ${id} is not a 32-bit integer`);
    this.dirty?.add(id);
    this.insert(this.layout, id, vector);
  }

  remove(id: number): boolean {
    this.dirty?.add(id);
    return this.layout.remove(id);
  }

  search(query: Float32Array, opts: SearchOptions): Neighbour[] {
    const L = this.layout;
    const { k } = opts;
    const top = new TopK(k);
    L.loadQuery(query, opts.weights);
    if (opts.subset && opts.subset.size <= Math.max(SUBSET_EXACT, L.size / 16)) {
      this.scoreSubset(L, opts.subset, top, opts);
      return toNeighbours(top);
    }
    if (L.flat) {
      this.scan(L, 0, top, opts);
      return toNeighbours(top);
    }
    const nl = L.lists;
    let nprobe = Math.min(nl, Math.max(1, opts.nprobe ?? this.defaultNprobe));
    L.centroidDistances(!!opts.weights);
    const cd = L.mem.f32.slice(L.OUT, L.OUT + nl);
    // Only the nearest `nprobe` lists are needed unless a filter forces a wider search.
    const first = new TopK(nprobe);
    for (let c = 0; c < nl; c++) first.push(c, cd[c]);
    for (let p = 0; p < first.size; p++) this.scan(L, first.ids[p], top, opts);
    const filtered = !!(opts.filter || opts.allowed || opts.subset);
    if (nprobe >= nl || (top.size >= k && !filtered)) return toNeighbours(top);
    const order = Int32Array.from({ length: nl }, (_, i) => i).sort((a, b) => cd[a] - cd[b] || a - b);
    // With a filter the nearest lists may hold only a few passing sounds, none of them close: go on through lists
    // whose centroid is nearer than the current k-th hit (up to 8× nprobe), and widen until k are found at all.
    const cap = Math.min(nl, nprobe * 8);
    let probed = nprobe;
    while (probed < nl) {
      if (top.size >= k) {
        if (probed >= cap || cd[order[probed]] >= top.worst) break;
        this.scan(L, order[probed++], top, opts);
      } else {
        nprobe = Math.min(nl, nprobe * 2);
        for (; probed < nprobe; probed++) this.scan(L, order[probed], top, opts);
      }
    }
    return toNeighbours(top);
  }

  /** Exact scan (the reference for recall, and fine for small libraries). */
  searchExact(query: Float32Array, opts: SearchOptions): Neighbour[] {
    const L = this.layout;
    const top = new TopK(opts.k);
    L.loadQuery(query, opts.weights);
    for (let l = 0; l < L.lists; l++) this.scan(L, l, top, opts);
    return toNeighbours(top);
  }

  private scoreSubset(L: IvfLayout, subset: ReadonlySet<number>, top: TopK, opts: SearchOptions): void {
    const { exclude, allowed, filter } = opts;
    // Visiting the members in storage order turns random reads of a large arena into a forward sweep.
    const rows = new Int32Array(subset.size);
    let m = 0;
    for (const id of subset) {
      const row = L.rowOf.get(id);
      if (row !== undefined && id !== exclude && !(allowed && allowed[id] === 0)) rows[m++] = row;
    }
    const f = L.mem.f32;
    for (const row of rows.subarray(0, m).sort()) {
      if (opts.weights) L.mem.l2w(L.Q, L.ARENA + row * L.dimP, 1, L.dimP, L.OUT, L.W);
      else L.mem.l2(L.Q, L.ARENA + row * L.dimP, 1, L.dimP, L.OUT);
      const d = f[L.OUT];
      const id = L.rowId[row];
      if (d < top.worst && (!filter || filter(id))) top.push(id, d);
    }
  }

  /** Pushes list l's rows that pass the filters into top. The filter runs only for rows that would enter it. */
  private scan(L: IvfLayout, l: number, top: TopK, opts: SearchOptions): void {
    const { exclude, allowed, filter, subset } = opts;
    const weighted = !!opts.weights;
    const len = L.listLen[l];
    for (let a = 0; a < len; a += CHUNK) {
      const n = Math.min(CHUNK, len - a);
      const row0 = L.chunkDistances(l, a, n, weighted);
      const f = L.mem.f32;
      const out = L.OUT;
      const rowId = L.rowId;
      let worst = top.worst;
      for (let r = 0; r < n; r++) {
        const d = f[out + r];
        if (d >= worst) continue;
        const id = rowId[row0 + r];
        if (id === exclude || (allowed && allowed[id] === 0) || (subset && !subset.has(id)) || (filter && !filter(id))) continue;
        top.push(id, d);
        worst = top.worst;
      }
    }
  }

  private insert(L: IvfLayout, id: number, v: Float32Array): void {
    L.loadQuery(v);
    L.insert(id, v, L.nearestList());
    // Lists that outgrew their room leave holes behind; compact once they are half the arena.
    if (L.garbage > 4096 && L.garbage * 2 > L.end) this.layout = this.relayout(L, this.quantiser);
  }

  /** Copies every vector into a fresh layout for `q` (lists sized to fit, with a little room to grow). */
  private relayout(old: IvfLayout, q: CoarseQuantiser | null): IvfLayout {
    const steps = this.relayoutSteps(old, q);
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  private *relayoutSteps(old: IvfLayout, q: CoarseQuantiser | null): Generator<void, IvfLayout> {
    const ids = yield* collectIds(old);
    const listOf = new Int32Array(ids.length);
    const probe = new IvfLayout(this.dim, q, new Int32Array(q ? q.lists : 1), this.opts.kernel);
    const counts = new Int32Array(probe.lists);
    for (let i = 0; i < ids.length; i++) {
      // An id removed during an async build has no vector any more; it is simply left out.
      const r = old.rowOf.get(ids[i]);
      listOf[i] = -1;
      if (r === undefined) continue;
      probe.loadRowAsQuery(old, r);
      listOf[i] = probe.nearestList();
      counts[listOf[i]]++;
      if ((i & 1023) === 1023) yield;
    }
    const caps = Int32Array.from(counts, (c) => c + Math.max(4, Math.ceil(c / 8)));
    const fresh = new IvfLayout(this.dim, q, caps, this.opts.kernel);
    const dimP = paddedDim(this.dim);
    for (let i = 0; i < ids.length; i++) {
      const r = old.rowOf.get(ids[i]);
      if (r === undefined || listOf[i] < 0) continue;
      fresh.insert(ids[i], old.mem.f32.subarray(old.ARENA + r * dimP, old.ARENA + r * dimP + this.dim), listOf[i]);
      if ((i & 4095) === 4095) yield;
    }
    return fresh;
  }

  private *buildSteps(opts: BuildOptions): Generator<void> {
    const L = this.layout;
    const n = L.size;
    if (n === 0) return;
    const lists = Math.max(1, Math.min(opts.lists ?? Math.round(Math.sqrt(n)), n));
    const seed = opts.seed ?? 3;
    const m = Math.min(n, opts.trainSample ?? Math.max(lists * 40, 10000));
    const dimP = paddedDim(this.dim);
    // A seeded sample of ids in storage order: deterministic for the same insertion history.
    const ids = yield* collectIds(L);
    const rand = rng(seed);
    const sample = new Float32Array(m * dimP);
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rand() * (ids.length - i));
      const id = ids[j];
      ids[j] = ids[i];
      ids[i] = id;
      // An id removed while an async build waited has no row: its slot in the sample stays zero.
      const r = this.layout.rowOf.get(id);
      if (r !== undefined) sample.set(this.layout.mem.f32.subarray(this.layout.ARENA + r * dimP, this.layout.ARENA + (r + 1) * dimP), i * dimP);
      if ((i & 8191) === 8191) yield;
    }
    yield;
    const q = yield* trainQuantiserSteps(sample, dimP, { lists, seed, kernel: this.opts.kernel });
    const fresh = yield* this.relayoutSteps(L, q);
    // Vectors added, changed or removed while an async build ran are brought over from the live layout; a removal
    // also moves another id's row, so a changed build ends with a full membership check.
    const live = this.layout;
    if (this.dirty?.size) {
      for (const id of this.dirty) {
        const v = live.vector(id);
        if (v) {
          fresh.loadQuery(v);
          fresh.insert(id, v, fresh.nearestList());
        } else fresh.remove(id);
      }
      for (const id of collectIdsNow(live)) {
        if (fresh.rowOf.has(id)) continue;
        const v = live.vector(id)!;
        fresh.loadQuery(v);
        fresh.insert(id, v, fresh.nearestList());
      }
      for (const id of collectIdsNow(fresh)) if (!live.rowOf.has(id)) fresh.remove(id);
      this.dirty.clear();
    }
    this.quantiser = q;
    this.layout = fresh;
  }
}

/** Every id of a layout, list by list, yielding every 64k so a million ids never stall the event loop. */
function* collectIds(L: IvfLayout): Generator<void, Int32Array> {
  const out = new Int32Array(L.size);
  let i = 0;
  for (let l = 0; l < L.lists; l++) {
    const end = L.listStart[l] + L.listLen[l];
    for (let r = L.listStart[l]; r < end; r++) {
      out[i++] = L.rowId[r];
      if ((i & 65535) === 0) yield;
    }
  }
  return out;
}

function collectIdsNow(L: IvfLayout): Int32Array {
  const steps = collectIds(L);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

function toNeighbours(top: TopK): Neighbour[] {
  const out: Neighbour[] = [];
  for (let i = 0; i < top.size; i++) out.push({ id: top.ids[i], distance: Math.sqrt(Math.max(0, top.dists[i])) });
  return out;
}
