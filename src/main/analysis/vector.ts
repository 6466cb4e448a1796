// Fixed-length raw descriptor vector assembled from the other analyzers' results (standardised elsewhere).
import type { AnalyzerSpec } from './analyzer.js';
import { FEATURE_VECTOR_LENGTH } from './feature-layout.js';

const log2hz = (hz: number) => Math.log2(Math.max(hz, 1));
const log10s = (s: number) => Math.log10(Math.max(s, 1e-3));

export const vectorSpec: AnalyzerSpec<'vector'> = {
  id: 'vector',
  // 2: envelope/rhythm v2 changed the kind and tempo entries.
  version: 2,
  deps: ['spectral', 'envelope', 'pitch', 'loudness', 'rhythm', 'key'],
  needs: {},
  begin() {
    return {
      id: 'vector',
      finish(fc) {
        const { spectral: s, envelope: e, pitch: p, loudness: l, rhythm: r, key: k } = fc.results;
        if (!s || !e || !p || !l || !r || !k) throw new Error('vector needs spectral, envelope, pitch, loudness, rhythm and key results');
        const v: number[] = [
          ...s.mfccMean, ...s.mfccStd, ...s.mfccDeltaStd,
          log2hz(s.centroidHz.mean), s.centroidHz.mean > 0 ? s.centroidHz.std / s.centroidHz.mean : 0,
          log2hz(s.bandwidthHz.mean), log2hz(s.rolloffHz.mean),
          s.flatness.mean, s.flatness.std, s.zcr.mean, s.zcr.std, ...s.contrast, s.tonality,
          log10s(e.attackSec), log10s(e.decaySec), e.sustainLevel, log10s(e.effectiveDurationSec), log10s(fc.durationSec),
          l.crestDb, l.lufs, l.peakDb, l.rmsDb, l.leadingSilenceSec,
          e.kind === 'loop' ? e.kindConfidence : 1 - e.kindConfidence, r.onsetsPerSec, r.bpm ? Math.log2(r.bpm) : 0, r.confidence,
          p.midi ?? 0, p.confidence, ...k.chroma, k.confidence,
        ];
        if (v.length !== FEATURE_VECTOR_LENGTH) throw new Error(`feature vector has ${v.length} values, layout says ${FEATURE_VECTOR_LENGTH}`);
        const values = Float32Array.from(v, (x) => (Number.isFinite(x) ? x : 0));
        return { values };
      },
    };
  },
};
