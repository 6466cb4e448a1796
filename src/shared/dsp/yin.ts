// YIN fundamental-frequency estimator with the difference function computed through FFT correlation, so
// bass notes down to ~27 Hz stay affordable.
import { ComplexFft } from './fft.js';

export interface YinEstimate {
  /** Fundamental in Hz, or 0 when no period dips below the threshold. */
  f0: number;
  /** Minimum of the cumulative-mean-normalised difference (0 = perfectly periodic, ~1 = noise). */
  aperiodicity: number;
}

export class Yin {
  readonly frameSize: number;
  readonly tauMin: number;
  readonly tauMax: number;
  readonly window: number;
  private readonly fft: ComplexFft;
  /** Half-size FFT and twiddles e^{+2πik/N} for the real-valued inverse. */
  private readonly halfFft: ComplexFft;
  private readonly twCos: Float64Array; private readonly twSin: Float64Array;
  private readonly zr: Float64Array; private readonly zi: Float64Array;
  private readonly ar: Float64Array; private readonly ai: Float64Array;
  private readonly br: Float64Array; private readonly bi: Float64Array;
  private readonly d: Float64Array;
  private readonly energy: Float64Array;

  constructor(readonly sampleRate: number, minHz = 27.5, maxHz = 4200, readonly threshold = 0.15) {
    this.tauMax = Math.ceil(sampleRate / minHz);
    this.tauMin = Math.max(2, Math.floor(sampleRate / maxHz));
    // Window at least 1.5 periods of the lowest note; the frame holds window + tauMax samples.
    let size = 1;
    while (size < this.tauMax * 2.5) size <<= 1;
    this.frameSize = size;
    this.window = size - this.tauMax;
    this.fft = new ComplexFft(size);
    const h = size >> 1;
    this.halfFft = new ComplexFft(h);
    this.twCos = new Float64Array(h); this.twSin = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      this.twCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.twSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.zr = new Float64Array(h); this.zi = new Float64Array(h);
    this.ar = new Float64Array(size); this.ai = new Float64Array(size);
    this.br = new Float64Array(size); this.bi = new Float64Array(size);
    this.d = new Float64Array(this.tauMax + 2);
    this.energy = new Float64Array(size + 1);
  }

  /** Estimates f0 of x[offset, offset+frameSize) (zero-padded past the end of x). */
  estimate(x: Float32Array, offset: number, out: YinEstimate = { f0: 0, aperiodicity: 1 }): YinEstimate {
    const n = this.frameSize;
    const W = this.window;
    const { ar, ai, br, bi, d, energy } = this;
    for (let i = 0; i < n; i++) {
      const v = offset + i < x.length ? x[offset + i] : 0;
      br[i] = v;
      bi[i] = 0;
      ar[i] = i < W ? v : 0;
      ai[i] = 0;
    }
    energy[0] = 0;
    for (let i = 0; i < n; i++) energy[i + 1] = energy[i] + br[i] * br[i];
    // One complex FFT of z = a + i·b gives both spectra: A = (Z[k] + Z*[N−k])/2, B = (Z[k] − Z*[N−k])/(2i).
    for (let i = 0; i < n; i++) ai[i] = br[i];
    this.fft.forward(ar, ai);
    for (let k = 0; k <= n >> 1; k++) {
      const m = (n - k) & (n - 1);
      const zr = ar[k], zi = ai[k], cr = ar[m], ci = -ai[m];
      const Ar = 0.5 * (zr + cr), Ai = 0.5 * (zi + ci);
      const Br = 0.5 * (zi - ci), Bi = -0.5 * (zr - cr);
      // conj(A)·B → cross-correlation r(τ) = Σ a_j b_{j+τ}; its spectrum is Hermitian since r is real.
      const re = Ar * Br + Ai * Bi;
      const im = Ar * Bi - Ai * Br;
      br[k] = re; bi[k] = im;
    }
    // r is real, so invert with an N/2-point FFT: split X into the spectra of r's even and odd samples (E, O),
    // transform E + i·O, and read r[2j] and r[2j+1] from the real and imaginary parts.
    const h = n >> 1;
    const { zr, zi, twCos, twSin } = this;
    for (let k = 0; k < h; k++) {
      const xr = br[k], xi = bi[k];
      const yr = br[h - k], yi = -bi[h - k];
      const er = 0.5 * (xr + yr), ei = 0.5 * (xi + yi);
      const dr = 0.5 * (xr - yr), di = 0.5 * (xi - yi);
      const c = twCos[k], s = twSin[k];
      const or = dr * c - di * s, oi = dr * s + di * c;
      zr[k] = er - oi;
      zi[k] = ei + or;
    }
    this.halfFft.inverse(zr, zi);
    const need = Math.min(h, (this.tauMax >> 1) + 2);
    for (let j = 0; j < need; j++) {
      ar[2 * j] = zr[j];
      ar[2 * j + 1] = zi[j];
    }
    const e0 = energy[W];
    if (e0 <= 1e-12) {
      out.f0 = 0;
      out.aperiodicity = 1;
      return out;
    }
    // d(τ) = Σ(x_j − x_{j+τ})², then the cumulative-mean normalisation d'(τ).
    const tMax = this.tauMax;
    d[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= tMax; tau++) {
      const diff = e0 + (energy[tau + W] - energy[tau]) - 2 * ar[tau];
      running += diff;
      d[tau] = running > 0 ? (diff * tau) / running : 1;
    }
    let best = -1;
    for (let tau = this.tauMin; tau < tMax; tau++) {
      if (d[tau] < this.threshold) {
        while (tau + 1 < tMax && d[tau + 1] < d[tau]) tau++;
        best = tau;
        break;
      }
    }
    if (best < 0) {
      // No dip below threshold: report the global minimum as the aperiodicity, no pitch.
      let m = 1;
      for (let tau = this.tauMin; tau < tMax; tau++) if (d[tau] < m) m = d[tau];
      out.f0 = 0;
      out.aperiodicity = m;
      return out;
    }
    const a = d[best - 1], b = d[best], c = d[best + 1];
    const denom = a - 2 * b + c;
    const shift = denom !== 0 ? Math.max(-1, Math.min(1, (0.5 * (a - c)) / denom)) : 0;
    out.f0 = this.sampleRate / (best + shift);
    // The parabola's minimum, not the integer-lag value: high notes have non-integer periods.
    out.aperiodicity = Math.max(0, b - 0.25 * (a - c) * shift);
    return out;
  }
}
