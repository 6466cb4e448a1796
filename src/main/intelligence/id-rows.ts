// id → row lookup for the similarity index: a flat Int32Array for the small non-negative integer ids a library
// uses (SQLite row ids), a Map only for anything else. A million Map.set calls were a fifth of a 1M-vector build.

/** Ids below this always go to the flat table (4 MB); above, only while the table stays ≤ 4 slots per entry. */
const ALWAYS_DENSE = 1 << 20;

export class IdRows {
  /** row + 1 per id; 0 = absent. Invariant: every id below dense.length lives here, never in `sparse`. */
  private dense = new Int32Array(1024);
  private readonly sparse = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.dense.byteLength + this.sparse.size * 40;
  }

  get(id: number): number | undefined {
    if (this.inDense(id)) {
      const r = this.dense[id];
      return r ? r - 1 : undefined;
    }
    return this.sparse.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, row: number): void {
    if (!this.inDense(id) && Number.isInteger(id) && id >= 0 && id < Math.max(ALWAYS_DENSE, 4 * (this.count + 1))) this.grow(id + 1);
    if (this.inDense(id)) {
      if (!this.dense[id]) this.count++;
      this.dense[id] = row + 1;
      return;
    }
    if (!this.sparse.has(id)) this.count++;
    this.sparse.set(id, row);
  }

  delete(id: number): boolean {
    if (this.inDense(id)) {
      if (!this.dense[id]) return false;
      this.dense[id] = 0;
      this.count--;
      return true;
    }
    const had = this.sparse.delete(id);
    if (had) this.count--;
    return had;
  }

  private inDense(id: number): boolean {
    return id >= 0 && id < this.dense.length && Number.isInteger(id);
  }

  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.dense.length * 2));
    next.set(this.dense);
    this.dense = next;
    // Keep the invariant: ids the table now covers move out of the map.
    for (const [id, row] of this.sparse) {
      if (Number.isInteger(id) && id >= 0 && id < next.length) {
        next[id] = row + 1;
        this.sparse.delete(id);
      }
    }
  }
}
