// A compact "audio print" for near-duplicate detection: a coarse log band-energy time sequence starting at the
// first onset, in Hz-defined bands and fixed-duration frames, so re-encoded, trimmed, gain-changed and resampled
// copies of a sound give nearly the same print.
import { RealFft } from '../../shared/dsp/fft.js';
import { hann } from '../../shared/dsp/window.js';

export const PRINT_BANDS = 16;
export const PRINT_FRAMES = 64;
/** Frame hop in seconds (independent of sample rate). */
export const PRINT_HOP_SEC = 0.02;
const F_LO = 60;
const F_HI = 7000;

export interface NearDupPrint {
  /** PRINT_FRAMES × PRINT_BANDS, row-major, z-normalised over the whole print; frames past the end are 0. */
  values: Float32Array;
  /** Frames that held sound (≤ PRINT_FRAMES). */
  frames: number;
  /** Total duration from the onset, seconds (a cheap pre-filter: copies have similar lengths). */
  durationSec: number;
}

export function computeNearDupPrint(mono: Float32Array, sampleRate: number): NearDupPrint {
  if (!(sampleRate > 0)) throw new Error(`computeNearDupPrint: invalid sample rate ${sampleRate}`);
  const hop = Math.max(1, Math.round(PRINT_HOP_SEC * sampleRate));
  let size = 1;
  while (size < 2 * hop) size <<= 1;
  // Onset: first sample above -40 dB of the peak, so leading-silence trims do not shift the print.
  let peak = 0;
  for (let i = 0; i < mono.length; i++) peak = Math.max(peak, Math.abs(mono[i]));
  const values = new Float32Array(PRINT_FRAMES * PRINT_BANDS);
  if (peak === 0) return { values, frames: 0, durationSec: 0 };
  let start = 0;
  while (start < mono.length && Math.abs(mono[start]) < peak * 0.01) start++;
  const edges = new Int32Array(PRINT_BANDS + 1);
  for (let b = 0; b <= PRINT_BANDS; b++) {
    const hz = F_LO * (F_HI / F_LO) ** (b / PRINT_BANDS);
    edges[b] = Math.min(size / 2, Math.max(1, Math.round((hz * size) / sampleRate)));
  }
  const fft = new RealFft(size);
  const window = hann(size);
  const frame = new Float32Array(size);
  const re = new Float64Array(size / 2 + 1);
  const im = new Float64Array(size / 2 + 1);
  let frames = 0;
  for (let f = 0; f < PRINT_FRAMES; f++) {
    const o = start + f * hop;
    if (o >= mono.length) break;
    // The last frame runs past the end: zero-pad it.
    frame.fill(0);
    frame.set(mono.subarray(o, Math.min(mono.length, o + size)));
    fft.forward(frame, re, im, window);
    for (let b = 0; b < PRINT_BANDS; b++) {
      let e = 0;
      for (let k = edges[b]; k < Math.max(edges[b] + 1, edges[b + 1]); k++) e += re[k] * re[k] + im[k] * im[k];
      // Per-bin energy normalised by FFT size so different sample rates give the same level.
      values[f * PRINT_BANDS + b] = Math.log10(1e-10 + e / (size * Math.max(1, edges[b + 1] - edges[b])));
    }
    frames++;
  }
  zNormalise(values, frames * PRINT_BANDS);
  return { values, frames, durationSec: (mono.length - start) / sampleRate };
}

function zNormalise(v: Float32Array, n: number): void {
  if (n === 0) return;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i] - m) ** 2;
  const sd = Math.sqrt(s / n) || 1;
  for (let i = 0; i < n; i++) v[i] = (v[i] - m) / sd;
}

/**
 * Similarity in [-1, 1]: best normalised cross-correlation over small frame lags (onset jitter), computed on the
 * overlapping frames only. Copies score ≳ 0.9; different sounds rarely pass 0.7.
 */
export function comparePrints(a: NearDupPrint, b: NearDupPrint, maxLag = 3): number {
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const fa0 = Math.max(0, lag);
    const fb0 = Math.max(0, -lag);
    const n = Math.min(a.frames - fa0, b.frames - fb0);
    if (n < Math.min(4, Math.min(a.frames, b.frames))) continue;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    let ma = 0;
    let mb = 0;
    const len = n * PRINT_BANDS;
    for (let i = 0; i < len; i++) {
      ma += a.values[fa0 * PRINT_BANDS + i];
      mb += b.values[fb0 * PRINT_BANDS + i];
    }
    ma /= len;
    mb /= len;
    for (let i = 0; i < len; i++) {
      const x = a.values[fa0 * PRINT_BANDS + i] - ma;
      const y = b.values[fb0 * PRINT_BANDS + i] - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const r = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    if (r > best) best = r;
  }
  return best;
}

/** A short summary vector (mean band profile + coarse energy contour) for kNN candidate generation. */
export function printSummary(p: NearDupPrint): Float32Array {
  const out = new Float32Array(PRINT_BANDS + 8);
  for (let f = 0; f < p.frames; f++) {
    let e = 0;
    for (let b = 0; b < PRINT_BANDS; b++) {
      out[b] += p.values[f * PRINT_BANDS + b] / p.frames;
      e += p.values[f * PRINT_BANDS + b] / PRINT_BANDS;
    }
    out[PRINT_BANDS + Math.min(7, Math.floor((f * 8) / PRINT_FRAMES))] += e / 8;
  }
  return out;
}
