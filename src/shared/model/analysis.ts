// Results of the analyzers, one entry per analyzer id. Each analyzer stamps its results with its version so that
// bumping one re-queues only that analysis.

export type AnalyzerId = 'fingerprint' | 'peaks' | 'loudness' | 'envelope' | 'spectral' | 'pitch' | 'rhythm' | 'key' | 'vector';

export const ANALYZER_IDS: readonly AnalyzerId[] = ['fingerprint', 'peaks', 'loudness', 'envelope', 'spectral', 'pitch', 'rhythm', 'key', 'vector'];

export interface FingerprintResult {
  /** Hash of the decoded audio (16-bit quantised PCM, all channels), independent of path, container and tags. */
  pcmHash: string;
  /** Frames actually decoded. */
  frames: number;
  durationSec: number;
}

export interface PeaksLevel {
  /** Source frames summarised by one min/max pair. */
  framesPerPeak: number;
  /** Min and max of the mono mix per bucket, in [-1, 1]. */
  min: Float32Array;
  max: Float32Array;
}

export interface PeaksResult {
  /** A fixed number of buckets over the whole file, for list thumbnails and overviews. */
  overview: PeaksLevel;
  /** A fixed time resolution, for the zoomable waveform. */
  detail: PeaksLevel;
}

export interface LoudnessResult {
  peakDb: number;
  rmsDb: number;
  /** Integrated loudness per ITU-R BS.1770 (K-weighted, gated); short files use the ungated value. */
  lufs: number;
  crestDb: number;
  leadingSilenceSec: number;
  trailingSilenceSec: number;
  dcOffset: number;
  clipped: boolean;
}

export type SampleKind = 'oneshot' | 'loop';

export interface EnvelopeResult {
  attackSec: number;
  decaySec: number;
  /** Sustain level relative to the peak of the envelope, 0..1. */
  sustainLevel: number;
  /** Duration until the envelope stays below -60 dB of its peak. */
  effectiveDurationSec: number;
  kind: SampleKind;
  kindConfidence: number;
  /** Why the kind was chosen, for display: 'metadata', 'duration', 'periodic onsets', 'seamless loop'… */
  kindReason: string;
}

export interface Stat {
  mean: number;
  std: number;
}

export interface SpectralResult {
  centroidHz: Stat;
  bandwidthHz: Stat;
  rolloffHz: Stat;
  flatness: Stat;
  zcr: Stat;
  /** Spectral contrast per octave band (dB), mean over frames. */
  contrast: number[];
  /** Mean log-mel energy per band (dB). */
  melMean: number[];
  mfccMean: number[];
  mfccStd: number[];
  mfccDeltaMean: number[];
  mfccDeltaStd: number[];
  /** 0 = noise-like, 1 = strongly tonal. */
  tonality: number;
}

export interface PitchResult {
  f0Hz: number | null;
  confidence: number;
  midi: number | null;
  /** Scientific pitch name, e.g. 'A4', 'C#3'. */
  note: string | null;
  cents: number | null;
}

export interface RhythmResult {
  bpm: number | null;
  confidence: number;
  onsetCount: number;
  onsetsPerSec: number;
  /** Beats that fit a whole-bar loop at that tempo, when found. */
  beats: number | null;
}

export interface KeyResult {
  key: string | null;
  confidence: number;
  chroma: number[];
}

export interface VectorResult {
  /** Fixed-length standardisable descriptor vector for similarity and kNN. */
  values: Float32Array;
}

export interface AnalysisResult {
  fingerprint?: FingerprintResult;
  peaks?: PeaksResult;
  loudness?: LoudnessResult;
  envelope?: EnvelopeResult;
  spectral?: SpectralResult;
  pitch?: PitchResult;
  rhythm?: RhythmResult;
  key?: KeyResult;
  vector?: VectorResult;
}
