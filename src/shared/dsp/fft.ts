// Real and complex FFTs with precomputed twiddles and bit-reversal tables, so per-frame work allocates nothing.

/** In-place iterative radix-2 complex FFT of a fixed power-of-two size. */
export class ComplexFft {
  readonly size: number;
  private readonly rev: Uint32Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly sinInv: Float64Array;

  constructor(size: number) {
    if (size < 1 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    this.rev = new Uint32Array(size);
    const bits = Math.round(Math.log2(size));
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    const half = size >> 1;
    this.cos = new Float64Array(Math.max(1, half));
    this.sin = new Float64Array(Math.max(1, half));
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.sinInv = this.sin.map((v) => -v);
  }

  /** Forward transform (e^{-i…}) in place. */
  forward(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, 1);
  }

  /** Inverse transform in place, scaled by 1/N. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, -1);
    const n = this.size;
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] *= s;
    }
  }

  private transform(re: Float64Array, im: Float64Array, dir: number): void {
    const n = this.size;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        const tr = re[i]; re[i] = re[j]; re[j] = tr;
        const ti = im[i]; im[i] = im[j]; im[j] = ti;
      }
    }
    // First stage: twiddle is 1, so plain sums and differences.
    for (let a = 0; a + 1 < n; a += 2) {
      const b = a + 1;
      const xr = re[b], xi = im[b];
      re[b] = re[a] - xr;
      im[b] = im[a] - xi;
      re[a] += xr;
      im[a] += xi;
    }
    const cos = this.cos;
    const sin = dir > 0 ? this.sin : this.sinInv;
    for (let len = 4; len <= n; len <<= 1) {
      const halfLen = len >> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0, t = 0; k < halfLen; k++, t += step) {
          const wr = cos[t];
          const wi = sin[t];
          const a = start + k;
          const b = a + halfLen;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}

/** FFT of a real signal of power-of-two length N via one N/2-point complex FFT. Outputs bins 0..N/2. */
export class RealFft {
  readonly size: number;
  readonly bins: number;
  private readonly half: ComplexFft;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new Error(`real FFT size must be a power of two ≥ 4, got ${size}`);
    this.size = size;
    this.bins = size / 2 + 1;
    const h = size >> 1;
    this.half = new ComplexFft(h);
    this.zr = new Float64Array(h);
    this.zi = new Float64Array(h);
    this.wr = new Float64Array(h + 1);
    this.wi = new Float64Array(h + 1);
    for (let k = 0; k <= h; k++) {
      this.wr[k] = Math.cos((2 * Math.PI * k) / size);
      this.wi[k] = -Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Spectrum of `input[offset..offset+N)` (optionally multiplied by `window`) into outRe/outIm (length ≥ N/2+1). */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array, window?: Float32Array, offset = 0): void {
    const h = this.size >> 1;
    const zr = this.zr;
    const zi = this.zi;
    if (window) {
      for (let n = 0; n < h; n++) {
        zr[n] = input[offset + 2 * n] * window[2 * n];
        zi[n] = input[offset + 2 * n + 1] * window[2 * n + 1];
      }
    } else {
      for (let n = 0; n < h; n++) {
        zr[n] = input[offset + 2 * n];
        zi[n] = input[offset + 2 * n + 1];
      }
    }
    this.half.forward(zr, zi);
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 0; k <= h; k++) {
      const a = k === h ? 0 : k;
      const b = k === 0 ? 0 : h - k;
      const ar = zr[a], ai = zi[a];
      const cr = zr[b], ci = -zi[b];
      const er = 0.5 * (ar + cr), ei = 0.5 * (ai + ci);
      const or = 0.5 * (ar - cr), oi = 0.5 * (ai - ci);
      // Odd part is (or + i·oi)/i = oi − i·or, then rotated by the twiddle.
      const c = wr[k], s = wi[k];
      outRe[k] = er + c * oi + s * or;
      outIm[k] = ei - c * or + s * oi;
    }
  }

  /** Power spectrum |X[k]|² of a (windowed) real frame into `out` (length ≥ N/2+1). */
  power(input: ArrayLike<number>, out: Float32Array, window?: Float32Array, offset = 0, scratchRe?: Float64Array, scratchIm?: Float64Array): void {
    const re = scratchRe ?? (this.tmpRe ??= new Float64Array(this.bins));
    const im = scratchIm ?? (this.tmpIm ??= new Float64Array(this.bins));
    this.forward(input, re, im, window, offset);
    for (let k = 0; k < this.bins; k++) out[k] = re[k] * re[k] + im[k] * im[k];
  }

  private tmpRe: Float64Array | undefined;
  private tmpIm: Float64Array | undefined;
}
