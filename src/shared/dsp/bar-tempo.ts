// Tempo of a loop cut at bar lines: its length allows only tempos that make a whole number of 4/4 bars
// (1, 2, 4, 8… bars), so the choice is between those few, usually a tempo and its double. The accents decide:
// beats should outweigh the off-beats between them, and a pattern that changes only at bar lines (a chord loop)
// has one change per bar. Loops start on the downbeat, so the beat grid's phase is known.

export interface BarTempo {
  bpm: number;
  bars: number;
  beats: number;
  /** How clearly the accents pick this reading over the other whole-bar tempo, 0..1 (1 when it is the only one). */
  confidence: number;
  /** Why this reading: 'only whole-bar tempo in range', 'beats outweigh off-beats', 'changes on bar lines'… */
  reason: string;
}

export interface BarTempoOptions {
  minBpm?: number;
  maxBpm?: number;
  /** Frames by which a hit's accent peak trails its true time (STFT framing), default 1.2. */
  latencyFrames?: number;
}

/** Bar counts a loop is cut to; 3 and 6 are rare enough that a tempo 1.5× off is likelier than a 3-bar loop. */
const BAR_COUNTS = [1, 2, 4, 8, 16, 32, 64];
/** Tempo prior centre (BPM) and strength per squared octave; fitted on synthesized loops across genres. */
const PRIOR_BPM = 105;
const PRIOR_WEIGHT = 1;
const ACCENT_WEIGHT = 0.5;
const SLOW_BIAS = 0.5;

interface Reading {
  bpm: number;
  bars: number;
  /** Mean accent on beats (the downbeat at 0 is left out: the first frame has no predecessor), on 8th off-beats, on 16th off-beats. */
  beat: number;
  off8: number;
  off16: number;
  /** Mean and least accent on bar lines after the first; NaN for a one-bar reading. */
  bar: number;
  barMin: number;
  /** Strongest mean accent on anything but bar lines. */
  nonBar: number;
}

function peakNear(env: Float32Array, n: number, frame: number): number {
  let m = 0;
  const lo = Math.max(0, Math.ceil(frame - 1)), hi = Math.min(n - 1, Math.floor(frame + 1.5));
  for (let i = lo; i <= hi; i++) if (env[i] > m) m = env[i];
  return m;
}

function reading(env: Float32Array, n: number, frameRate: number, durationSec: number, bars: number, latency: number): Reading {
  const bpm = (240 * bars) / durationSec;
  const beatF = (60 * frameRate) / bpm;
  const beats = bars * 4;
  const at = (beat: number) => peakNear(env, n, beat * beatF - latency);
  let onBeat = 0, onBar = 0, barMin = Infinity, off8 = 0, off16 = 0;
  for (let b = 0; b < beats; b++) {
    const v = at(b);
    if (b % 4 === 0) {
      if (b > 0) {
        onBar += v;
        barMin = Math.min(barMin, v);
      }
    } else onBeat += v;
    off8 += at(b + 0.5);
    off16 += at(b + 0.25) + at(b + 0.75);
  }
  const nonBarBeat = onBeat / (beats - bars);
  return {
    bpm, bars,
    beat: (onBeat + onBar) / Math.max(1, beats - 1),
    off8: off8 / beats,
    off16: off16 / (2 * beats),
    bar: bars > 1 ? onBar / (bars - 1) : NaN,
    barMin: bars > 1 ? barMin : NaN,
    nonBar: Math.max(nonBarBeat, off8 / beats, off16 / (2 * beats)),
  };
}

/** Accents only on bar lines, every one of them: a pattern that changes once per bar at this tempo. */
function changesOnBars(r: Reading): boolean {
  return r.bars > 1 && r.barMin > 0 && r.nonBar < 0.25 * r.bar;
}

/**
 * The whole-bar tempo of a loop `durationSec` long from its accent envelope env[0..n) at frameRate Hz, or null when
 * no whole number of bars puts the tempo in range.
 */
export function estimateBarTempo(env: Float32Array, n: number, frameRate: number, durationSec: number, opts: BarTempoOptions = {}): BarTempo | null {
  const minBpm = opts.minBpm ?? 60, maxBpm = opts.maxBpm ?? 190;
  const latency = opts.latencyFrames ?? 1.2;
  if (!(durationSec > 0) || n < 4) return null;
  const readings: Reading[] = [];
  for (const bars of BAR_COUNTS) {
    const bpm = (240 * bars) / durationSec;
    if (bpm >= minBpm && bpm <= maxBpm) readings.push(reading(env, n, frameRate, durationSec, bars, latency));
  }
  if (!readings.length) return null;
  const done = (r: Reading, confidence: number, reason: string): BarTempo => ({ bpm: r.bpm, bars: r.bars, beats: r.bars * 4, confidence, reason });
  if (readings.length === 1) return done(readings[0], 1, 'only whole-bar tempo in range');
  // The range spans less than two octaves, so there are at most two readings: slow and double.
  const [slow, fast] = readings;
  if (changesOnBars(fast)) return done(fast, 0.7, 'changes on every bar line');
  if (changesOnBars(slow)) return done(slow, 0.7, 'changes on every bar line');
  const eps = (0.1 * (slow.beat + slow.off8 + slow.off16)) + 1e-6;
  const prior = PRIOR_WEIGHT * (Math.log2(fast.bpm / PRIOR_BPM) ** 2 - Math.log2(slow.bpm / PRIOR_BPM) ** 2);
  // At the slow reading, strong off-beats mean they are really beats of the double tempo.
  const accent = ACCENT_WEIGHT * Math.log((slow.beat + eps) / (slow.off8 + eps));
  const x = prior + accent - SLOW_BIAS;
  const confidence = Math.min(1, Math.abs(x));
  return x > 0 ? done(slow, confidence, 'beats outweigh off-beats') : done(fast, confidence, 'off-beats carry the beat');
}
