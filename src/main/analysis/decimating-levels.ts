// Min/max buckets that halve their resolution when full, so any stream length fits a fixed memory budget.

export class DecimatingMinMax {
  framesPerPeak: number;
  count = 0;
  private min: Float32Array;
  private max: Float32Array;
  private fill = 0;
  private curMin = Infinity;
  private curMax = -Infinity;

  constructor(framesPerPeak: number, readonly capacity: number) {
    this.framesPerPeak = Math.max(1, Math.round(framesPerPeak));
    this.min = new Float32Array(Math.min(capacity, 1024));
    this.max = new Float32Array(Math.min(capacity, 1024));
  }

  push(x: Float32Array, n: number): void {
    let fill = this.fill, lo = this.curMin, hi = this.curMax;
    let i = 0;
    // Bucket by bucket, so the inner loop is a bare min/max scan.
    while (i < n) {
      const end = Math.min(n, i + (this.framesPerPeak - fill));
      for (let j = i; j < end; j++) {
        const v = x[j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      fill += end - i;
      i = end;
      if (fill === this.framesPerPeak) {
        // store() may halve, which changes framesPerPeak and the partial bucket; re-read both.
        this.fill = 0; this.curMin = Infinity; this.curMax = -Infinity;
        this.store(lo, hi);
        fill = this.fill; lo = this.curMin; hi = this.curMax;
      }
    }
    this.fill = fill; this.curMin = lo; this.curMax = hi;
  }

  private store(lo: number, hi: number): void {
    if (this.count === this.capacity) this.halve();
    if (this.count === this.min.length) {
      const size = Math.min(this.capacity, this.min.length * 2);
      const a = new Float32Array(size); a.set(this.min); this.min = a;
      const b = new Float32Array(size); b.set(this.max); this.max = b;
    }
    this.min[this.count] = lo;
    this.max[this.count] = hi;
    this.count++;
  }

  private halve(): void {
    const half = this.count >> 1;
    for (let i = 0; i < half; i++) {
      this.min[i] = Math.min(this.min[2 * i], this.min[2 * i + 1]);
      this.max[i] = Math.max(this.max[2 * i], this.max[2 * i + 1]);
    }
    // An odd last bucket starts the next merged pair.
    if (this.count & 1) {
      this.curMin = Math.min(this.curMin, this.min[this.count - 1]);
      this.curMax = Math.max(this.curMax, this.max[this.count - 1]);
      this.fill += this.framesPerPeak;
    }
    this.count = half;
    this.framesPerPeak *= 2;
  }

  /** Final buckets, including a partial last one. */
  result(): { framesPerPeak: number; min: Float32Array; max: Float32Array } {
    const extra = this.fill > 0 ? 1 : 0;
    const min = new Float32Array(this.count + extra);
    const max = new Float32Array(this.count + extra);
    min.set(this.min.subarray(0, this.count));
    max.set(this.max.subarray(0, this.count));
    if (extra) {
      min[this.count] = this.curMin;
      max[this.count] = this.curMax;
    }
    return { framesPerPeak: this.framesPerPeak, min, max };
  }
}
