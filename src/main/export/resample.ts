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
  for (let j = 0; j < outLen; j++) {
    const x = j * step;
    const k0 = Math.max(0, Math.ceil(x - halfWidth));
    const k1 = Math.min(n - 1, Math.floor(x + halfWidth));
    let acc = 0;
    for (let k = k0; k <= k1; k++) {
      const pos = Math.abs(x - k) * zcPerSample * TABLE_STEPS;
      const i = pos | 0;
      if (i >= ZERO_CROSSINGS * TABLE_STEPS) continue;
      const f = pos - i;
      acc += input[k] * (tab[i] + f * (tab[i + 1] - tab[i]));
    }
    out[j] = acc * gain;
  }
  return out;
}
