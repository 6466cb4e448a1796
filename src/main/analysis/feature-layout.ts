// Names and aspects of the feature vector's dimensions, so similarity can weight timbre, envelope and pitch.

export type FeatureAspect = 'timbre' | 'envelope' | 'pitch';

export interface FeatureDim {
  name: string;
  aspect: FeatureAspect;
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const TIMBRE = [
  ...range('mfcc_mean_', 13), ...range('mfcc_std_', 13), ...range('mfcc_delta_std_', 13),
  'centroid_log2hz_mean', 'centroid_log2hz_std', 'bandwidth_log2hz_mean', 'rolloff_log2hz_mean',
  'flatness_mean', 'flatness_std', 'zcr_mean', 'zcr_std', ...range('contrast_db_', 7), 'tonality',
];
const ENVELOPE = [
  'attack_log10s', 'decay_log10s', 'sustain_level', 'effective_duration_log10s', 'duration_log10s',
  'crest_db', 'lufs', 'peak_db', 'rms_db', 'leading_silence_s', 'loopness', 'onsets_per_sec', 'bpm_log2', 'rhythm_confidence',
];
const PITCH = ['f0_midi', 'pitch_confidence', ...range('chroma_', 12), 'key_confidence'];

/** Dimension names in vector order, each tagged with its aspect. */
export const FEATURE_VECTOR_LAYOUT: readonly FeatureDim[] = [
  ...TIMBRE.map((name) => ({ name, aspect: 'timbre' as const })),
  ...ENVELOPE.map((name) => ({ name, aspect: 'envelope' as const })),
  ...PITCH.map((name) => ({ name, aspect: 'pitch' as const })),
];

export const FEATURE_VECTOR_LENGTH = FEATURE_VECTOR_LAYOUT.length;

/** Index range [start, end) of each aspect in the vector. */
export const FEATURE_ASPECT_RANGES: Readonly<Record<FeatureAspect, readonly [number, number]>> = {
  timbre: [0, TIMBRE.length],
  envelope: [TIMBRE.length, TIMBRE.length + ENVELOPE.length],
  pitch: [TIMBRE.length + ENVELOPE.length, FEATURE_VECTOR_LAYOUT.length],
};
