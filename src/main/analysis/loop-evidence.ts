// Evidence for "is this a loop?": re-attacks after the first sound (hits, note or chord changes), where they fall
// against the beat grid of the tempos a whole-bar loop of this length could have, and how the end joins the start.
// Vibrato, tremolo and decay ripples move a few dB and beating dips come back to where they were; a re-attack
// brings a band group up 15 dB or more above its recent level, or sounds pitches that were not there.
import { GROUPS, sharedFrameLog, type FrameFeatures } from './frame-log.js';
import type { FrontEnd } from './front-end.js';
import { RealFft } from '../../shared/dsp/fft.js';
import { hann } from '../../shared/dsp/window.js';
import { sharedTable } from './shared-tables.js';
import { findBarHarmony, type BarHarmony } from './bar-harmony.js';

/** A group's level must rise this much within two frames to count as a re-attack. */
const RISE_DB = 15;
/** A re-attack must also top the group's loudest over the frames 2..RECENT_FRAMES before it by this much. */
const ABOVE_RECENT_DB = 3;
const RECENT_FRAMES = 6;
/** A group's level before a rise counts as no lower than this far below the loudest group at that moment. */
const WEAK_GROUP_DB = 40;
/** Share of a frame's power in bands that are new (see FrameLog.novelty) that marks a new note or chord. */
const NOVELTY = 0.3;
/** Accent peaks trail the sound by about this many frames (the STFT window reaches the hit late). */
export const LATENCY_FRAMES = 1.2;
/** Grid tolerance in frames: a hit may sound a little early, a slow attack peaks later. */
const EARLY = 1.2;
const LATE = 2.5;
/** Re-attacks this close to the start belong to the first sound; this close to the end cannot be judged. */
const SKIP_START_SEC = 0.1;
const SKIP_END_SEC = 0.05;
/** Slow chord changes (pads, strings) peak this many frames after the bar line at most (about 280 ms). */
const SLOW_LATE = 12;
/** Share of power in bands 10 dB up on 186 ms before that marks a chord change under a slow attack. */
const SLOW_NOVELTY = 0.8;
/** The first sound's own slow attack lasts about this long. */
const SLOW_SKIP_START_SEC = 0.3;

export interface Reattack {
  frame: number;
  timeSec: number;
}

export interface GridFit extends Alignment {
  bpm: number;
  bars: number;
}

export interface Seam {
  /** Level of the first and of the last 12 ms, dB relative to the loudest frame. */
  headDb: number;
  tailDb: number;
  /** How far the first 12 ms sit below the 46 ms after them (a fade-in or attack from silence), and the last 12 ms below the 46 ms before (a fade-out). */
  fadeInDb: number;
  fadeOutDb: number;
  /** Mean absolute level difference over band groups between the end and the start (dB). */
  spectralDb: number;
  /** The end runs into the start without a step in level or spectrum. */
  seamless: boolean;
}

export interface LoopEvidence {
  reattacks: Reattack[];
  /** How many quarters of the file hold a re-attack (0..4). */
  quarters: number;
  /** Longest stretch without an attack (from the start, between re-attacks, to the end), as a share of the file. */
  maxGap: number;
  /** Chord changes under slow attacks, which the re-attack test misses. */
  slowChanges: Reattack[];
  /** The whole-bar tempo whose beat grid holds the re-attacks best (furthest above chance), when any tempo fits. */
  grid: GridFit | null;
  /** Correlation of the accent envelope with itself one bar later, best over whole-bar readings of 2+ bars (0..1). */
  barRepeat: number;
  /** Best share of inner bar lines holding a re-attack, over whole-bar tempos where every re-attack is on one (else 0). */
  barLines: number;
  /** The whole-bar reading (2+ bars) whose harmony holds within each bar and changes across its bar lines, if any. */
  harmony: BarHarmony | null;
  seam: Seam | null;
}

function maxOf(x: Float32Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if (x[i] > m) m = x[i];
  return m;
}

