// Amplitude envelope (attack, decay, sustain, effective duration) and the one-shot/loop decision, which weighs
// embedded metadata, re-attacks against the beat grid of whole-bar tempos, bar-line changes (of level and of
// harmony) and the loop seam.
import type { EnvelopeResult, SampleKind } from '../../shared/model/analysis.js';
import type { AnalyzerSpec, FinishContext } from './analyzer.js';
import { sharedFrameLog } from './frame-log.js';
import { loopEvidenceFor, type LoopEvidence } from './loop-evidence.js';

/** Envelope resolution: RMS of 256 samples every 64 (≈2.9 ms at 22.05 kHz). */
const ENV_HOP = 64;
const ENV_WIN = 4;

function envelopeOf(x: Float32Array, n: number): Float32Array {
  const blocks = Math.ceil(n / ENV_HOP);
  const e = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let s = 0;
    const end = Math.min(n, (b + 1) * ENV_HOP);
    for (let i = b * ENV_HOP; i < end; i++) s += x[i] * x[i];
    e[b] = s;
  }
  const out = new Float32Array(blocks);
  let acc = 0;
  for (let b = 0; b < blocks; b++) {
    acc += e[b];
    if (b >= ENV_WIN) acc -= e[b - ENV_WIN];
    out[Math.max(0, b - (ENV_WIN >> 1))] = Math.sqrt(Math.max(0, acc) / (ENV_HOP * ENV_WIN));
  }
  return out;
}

/** Beats in the file when it is a whole number of 4/4 bars at about this tempo (within 2 % and a quarter beat), else null. */
export function fitsWholeBars(durationSec: number, bpm: number): number | null {
  const beats = (durationSec * bpm) / 60;
  const bars = Math.round(beats / 4);
  if (bars < 1) return null;
  const off = Math.abs(beats - bars * 4);
  return off / (bars * 4) < 0.02 && off < 0.25 ? bars * 4 : null;
}

export interface KindDecision {
  kind: SampleKind;
  confidence: number;
  reason: string;
}

/** How far above chance the re-attacks must sit on the beat grid (see gridAlignment), and for dense ones. */
const MIN_EXCESS = 0.3;
const MIN_EXCESS_DENSE = 0.15;
/** Correlation of the accents with themselves one bar later that marks a repeating multi-bar pattern. */
const MIN_BAR_REPEAT = 0.6;
/** A chord loop read from its harmony must still sound at its end (peak of the last moments against the file's). */
const HARMONY_MIN_END_DB = -50;

const fmt = (bpm: number) => (Math.round(bpm * 10) / 10).toString();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One-shot or loop, how sure, and why. Embedded metadata wins; then the audio: re-attacks spread over the whole
 * file on the beat grid of a tempo that makes it a whole number of bars (drum, arp and bass loops) or repeating
 * bar after bar (dense patterns whose 16ths are finer than the frame grid can verify), changes exactly
 * on bar lines (chord loops), harmony that holds through each bar and changes across the bar lines (chord loops on
 * slow-attack pads and strings), or a sustained sound whose end runs seamlessly into its start (drones). A single
 * struck or held sound (a pad, a piano note with beating, a cymbal) is a one-shot whatever its length.
 */
export function decideKind(fc: FinishContext, endDb: number, ev: LoopEvidence | null): KindDecision {
  const md = fc.metadata;
  if (typeof md.loop === 'boolean') return { kind: md.loop ? 'loop' : 'oneshot', confidence: 0.95, reason: `metadata (acid ${md.loop ? 'loop' : 'one-shot'} flag)` };
  const lp = md.loopPoints?.[0];
  if (lp && fc.frames > 0 && lp.end - lp.start >= 0.9 * fc.frames) return { kind: 'loop', confidence: 0.85, reason: 'metadata (loop points span the file)' };
  const dur = fc.durationSec;
  if (dur < 0.8) return { kind: 'oneshot', confidence: 0.9, reason: 'duration (shorter than 0.8 s)' };
  if (!ev) return { kind: 'oneshot', confidence: 0.5, reason: 'no onset data' };
  const n = ev.reattacks.length;
  const g = ev.grid;
  const seam = ev.seam;
  // A loop restarts cleanly at its end; a sound that fades in while its end still sounds would click when looped.
  const seamAdjust = !seam ? 0 : seam.seamless ? 0.05 : seam.tailDb > -30 && seam.headDb < seam.tailDb - 10 ? -0.1 : 0;
  const seamNote = seam?.seamless ? '; end joins start seamlessly' : '';
  // Every change on a bar line and every inner bar line changing: a chord loop, and the plainest account of it.
  if (ev.barLines >= 0.99) {
    return { kind: 'loop', confidence: Math.min(0.9, 0.75 + seamAdjust), reason: `changes exactly on every bar line of a whole-bar length${seamNote}` };
  }
  // Spread over the file: three of its quarters, or no long silence between attacks (a one-bar loop's beats 2–4).
  const spread = ev.quarters >= 3 || ev.maxGap <= 0.3;
  const grid = g ? `${g.aligned} of ${plural(n, 'hit')} on ${g.division === 4 ? '16ths' : g.division === 2 ? '8ths' : 'beats'} at ${fmt(g.bpm)} BPM, ${plural(g.bars, 'bar')}` : '';
  if (g && n >= 3 && spread && g.excess >= MIN_EXCESS) {
    return {
      kind: 'loop',
      confidence: Math.min(0.97, 0.75 + 0.15 * Math.min(1, (n - 3) / 9) + seamAdjust),
      reason: `re-attacks over the whole file on the beat grid (${grid})${seamNote}`,
    };
  }
  if (g && n >= 8 && ev.quarters === 4 && g.excess >= MIN_EXCESS_DENSE) {
    return {
      kind: 'loop',
      confidence: Math.min(0.9, 0.65 + seamAdjust),
      reason: `dense re-attacks over the whole file, mostly on the beat grid (${grid})${seamNote}`,
    };
  }
  if (n >= 4 && spread && ev.barRepeat >= MIN_BAR_REPEAT) {
    return { kind: 'loop', confidence: Math.min(0.85, 0.65 + seamAdjust), reason: `the pattern of ${plural(n, 're-attack')} repeats bar after bar${seamNote}` };
  }
  if (ev.barLines >= 0.5) {
    return { kind: 'loop', confidence: Math.min(0.85, 0.65 + seamAdjust), reason: `changes exactly on bar lines of a whole-bar length${seamNote}` };
  }
  // Slow-attack pads and strings hide their chord changes from the level cues; the pitch classes show them. A loop
  // still sounds at its end, where it runs into its start; a note whose timbre evolves (FM through a carrier
  // null) can read as a change of harmony, but as a one-shot it dies away to silence.
  const h = ev.harmony;
  if (h && endDb > HARMONY_MIN_END_DB) {
    const lines = h.changes === h.bars - 1 ? 'every inner bar line' : `${h.changes} of ${h.bars - 1} inner bar lines`;
    return {
      kind: 'loop',
      confidence: Math.min(0.85, (h.changes === h.bars - 1 ? 0.75 : 0.65) + seamAdjust),
      reason: `harmony changes on ${lines} and holds within each bar (${plural(h.bars, 'bar')} at ${fmt(h.bpm)} BPM)${seamNote}`,
    };
  }
  if (n === 0 && seam?.seamless && seam.headDb > -6 && dur >= 2) {
    return { kind: 'loop', confidence: 0.55, reason: 'sustained sound whose end joins its start seamlessly' };
  }
  if (n === 0) {
    return endDb < -30
      ? { kind: 'oneshot', confidence: 0.9, reason: 'single sound decaying to silence' }
      : { kind: 'oneshot', confidence: 0.75, reason: 'single sustained sound, no re-attacks' };
  }
  if (!spread) return { kind: 'oneshot', confidence: 0.75, reason: `${plural(n, 're-attack')}, not spread over the file (a long stretch without any)` };
  return { kind: 'oneshot', confidence: 0.6, reason: `${plural(n, 're-attack')}, not on the beat grid of a whole-bar tempo` };
}

