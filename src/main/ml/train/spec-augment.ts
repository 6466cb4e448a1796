// SpecAugment on the log-mel patch during training: a few random bands and frames are blanked each time an example
// is drawn, so the network cannot lean on one narrow cue (a soundfont's exact resonance, one frame of its attack)
// that a recording from another source will not share.
import type { Rng } from './rng.js';

export interface SpecAugmentOptions {
  /** Mel-band masks per patch, each up to `maxBands` wide. */
  bandMasks: number;
  maxBands: number;
  /** Time masks per patch, each up to `maxFrames` long. */
  frameMasks: number;
  maxFrames: number;
}

export const DEFAULT_SPEC_AUGMENT: SpecAugmentOptions = { bandMasks: 2, maxBands: 8, frameMasks: 2, maxFrames: 6 };

/**
 * Blanks random bands and frames of one frame-major patch (`frames` × `bands`) in place, with the patch's floor
 * value (−1 = 80 dB below its peak), i.e. as if nothing sounded there.
 */
export function specAugment(patch: Float32Array, frames: number, bands: number, rng: Rng, opts: SpecAugmentOptions = DEFAULT_SPEC_AUGMENT): void {
  if (patch.length !== frames * bands) throw new Error(`specAugment: patch has ${patch.length} values, expected ${frames}×${bands}`);
  for (let m = 0; m < opts.bandMasks; m++) {
    const width = Math.floor(rng() * (opts.maxBands + 1));
    const start = Math.floor(rng() * (bands - width + 1));
    for (let f = 0; f < frames; f++) patch.fill(-1, f * bands + start, f * bands + start + width);
  }
  for (let m = 0; m < opts.frameMasks; m++) {
    const length = Math.floor(rng() * (opts.maxFrames + 1));
    const start = Math.floor(rng() * (frames - length + 1));
    patch.fill(-1, start * bands, (start + length) * bands);
  }
}