/** Frames where a band group jumps by RISE_DB (hits) or a good share of the power is in new bands (note changes). */
export function findReattacks(ff: FrameFeatures, durationSec: number): Reattack[] {
  const { n, groupDb, levelDb, novelty, accent, frameRate } = ff;
  const groupMax = groupDb.map((g) => maxOf(g, n));
  const top = Math.max(...groupMax);
  const loudest = maxOf(levelDb, n);
  const frames: number[] = [];
  for (let i = 2; i < n; i++) {
    const next = Math.min(n - 1, i + 1);
    let hit = false;
    if (accent[i] >= accent[i - 1] && (i + 1 >= n || accent[i] > accent[i + 1])) {
      let now = -Infinity;
      for (let g = 0; g < GROUPS; g++) now = Math.max(now, groupDb[g][i], groupDb[g][next]);
      for (let g = 0; g < GROUPS && !hit; g++) {
        const gd = groupDb[g];
        const post = Math.max(gd[i], gd[next]);
        // Only groups that matter in this sound. A group far below the rest swings by tens of dB when a partial
        // with vibrato slides along a band's skirt or detuned partials beat in it: its floor is set by the others.
        if (post < Math.max(groupMax[g] - 30, top - 40)) continue;
        if (post - Math.max(Math.min(gd[i - 1], gd[i - 2]), now - WEAK_GROUP_DB) < RISE_DB) continue;
        // Beating detuned partials dip for a moment and come back to where they were; a new hit rises above it.
        let before = -Infinity;
        for (let j = Math.max(0, i - RECENT_FRAMES); j <= i - 2; j++) before = Math.max(before, gd[j]);
        hit = post - before >= ABOVE_RECENT_DB;
      }
    }
    if (!hit && novelty[i] >= NOVELTY && novelty[i] >= novelty[i - 1] && (i + 1 >= n || novelty[i] >= novelty[i + 1])) {
      hit = Math.max(levelDb[i], levelDb[next]) >= loudest - 35;
    }
    if (hit && (!frames.length || i - frames[frames.length - 1] >= 3)) frames.push(i);
  }
  const out: Reattack[] = [];
  for (const f of frames) {
    const t = (f + LATENCY_FRAMES) / frameRate;
    if (t > SKIP_START_SEC && t < durationSec - SKIP_END_SEC) out.push({ frame: f, timeSec: t });
  }
  return out;
}

/** Bar counts that make the file whole 4/4 bars at 60–200 BPM. */
export function wholeBarCounts(durationSec: number): number[] {
  return [1, 2, 4, 8, 16, 32, 64].filter((bars) => {
    const bpm = (240 * bars) / durationSec;
    return bpm >= 60 && bpm <= 200;
  });
}

/** A grid finer than this (frames per step) catches 97 % of random times within the tolerance: it proves nothing. */
const MIN_STEP_FRAMES = (EARLY + LATE) / 0.97;

export interface Alignment {
  /** Steps per beat of the grid used: 4 (16ths), 2 (8ths) or 1 (beats). */
  division: number;
  aligned: number;
  share: number;
  /** Share that random times would reach (tolerance / step). */
  chance: number;
  /** How far the share beats chance, 0 (chance) .. 1 (all aligned). */
  excess: number;
}

/**
 * How well the re-attacks sit on the grid at `bpm` (phase 0: loops start on the downbeat), straight or swung, on the
 * finest of 16ths, 8ths and beats whose step is long enough for the alignment to mean something.
 */
export function gridAlignment(reattacks: Reattack[], bpm: number, frameRate: number): Alignment {
  const beatF = (60 * frameRate) / bpm;
  let best: Alignment = { division: 1, aligned: 0, share: 0, chance: 1, excess: 0 };
  for (const division of [4, 2, 1]) {
    const step = beatF / division;
    if (step < MIN_STEP_FRAMES && division > 1) continue;
    const chance = Math.min(1, (EARLY + LATE) / step);
    for (const swing of division >= 2 ? [0, 0.15, 0.3] : [0]) {
      let a = 0;
      for (const r of reattacks) {
        const t = r.frame + LATENCY_FRAMES;
        const k0 = Math.floor(t / step);
        for (let k = k0 - 1; k <= k0 + 1; k++) {
          const d = t - (k + (k % 2 !== 0 ? swing : 0)) * step;
          if (d >= -EARLY && d <= LATE) {
            a++;
            break;
          }
        }
      }
      const share = reattacks.length ? a / reattacks.length : 0;
      const excess = chance < 1 ? Math.max(0, (share - chance) / (1 - chance)) : 0;
      if (excess > best.excess) best = { division, aligned: a, share, chance, excess };
    }
    // The finest meaningful grid decides; coarser ones only when it found nothing.
    if (best.excess > 0) break;
  }
  return best;
}

