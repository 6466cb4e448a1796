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

  /**
   * `sumSquaresWithStats` for two channels at once, returning wa·Σya² + wb·Σyb². The filters are recursive, so one
   * channel alone is latency-bound; interleaving two independent channels keeps the FPU busy (stereo is the norm).
   */
  static sumSquaresPairWithStats(fa: KWeighting, fb: KWeighting, xa: Float32Array, xb: Float32Array, from: number, to: number, sa: LevelStats, sb: LevelStats, wa: number, wb: number): number {
    // Both channels run the same design (one sample rate).
    const { b0, b1, b2, a1, a2 } = fa.s;
    const ha1 = fa.h.a1, ha2 = fa.h.a2;
    let px1 = fa.x1, px2 = fa.x2, py1 = fa.y1, py2 = fa.y2, pz1 = fa.z1, pz2 = fa.z2;
    let qx1 = fb.x1, qx2 = fb.x2, qy1 = fb.y1, qy2 = fb.y2, qz1 = fb.z1, qz2 = fb.z2;
    let accA = 0, accB = 0;
    let pkA = sa.peak, sqA = 0, smA = 0, runA = sa.clipRun, clipA = sa.clipped;
    let pkB = sb.peak, sqB = 0, smB = 0, runB = sb.clipRun, clipB = sb.clipped;
    for (let i = from; i < to; i++) {
      const p0 = xa[i];
      const q0 = xb[i];
      const pa = p0 < 0 ? -p0 : p0;
      const qa = q0 < 0 ? -q0 : q0;
      if (pa > pkA) pkA = pa;
      if (qa > pkB) pkB = qa;
      sqA += p0 * p0;
      sqB += q0 * q0;
      smA += p0;
      smB += q0;
      if (pa >= 0.9999) {
        if (++runA >= 3 || pa > 1.0001) clipA = true;
      } else runA = 0;
      if (qa >= 0.9999) {
        if (++runB >= 3 || qa > 1.0001) clipB = true;
      } else runB = 0;
      // The last-sample feedback term goes last: the loop-carried chain is then one multiply and one subtract.
      const py0 = b0 * p0 + b1 * px1 + b2 * px2 - a2 * py2 - a1 * py1;
      const qy0 = b0 * q0 + b1 * qx1 + b2 * qx2 - a2 * qy2 - a1 * qy1;
      px2 = px1; px1 = p0;
      qx2 = qx1; qx1 = q0;
      const pw = py0 - ha2 * pz2 - ha1 * pz1;
      const qw = qy0 - ha2 * qz2 - ha1 * qz1;
      const po = pw - 2 * pz1 + pz2;
      const qo = qw - 2 * qz1 + qz2;
      pz2 = pz1; pz1 = pw;
      qz2 = qz1; qz1 = qw;
      py2 = py1; py1 = py0;
      qy2 = qy1; qy1 = qy0;
      accA += po * po;
      accB += qo * qo;
    }
    fa.x1 = px1; fa.x2 = px2; fa.y1 = py1; fa.y2 = py2; fa.z1 = pz1; fa.z2 = pz2;
    fb.x1 = qx1; fb.x2 = qx2; fb.y1 = qy1; fb.y2 = qy2; fb.z1 = qz1; fb.z2 = qz2;
    sa.peak = pkA; sa.sumSq += sqA; sa.sum += smA; sa.clipRun = runA; sa.clipped = clipA;
    sb.peak = pkB; sb.sumSq += sqB; sb.sum += smB; sb.clipRun = runB; sb.clipped = clipB;
    return accA * wa + accB * wb;
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