export const envelopeSpec: AnalyzerSpec<'envelope'> = {
  id: 'envelope',
  // 3: chord loops found by bar-wise harmony.
  version: 3,
  deps: [],
  needs: { capture: true, onsets: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    // Subscribes to the frames now, so the log sees the whole stream.
    sharedFrameLog(fe);
    return {
      id: 'envelope',
      finish(fc): EnvelopeResult {
        const sr = fe.rate;
        const env = envelopeOf(fe.capture, fe.captureLen);
        const dt = ENV_HOP / sr;
        let peak = 0, ip = 0;
        for (let i = 0; i < env.length; i++) if (env[i] > peak) { peak = env[i]; ip = i; }
        // Level at the very end of the file, relative to the peak, from the coarse whole-file levels.
        const coarse = fe.coarse.result();
        let coarsePeak = 0;
        for (let i = 0; i < coarse.max.length; i++) coarsePeak = Math.max(coarsePeak, coarse.max[i], -coarse.min[i]);
        const tail = coarse.max.length ? Math.max(coarse.max[coarse.max.length - 1], -coarse.min[coarse.min.length - 1]) : 0;
        const endDb = coarsePeak > 0 && tail > 0 ? 20 * Math.log10(tail / coarsePeak) : -120;
        const kind = decideKind(fc, endDb, loopEvidenceFor(fe, fc.durationSec));
        if (peak <= 0) return { attackSec: 0, decaySec: 0, sustainLevel: 0, effectiveDurationSec: 0, kind: kind.kind, kindConfidence: kind.confidence, kindReason: kind.reason };
        let i10 = 0;
        while (i10 < ip && env[i10] < 0.1 * peak) i10++;
        let i90 = i10;
        while (i90 < ip && env[i90] < 0.9 * peak) i90++;
        let last = env.length - 1;
        while (last > ip && env[last] < 1e-3 * peak) last--;
        let effective = (last + 1) * dt;
        // Past the capture window, the coarse levels tell how long the sound goes on.
        if (fe.samples > fe.captureLen && coarsePeak > 0) {
          let j = coarse.max.length - 1;
          while (j > 0 && Math.max(coarse.max[j], -coarse.min[j]) < 1e-3 * coarsePeak) j--;
          effective = Math.max(effective, ((j + 1) * coarse.framesPerPeak) / sr);
        }
        // Sustain: median level over 40–80 % of the way from the peak to the end of the sound.
        const a = ip + Math.round((last - ip) * 0.4);
        const b = Math.max(a + 1, ip + Math.round((last - ip) * 0.8));
        const mid = Array.from(env.subarray(a, Math.min(env.length, b))).sort((p, q) => p - q);
        const sustain = Math.min(1, mid.length ? mid[mid.length >> 1] / peak : 0);
        // Decay: from the peak until the level first comes within 10 % of the way down to the sustain level.
        const target = (sustain + 0.1 * (1 - sustain)) * peak;
        let iDec = ip;
        while (iDec < last && env[iDec] > target) iDec++;
        return {
          attackSec: (i90 - i10) * dt,
          decaySec: (iDec - ip) * dt,
          sustainLevel: sustain,
          effectiveDurationSec: Math.min(effective, fc.durationSec),
          kind: kind.kind,
          kindConfidence: kind.confidence,
          kindReason: kind.reason,
        };
      },
    };
  },
};

