// Tempo of loops from the shared onset envelope; whole-bar loop lengths pin the tempo exactly.
import type { AnalyzerSpec } from './analyzer.js';
import { fitsWholeBars } from './envelope.js';

export const rhythmSpec: AnalyzerSpec<'rhythm'> = {
  id: 'rhythm',
  version: 1,
  deps: ['envelope'],
  needs: { onsets: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    return {
      id: 'rhythm',
      finish(fc) {
        const onsets = fc.onsets().length;
        const seconds = Math.min(fc.durationSec, fe.onsetLen / fe.frameRate);
        const onsetsPerSec = seconds > 0 ? onsets / seconds : 0;
        const kind = fc.results.envelope?.kind;
        const none = { bpm: null, confidence: 0, onsetCount: onsets, onsetsPerSec, beats: null };
        // Fewer than four onsets cannot carry a tempo: skip the estimate rather than discard it.
        const tempo = onsets >= 4 ? fc.tempo() : null;
        if (!tempo || (kind === 'oneshot' && tempo.periodicity < 0.4)) return none;
        let bpm = tempo.bpm;
        let beats: number | null = null;
        let confidence = tempo.confidence;
        if (kind === 'loop') {
          const dur = fc.durationSec;
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
