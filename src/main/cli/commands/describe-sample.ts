// The machine-readable form of samples in `list --json`: each summary plus a compact descriptor summary, read in
// one query per page rather than loading every sample's full analysis.
import type { LibraryDb } from '../../store/index.js';
import type { SampleSummary } from '../../../shared/model/sample.js';
import type { AnalysisResult } from '../../../shared/model/analysis.js';

export interface DescriptorSummary {
  attackSec: number | null;
  effectiveDurationSec: number | null;
  crestDb: number | null;
  centroidHz: number | null;
  flatness: number | null;
  tonality: number | null;
  zcr: number | null;
  pitchHz: number | null;
  pitchConfidence: number | null;
}

export type ListedSample = SampleSummary & { descriptors: DescriptorSummary | null };

export function describeSamples(db: LibraryDb, samples: readonly SampleSummary[]): ListedSample[] {
  const analysis = db.samples.analysisFor(samples.map((s) => s.id), ['envelope', 'loudness', 'spectral', 'pitch']);
  return samples.map((s) => ({ ...s, descriptors: summarise(analysis.get(s.id)) }));
}

function summarise(a: AnalysisResult | undefined): DescriptorSummary | null {
  if (!a) return null;
  const round = (v: number | undefined | null, digits = 3) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
  return {
    attackSec: round(a.envelope?.attackSec, 4),
    effectiveDurationSec: round(a.envelope?.effectiveDurationSec),
    crestDb: round(a.loudness?.crestDb, 2),
    centroidHz: round(a.spectral?.centroidHz.mean, 1),
    flatness: round(a.spectral?.flatness.mean, 4),
    tonality: round(a.spectral?.tonality),
    zcr: round(a.spectral?.zcr.mean, 4),
    pitchHz: round(a.pitch?.f0Hz, 2),
    pitchConfidence: round(a.pitch?.confidence),
  };
}