/** The whole-bar tempo (60–200 BPM) whose grid holds the re-attacks best. */
export function fitGrid(reattacks: Reattack[], durationSec: number, frameRate: number): GridFit | null {
  let best: GridFit | null = null;
  for (const bars of wholeBarCounts(durationSec)) {
    const bpm = (240 * bars) / durationSec;
    const a = gridAlignment(reattacks, bpm, frameRate);
    if (!best || a.excess > best.excess) best = { bpm, bars, ...a };
  }
  return best;
}

/**
 * A multi-bar loop repeats its pattern every bar (or every few bars): the correlation of the accent envelope
 * (max over ±1 frame, for timing jitter) with itself one bar later, best over the whole-bar readings of 2+ bars.
 */
export function barRepetition(accent: Float32Array, n: number, durationSec: number, frameRate: number): number {
  const pooled = new Float32Array(n);
  for (let i = 0; i < n; i++) pooled[i] = Math.max(accent[i], i > 0 ? accent[i - 1] : 0, i + 1 < n ? accent[i + 1] : 0);
  let best = 0;
  for (const bars of wholeBarCounts(durationSec)) {
    if (bars < 2) continue;
    const lag = Math.round((durationSec * frameRate) / bars);
    // Skip the first frames: the file's first attack has no predecessor and reads as silence.
    const from = 2, to = n - lag;
    if (to - from < 8) continue;
    let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let i = from; i < to; i++) {
      const a = pooled[i], b = pooled[i + lag];
      sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
    }
    const m = to - from;
    const cov = sab - (sa * sb) / m, va = saa - (sa * sa) / m, vb = sbb - (sb * sb) / m;
    if (va > 0 && vb > 0) best = Math.max(best, cov / Math.sqrt(va * vb));
  }
  return best;
}

/** Peaks of the slow novelty that mark a chord change (see FrameLog.slowNovelty). */
export function findSlowChanges(ff: FrameFeatures, durationSec: number): Reattack[] {
  const { n, levelDb, slowNovelty, frameRate } = ff;
  const loudest = maxOf(levelDb, n);
  const out: Reattack[] = [];
  let last = -Infinity;
  for (let i = 1; i < n; i++) {
    const v = slowNovelty[i];
    if (v < SLOW_NOVELTY || v < slowNovelty[i - 1] || (i + 1 < n && v < slowNovelty[i + 1]) || levelDb[i] < loudest - 30) continue;
    const t = (i + LATENCY_FRAMES) / frameRate;
    if (t < SLOW_SKIP_START_SEC || t > durationSec - SKIP_END_SEC || i - last < 10) continue;
    out.push({ frame: i, timeSec: t });
    last = i;
  }
  return out;
}

/**
 * A chord loop changes once per bar: the best share of inner bar lines holding a change, over whole-bar tempos at
 * which every re-attack and every slow change sits on a bar line (0 when none).
 */
export function barLineShare(reattacks: Reattack[], slowChanges: Reattack[], durationSec: number, frameRate: number): number {
  let best = 0;
  if (!reattacks.length && !slowChanges.length) return 0;
  for (const bars of wholeBarCounts(durationSec)) {
    if (bars < 2) continue;
    const barF = (durationSec * frameRate) / bars;
    const hit = new Set<number>();
    let off = 0;
    const place = (r: Reattack, late: number) => {
      const t = r.frame + LATENCY_FRAMES;
      const k = Math.round((t - late / 2) / barF);
      const d = t - k * barF;
      if (k >= 1 && k < bars && d >= -1.5 && d <= late) hit.add(k);
      else off++;
    };
    for (const r of reattacks) place(r, 3);
    for (const r of slowChanges) place(r, SLOW_LATE);
    if (off === 0) best = Math.max(best, hit.size / (bars - 1));
  }
  return best;
}

function rmsDb(x: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return to > from && s > 0 ? 10 * Math.log10(s / (to - from)) : -120;
}

