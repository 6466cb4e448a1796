// Amplitude envelope (attack, decay, sustain, effective duration) and the one-shot/loop decision, which weighs
// embedded metadata, duration, onset periodicity over whole bars and whether the sound ends open.
import type { EnvelopeResult, SampleKind } from '../../shared/model/analysis.js';
import type { AnalyzerSpec, FinishContext } from './analyzer.js';

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

export function decideKind(fc: FinishContext, endDb: number): { kind: SampleKind; confidence: number; reason: string } {
  const md = fc.metadata;
  if (typeof md.loop === 'boolean') return { kind: md.loop ? 'loop' : 'oneshot', confidence: 0.95, reason: `metadata (acid ${md.loop ? 'loop' : 'one-shot'} flag)` };
  const lp = md.loopPoints?.[0];
  if (lp && fc.frames > 0 && lp.end - lp.start >= 0.9 * fc.frames) return { kind: 'loop', confidence: 0.85, reason: 'metadata (loop points span the file)' };
  const dur = fc.durationSec;
  if (dur < 0.8) return { kind: 'oneshot', confidence: 0.9, reason: 'duration (shorter than 0.8 s)' };
  const onsets = fc.onsets().length;
  const open = endDb > -30;
  // Tempo only matters with enough onsets to repeat; a single hit skips the autocorrelation entirely.
  const tempo = onsets >= 4 ? fc.tempo() : null;
  if (tempo && tempo.periodicity >= 0.25) {
    const beats = fitsWholeBars(dur, tempo.bpm) ?? fitsWholeBars(dur, tempo.bpm * 2) ?? fitsWholeBars(dur, tempo.bpm / 2);
    if (beats) return { kind: 'loop', confidence: open ? 0.9 : 0.8, reason: 'periodic onsets over whole bars' };
    if (open && onsets >= 8) return { kind: 'loop', confidence: 0.6, reason: 'periodic onsets, ends open' };
  }
  if (open && dur > 2) return { kind: 'loop', confidence: 0.55, reason: 'does not decay to silence (seamless end)' };
  return { kind: 'oneshot', confidence: onsets <= 2 ? 0.8 : 0.6, reason: onsets <= 2 ? 'single decaying sound' : 'decays to silence' };
}

export const envelopeSpec: AnalyzerSpec<'envelope'> = {
  id: 'envelope',
  version: 1,
  deps: [],
  needs: { capture: true, onsets: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
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
        const kind = decideKind(fc, endDb);
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

