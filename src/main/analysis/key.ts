// Musical key from tuning-corrected chroma of the first CAPTURE_SEC seconds and major/minor key profiles.
import { ChromaAccumulator } from '../../shared/dsp/chroma.js';
import { estimateKey } from '../../shared/dsp/key-profiles.js';
import type { AnalyzerSpec } from './analyzer.js';
import { CAPTURE_SEC, FFT_SIZE, HOP, SILENT_RMS } from './front-end.js';

/** Confidence below which the key is reported as unknown (drums, noise, single notes). */
export const KEY_MIN_CONFIDENCE = 0.05;
/** Below this spectral tonality (noise, most drums) no key is reported. */
export const KEY_MIN_TONALITY = 0.4;
/** A key needs at least this many pitch classes above a quarter of the strongest. */
const KEY_MIN_PITCH_CLASSES = 3;
/** Peaks must sit on a common tuning grid (rules out pitch sweeps). */
const KEY_MIN_TUNING_CONCENTRATION = 0.5;

export const keySpec: AnalyzerSpec<'key'> = {
  id: 'key',
  version: 1,
  deps: ['spectral'],
  needs: { frames: true },
  begin(ctx) {
    const fe = ctx.frontEnd!;
    const acc = new ChromaAccumulator(FFT_SIZE, fe.rate);
    const maxFrames = Math.ceil((CAPTURE_SEC * fe.rate) / HOP);
    return {
      id: 'key',
      frame(f) {
        if (f.index < maxFrames && f.rms >= SILENT_RMS) acc.add(f.power);
      },
      finish(fc) {
        const chroma = acc.chroma();
        const tonal = (fc.results.spectral?.tonality ?? 0) >= KEY_MIN_TONALITY && acc.tuningConcentration() >= KEY_MIN_TUNING_CONCENTRATION;
        const classes = chroma.filter((v) => v >= 0.25).length;
        const est = tonal && classes >= KEY_MIN_PITCH_CLASSES ? estimateKey(chroma) : null;
        const rounded = chroma.map((v) => Math.round(v * 1000) / 1000);
        if (!est || est.confidence < KEY_MIN_CONFIDENCE) return { key: null, confidence: est?.confidence ?? 0, chroma: rounded };
        return { key: est.name, confidence: est.confidence, chroma: rounded };
      },
    };
  },
};
