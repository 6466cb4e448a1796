// Real and complex FFTs with precomputed twiddles and bit-reversal tables, so per-frame work allocates nothing.

/**
 * In-place iterative complex FFT of a fixed power-of-two size: bit reversal, then radix-4 passes (each does two radix-2
 * stages in one sweep over the data, with its twiddles stored contiguously), after one radix-2 pass when log2(N) is odd.
 * Half the memory traffic of plain radix-2, which is what an FFT in JS is bound by.
 */
export class ComplexFft {
  readonly size: number;
  private readonly rev: Uint32Array;
  private readonly oddStages: boolean;
  /** Per radix-4 pass of span 4m, per k < m: v = e^{-2πik/4m} and v² as [v.re, v.im, v².re, v².im]. */
  private readonly twiddles: Float64Array;

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
    this.oddStages = bits % 2 === 1;
    const tw: number[] = [];
    for (let m = this.oddStages ? 2 : 1; 4 * m <= size; m *= 4) {
      for (let k = 0; k < m; k++) {
        const a = (-2 * Math.PI * k) / (4 * m);
        tw.push(Math.cos(a), Math.sin(a), Math.cos(2 * a), Math.sin(2 * a));
      }
    }
    this.twiddles = Float64Array.from(tw);
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

  /** dir = 1 forward, −1 inverse (conjugate twiddles; the quarter turn −i becomes +i). */
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
    let m = 1;
    if (this.oddStages) {
      // Span-2 radix-2 stage: twiddle is 1, so plain sums and differences.
      for (let a = 0; a + 1 < n; a += 2) {
        const b = a + 1;
        const xr = re[b], xi = im[b];
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
      m = 2;
    }
    const tw = this.twiddles;
    for (let o = 0; 4 * m <= n; o += 4 * m, m *= 4) {
      const span = 4 * m;
      for (let k = 0; k < m; k++) {
        const t = o + 4 * k;
        const vr = tw[t], vi = dir * tw[t + 1], wr = tw[t + 2], wi = dir * tw[t + 3];
        for (let i0 = k; i0 < n; i0 += span) {
          const i1 = i0 + m, i2 = i1 + m, i3 = i2 + m;
          // First radix-2 stage (span 2m): (i0, i1) and (i2, i3), twiddle v².
          let xr = re[i1] * wr - im[i1] * wi;
          let xi = re[i1] * wi + im[i1] * wr;
          const a0r = re[i0] + xr, a0i = im[i0] + xi, a1r = re[i0] - xr, a1i = im[i0] - xi;
          xr = re[i3] * wr - im[i3] * wi;
          xi = re[i3] * wi + im[i3] * wr;
          const a2r = re[i2] + xr, a2i = im[i2] + xi, a3r = re[i2] - xr, a3i = im[i2] - xi;
          // Second stage (span 4m): (i0, i2) with v, (i1, i3) with v·e^{∓iπ/2}.
          const br = a2r * vr - a2i * vi, bi = a2r * vi + a2i * vr;
          const cr = a3r * vr - a3i * vi, ci = a3r * vi + a3i * vr;
          const dr = dir * ci, di = -dir * cr;
          re[i0] = a0r + br; im[i0] = a0i + bi;
          re[i2] = a0r - br; im[i2] = a0i - bi;
          re[i1] = a1r + dr; im[i1] = a1i + di;
          re[i3] = a1r - dr; im[i3] = a1i - di;
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
