// Spectral contrast per octave band: peak-vs-valley level, high for harmonic sounds, low for noise.

export class SpectralContrast {
  readonly bands: number;
  private readonly edges: Int32Array;
  private readonly scratch: Float32Array;

  /** Octave bands starting at fLow (the first band is 0..fLow), up to Nyquist. */
  constructor(fftSize: number, sampleRate: number, bands = 6, fLow = 200, readonly quantile = 0.1) {
    const bins = fftSize / 2 + 1;
    const binHz = sampleRate / fftSize;
    this.bands = bands + 1;
    this.edges = new Int32Array(this.bands + 1);
    this.edges[0] = 1;
    for (let b = 1; b <= bands; b++) this.edges[b] = Math.min(bins - 1, Math.max(this.edges[b - 1] + 1, Math.round((fLow * Math.pow(2, b - 1)) / binHz)));
    this.edges[this.bands] = bins;
    this.scratch = new Float32Array(bins);
  }

  /** Contrast in dB per band from a power spectrum into out (length ≥ bands). */
  apply(power: Float32Array, out: Float32Array): void {
    const s = this.scratch;
    for (let b = 0; b < this.bands; b++) {
      const lo = this.edges[b];
      const hi = this.edges[b + 1];
      const n = hi - lo;
      if (n <= 0) {
        out[b] = 0;
        continue;
      }
      for (let i = 0; i < n; i++) s[i] = power[lo + i];
      const k = Math.max(1, Math.round(n * this.quantile));
      // Only the k smallest and k largest matter: two partial selections instead of a full sort.
      if (2 * k <= n) {
        selectKth(s, 0, n - 1, k - 1);
        selectKth(s, k, n - 1, n - k);
      } else s.subarray(0, n).sort();
      let valley = 0;
      let peak = 0;
      for (let i = 0; i < k; i++) {
        valley += s[i];
        peak += s[n - 1 - i];
      }
      out[b] = 10 * Math.log10((peak / k + 1e-12) / (valley / k + 1e-12));
    }
  }
}

/** Reorders a[lo..hi] so a[kth] holds the value a sort would put there, smaller ones before it, larger after. */
function selectKth(a: Float32Array, lo: number, hi: number, kth: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted-ish spectra (smooth slopes) from degrading to quadratic time.
    const mid = (lo + hi) >> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else return;
  }
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
