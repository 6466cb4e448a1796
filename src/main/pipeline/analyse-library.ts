// Coordinates background analysis: pulls pending files from the store, analyses them on the worker pool, and
// commits each result on its own so a kill at any instant loses at most the files in flight, never one already done.
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import { ANALYZER_VERSIONS } from '../analysis/analyse-source.js';
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import { WorkerPool, JobFailedError } from './worker-pool.js';
import type { AnalysisJob, AnalysisOutcome } from './analysis-job.js';
import { deriveFields } from './derive-fields.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';
import { ProgressMeter, type ProgressEvent } from '../core/progress.js';

export interface AnalyseOptions {
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onSample?: (id: number) => void;
  /** Called after each stored result, e.g. to derive labels from names. */
  afterSave?: (id: number) => void;
  /** Analyzer versions to bring the library to; defaults to the running code's. */
  versions?: Record<AnalyzerId, number>;
}

export interface AnalyseReport {
  analysed: number;
  failed: number;
  relinked: number;
  seconds: number;
  decodeMs: number;
  analyseMs: number;
  audioSeconds: number;
}

/** Time limit for one file: generous, growing with size, so only a truly stuck decoder hits it. */
export function timeLimitMs(sizeBytes: number): number {
  return 60_000 + Math.ceil(sizeBytes / 1_000_000) * 500;
}

export async function analyseLibrary(db: LibraryDb, opts: AnalyseOptions = {}): Promise<AnalyseReport> {
  const versions = opts.versions ?? ANALYZER_VERSIONS;
  rootsCache.delete(db); // roots may have been added since the last run
  const size = Math.max(1, opts.workers ?? Math.min(availableParallelism(), 8));
  const report: AnalyseReport = { analysed: 0, failed: 0, relinked: 0, seconds: 0, decodeMs: 0, analyseMs: 0, audioSeconds: 0 };
  const initial = db.samples.counts();
  const meter = new ProgressMeter('analyse', initial.pending, (e) => opts.onProgress?.(e));
  const pool = new WorkerPool<AnalysisJob, AnalysisOutcome>({
    script: new URL('./analysis-worker.ts', import.meta.url),
    size,
    perWorker: 2,
    maxHeapMb: 768,
  });
  const running = new Map<number, Promise<void>>();
  // Rows whose result could not be stored (the file changed under us) wait for the next scan, not a busy loop.
  const refused = new Set<number>();
  const started = Date.now();
  const launch = (item: ReturnType<LibraryDb['samples']['nextForAnalysis']>[number]) => {
    const job: AnalysisJob = { path: item.path, analyzers: item.stale === 'all' ? 'all' : withDependents(item.stale) };
    const expect = { sizeBytes: item.sizeBytes, mtimeMs: item.mtimeMs };
    const done = pool.run(job, timeLimitMs(item.sizeBytes))
      .then((outcome) => {
        const finalId = store(db, item.id, item.path, expect, job, outcome, versions, report);
        if (finalId === null) refused.add(item.id);
        return finalId ?? item.id;
      })
      .catch((err) => {
        const error = err instanceof JobFailedError
          ? { code: err.reason === 'timeout' ? 'timeout' as const : 'decoder-crash' as const, message: `${err.reason === 'timeout' ? 'decoder timed out' : 'decoder crashed'} on ${item.path}: ${err.message}` }
          : { code: 'corrupt' as const, message: `analysis failed on ${item.path}: ${(err as Error).message}` };
        if (db.samples.saveFailure(item.id, expect, error)) report.failed++;
        else refused.add(item.id);
        return item.id;
      })
      .then((finalId) => {
        running.delete(item.id);
        opts.afterSave?.(finalId);
        opts.onSample?.(finalId);
        meter.tick(item.path);
      });
    running.set(item.id, done);
  };
  try {
    for (;;) {
      if (opts.signal?.aborted) break;
      const capacity = size * 4 - running.size;
      const batch = capacity > 0 ? db.samples.nextForAnalysis(capacity, versions, [...running.keys(), ...refused]) : [];
      if (meter.total < meter.done + running.size + batch.length) meter.total = meter.done + running.size + batch.length;
      for (const item of batch) launch(item);
      if (!running.size) break;
      // Refill as soon as one file finishes, keeping every worker fed.
      await Promise.race(running.values());
    }
    await Promise.all(running.values());
  } finally {
    await pool.close();
  }
  meter.flush();
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** The vector summarises other analyzers, so re-running any of them re-runs it too. */
function withDependents(stale: AnalyzerId[]): AnalyzerId[] {
  const set = new Set(stale);
  if (stale.some((id) => id !== 'fingerprint' && id !== 'peaks')) set.add('vector');
  return [...set];
}

/**
 * Stores one outcome; returns the sample's id afterwards (the older row's, when the file turned out to be moved),
 * or null when the store refused it because the file changed since it was queued.
 */
function store(db: LibraryDb, id: number, path: string, expect: { sizeBytes: number; mtimeMs: number }, job: AnalysisJob, outcome: AnalysisOutcome, versions: Record<AnalyzerId, number>, report: AnalyseReport): number | null {
  if (!outcome.ok) {
    if (db.samples.saveFailure(id, expect, outcome.error)) report.failed++;
    else return null;
    return id;
  }
  report.decodeMs += outcome.decodeMs;
  report.analyseMs += outcome.analyseMs;
  const ran = job.analyzers === 'all' ? (Object.keys(versions) as AnalyzerId[]) : job.analyzers;
  // A partial re-analysis still needs every result to derive the headline fields.
  let merged: AnalysisResult = outcome.result;
  if (job.analyzers !== 'all') {
    const prior = db.samples.detail(id)?.analysis ?? {};
    merged = { ...prior, ...outcome.result };
  }
  const derived = deriveFields(outcome.info, outcome.metadata, merged, labelFromName(path, { root: rootOf(db, path) }));
  if (derived.durationSec) report.audioSeconds += derived.durationSec;
  const versionsRan = Object.fromEntries(ran.map((a) => [a, versions[a]]));
  const saved = db.samples.saveAnalysis(id, expect, { info: outcome.info, metadata: outcome.metadata, result: outcome.result, versions: versionsRan, derived });
  if (!saved) return null;
  report.analysed++;
  if (derived.fingerprint && job.analyzers === 'all') {
    // A new file whose audio matches a missing one is that file, moved or renamed: its labels follow it.
    const missing = db.samples.findMissingByFingerprint(derived.fingerprint).filter((m) => m !== id);
    if (missing.length) {
      db.samples.relink(missing[0], id);
      report.relinked++;
      return missing[0];
    }
  }
  return id;
}

/** The library root a path lies under (roots rarely change, so the list is read once per analysis run). */
const rootsCache = new WeakMap<LibraryDb, string[]>();
function rootOf(db: LibraryDb, path: string): string | undefined {
  let roots = rootsCache.get(db);
  if (!roots) rootsCache.set(db, (roots = db.roots.list().map((r) => r.path)));
  return roots.find((r) => path.startsWith(r + sep));
}
