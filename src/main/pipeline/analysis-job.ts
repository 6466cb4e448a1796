// Messages between the analysis coordinator and its workers. Results carry typed arrays, moved, not copied.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import type { SampleError } from '../../shared/model/sample.js';

export interface AnalysisJob {
  path: string;
  /** Analyzers to run; 'all' for a file never analysed. */
  analyzers: AnalyzerId[] | 'all';
  /** Only decode (benchmarks compare analysis cost against this). */
  decodeOnly?: boolean;
}

export type AnalysisOutcome =
  | { ok: true; info: AudioInfo; metadata: EmbeddedMetadata; result: AnalysisResult; decodeMs: number; analyseMs: number }
  | { ok: false; error: SampleError };
