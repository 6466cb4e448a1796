// Test helpers: a plain radix-2 FFT magnitude spectrum, band energy and a simple onset detector.

export function mono(chs: Float32Array[]): Float32Array {
  const m = new Float32Array(chs[0].length);
  for (const c of chs) for (let i = 0; i < m.length; i++) m[i] += c[i] / chs.length;
  return m;
}

/** Power spectrum of x[from..from+n) with a Hann window; n is a power of two (zero-padded). */
export function powerSpectrum(x: Float32Array, from: number, n: number): Float64Array {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = from + i < x.length ? x[from + i] : 0;
    re[i] = v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  }
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  const p = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) p[k] = re[k] * re[k] + im[k] * im[k];
  return p;
}

/** Fraction of the energy (summed over whole-file frames) between lo and hi Hz. */
export function bandEnergyFraction(x: Float32Array, sr: number, lo: number, hi: number): number {
  const n = 4096;
  let inBand = 0;
  let total = 0;
  for (let from = 0; from < x.length; from += n) {
    const p = powerSpectrum(x, from, n);
    for (let k = 1; k < p.length; k++) {
      const f = (k * sr) / n;
      total += p[k];
      if (f >= lo && f < hi) inBand += p[k];
    }
  }
  return inBand / total;
}

/** Lowest frequency that is a sub-multiple of the strongest peak and itself carries ≥ 5% of its power. */
export function fundamentalHz(x: Float32Array, sr: number, from: number): number {
  const n = 16384;
  const p = powerSpectrum(x, from, n);
  const binHz = sr / n;
  const at = (f: number) => {
    let m = 0;
    for (let k = Math.floor((f * 0.985) / binHz); k <= Math.ceil((f * 1.015) / binHz); k++) m = Math.max(m, p[k] ?? 0);
    return m;
  };
  let best = 0;
  let bestK = 0;
  for (let k = Math.ceil(60 / binHz); k < Math.floor(5000 / binHz); k++) if (p[k] > best) {
    best = p[k];
    bestK = k;
  }
  const peak = bestK * binHz;
  let f0 = peak;
  for (let h = 2; h <= 8; h++) if (peak / h > 60 && at(peak / h) > 0.05 * best) f0 = peak / h;
  return f0;
}

/** Onset times (s), at most one per 80 ms (a clap's bursts count once): points where a peak-hold envelope (instant attack, 30 ms release) jumps well above its recent level. */
export function onsets(x: Float32Array, sr: number): number[] {
  const hop = Math.round(sr * 0.002);
  const rel = Math.exp(-1 / (0.03 * sr));
  const env: number[] = [];
  let e = 0;
  for (let i = 0; i < x.length; i++) {
    e = Math.max(Math.abs(x[i]), e * rel);
    if (i % hop === hop - 1) env.push(e);
  }
  const peak = Math.max(...env);
  const out: number[] = [];
  let last = -1;
  for (let i = 5; i < env.length; i++) {
    const before = Math.max(env[i - 5], 1e-9);
    if (env[i] > 0.08 * peak && env[i] > 2 * before && (last < 0 || i - last > 40)) {
      out.push((i * hop) / sr);
      last = i;
    }
  }
  return out;
}
