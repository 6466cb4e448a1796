// The storage behind SimilarityIndex: every vector lives in its inverted list's contiguous run of one VectorMemory
// (lists have spare room and move to the end when full), so probing a list is one sequential SIMD scan.
import { VectorMemory, paddedDim, type KernelKind } from './vector-memory.js';
import type { CoarseQuantiser } from './ivf-train.js';
import { IdRows } from './id-rows.js';

/** Distances are computed for at most this many rows per kernel call. */
export const CHUNK = 4096;

/** A vector is also tried under its second-nearest parent when that is at most this much farther (squared). */
const SECOND_PARENT = 1.25;

export class IvfLayout {
  readonly dimP: number;
  readonly mem: VectorMemory;
  /** Float offsets of the query, weights, distance buffer, leaf centroids, parent centroids and row arena. */
  readonly Q = 0;
  readonly W: number;
  readonly OUT: number;
  readonly CENT: number;
  readonly PAR: number;
  readonly ARENA: number;
  readonly lists: number;
  readonly parents: number;
  readonly childStart: Int32Array;
  readonly listStart: Int32Array;
  readonly listLen: Int32Array;
  readonly listCap: Int32Array;
  rowId: Int32Array;
  rowList: Int32Array;
  readonly rowOf = new IdRows();
  /** Rows of the arena handed out so far, and how many of them were left behind by lists that moved. */
  end = 0;
  garbage = 0;

  /** `q` null: a flat index (one list, exact scans). `caps`: initial room per list. */
  constructor(readonly dim: number, q: CoarseQuantiser | null, caps: Int32Array, kernel?: KernelKind) {
    this.dimP = paddedDim(dim);
    this.lists = q ? q.lists : 1;
    this.parents = q ? q.childStart.length - 1 : 0;
    this.childStart = q ? q.childStart : new Int32Array(0);
    this.W = this.dimP;
    this.OUT = 2 * this.dimP;
    this.CENT = this.OUT + Math.max(CHUNK, this.lists, this.parents);
    this.PAR = this.CENT + (q ? this.lists : 0) * this.dimP;
    this.ARENA = this.PAR + this.parents * this.dimP;
    let rows = 0;
    this.listStart = new Int32Array(this.lists);
    this.listLen = new Int32Array(this.lists);
    this.listCap = Int32Array.from(caps);
    for (let l = 0; l < this.lists; l++) {
      this.listStart[l] = rows;
      rows += caps[l];
    }
    this.end = rows;
    const cap = Math.max(rows, 16);
    this.mem = new VectorMemory(this.ARENA + cap * this.dimP, kernel);
    this.rowId = new Int32Array(cap).fill(-1);
    this.rowList = new Int32Array(cap).fill(-1);
    if (q) {
      this.mem.f32.set(q.centroids, this.CENT);
      this.mem.f32.set(q.parents, this.PAR);
    }
  }

  get size(): number {
    return this.rowOf.size;
  }

  get flat(): boolean {
    return this.parents === 0;
  }

  /** Copies a vector (dim floats) into the query slot, zero padded; weights too when given. */
  loadQuery(v: Float32Array, weights?: Float32Array): void {
    const f = this.mem.f32;
    f.fill(0, this.Q, this.Q + this.dimP);
    f.set(v.subarray(0, this.dim), this.Q);
    if (weights) {
      f.fill(0, this.W, this.W + this.dimP);
      f.set(weights.subarray(0, this.dim), this.W);
    }
  }

  /** Loads row `row` of another layout as the query (no allocation: builds copy a million of these). */
  loadRowAsQuery(src: IvfLayout, row: number): void {
    const o = src.ARENA + row * src.dimP;
    this.mem.f32.set(src.mem.f32.subarray(o, o + this.dimP), this.Q);
  }

  /** Nearest list to the loaded query: nearest two parents, then the nearest of their children. */
  nearestList(): number {
    if (this.flat) return 0;
    const { mem, dimP, OUT } = this;
    const f = mem.f32;
    mem.l2(this.Q, this.PAR, this.parents, dimP, OUT);
    let p1 = 0;
    let p2 = -1;
    for (let p = 1; p < this.parents; p++) {
      if (f[OUT + p] < f[OUT + p1]) {
        p2 = p1;
        p1 = p;
      } else if (p2 < 0 || f[OUT + p] < f[OUT + p2]) p2 = p;
    }
    let best = -1;
    let bd = Infinity;
    // The runner-up parent only matters for vectors near the border between the two.
    const both = p2 >= 0 && f[OUT + p2] <= f[OUT + p1] * SECOND_PARENT;
    for (const p of both ? [p1, p2] : [p1]) {
      const a = this.childStart[p];
      const n = this.childStart[p + 1] - a;
      mem.l2(this.Q, this.CENT + a * dimP, n, dimP, OUT);
      for (let c = 0; c < n; c++) {
        if (f[OUT + c] < bd) {
          bd = f[OUT + c];
          best = a + c;
        }
      }
    }
    return best;
  }

