// Triangular mel filterbank stored sparsely (start bin + weights per band) so applying it costs one pass per band.

export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

export function melToHz(mel: number): number {
  return 700 * (Math.pow(10, mel / 2595) - 1);
}

export class MelFilterbank {
  readonly bands: number;
  /** Center frequency of each band in Hz. */
  readonly centersHz: Float64Array;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  readonly weights: Float32Array[];

  /**
   * Peak-normalised triangles: between the first and last center, adjacent filters sum to 1, so band energies
   * are an interpolation of the spectrum rather than a bandwidth-weighted sum.
   */
  constructor(bands: number, fftSize: number, sampleRate: number, fMin = 30, fMax = sampleRate / 2) {
    this.bands = bands;
    const bins = fftSize / 2 + 1;
    const binHz = sampleRate / fftSize;
    const mMin = hzToMel(fMin);
    const mMax = hzToMel(Math.min(fMax, sampleRate / 2));
    const edges = new Float64Array(bands + 2);
    for (let i = 0; i < bands + 2; i++) edges[i] = melToHz(mMin + ((mMax - mMin) * i) / (bands + 1));
    this.centersHz = edges.slice(1, bands + 1);
    this.starts = new Int32Array(bands);
    this.lengths = new Int32Array(bands);
    this.weights = [];
    for (let b = 0; b < bands; b++) {
      const lo = edges[b], mid = edges[b + 1], hi = edges[b + 2];
      const first = Math.max(0, Math.ceil(lo / binHz));
      const last = Math.min(bins - 1, Math.floor(hi / binHz));
      const w: number[] = [];
      for (let k = first; k <= last; k++) {
        const f = k * binHz;
        w.push(f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid));
      }
      // A band narrower than one bin still gets its nearest bin, so no band is silently empty.
      if (!w.some((x) => x > 0)) {
        const k = Math.min(bins - 1, Math.round(mid / binHz));
        this.starts[b] = k;
        this.weights.push(Float32Array.of(1));
      } else {
        this.starts[b] = first;
        this.weights.push(Float32Array.from(w, (x) => Math.max(0, x)));
      }
      this.lengths[b] = this.weights[b].length;
    }
  }

  /** Band energies of a power spectrum into out (length ≥ bands). */
  apply(power: Float32Array, out: Float32Array): void {
    for (let b = 0; b < this.bands; b++) {
      const w = this.weights[b];
      const s = this.starts[b];
      let acc = 0;
      for (let i = 0; i < w.length; i++) acc += w[i] * power[s + i];
      out[b] = acc;
    }
  }
}
