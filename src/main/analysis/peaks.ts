// Waveform peaks of the mono mix: a fixed ~1000-bucket overview and a ~200-per-second detail level (capped).
import type { AnalyzerSpec } from './analyzer.js';
import { DecimatingMinMax } from './decimating-levels.js';

export const OVERVIEW_BUCKETS = 1000;
export const DETAIL_PER_SEC = 200;
/** Detail buckets kept at most (10.9 min at full resolution); longer files coarsen by halving. */
export const DETAIL_CAP = 131072;

export const peaksSpec: AnalyzerSpec<'peaks'> = {
  id: 'peaks',
  // 2: buckets stay aligned when the detail level coarsens in the middle of a block (files over ~11 min).
  version: 2,
  deps: [],
  needs: {},
  begin(ctx) {
    const known = ctx.expectedFrames;
    const overview = new DecimatingMinMax(known ? Math.max(1, Math.ceil(known / OVERVIEW_BUCKETS)) : Math.max(1, Math.round(ctx.sampleRate / 100)), known ? OVERVIEW_BUCKETS + 1 : 2 * OVERVIEW_BUCKETS);
    const detail = new DecimatingMinMax(Math.max(1, Math.round(ctx.sampleRate / DETAIL_PER_SEC)), DETAIL_CAP);
    return {
      id: 'peaks',
      // The mono mix is shared with the front end rather than computed again here.
      processMono(mono, n) {
        overview.push(mono, n);
        detail.push(mono, n);
      },
      finish() {
        return { overview: overview.result(), detail: detail.result() };
      },
    };
  },
};