/** Band-group levels (dB) of x[from..from+size) through a Hann window. */
function groupLevels(x: Float32Array, from: number, size: number, rate: number): number[] {
  const fft = sharedTable(`seam-fft:${size}`, () => new RealFft(size));
  const win = sharedTable(`seam-win:${size}`, () => hann(size));
  const re = new Float64Array(size / 2 + 1), im = new Float64Array(size / 2 + 1);
  fft.forward(x.subarray(from, from + size), re, im, win);
  const edges = [0, 200, 2000, rate / 2];
  const out: number[] = [];
  for (let g = 0; g < edges.length - 1; g++) {
    let s = 0;
    const lo = Math.max(1, Math.floor((edges[g] * size) / rate)), hi = Math.min(size / 2, Math.ceil((edges[g + 1] * size) / rate));
    for (let k = lo; k < hi; k++) s += re[k] * re[k] + im[k] * im[k];
    out.push(10 * Math.log10(s + 1e-12));
  }
  return out;
}

/** How the end of a fully captured sound x[0..n) at `rate` joins its start; null when it is too short. */
export function measureSeam(x: Float32Array, n: number, rate: number, loudestDb: number): Seam | null {
  const size = 1024, edge = 256;
  if (n < 4 * size) return null;
  const headDb = rmsDb(x, 0, edge) - loudestDb;
  const tailDb = rmsDb(x, n - edge, n) - loudestDb;
  const fadeInDb = rmsDb(x, edge, edge + size) - loudestDb - headDb;
  const fadeOutDb = rmsDb(x, n - edge - size, n - edge) - loudestDb - tailDb;
  const a = groupLevels(x, n - size, size, rate), b = groupLevels(x, 0, size, rate);
  // Weigh the comparison by the groups that carry the sound; silent groups differ by noise.
  const loud = Math.max(...a, ...b);
  let diff = 0, count = 0;
  for (let g = 0; g < a.length; g++) {
    if (Math.max(a[g], b[g]) < loud - 30) continue;
    diff += Math.abs(a[g] - b[g]);
    count++;
  }
  const spectralDb = count ? diff / count : 0;
  // Full level right up to the join on both sides, the same level and colour across it.
  const seamless = tailDb > -20 && fadeInDb <= 3 && fadeOutDb <= 3 && Math.abs(headDb - tailDb) <= 3 && spectralDb <= 4;
  return { headDb, tailDb, fadeInDb, fadeOutDb, spectralDb, seamless };
}

export function gatherLoopEvidence(ff: FrameFeatures, durationSec: number, capture: { x: Float32Array; n: number; rate: number; complete: boolean }): LoopEvidence {
  const reattacks = findReattacks(ff, durationSec);
  const quarters = new Set(reattacks.map((r) => Math.min(3, Math.floor((4 * r.timeSec) / durationSec)))).size;
  const grid = fitGrid(reattacks, durationSec, ff.frameRate);
  const slowChanges = findSlowChanges(ff, durationSec);
  const barRepeat = barRepetition(ff.accent, ff.n, durationSec, ff.frameRate);
  const barLines = barLineShare(reattacks, slowChanges, durationSec, ff.frameRate);
  const harmony = findBarHarmony(ff, durationSec, wholeBarCounts(durationSec));
  const times = [0, ...reattacks.map((r) => r.timeSec), durationSec];
  let maxGap = 0;
  for (let k = 1; k < times.length; k++) maxGap = Math.max(maxGap, (times[k] - times[k - 1]) / durationSec);
  // Frame RMS is in dBFS; the seam compares against the loudest frame.
  const loudest = maxOf(ff.levelDb, ff.n);
  const seam = capture.complete ? measureSeam(capture.x, capture.n, capture.rate, loudest) : null;
  return { reattacks, quarters, maxGap, slowChanges, grid, barRepeat, barLines, harmony, seam };
}

const cache = new WeakMap<FrontEnd, LoopEvidence>();

/** The loop evidence of a finished front end, gathered once for envelope and rhythm. */
export function loopEvidenceFor(fe: FrontEnd, durationSec: number): LoopEvidence {
  let ev = cache.get(fe);
  if (!ev) {
    ev = gatherLoopEvidence(sharedFrameLog(fe).features(), durationSec, { x: fe.capture, n: fe.captureLen, rate: fe.rate, complete: fe.samples <= fe.captureLen });
    cache.set(fe, ev);
  }
  return ev;
}
