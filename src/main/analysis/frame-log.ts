// Per-frame level, band-group levels and a band-balanced onset strength for the one-shot/loop decision and loop
// tempo: the shared onset envelope averages 40 mel bands, so a kick (two or three bands) barely registers beside a
// hat; here low, mid and high count equally.
import { FFT_SIZE, type FrontEnd } from './front-end.js';
import { ChromaAccumulator } from '../../shared/dsp/chroma.js';

/** Band groups by centre frequency: kick/bass, body/tone, air/cymbals. */
const GROUP_EDGES_HZ = [200, 2000];
export const GROUPS = GROUP_EDGES_HZ.length + 1;
/** Crossfade width at group edges, in octaves (logistic scale). */
const EDGE_WIDTH = 0.05;

export interface FrameFeatures {
  frameRate: number;
  /** Frames logged (at most the capacity given to FrameLog). */
  n: number;
  /** Frame RMS in dBFS (floor -120). */
  levelDb: Float32Array;
  /** Power level of each band group per frame (dB, floor -100): groupDb[g][frame]. */
  groupDb: Float32Array[];
  /** Sum over groups of the positive level change since the previous frame (dB). */
  accent: Float32Array;
  /**
   * Share of the frame's power in mel bands NOVEL_DB or more above their loudest over the frames 2 to 8 back (the
   * nearest whose windows do not overlap this one), 0..1: high for a new hit or a new note; low for tremolo,
   * vibrato, a decay, or detuned partials beating (the band was loud a moment ago).
   */
  novelty: Float32Array;
  /** The same against frames 6 to 10 back with SLOW_DB: chord changes on pads and strings, whose attacks take 100 ms or more. */
  slowNovelty: Float32Array;
  /**
   * Pitch-class magnitude per frame (C..B at A440, from spectral peaks up to CHROMA_MAX_HZ): chroma[12 * i + pc].
   * Empty when the log was not given spectra. Chord changes that keep common tones show here, not in band levels.
   */
  chroma: Float32Array;
}

export const NOVEL_DB = 20;
export const SLOW_DB = 10;
/** Chroma ignores peaks above this: the fundamentals and low partials name the chord, a filter sweep moves the rest. */
const CHROMA_MAX_HZ = 1500;
/** Frames of mel history kept, oldest first: history[k] is frame i - HISTORY + k. */
const HISTORY = 10;
const NOVEL_FROM = HISTORY - 8, NOVEL_TO = HISTORY - 2;
const SLOW_FROM = 0, SLOW_TO = HISTORY - 6;

/**
 * Weight of each mel band in each group, crossfading over about an octave around the group edges, so a partial
 * gliding across an edge (vibrato) moves a little power between groups instead of switching a group on and off.
 */
export function bandGroups(centersHz: ArrayLike<number>): Float32Array[] {
  const w = Array.from({ length: GROUPS }, () => new Float32Array(centersHz.length));
  const above = (hz: number, edge: number) => 1 / (1 + Math.exp(-Math.log2(hz / edge) / EDGE_WIDTH));
  for (let b = 0; b < centersHz.length; b++) {
    let below = 1;
    for (let g = 0; g < GROUPS; g++) {
      const up = g < GROUP_EDGES_HZ.length ? above(centersHz[b], GROUP_EDGES_HZ[g]) : 0;
      w[g][b] = below - up;
      below = up;
    }
  }
  return w;
}

export class FrameLog {
  readonly levelDb: Float32Array;
  readonly groupDb: Float32Array[];
  readonly accent: Float32Array;
  readonly novelty: Float32Array;
  readonly slowNovelty: Float32Array;
  readonly chroma: Float32Array;
  n = 0;
  /** The last HISTORY frames of mel dB, oldest first. */
  private readonly history: Float32Array[];
  private readonly sums = new Float64Array(GROUPS);
  private readonly counts = new Float64Array(GROUPS);
  private readonly bands: number;

  /** The key analyser's peak-picking chroma, reset every frame (null: no per-frame chroma). */
  private readonly chromaAcc: ChromaAccumulator | null;

