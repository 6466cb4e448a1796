// Waveform peaks of the mono mix: a fixed ~1000-bucket overview and a ~200-per-second detail level (capped).
import type { AnalyzerSpec } from './analyzer.js';
import { DecimatingMinMax } from './decimating-levels.js';
import { MAX_BLOCK_FRAMES } from '../decode/audio-source.js';

export const OVERVIEW_BUCKETS = 1000;
export const DETAIL_PER_SEC = 200;
/** Detail buckets kept at most (10.9 min at full resolution); longer files coarsen by halving. */
export const DETAIL_CAP = 131072;

export const peaksSpec: AnalyzerSpec<'peaks'> = {
  id: 'peaks',
  version: 1,
  deps: [],
  needs: {},
  begin(ctx) {
    const known = ctx.expectedFrames;
    const overview = new DecimatingMinMax(known ? Math.max(1, Math.ceil(known / OVERVIEW_BUCKETS)) : Math.max(1, Math.round(ctx.sampleRate / 100)), known ? OVERVIEW_BUCKETS + 1 : 2 * OVERVIEW_BUCKETS);
    const detail = new DecimatingMinMax(Math.max(1, Math.round(ctx.sampleRate / DETAIL_PER_SEC)), DETAIL_CAP);
    const mono = new Float32Array(MAX_BLOCK_FRAMES);
    return {
      id: 'peaks',
      process(block, n) {
        const ch = block.length;
        const g = 1 / ch;
        const a = block[0];
        for (let i = 0; i < n; i++) mono[i] = a[i] * g;
        for (let c = 1; c < ch; c++) {
          const b = block[c];
          for (let i = 0; i < n; i++) mono[i] += b[i] * g;
        }
        overview.push(mono, n);
        detail.push(mono, n);
      },
      finish() {
        return { overview: overview.result(), detail: detail.result() };
      },
    };
  },
};
