// Bar-wise harmony: a chord loop holds one harmony through each bar and changes it on the bar lines. Pads and
// strings fade their chords in and out and keep common tones (C → Am), so band levels barely move there; the
// pitch classes do. A held chord, a decaying note or a cymbal keeps one harmony, or drifts slowly, throughout.
import type { FrameFeatures } from './frame-log.js';

/** The part of each bar that counts as settled starts this far in: slow attacks and the last chord's release. */
const SETTLE = 0.35;
/** Frames quieter than this below the loudest carry no harmony worth comparing. */
const QUIET_DB = 40;
/** Distance between unit chroma vectors (0 same .. √2 disjoint) that marks a different harmony in the next bar. */
const MIN_CHANGE = 0.3;
/**
 * A change must be this many times the largest drift between the halves of any bar's settled part: a held sound
 * whose timbre evolves (a filter or FM sweep) drifts inside the bars about as much as across them.
 */
const MIN_CHANGE_OVER_DRIFT = 2.5;
/**
 * A new chord replaces chord tones: some pitch class enters (from at most GONE of the bar's strongest to at least
 * PRESENT) and another leaves, each by this much (dB, magnitude). One note whose partials trade places (FM, a
 * resonant sweep) moves the balance among the same pitch classes, and what falls stays well above GONE.
 */
const MIN_SWAP_DB = 10;
const PRESENT = 0.3;
const GONE = 0.25;
/** Share of inner bar lines that must change: a progression may hold one chord over two bars (ii V I I). */
const MIN_SHARE = 0.6;

export interface BarHarmony {
  bars: number;
  bpm: number;
  /** Inner bar lines where the harmony clearly changes, of bars - 1. */
  changes: number;
  share: number;
  /** Smallest change (chroma distance) across a changing bar line, and the largest drift within a bar. */
  minChange: number;
  maxDrift: number;
  /** Chroma distance between adjacent bars at each inner bar line. */
  lines: number[];
  /** At each inner bar line, the lesser of the strongest pitch-class entry and exit (dB). */
  swaps: number[];
}

/** Unit-length mean chroma over frames [from, to) loud enough to count; null when none are. */
function meanChroma(ff: FrameFeatures, from: number, to: number, floorDb: number): Float64Array | null {
  const m = new Float64Array(12);
  let used = 0;
  for (let i = Math.max(0, from); i < Math.min(ff.n, to); i++) {
    if (ff.levelDb[i] < floorDb) continue;
    for (let pc = 0; pc < 12; pc++) m[pc] += ff.chroma[12 * i + pc];
    used++;
  }
  let norm = 0;
  for (let pc = 0; pc < 12; pc++) norm += m[pc] * m[pc];
  if (!used || norm <= 0) return null;
  norm = Math.sqrt(norm);
  for (let pc = 0; pc < 12; pc++) m[pc] /= norm;
  return m;
}

/** The lesser of how far the most-risen pitch class rose and the most-fallen fell from bar a to bar b (dB). */
function swapDb(a: Float64Array, b: Float64Array): number {
  const amax = Math.max(...a), bmax = Math.max(...b);
  let rise = 0, fall = 0;
  for (let pc = 0; pc < 12; pc++) {
    const x = a[pc] / amax, y = b[pc] / bmax;
    if (y >= PRESENT && x <= GONE) rise = Math.max(rise, 20 * Math.log10(y / Math.max(x, 1e-3)));
    if (x >= PRESENT && y <= GONE) fall = Math.max(fall, 20 * Math.log10(x / Math.max(y, 1e-3)));
  }
  return Math.min(rise, fall);
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let pc = 0; pc < 12; pc++) s += (a[pc] - b[pc]) ** 2;
  return Math.sqrt(s);
}

/** How one whole-bar reading (bars ≥ 2) of the file holds up: drift within bars, change across inner bar lines. */
export function harmonyAtBars(ff: FrameFeatures, durationSec: number, bars: number): BarHarmony | null {
  if (bars < 2 || ff.chroma.length < 12 * ff.n) return null;
  let loudest = -Infinity;
  for (let i = 0; i < ff.n; i++) loudest = Math.max(loudest, ff.levelDb[i]);
  const floorDb = loudest - QUIET_DB;
  const barF = (durationSec * ff.frameRate) / bars;
  // Each bar's settled part, whole and in halves; frame i covers about i + 1 (the window's centre).
  const whole: Float64Array[] = [];
  let maxDrift = 0;
  for (let k = 0; k < bars; k++) {
    const from = Math.round((k + SETTLE) * barF) - 1, to = Math.round((k + 1) * barF) - 1;
    const mid = (from + to) >> 1;
    const all = meanChroma(ff, from, to, floorDb), a = meanChroma(ff, from, mid, floorDb), b = meanChroma(ff, mid, to, floorDb);
    if (!all || !a || !b) return null;
    whole.push(all);
    maxDrift = Math.max(maxDrift, distance(a, b));
  }
  let changes = 0, minChange = Infinity;
  const lines: number[] = [], swaps: number[] = [];
  for (let k = 1; k < bars; k++) {
    const d = distance(whole[k - 1], whole[k]);
    const sw = swapDb(whole[k - 1], whole[k]);
    lines.push(d);
    swaps.push(sw);
    if (d >= MIN_CHANGE && d >= MIN_CHANGE_OVER_DRIFT * maxDrift && sw >= MIN_SWAP_DB) {
      changes++;
      minChange = Math.min(minChange, d);
    }
  }
  return { bars, bpm: (240 * bars) / durationSec, changes, share: changes / (bars - 1), minChange: changes ? minChange : 0, maxDrift, lines, swaps };
}

/**
 * The whole-bar reading (of `barCounts`, 2+ bars) at which the harmony holds within every bar and changes on most
 * inner bar lines, best share first; null when none does (a one-shot, a 1-bar loop, or no stable harmony).
 */
export function findBarHarmony(ff: FrameFeatures, durationSec: number, barCounts: number[]): BarHarmony | null {
  let best: BarHarmony | null = null;
  for (const bars of barCounts) {
    const h = harmonyAtBars(ff, durationSec, bars);
    if (!h || h.share < MIN_SHARE) continue;
    if (!best || h.share > best.share || (h.share === best.share && h.minChange > best.minChange)) best = h;
  }
  return best;
}