  constructor(readonly frameRate: number, readonly capacity: number, private readonly weights: Float32Array[], spectrum?: { fftSize: number; sampleRate: number }) {
    this.bands = weights[0].length;
    this.chromaAcc = spectrum ? new ChromaAccumulator(spectrum.fftSize, spectrum.sampleRate, 60, CHROMA_MAX_HZ) : null;
    this.chroma = new Float32Array(spectrum ? 12 * capacity : 0);
    this.levelDb = new Float32Array(capacity);
    this.groupDb = Array.from({ length: GROUPS }, () => new Float32Array(capacity));
    this.accent = new Float32Array(capacity);
    this.novelty = new Float32Array(capacity);
    this.slowNovelty = new Float32Array(capacity);
    this.history = Array.from({ length: HISTORY }, () => new Float32Array(this.bands).fill(-120));
    for (let g = 0; g < GROUPS; g++) for (let b = 0; b < this.bands; b++) this.counts[g] += weights[g][b];
  }

  push(rms: number, melDb: Float32Array, power?: Float32Array): void {
    const i = this.n;
    if (i >= this.capacity) return;
    if (this.chromaAcc && power) {
      // Tuning is not folded out per frame (too few peaks to estimate it): a detuned file smears each pitch class
      // over two bins, the same way in every bar, which is all the bar-to-bar comparison needs.
      const acc = this.chromaAcc, fine = acc.fine, perClass = fine.length / 12, out = this.chroma;
      fine.fill(0);
      acc.add(power);
      // Fold the fine bins (centred on each class) to pitch classes, keeping the level: loud frames count for more.
      for (let j = 0; j < fine.length; j++) out[12 * i + (Math.round(j / perClass) % 12)] += fine[j];
    }
    this.levelDb[i] = rms > 1e-6 ? 20 * Math.log10(rms) : -120;
    this.sums.fill(0);
    const nb = this.bands;
    for (let b = 0; b < nb; b++) {
      const p = Math.pow(10, melDb[b] / 10);
      for (let k = 0; k < GROUPS; k++) this.sums[k] += this.weights[k][b] * p;
    }
    let acc = 0;
    for (let k = 0; k < GROUPS; k++) {
      const db = Math.max(-100, 10 * Math.log10(this.sums[k] / Math.max(1e-6, this.counts[k]) + 1e-12));
      this.groupDb[k][i] = db;
      // Rising out of deep silence is clamped so noise-floor flicker is not an attack.
      if (i > 0) acc += Math.max(0, Math.max(db, -80) - Math.max(this.groupDb[k][i - 1], -80));
    }
    this.accent[i] = acc;
    let total = 0, novel = 0, slow = 0;
    const h = this.history;
    for (let b = 0; b < nb; b++) {
      const v = Math.max(melDb[b], -100);
      const p = Math.pow(10, v / 10);
      total += p;
      let recent = -100, old = -100;
      for (let k = NOVEL_FROM; k <= NOVEL_TO; k++) if (h[k][b] > recent) recent = h[k][b];
      for (let k = SLOW_FROM; k <= SLOW_TO; k++) if (h[k][b] > old) old = h[k][b];
      if (v - recent >= NOVEL_DB) novel += p;
      if (v - old >= SLOW_DB) slow += p;
    }
    this.novelty[i] = total > 0 ? novel / total : 0;
    this.slowNovelty[i] = total > 0 ? slow / total : 0;
    // Rotate the history: the oldest buffer becomes the newest.
    const recycled = this.history.shift()!;
    recycled.set(melDb.subarray(0, nb));
    this.history.push(recycled);
    this.n = i + 1;
  }

  features(): FrameFeatures {
    return { frameRate: this.frameRate, n: this.n, levelDb: this.levelDb, groupDb: this.groupDb, accent: this.accent, novelty: this.novelty, slowNovelty: this.slowNovelty, chroma: this.chroma };
  }
}

const logs = new WeakMap<FrontEnd, FrameLog>();

/** The one FrameLog of a front end (envelope and rhythm both read it), listening from its first frame. */
export function sharedFrameLog(fe: FrontEnd): FrameLog {
  let log = logs.get(fe);
  if (!log) {
    const made = new FrameLog(fe.frameRate, Math.max(1, fe.onsetEnv.length), bandGroups(fe.mel.centersHz), { fftSize: FFT_SIZE, sampleRate: fe.rate });
    fe.addListener((f) => made.push(f.rms, f.melDb, f.power));
    logs.set(fe, made);
    log = made;
  }
  return log;
}
