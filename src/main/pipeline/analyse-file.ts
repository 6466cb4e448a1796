// Decode + analyse one file, turning every failure into a stored, specific per-file error. For the embedding it
// also keeps the mono head of the audio it decoded, so the model's input costs no second decode.
import { performance } from 'node:perf_hooks';
import { openAudio } from '../decode/open-audio.js';
import { AudioDecodeError } from '../decode/decode-error.js';
import { analyseSource } from '../analysis/analyse-source.js';
import type { AnalysisJob, AnalysisOutcome } from './analysis-job.js';
import type { SampleError } from '../../shared/model/sample.js';
import { tapMonoHead, type MonoHead } from './mono-head-tap.js';

export interface AnalysedFile {
  outcome: AnalysisOutcome;
  /** The file's first `headSeconds` as mono at its own rate; null when not asked for or the file failed. */
  head: MonoHead | null;
}

export async function analyseFile(job: AnalysisJob): Promise<AnalysisOutcome> {
  return (await analyseAndCapture(job, 0)).outcome;
}

/** `analyseFile`, also capturing the mono head when headSeconds > 0. An `embedOnly` job decodes just that head. */
export async function analyseAndCapture(job: AnalysisJob, headSeconds: number): Promise<AnalysedFile> {
  const t0 = performance.now();
  let opened;
  try {
    opened = await openAudio(job.path);
  } catch (err) {
    return { outcome: { ok: false, error: toSampleError(err, job.path) }, head: null };
  }
  const tap = headSeconds > 0 ? tapMonoHead(opened, headSeconds) : null;
  const source = tap?.source ?? opened;
  const t1 = performance.now();
  try {
    if (job.decodeOnly || job.embedOnly) {
      const limit = job.embedOnly && tap ? Math.ceil(headSeconds * source.info.sampleRate) : Infinity;
      let frames = 0;
      for await (const block of source.blocks()) {
        frames += block[0]?.length ?? 0;
        if (frames >= limit) break;
      }
      const outcome: AnalysisOutcome = { ok: true, info: source.info, metadata: source.metadata, result: {}, decodeMs: performance.now() - t0, analyseMs: 0 };
      return { outcome, head: tap?.head() ?? null };
    }
    const result = await analyseSource(source, job.analyzers === 'all' ? {} : { only: job.analyzers });
    const t2 = performance.now();
    const outcome: AnalysisOutcome = { ok: true, info: source.info, metadata: source.metadata, result, decodeMs: t1 - t0, analyseMs: t2 - t1 };
    return { outcome, head: tap?.head() ?? null };
  } catch (err) {
    return { outcome: { ok: false, error: toSampleError(err, job.path) }, head: null };
  } finally {
    await source.close().catch(() => {});
  }
}

export function toSampleError(err: unknown, path: string): SampleError {
  if (err instanceof AudioDecodeError) return { code: err.code, message: err.message };
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return { code: 'vanished', message: `file vanished before it could be analysed: ${path}` };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'unreadable', message: `permission denied reading ${path}` };
  if (code === 'EISDIR') return { code: 'unreadable', message: `is a folder, not a file: ${path}` };
  if (code === 'EIO') return { code: 'unreadable', message: `input/output error reading ${path} (failing disk or disconnected drive?)` };
  return { code: 'corrupt', message: `could not analyse ${path}: ${(err as Error)?.message ?? String(err)}` };
}
