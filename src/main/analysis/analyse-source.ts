// Decode once, analyse many: streams an AudioSource's blocks exactly once through the requested analyzers
// (and their dependencies), sharing one downmix/resample/STFT front end, and returns their results.
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import { ANALYZER_IDS } from '../../shared/model/analysis.js';
import type { AudioSource } from '../decode/audio-source.js';
import { estimateTempo, type TempoEstimate } from '../../shared/dsp/tempo.js';
import { pickOnsets } from '../../shared/dsp/onset-flux.js';
import type { Analyzer, AnalyzerSpec, BeginContext, FinishContext } from './analyzer.js';
import { FrontEnd, downmix } from './front-end.js';
import { fingerprintSpec } from './fingerprint.js';
import { peaksSpec } from './peaks.js';
import { loudnessSpec } from './loudness.js';
import { envelopeSpec } from './envelope.js';
import { spectralSpec } from './spectral.js';
import { pitchSpec } from './pitch.js';
import { rhythmSpec } from './rhythm.js';
import { keySpec } from './key.js';
import { vectorSpec } from './vector.js';

export { FEATURE_VECTOR_LAYOUT, FEATURE_VECTOR_LENGTH, FEATURE_ASPECT_RANGES } from './feature-layout.js';
export type { FeatureAspect, FeatureDim } from './feature-layout.js';

const SPECS: { [K in AnalyzerId]: AnalyzerSpec<K> } = {
  fingerprint: fingerprintSpec, peaks: peaksSpec, loudness: loudnessSpec, envelope: envelopeSpec, spectral: spectralSpec,
  pitch: pitchSpec, rhythm: rhythmSpec, key: keySpec, vector: vectorSpec,
};

/** Bump an analyzer's number when its output changes; only that analysis is re-queued. */
export const ANALYZER_VERSIONS: Readonly<Record<AnalyzerId, number>> = Object.fromEntries(ANALYZER_IDS.map((id) => [id, SPECS[id].version])) as Record<AnalyzerId, number>;

export class AnalysisError extends Error {
  constructor(readonly analyzer: AnalyzerId, cause: unknown) {
    super(`${analyzer} analysis failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'AnalysisError';
  }
}

/** The requested analyzers plus everything they depend on, in dependency order. */
export function analyzerPlan(only?: readonly AnalyzerId[]): AnalyzerId[] {
  const order: AnalyzerId[] = [];
  const visit = (id: AnalyzerId) => {
    if (order.includes(id)) return;
    const spec = SPECS[id];
    if (!spec) throw new Error(`unknown analyzer '${id}'`);
    for (const d of spec.deps) visit(d);
    order.push(id);
  };
  for (const id of only ?? ANALYZER_IDS) visit(id);
  return order;
}

export async function analyseSource(source: AudioSource, opts: { only?: AnalyzerId[] } = {}): Promise<AnalysisResult> {
  const plan = analyzerPlan(opts.only);
  const specs = plan.map((id) => SPECS[id] as AnalyzerSpec);
  const needs = {
    frames: specs.some((s) => s.needs.frames),
    capture: specs.some((s) => s.needs.capture),
    onsets: specs.some((s) => s.needs.onsets),
  };
  const { sampleRate, channels } = source.info;
  if (!(sampleRate > 0)) throw new Error(`cannot analyse ${source.path}: invalid sample rate ${sampleRate}`);
  const frontEnd = needs.frames || needs.capture || needs.onsets ? new FrontEnd(sampleRate, needs, source.info.frames) : null;
  const begin: BeginContext = { sampleRate, channels, expectedFrames: source.info.frames, metadata: source.metadata, frontEnd };
  const analyzers: Analyzer[] = [];
  for (const spec of specs) {
    try {
      analyzers.push(spec.begin(begin));
    } catch (err) {
      throw new AnalysisError(spec.id, err);
    }
  }
  const native = analyzers.filter((a) => a.process);
  const monoUsers = analyzers.filter((a) => a.processMono);
  let current: AnalyzerId | 'front end' = 'front end';
  if (frontEnd) {
    for (const a of analyzers) {
      if (!a.frame) continue;
      const frame = a.frame.bind(a);
      // Track who is running so a throwing analyzer is named in the error.
      frontEnd.addListener((f) => {
        current = a.id;
        frame(f);
        current = 'front end';
      });
    }
  }

  let frames = 0;
  try {
    for await (const block of source.blocks()) {
      const n = block[0]?.length ?? 0;
      if (n === 0) continue;
      if (block.length !== channels) throw new Error(`decoder yielded ${block.length} channels, header says ${channels}`);
      for (let i = 0; i < native.length; i++) {
        current = native[i].id;
        native[i].process!(block, n);
      }
      current = 'front end';
      if (monoUsers.length || frontEnd) {
        const mono = downmix(block, n);
        for (let i = 0; i < monoUsers.length; i++) {
          current = monoUsers[i].id;
          monoUsers[i].processMono!(mono, n);
        }
        current = 'front end';
        frontEnd?.pushMono(mono, n);
      }
      frames += n;
    }
    frontEnd?.end();
  } catch (err) {
    // Decode errors pass through untouched so the caller can report them as such.
    if (current === 'front end' || (err as Error)?.name === 'AudioDecodeError') throw err;
    throw new AnalysisError(current, err);
  }

  let tempo: TempoEstimate | null | undefined;
  let onsets: number[] | undefined;
  const results: AnalysisResult = {};
  const fc: FinishContext = {
    ...begin,
    frames,
    durationSec: frames / sampleRate,
    results,
    tempo: () => (tempo !== undefined ? tempo : (tempo = frontEnd ? estimateTempo(frontEnd.onsetEnv, frontEnd.onsetLen, frontEnd.frameRate) : null)),
    onsets: () => (onsets ??= frontEnd ? pickOnsets(frontEnd.onsetEnv, frontEnd.onsetLen) : []),
  };
  for (const a of analyzers) {
    try {
      (results as Record<string, unknown>)[a.id] = a.finish(fc);
    } catch (err) {
      throw new AnalysisError(a.id, err);
    }
  }
  return results;
}
