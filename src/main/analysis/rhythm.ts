// Tempo of loops. A loop cut at bar lines allows only the tempos that make it a whole number of bars, so those are
// weighed first (its accents decide between a tempo and its double); otherwise the onset autocorrelation decides.
import type { RhythmResult } from '../../shared/model/analysis.js';
import { estimateBarTempo } from '../../shared/dsp/bar-tempo.js';
import type { AnalyzerSpec } from './analyzer.js';
import { fitsWholeBars } from './envelope.js';
import { sharedFrameLog } from './frame-log.js';
import { gridAlignment, loopEvidenceFor } from './loop-evidence.js';

/** How far above chance the re-attacks must sit on the bar tempo's grid before the loop length is trusted for tempo. */
const MIN_GRID_EXCESS = 0.4;

export const rhythmSpec: AnalyzerSpec<'rhythm'> = {
  id: 'rhythm',
  // 3: chord loops read from their harmony take its bar count as their tempo.
  version: 3,
  deps: ['envelope'],
  needs: { onsets: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    const log = sharedFrameLog(fe);
    return {
      id: 'rhythm',
      finish(fc): RhythmResult {
        const onsets = fc.onsets().length;
        const seconds = Math.min(fc.durationSec, fe.onsetLen / fe.frameRate);
        const onsetsPerSec = seconds > 0 ? onsets / seconds : 0;
        const kind = fc.results.envelope?.kind;
        const none = { bpm: null, confidence: 0, onsetCount: onsets, onsetsPerSec, beats: null };
        const dur = fc.durationSec;
        // The envelope analyser gathered this evidence already (it is cached per front end).
        const ev = loopEvidenceFor(fe, dur);
        // A chord loop found by its harmony says how many bars it is; with no hits to place, that is the tempo.
        if (kind === 'loop' && ev.harmony && ev.reattacks.length === 0) {
          return { bpm: Math.round(ev.harmony.bpm * 100) / 100, confidence: 0.5, onsetCount: onsets, onsetsPerSec, beats: 4 * ev.harmony.bars };
        }
        const bar = estimateBarTempo(log.accent, log.n, fe.frameRate, dur);
        if (bar) {
          const hits = ev.reattacks.length;
          const fit = hits ? gridAlignment(ev.reattacks, bar.bpm, fe.frameRate).excess : 0;
          const onBars = bar.reason === 'changes on every bar line';
          // A loop: the length alone (a drone) or hits on this tempo's grid; else the length is not cut to bars.
          if (kind === 'loop' && (hits === 0 || fit >= MIN_GRID_EXCESS || onBars)) {
            const confidence = hits === 0 ? 0.3 : Math.min(1, 0.6 + 0.4 * bar.confidence * fit);
            return { bpm: Math.round(bar.bpm * 100) / 100, confidence, onsetCount: onsets, onsetsPerSec, beats: bar.beats };
          }
          // Called a one-shot, yet its changes sit on the grid of a whole-bar tempo: worth a low-confidence tempo
          // for when its name says loop (a one-chord bar, a sparse top loop).
          if (kind === 'oneshot' && hits >= 2 && (fit >= MIN_GRID_EXCESS || onBars)) {
            return { bpm: Math.round(bar.bpm * 100) / 100, confidence: 0.3, onsetCount: onsets, onsetsPerSec, beats: bar.beats };
          }
        }
        // Fewer than four onsets cannot carry a tempo: skip the estimate rather than discard it.
        const tempo = onsets >= 4 ? fc.tempo() : null;
        if (!tempo || (kind === 'oneshot' && tempo.periodicity < 0.4)) return none;
        let bpm = tempo.bpm;
        let beats: number | null = null;
        let confidence = tempo.confidence;
        if (kind === 'loop') {
          const b = fitsWholeBars(dur, bpm);
          if (b) {
            bpm = (60 * b) / dur;
            beats = b;
            confidence = Math.min(1, confidence + 0.3);
          }
        }
        return { bpm: Math.round(bpm * 100) / 100, confidence, onsetCount: onsets, onsetsPerSec, beats };
      },
    };
  },
};
