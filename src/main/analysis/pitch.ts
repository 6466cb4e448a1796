// Fundamental of tonal sounds: YIN on a few loud frames after the attack, voted by consistency; null for noise
// and drums whose frames disagree or are aperiodic.
import { Yin, type YinEstimate } from '../../shared/dsp/yin.js';
import { hzToNote } from '../../shared/music/notes.js';
import type { AnalyzerSpec } from './analyzer.js';
import { sharedTable } from './shared-tables.js';

/** Frames examined at most; spaced half a frame apart. */
const MAX_FRAMES = 4;
/** Confidence below which no pitch is reported. */
export const PITCH_MIN_CONFIDENCE = 0.6;

export const pitchSpec: AnalyzerSpec<'pitch'> = {
  id: 'pitch',
  version: 1,
  deps: [],
  needs: { capture: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    return {
      id: 'pitch',
      finish() {
        const none = { f0Hz: null, confidence: 0, midi: null, note: null, cents: null };
        const x = fe.capture;
        const n = fe.captureLen;
        if (n < 256) return none;
        const yin = sharedTable(`yin:${fe.rate}`, () => new Yin(fe.rate));
        const size = yin.frameSize;
        const hop = size >> 1;
        // Frame energies to find the loud part.
        let peakE = 0, peakAt = 0;
        const energies: number[] = [];
        for (let s = 0; s < n; s += hop) {
          let e = 0;
          const end = Math.min(n, s + size);
          for (let i = s; i < end; i++) e += x[i] * x[i];
          energies.push(e);
          if (e > peakE) { peakE = e; peakAt = energies.length - 1; }
        }
        if (peakE <= 1e-8) return none;
        const est: YinEstimate = { f0: 0, aperiodicity: 1 };
        const f0s: number[] = [];
        const aps: number[] = [];
        let tried = 0;
        // Start at the loudest frame (skipping the very first samples of a transient) and walk forward.
        for (let j = peakAt; j < energies.length && tried < MAX_FRAMES; j++) {
          if (energies[j] < peakE * 0.01) break;
          tried++;
          yin.estimate(x, j * hop + (j === peakAt ? Math.min(hop >> 2, 256) : 0), est);
          if (est.f0 > 0) {
            f0s.push(est.f0);
            aps.push(est.aperiodicity);
          } else if (tried >= 2 && !f0s.length) break; // two aperiodic frames: noise or a drum, stop early

        }
        if (!f0s.length) return none;
        const sorted = f0s.map((f) => Math.log2(f)).sort((a, b) => a - b);
        const median = sorted[sorted.length >> 1];
        // Frames within 50 cents of the median agree.
        let agree = 0, apSum = 0, logSum = 0;
        for (let i = 0; i < f0s.length; i++) {
          const l = Math.log2(f0s[i]);
          if (Math.abs(l - median) * 1200 <= 50) {
            agree++;
            apSum += aps[i];
            logSum += l;
          }
        }
        const f0 = Math.pow(2, logSum / agree);
        const confidence = Math.max(0, Math.min(1, (agree / tried) * (1 - apSum / agree)));
        if (confidence < PITCH_MIN_CONFIDENCE) return { ...none, confidence };
        const note = hzToNote(f0);
        return { f0Hz: Math.round(f0 * 100) / 100, confidence, midi: note.midi, note: note.note, cents: note.cents };
      },
    };
  },
};
