// The analyzer lifecycle (begin → process blocks/frames → finish) and the context they share, so one decode
// feeds every analysis.
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import type { TempoEstimate } from '../../shared/dsp/tempo.js';
import type { FrontEnd, SpectralFrame } from './front-end.js';

/** What an analyzer knows when it begins: the stream's shape, before any audio. */
export interface BeginContext {
  sampleRate: number;
  channels: number;
  /** Frames the container promises, or null (e.g. some MP3s) until decoded. */
  expectedFrames: number | null;
  metadata: EmbeddedMetadata;
  /** Shared downmix/resample/STFT stage; present when any requested analyzer needs it. */
  frontEnd: FrontEnd | null;
}

/** What an analyzer knows when it finishes: the whole stream's length and the results of its dependencies. */
export interface FinishContext extends BeginContext {
  frames: number;
  durationSec: number;
  results: AnalysisResult;
  /** Tempo of the onset envelope (computed once, shared by envelope and rhythm). */
  tempo(): TempoEstimate | null;
  /** Onset frame indices in the shared STFT frame grid (computed once). */
  onsets(): number[];
}

export interface Analyzer<K extends AnalyzerId = AnalyzerId> {
  readonly id: K;
  /** Native-rate planar block, all channels; `frames` valid samples per channel. */
  process?(block: Float32Array[], frames: number): void;
  /** Native-rate mono mix (mean of the channels) of the same block, computed once for everyone who wants it. */
  processMono?(mono: Float32Array, frames: number): void;
  /** One frame of the shared analysis-rate STFT. */
  frame?(frame: SpectralFrame): void;
  finish(ctx: FinishContext): NonNullable<AnalysisResult[K]>;
}

export interface FrontEndNeeds {
  /** STFT frames delivered to `frame`. */
  frames?: boolean;
  /** Analysis-rate mono capture of the first seconds (envelope, pitch). */
  capture?: boolean;
  /** Onset-strength envelope (rhythm, one-shot/loop). */
  onsets?: boolean;
}

export interface AnalyzerSpec<K extends AnalyzerId = AnalyzerId> {
  id: K;
  version: number;
  deps: AnalyzerId[];
  needs: FrontEndNeeds;
  begin(ctx: BeginContext): Analyzer<K>;
}

/** dB with a floor, so silence stores as a finite number. */
export function toDb(x: number, floor = -120): number {
  return x > 0 ? Math.max(floor, 20 * Math.log10(x)) : floor;
}
