// ITU-R BS.1770 K-weighting (high-shelf pre-filter + RLB high-pass) designed from the analog prototype for any
// sample rate, so 44.1/96 kHz files are measured as correctly as the standard's 48 kHz coefficient table.

export interface Biquad {
  b0: number; b1: number; b2: number; a1: number; a2: number;
}

/** Shelf and high-pass parameters that reproduce the BS.1770 48 kHz coefficients exactly at 48 kHz. */
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_F0 = 1681.974450955533;
const SHELF_Q = 0.7071752369554196;
const HP_F0 = 38.13547087602444;
const HP_Q = 0.5003270373238773;

export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  let k = Math.tan((Math.PI * SHELF_F0) / sampleRate);
  const vh = Math.pow(10, SHELF_GAIN_DB / 20);
  const vb = Math.pow(vh, 0.4996667741545416);
  let a0 = 1 + k / SHELF_Q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
  k = Math.tan((Math.PI * HP_F0) / sampleRate);
  a0 = 1 + k / HP_Q + k * k;
  const hp: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / HP_Q + k * k) / a0 };
  return [shelf, hp];
}

export interface LevelStats {
  peak: number;
  sumSq: number;
  sum: number;
  clipRun: number;
  clipped: boolean;
}

/** K-weighting state for one channel; returns the sum of squared weighted samples of each run. */
export class KWeighting {
  private readonly s: Biquad;
  private readonly h: Biquad;
  private x1 = 0; private x2 = 0; private y1 = 0; private y2 = 0;
  private z1 = 0; private z2 = 0;

  constructor(sampleRate: number) {
    [this.s, this.h] = kWeightingFilters(sampleRate);
  }

  /** Plain (unweighted) level statistics gathered in the same pass by `sumSquaresWithStats`. */
  static newStats(): LevelStats {
    return { peak: 0, sumSq: 0, sum: 0, clipRun: 0, clipped: false };
  }

  /** Like sumSquares, and also accumulates peak, Σx², Σx and clipping (≥ 3 samples at full scale) into `st`. */
  sumSquaresWithStats(x: Float32Array, from: number, to: number, st: LevelStats): number {
    const { b0, b1, b2, a1, a2 } = this.s;
    const h = this.h;
    const ha1 = h.a1, ha2 = h.a2;
    let x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2, z1 = this.z1, z2 = this.z2;
    let acc = 0;
    let pk = st.peak, sq = 0, sm = 0, run = st.clipRun, clipped = st.clipped;
    for (let i = from; i < to; i++) {
      const x0 = x[i];
      const a = x0 < 0 ? -x0 : x0;
      if (a > pk) pk = a;
      sq += x0 * x0;
      sm += x0;
      if (a >= 0.9999) {
        if (++run >= 3 || a > 1.0001) clipped = true;
      } else run = 0;
      const y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1; x1 = x0;
      const w = y0 - ha1 * z1 - ha2 * z2;
      const out = w - 2 * z1 + z2;
      z2 = z1; z1 = w;
      y2 = y1; y1 = y0;
      acc += out * out;
    }
    this.x1 = x1; this.x2 = x2; this.y1 = y1; this.y2 = y2; this.z1 = z1; this.z2 = z2;
    st.peak = pk; st.sumSq += sq; st.sum += sm; st.clipRun = run; st.clipped = clipped;
    return acc;
  }

  /** Filters x[from, to) and returns Σ y². */
  sumSquares(x: Float32Array, from: number, to: number): number {
    const { b0, b1, b2, a1, a2 } = this.s;
    const h = this.h;
    const ha1 = h.a1, ha2 = h.a2;
    let x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2, z1 = this.z1, z2 = this.z2;
    let acc = 0;
    for (let i = from; i < to; i++) {
      const x0 = x[i];
      const y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1; x1 = x0;
      // The high-pass in direct form II: numerator is (1, -2, 1).
      const w = y0 - ha1 * z1 - ha2 * z2;
      const out = w - 2 * z1 + z2;
      z2 = z1; z1 = w;
      y2 = y1; y1 = y0;
      acc += out * out;
    }
    this.x1 = x1; this.x2 = x2; this.y1 = y1; this.y2 = y2; this.z1 = z1; this.z2 = z2;
    return acc;
  }
}
