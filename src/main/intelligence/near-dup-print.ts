// A compact "audio print" for near-duplicate detection: band levels (24 mel triangles, 50 Hz–8 kHz) in 20 ms frames
// from the first onset, with a 40 ms window at every sample rate, so re-encoded, trimmed, gain-changed and resampled
// copies of a sound give nearly the same print, while other takes of the same kind of sound do not.
import { RealFft } from '../../shared/dsp/fft.js';
import { hann } from '../../shared/dsp/window.js';
import { MelFilterbank } from '../../shared/dsp/mel.js';

export const PRINT_BANDS = 24;
export const PRINT_FRAMES = 64;
/** Frame hop in seconds (independent of sample rate). */
export const PRINT_HOP_SEC = 0.02;
const F_LO = 50;
const F_HI = 8000;
/** Band levels this far below the print's loudest are clamped: a noise floor or a fade no longer tells copies apart. */
const FLOOR_DB = 35;
const WINDOW_SEC = 0.04;

export interface NearDupPrint {
  /** PRINT_FRAMES × PRINT_BANDS band levels, row-major, in dB below the print's loudest cell, floored at −FLOOR_DB;
   * frames past the end are 0 and never read. */
  values: Float32Array;
  /** Frames that held sound (≤ PRINT_FRAMES). */
  frames: number;
  /** Total duration from the onset, seconds (a cheap pre-filter: copies have similar lengths). */
  durationSec: number;
}

// One window, FFT and filterbank per sample rate: a library holds a handful of rates.
const banks = new Map<number, { size: number; fft: RealFft; window: Float32Array; bank: MelFilterbank }>();
function analysisFor(sampleRate: number) {
  let a = banks.get(sampleRate);
  if (!a) {
    // A 40 ms Hann window at every rate (zero-padded to the FFT size), so a resampled copy is smoothed alike in time;
    // overlapping triangles interpolate the spectrum, so its other bin spacing reads the same.
    const length = Math.round(WINDOW_SEC * sampleRate);
    let size = 256;
    while (size < length) size <<= 1;
    const window = new Float32Array(size);
    window.set(hann(length));
    a = { size, fft: new RealFft(size), window, bank: new MelFilterbank(PRINT_BANDS, size, sampleRate, F_LO, Math.min(F_HI, 0.45 * sampleRate)) };
    banks.set(sampleRate, a);
  }
  return a;
}

export function computeNearDupPrint(mono: Float32Array, sampleRate: number): NearDupPrint {
  if (!(sampleRate > 0)) throw new Error(`computeNearDupPrint: invalid sample rate ${sampleRate}`);
  const hop = PRINT_HOP_SEC * sampleRate;
  // Onset: first sample above -40 dB of the peak, so leading-silence trims do not shift the print.
  let peak = 0;
  for (let i = 0; i < mono.length; i++) peak = Math.max(peak, Math.abs(mono[i]));
  const values = new Float32Array(PRINT_FRAMES * PRINT_BANDS);
  if (peak === 0) return { values, frames: 0, durationSec: 0 };
  let start = 0;
  while (start < mono.length && Math.abs(mono[start]) < peak * 0.01) start++;
  const { size, fft, window, bank } = analysisFor(sampleRate);
  const frame = new Float32Array(size);
  const re = new Float64Array(size / 2 + 1);
  const im = new Float64Array(size / 2 + 1);
  const power = new Float32Array(size / 2 + 1);
  const bands = new Float32Array(PRINT_BANDS);
  let frames = 0;
  let loudest = -Infinity;
  for (let f = 0; f < PRINT_FRAMES; f++) {
    const o = start + Math.round(f * hop);
    if (o >= mono.length) break;
    // The last frame runs past the end: zero-pad it.
    frame.fill(0);
    frame.set(mono.subarray(o, Math.min(mono.length, o + size)));
    fft.forward(frame, re, im, window);
    for (let k = 0; k < power.length; k++) power[k] = (re[k] * re[k] + im[k] * im[k]) / (size * size);
    bank.apply(power, bands);
    for (let b = 0; b < PRINT_BANDS; b++) {
      const db = 10 * Math.log10(1e-12 + bands[b]);
      values[f * PRINT_BANDS + b] = db;
      if (db > loudest) loudest = db;
    }
    frames++;
  }
  for (let i = 0; i < frames * PRINT_BANDS; i++) values[i] = Math.max(loudest - FLOOR_DB, values[i]) - loudest;
  return { values, frames, durationSec: (mono.length - start) / sampleRate };
}

/** With fewer cells than this above the floor (in either print), the level check uses every cell. */
const MIN_ACTIVE_CELLS = 8;
/** Level difference (dB RMS over the cells above the floor) that costs 0.1 of similarity: 2 dB meets the 0.9 bar. */
const RMS_DB_PER_TENTH = 2;

/**
 * Similarity in [-1, 1] at the best of small frame lags (onset jitter): the lower of two checks on the frames both
 * prints cover (each print's last frame left out: a trimmed or zero-padded end differs by construction).
 *  - shape: correlation of the band levels, so the same envelope and spectrum in time;
 *  - level: how far the band levels differ once their gain offset is removed, over the cells louder than the floor
 *    in either print. Two kicks of one drum machine share a shape; only a copy also matches within ~2 dB.
 * A re-encoded, resampled, trimmed or gain-changed copy scores ≥ 0.9.
 */
export function comparePrints(a: NearDupPrint, b: NearDupPrint, maxLag = 3): number {
  const ua = a.frames > 4 ? a.frames - 1 : a.frames;
  const ub = b.frames > 4 ? b.frames - 1 : b.frames;
  const floor = -FLOOR_DB + 0.01;
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const fa0 = Math.max(0, lag);
    const fb0 = Math.max(0, -lag);
    const n = Math.min(ua - fa0, ub - fb0);
    if (n < Math.min(4, Math.min(ua, ub))) continue;
    const A = a.values.subarray(fa0 * PRINT_BANDS, (fa0 + n) * PRINT_BANDS);
    const B = b.values.subarray(fb0 * PRINT_BANDS, (fb0 + n) * PRINT_BANDS);
    // The score is at most the correlation: the level check runs only where it could still raise the best.
    const shape = correlation(A, B);
    if (shape <= best) continue;
    const score = Math.min(shape, 1 - levelDifferenceDb(A, B, floor) / (10 * RMS_DB_PER_TENTH));
    if (score > best) best = score;
  }
  return best;
}

function correlation(A: Float32Array, B: Float32Array): number {
  let sa = 0;
  let sb = 0;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < A.length; i++) {
    const x = A[i];
    const y = B[i];
    sa += x;
    sb += y;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  const n = A.length;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** RMS difference in dB after removing the mean offset, over cells above `floor` in either (all cells if too few). */
function levelDifferenceDb(A: Float32Array, B: Float32Array, floor: number): number {
  let active = 0;
  let sd = 0;
  let sdd = 0;
  let allSd = 0;
  let allSdd = 0;
  for (let i = 0; i < A.length; i++) {
    const d = A[i] - B[i];
    allSd += d;
    allSdd += d * d;
    if (A[i] > floor || B[i] > floor) {
      active++;
      sd += d;
      sdd += d * d;
    }
  }
  const [n, s1, s2] = active < MIN_ACTIVE_CELLS ? [A.length, allSd, allSdd] : [active, sd, sdd];
  return Math.sqrt(Math.max(0, s2 / n - (s1 / n) ** 2));
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
