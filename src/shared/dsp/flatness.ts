// Spectral flatness (Wiener entropy): near 1 for white noise, near 0 for a pure tone.

/** Geometric over arithmetic mean of the power spectrum in bins [from, to). */
export function spectralFlatness(power: Float32Array, from: number, to: number): number {
  let logSum = 0;
  let sum = 0;
  const n = to - from;
  if (n <= 0) return 0;
  // Σ log p as the log of products of 16 terms (16× fewer logs, most of this function's cost); a product that
  // leaves the comfortable double range (unscaled or extreme spectra) falls back to one log per term.
  let k = from;
  for (; k + 16 <= to; k += 16) {
    let prod = 1;
    for (let j = k; j < k + 16; j++) {
      const p = power[j] + 1e-12;
      prod *= p;
      sum += p;
    }
    if (prod > 1e-290 && prod < 1e290) logSum += Math.log(prod);
    else for (let j = k; j < k + 16; j++) logSum += Math.log(power[j] + 1e-12);
  }
  for (; k < to; k++) {
    const p = power[k] + 1e-12;
    logSum += Math.log(p);
    sum += p;
  }
  return Math.exp(logSum / n) / (sum / n);
}

/**
 * Johnston's tonality coefficient from flatness: SFM in dB against -60 dB (a pure tone), clamped to 0..1.
 * White noise (flatness ≈ 0.56, -2.5 dB) reads ≈ 0.04.
 */
export function tonalityFromFlatness(flatness: number): number {
  const db = 10 * Math.log10(Math.max(flatness, 1e-12));
  return Math.min(1, Math.max(0, db / -60));
}
