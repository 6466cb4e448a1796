// Messages between the analysis coordinator and its workers. Results carry typed arrays, moved, not copied.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import type { SampleError } from '../../shared/model/sample.js';

/** Ask the worker for the learned embedding too. */
export interface EmbedRequest {
  /** Model folder; the shipped assets/model when absent. */
  modelDir?: string;
}

export interface AnalysisJob {
  path: string;
  /** Analyzers to run; 'all' for a file never analysed. */
  analyzers: AnalyzerId[] | 'all';
  /** Only decode (benchmarks compare analysis cost against this). */
  decodeOnly?: boolean;
  /** Also embed the file; the worker batches it with other files into one forward pass. */
  embed?: EmbedRequest;
  /** Only embed (a new model, or a file analysed before embeddings were stored): decode the head the model sees. */
  embedOnly?: boolean;
}

/** What a worker adds once the file's batch went through the model. */
export type EmbeddingOutcome =
  | { embedding: Float32Array; embedModel: string; embedBackend: string }
  /** `embedUnavailable`: the model itself cannot run here, so asking again for other files is pointless. */
  | { embedError: string; embedUnavailable?: boolean };

export type AnalysisOutcome =
  | ({ ok: true; info: AudioInfo; metadata: EmbeddedMetadata; result: AnalysisResult; decodeMs: number; analyseMs: number }
    & Partial<{ embedding: Float32Array; embedModel: string; embedBackend: string; embedError: string; embedUnavailable: boolean }>)
  | { ok: false; error: SampleError };
