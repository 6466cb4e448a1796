// The network's input: a fixed-size log-mel patch computed at the file's own sample rate, so no resampling is needed
// and every rate maps to the same time/frequency grid (frames of 1024 samples, hop 512, at 22050 Hz equivalents).
// The mel grid is defined here, not in src/shared/dsp, so the shipped model's input can never drift with it.
import { RealFft } from '../../shared/dsp/fft.js';

export const MEL_BANDS = 64;
export const MEL_FRAMES = 64;
/** The grid the model was trained on, expressed at this reference rate. */
export const REF_RATE = 22050;
const REF_WIN = 1024;
const REF_HOP = 512;
const F_MIN = 30;
const F_MAX = 11025;
/** Floor of the per-example dB range; quieter cells (and padding) read as -1. */
const DB_RANGE = 80;

/** Seconds of audio one patch covers. */
export const PATCH_SECONDS = ((MEL_FRAMES - 1) * REF_HOP + REF_WIN) / REF_RATE;

interface Plan {
  win: number;
  hop: number;
  nfft: number;
  window: Float32Array;
  /** Per band: first FFT bin and its triangular weights. */
  bands: Array<{ start: number; weights: Float32Array }>;
  fft: RealFft;
}

const plans = new Map<number, Plan>();

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

function planFor(sampleRate: number): Plan {
  const cached = plans.get(sampleRate);
  if (cached) return cached;
  const scale = sampleRate / REF_RATE;
  const win = Math.max(16, Math.round(REF_WIN * scale));
  const hop = REF_HOP * scale;
  let nfft = 1;
  while (nfft < win) nfft <<= 1;
  const window = new Float32Array(win);
  for (let i = 0; i < win; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / win);
  const fMax = Math.min(F_MAX, sampleRate / 2);
  const mMin = hzToMel(F_MIN);
  const mMax = hzToMel(fMax);
  const edges: number[] = [];
  for (let b = 0; b < MEL_BANDS + 2; b++) edges.push(melToHz(mMin + ((mMax - mMin) * b) / (MEL_BANDS + 1)));
  const binHz = sampleRate / nfft;
  const bands: Plan['bands'] = [];
  for (let b = 0; b < MEL_BANDS; b++) {
    const [lo, mid, hi] = [edges[b], edges[b + 1], edges[b + 2]];
    const start = Math.max(0, Math.floor(lo / binHz));
    const end = Math.min(nfft / 2, Math.ceil(hi / binHz));
    const weights = new Float32Array(end - start + 1);
    let sum = 0;
    for (let k = start; k <= end; k++) {
      const f = k * binHz;
      const w = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
      weights[k - start] = Math.max(0, w);
      sum += weights[k - start];
    }
    // Narrow low bands can fall between bins: give them their nearest bin rather than silence.
    if (sum === 0) weights[Math.min(weights.length - 1, Math.round(mid / binHz) - start)] = 1;
    bands.push({ start, weights });
  }
  const plan = { win, hop, nfft, window, bands, fft: new RealFft(nfft) };
  plans.set(sampleRate, plan);
  return plan;
}

/** The frame and mel grid used at `sampleRate` (for tests that check the patch against a direct DFT). */
export function melGrid(sampleRate: number): Readonly<Omit<Plan, 'fft'>> {
  return planFor(sampleRate);
}

/** Where a sound starts: the first sample within 50 dB of the peak, minus a short pre-roll. */
export function soundStart(mono: Float32Array, sampleRate: number): number {
  let peak = 0;
  for (let i = 0; i < mono.length; i++) peak = Math.max(peak, Math.abs(mono[i]));
  if (peak === 0) return 0;
  const threshold = peak * 10 ** (-50 / 20);
  for (let i = 0; i < mono.length; i++) {
    if (Math.abs(mono[i]) >= threshold) return Math.max(0, i - Math.round(0.005 * sampleRate));
  }
  return 0;
}

/**
 * Log-mel patch, frame-major [MEL_FRAMES][MEL_BANDS], values in [-1, 1]: dB relative to the patch maximum over an
 * 80 dB range, so gain never matters. Starts at the sound's onset; shorter sounds are padded with -1.
 */
export function logMelPatch(mono: Float32Array, sampleRate: number, out = new Float32Array(MEL_FRAMES * MEL_BANDS)): Float32Array {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`logMelPatch: invalid sample rate ${sampleRate}`);
  const p = planFor(sampleRate);
  const start = soundStart(mono, sampleRate);
  // A real FFT (one half-size complex transform): this patch was a quarter of a one-shot's analysis time.
  const frame = new Float64Array(p.nfft);
  const re = new Float64Array(p.nfft / 2 + 1);
  const im = new Float64Array(p.nfft / 2 + 1);
  const power = new Float64Array(MEL_FRAMES * MEL_BANDS);
  let maxPow = 0;
  for (let f = 0; f < MEL_FRAMES; f++) {
    const off = start + Math.round(f * p.hop);
    if (off >= mono.length) continue;
    const n = Math.min(p.win, mono.length - off);
    for (let i = 0; i < n; i++) {
      const v = mono[off + i];
      frame[i] = (Number.isFinite(v) ? v : 0) * p.window[i];
    }
    frame.fill(0, n);
    p.fft.forward(frame, re, im);
    for (let b = 0; b < MEL_BANDS; b++) {
      const { start: k0, weights } = p.bands[b];
      let acc = 0;
      for (let j = 0; j < weights.length; j++) {
        const k = k0 + j;
        acc += weights[j] * (re[k] * re[k] + im[k] * im[k]);
      }
      power[f * MEL_BANDS + b] = acc;
      if (acc > maxPow) maxPow = acc;
    }
  }
  if (maxPow <= 0) {
    out.fill(-1);
    return out;
  }
  for (let i = 0; i < power.length; i++) {
    const db = 10 * Math.log10(power[i] / maxPow + 1e-12);
    out[i] = Math.max(-DB_RANGE, db) / (DB_RANGE / 2) + 1;
  }
  return out;
}
