// Export-quality sample-rate conversion: Kaiser-windowed sinc (64 zero crossings a side, ~90 dB stopband) read from
// an oversampled kernel table, cutoff just under the lower Nyquist so nothing above it folds back into the passband.

const ZERO_CROSSINGS = 64;
const TABLE_STEPS = 512; // table entries per zero crossing; linear interpolation between them
const KAISER_BETA = 9;
/** Cutoff as a fraction of the lower of the two Nyquist frequencies; the transition band ends just below it. */
const ROLLOFF = 0.955;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

let kernelTable: Float64Array | null = null;

/** sinc(u)·kaiser(u/N) for u in zero-crossing units, 0..N, with one guard entry. */
function table(): Float64Array {
  if (kernelTable) return kernelTable;
  const n = ZERO_CROSSINGS * TABLE_STEPS;
  const t = new Float64Array(n + 2);
  const i0b = besselI0(KAISER_BETA);
  for (let i = 0; i <= n; i++) {
    const u = i / TABLE_STEPS;
    const sinc = i === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const r = u / ZERO_CROSSINGS;
    t[i] = sinc * (besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
  }
  kernelTable = t;
  return t;
}

const MAX_PHASES = 1024;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function kernelAt(u: number): number {
  // u in zero-crossing units
  if (u >= ZERO_CROSSINGS) return 0;
  const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
  const r = u / ZERO_CROSSINGS;
  return sinc * (besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA));
}

const banks = new Map<string, { taps: number; coeffs: Float32Array }>();

/**
 * Rational ratios (every common rate pair) use a precomputed polyphase bank: one exact kernel per output phase,
 * so the inner loop is a plain dot product.
 */
function polyphase(input: Float32Array, m: number, l: number, fc: number, outLen: number): Float32Array {
  const zc = 2 * fc;
  const half = Math.ceil(ZERO_CROSSINGS / zc);
  const taps = 2 * half;
  const key = `${m}/${l}`;
  let bank = banks.get(key);
  if (!bank) {
    const coeffs = new Float32Array(l * taps);
    for (let p = 0; p < l; p++) {
      const frac = p / l;
      for (let t = 0; t < taps; t++) coeffs[p * taps + t] = zc * kernelAt(Math.abs(frac - (t - half + 1)) * zc);
    }
    bank = { taps, coeffs };
    banks.set(key, bank);
  }
  const { coeffs } = bank;
  const out = new Float32Array(outLen);
  const n = input.length;
  for (let j = 0; j < outLen; j++) {
    const num = j * m;
    const kInt = Math.floor(num / l);
    const base = (num - kInt * l) * taps;
    const first = kInt - half + 1;
    let acc = 0;
    if (first >= 0 && first + taps <= n) {
      for (let t = 0; t < taps; t++) acc += input[first + t] * coeffs[base + t];
    } else {
      for (let t = 0; t < taps; t++) { const k = first + t; if (k >= 0 && k < n) acc += input[k] * coeffs[base + t]; }
    }
    out[j] = acc;
  }
  return out;
}

/** Output frame count for `frames` input frames. */
export function resampledLength(frames: number, fromRate: number, toRate: number): number {
  return Math.ceil((frames * toRate) / fromRate);
}

/** Resamples one channel. Same rate returns a copy. Zero-phase: no delay is added. */
export function resampleChannel(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0 && toRate > 0)) throw new Error(`invalid sample rates ${fromRate} → ${toRate}`);
  if (fromRate === toRate) return input.slice();
  const tab = table();
  const outLen = resampledLength(input.length, fromRate, toRate);
  const out = new Float32Array(outLen);
  const ratio = toRate / fromRate;
  // Cutoff in cycles per input sample, and the kernel's span in input samples.
  const fc = 0.5 * Math.min(1, ratio) * ROLLOFF;
  const zcPerSample = 2 * fc; // zero crossings per input sample
  const halfWidth = ZERO_CROSSINGS / zcPerSample;
  const gain = 2 * fc;
  const step = fromRate / toRate;
  const n = input.length;
  const g = gcd(fromRate, toRate);
  if (toRate / g <= MAX_PHASES) return polyphase(input, fromRate / g, toRate / g, fc, outLen);
  const scale = zcPerSample * TABLE_STEPS; // table entries per input sample
  const last = ZERO_CROSSINGS * TABLE_STEPS;
  for (let j = 0; j < outLen; j++) {
    const x = j * step;
    const k0 = Math.max(0, Math.ceil(x - halfWidth));
    const k1 = Math.min(n - 1, Math.floor(x + halfWidth));
    let acc = 0;
    // Walk the kernel by a constant table stride: left half counts down to the centre, right half counts up.
    let k = k0;
    for (let pos = (x - k0) * scale; k <= k1 && pos > 0; k++, pos -= scale) {
      const i = pos | 0;
      if (i < last) acc += input[k] * (tab[i] + (pos - i) * (tab[i + 1] - tab[i]));
    }
    for (let pos = (k - x) * scale; k <= k1; k++, pos += scale) {
      const i = pos | 0;
      if (i >= last) break;
      acc += input[k] * (tab[i] + (pos - i) * (tab[i + 1] - tab[i]));
    }
    out[j] = acc * gain;
  }
  return out;
}