  /** Squared distances from the loaded query to every leaf centroid, into OUT. */
  centroidDistances(weighted: boolean): void {
    if (weighted) this.mem.l2w(this.Q, this.CENT, this.lists, this.dimP, this.OUT, this.W);
    else this.mem.l2(this.Q, this.CENT, this.lists, this.dimP, this.OUT);
  }

  /** Squared distances from the loaded query to rows [a, a + n) of list l (n ≤ CHUNK) into OUT; returns the first row. */
  chunkDistances(l: number, a: number, n: number, weighted: boolean): number {
    const row = this.listStart[l] + a;
    const base = this.ARENA + row * this.dimP;
    if (weighted) this.mem.l2w(this.Q, base, n, this.dimP, this.OUT, this.W);
    else this.mem.l2(this.Q, base, n, this.dimP, this.OUT);
    return row;
  }

  vector(id: number): Float32Array | null {
    const r = this.rowOf.get(id);
    if (r === undefined) return null;
    const o = this.ARENA + r * this.dimP;
    return this.mem.f32.slice(o, o + this.dim);
  }

  /** Inserts (or moves) id with vector v into list l. */
  insert(id: number, v: Float32Array, l: number): void {
    let r = this.rowOf.get(id);
    if (r !== undefined && this.rowList[r] !== l) {
      this.remove(id);
      r = undefined;
    }
    if (r === undefined) {
      if (this.listLen[l] === this.listCap[l]) this.moveListToEnd(l);
      r = this.listStart[l] + this.listLen[l]++;
      this.rowOf.set(id, r);
      this.rowId[r] = id;
      this.rowList[r] = l;
    }
    const o = this.ARENA + r * this.dimP;
    const f = this.mem.f32;
    f.fill(0, o, o + this.dimP);
    f.set(v.subarray(0, this.dim), o);
  }

  remove(id: number): boolean {
    const r = this.rowOf.get(id);
    if (r === undefined) return false;
    const l = this.rowList[r];
    const last = this.listStart[l] + --this.listLen[l];
    if (last !== r) {
      const f = this.mem.f32;
      const dimP = this.dimP;
      f.copyWithin(this.ARENA + r * dimP, this.ARENA + last * dimP, this.ARENA + (last + 1) * dimP);
      const moved = this.rowId[last];
      this.rowId[r] = moved;
      this.rowOf.set(moved, r);
    }
    this.rowId[last] = -1;
    this.rowList[last] = -1;
    this.rowOf.delete(id);
    return true;
  }

  /** Ids in storage order (list by list). */
  *ids(): Generator<number> {
    for (let l = 0; l < this.lists; l++) for (let r = this.listStart[l]; r < this.listStart[l] + this.listLen[l]; r++) yield this.rowId[r];
  }

  get bytes(): number {
    return this.mem.bytes + this.rowId.byteLength * 2 + this.rowOf.bytes;
  }

  private moveListToEnd(l: number): void {
    const cap = this.listCap[l];
    const next = Math.max(8, Math.ceil(cap * 1.5));
    this.ensureRows(this.end + next);
    const from = this.listStart[l];
    const len = this.listLen[l];
    const { dimP, ARENA } = this;
    this.mem.f32.copyWithin(ARENA + this.end * dimP, ARENA + from * dimP, ARENA + (from + len) * dimP);
    for (let i = 0; i < len; i++) {
      const id = this.rowId[from + i];
      this.rowId[this.end + i] = id;
      this.rowList[this.end + i] = l;
      this.rowOf.set(id, this.end + i);
      this.rowId[from + i] = -1;
      this.rowList[from + i] = -1;
    }
    this.listStart[l] = this.end;
    this.listCap[l] = next;
    this.end += next;
    this.garbage += cap;
  }

  private ensureRows(rows: number): void {
    if (rows <= this.rowId.length) return;
    const cap = Math.max(rows, Math.ceil(this.rowId.length * 1.5));
    this.mem.ensure(this.ARENA + cap * this.dimP);
    const ids = new Int32Array(cap).fill(-1);
    ids.set(this.rowId);
    this.rowId = ids;
    const ls = new Int32Array(cap).fill(-1);
    ls.set(this.rowList);
    this.rowList = ls;
  }
}
