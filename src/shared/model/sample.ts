// A sample as the library knows it: what the CLI lists and the UI shows.
import type { AudioFormat, EmbeddedMetadata } from './audio.js';
import type { AnalysisResult, SampleKind } from './analysis.js';

export type SampleStatus = 'pending' | 'analysed' | 'failed' | 'missing';

/** Where a label or tag came from. User always wins over the others. */
export type TagSource = 'user' | 'filename' | 'metadata' | 'model' | 'descriptor';

export const TAG_SOURCE_PRIORITY: Readonly<Record<TagSource, number>> = {
  user: 4, metadata: 3, filename: 2, model: 1, descriptor: 0,
};

export interface Tag {
  name: string;
  source: TagSource;
  confidence: number;
}

/** Specific error codes stored per file; the message carries the detail ("truncated data chunk at byte 4096"). */
export type SampleErrorCode = 'truncated' | 'corrupt' | 'unsupported' | 'empty' | 'unreadable' | 'vanished' | 'timeout' | 'decoder-crash' | 'too-large';

export interface SampleError {
  code: SampleErrorCode;
  message: string;
}

export interface SampleSummary {
  id: number;
  path: string;
  root: string;
  name: string;
  status: SampleStatus;
  sizeBytes: number;
  mtimeMs: number;
  format: AudioFormat | null;
  sampleRate: number | null;
  channels: number | null;
  bitDepth: number | null;
  durationSec: number | null;
  kind: SampleKind | null;
  bpm: number | null;
  bpmSource: TagSource | 'analysis' | null;
  key: string | null;
  keySource: TagSource | 'analysis' | null;
  note: string | null;
  loudnessLufs: number | null;
  peakDb: number | null;
  fingerprint: string | null;
  rating: number;
  favourite: boolean;
  tags: Tag[];
  error: SampleError | null;
  /** The effective category (strongest label source: user > metadata > filename > model), when the store knows it. */
  category?: { name: string; source: TagSource; confidence: number } | null;
}

export interface SampleDetail extends SampleSummary {
  metadata: EmbeddedMetadata;
  analysis: AnalysisResult;
  analyzerVersions: Record<string, number>;
}
