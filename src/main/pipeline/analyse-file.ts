// Decode + analyse one file, turning every failure into a stored, specific per-file error.
import { performance } from 'node:perf_hooks';
import { openAudio } from '../decode/open-audio.js';
import { AudioDecodeError } from '../decode/decode-error.js';
import { analyseSource } from '../analysis/analyse-source.js';
import type { AnalysisJob, AnalysisOutcome } from './analysis-job.js';
import type { SampleError } from '../../shared/model/sample.js';

export async function analyseFile(job: AnalysisJob): Promise<AnalysisOutcome> {
  const t0 = performance.now();
  let source;
  try {
    source = await openAudio(job.path);
  } catch (err) {
    return { ok: false, error: toSampleError(err, job.path) };
  }
  const t1 = performance.now();
  try {
    if (job.decodeOnly) {
      for await (const _block of source.blocks());
      return { ok: true, info: source.info, metadata: source.metadata, result: {}, decodeMs: performance.now() - t0, analyseMs: 0 };
    }
    const result = await analyseSource(source, job.analyzers === 'all' ? {} : { only: job.analyzers });
    const t2 = performance.now();
    return { ok: true, info: source.info, metadata: source.metadata, result, decodeMs: t1 - t0, analyseMs: t2 - t1 };
  } catch (err) {
    return { ok: false, error: toSampleError(err, job.path) };
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
