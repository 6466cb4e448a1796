// Coordinates background analysis: pulls pending files from the store, analyses them on the worker pool, and
// commits each result on its own so a kill at any instant loses at most the files in flight, never one already done.
// Each file's learned embedding is computed by the same worker (batched) and committed with its analysis; analysed
// files without a vector of the current model (older libraries, a new model) are then only re-embedded.
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import { ANALYZER_VERSIONS } from '../analysis/analyse-source.js';
import type { AnalysisResult, AnalyzerId } from '../../shared/model/analysis.js';
import { WorkerPool, JobFailedError } from './worker-pool.js';
import type { AnalysisJob, AnalysisOutcome } from './analysis-job.js';
import type { EmbeddingCandidate } from '../store/index.js';
import { deriveFields } from './derive-fields.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';
import { ProgressMeter, type ProgressEvent } from '../core/progress.js';
import { EMBED_BATCH } from './embed-batcher.js';
import { embeddingModelVersion } from './model-version.js';

export interface AnalyseOptions {
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onSample?: (id: number) => void;
  /** Called after each stored result, e.g. to derive labels from names. */
  afterSave?: (id: number) => void;
  /** Analyzer versions to bring the library to; defaults to the running code's. */
  versions?: Record<AnalyzerId, number>;
  /** Learned embeddings: on by default with the shipped model; `false` skips them (they are filled in later). */
  embeddings?: false | { modelDir?: string };
  /** Told once per distinct problem that did not stop the analysis (e.g. the embedding model cannot load). */
  onWarning?: (message: string) => void;
  /** Only bring embeddings up to date (no analysis of pending or stale files): the catch-up pass alone. */
  reembedOnly?: boolean;
  /** Another worker entry (tests run the real loop with a model of their own). */
  workerScript?: URL;
}

export interface AnalyseReport {
  analysed: number;
  failed: number;
  relinked: number;
  seconds: number;
  decodeMs: number;
  analyseMs: number;
  audioSeconds: number;
  /** Files whose vector was stored: with their analysis, or re-embedded alone (`reembedded` of them). */
  embedded: number;
  reembedded: number;
  /** Files analysed (or up for re-embedding) that got no vector; `embedProblem` says why, once. */
  embedFailed: number;
  embedModel?: string;
  embedBackend?: string;
  embedProblem?: string;
}

/** Time limit for one file: generous, growing with size, so only a truly stuck decoder hits it. */
export function timeLimitMs(sizeBytes: number): number {
  return 60_000 + Math.ceil(sizeBytes / 1_000_000) * 500;
}

export async function analyseLibrary(db: LibraryDb, opts: AnalyseOptions = {}): Promise<AnalyseReport> {
  const versions = opts.versions ?? ANALYZER_VERSIONS;
  rootsCache.delete(db); // roots may have been added since the last run
  const size = Math.max(1, opts.workers ?? Math.min(availableParallelism(), 8));
  const report: AnalyseReport = {
    analysed: 0, failed: 0, relinked: 0, seconds: 0, decodeMs: 0, analyseMs: 0, audioSeconds: 0, embedded: 0, reembedded: 0, embedFailed: 0,
  };
  const warned = new Set<string>();
  const warn = (message: string) => {
    report.embedProblem ??= message;
    if (warned.has(message)) return;
    warned.add(message);
    opts.onWarning?.(message);
  };
  // The model's version, to find vectors of another model; no model, no embeddings this run (said once).
  let embed: { request: { modelDir?: string }; version: string } | null = null;
  if (opts.embeddings !== false) {
    const request = opts.embeddings?.modelDir ? { modelDir: opts.embeddings.modelDir } : {};
    const model = await embeddingModelVersion(request.modelDir);
    if ('error' in model) warn(`${model.error}; sounds are analysed without embeddings`);
    else embed = { request, version: model.version };
  }
  const meter = new ProgressMeter('analyse', opts.reembedOnly ? 0 : db.samples.counts().pending, (e) => opts.onProgress?.(e));
  const pool = new WorkerPool<AnalysisJob, AnalysisOutcome>({
    script: opts.workerScript ?? new URL('./analysis-worker.ts', import.meta.url),
    size,
    perWorker: 2,
    maxHeapMb: 768,
    complete: (analysed, embedding) => ({ ...analysed, ...(embedding as object) }) as AnalysisOutcome,
    incomplete: (analysed, why) => (analysed.ok ? { ...analysed, embedError: `embedding lost (${why})` } : analysed),
  });
  // Files a worker holds for its next embedding batch count as in flight: room for full batches on every worker.
  const maxInFlight = size * (embed ? EMBED_BATCH + 4 : 4);
  let reembedAfter = 0;
  let embedUnavailable = false;
  const running = new Map<number, Promise<void>>();
  // Rows whose result could not be stored (the file changed under us) wait for the next scan, not a busy loop.
  const refused = new Set<number>();
  const started = Date.now();
  const noteEmbedding = (outcome: AnalysisOutcome, job: AnalysisJob) => {
    if (!job.embed || !outcome.ok) return;
    if (outcome.embedding) {
      report.embedModel ??= outcome.embedModel;
      report.embedBackend ??= outcome.embedBackend;
      // The workers' word is final: should the expected version ever differ, catch up to theirs, not ours.
      if (embed && outcome.embedModel && outcome.embedModel !== embed.version) {
        warn(`the embedding model reports version ${outcome.embedModel}, expected ${embed.version}; using the model's`);
        embed.version = outcome.embedModel;
      }
      return;
    }
    report.embedFailed++;
    if (outcome.embedUnavailable) embedUnavailable = true;
    warn(outcome.embedError ?? 'no embedding came back');
  };
  const launch = (item: ReturnType<LibraryDb['samples']['nextForAnalysis']>[number]) => {
    const job: AnalysisJob = { path: item.path, analyzers: item.stale === 'all' ? 'all' : withDependents(item.stale) };
    // A partial re-analysis keeps a current vector; one missing or of another model is made while the file is open.
    if (embed && (item.stale === 'all' || !db.embeddings.get(item.id, embed.version))) job.embed = embed.request;
    const expect = { sizeBytes: item.sizeBytes, mtimeMs: item.mtimeMs };
    const done = pool.run(job, timeLimitMs(item.sizeBytes))
      .then((outcome) => {
        noteEmbedding(outcome, job);
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
  /** Catch-up: an analysed file only needs its vector (a new model, or analysed before vectors were stored). */
  const launchReembed = (item: EmbeddingCandidate, model: { request: { modelDir?: string }; version: string }) => {
    const job: AnalysisJob = { path: item.path, analyzers: [], embed: model.request, embedOnly: true };
    const done = pool.run(job, timeLimitMs(item.sizeBytes))
      .then((outcome) => {
        noteEmbedding(outcome, job);
        if (outcome.ok && outcome.embedding && outcome.embedModel === model.version
          && db.embeddings.putIfUnchanged(item.id, item, outcome.embedModel, outcome.embedding)) {
          report.embedded++;
          report.reembedded++;
        } else if (!outcome.ok) {
          // The analysis stays as it was; the next scan notices a changed or vanished file.
          report.embedFailed++;
          warn(`could not re-embed ${item.path}: ${outcome.error.message}`);
        }
      })
      .catch((err) => {
        report.embedFailed++;
        warn(`could not re-embed ${item.path}: ${(err as Error).message}`);
      })
      .then(() => {
        running.delete(item.id);
        meter.tick(item.path);
      });
    running.set(item.id, done);
  };
  try {
    for (;;) {
      if (opts.signal?.aborted) break;
      const capacity = maxInFlight - running.size;
      const batch = capacity > 0 && !opts.reembedOnly ? db.samples.nextForAnalysis(capacity, versions, [...running.keys(), ...refused]) : [];
      for (const item of batch) launch(item);
      if (embed && !embedUnavailable && !batch.length && capacity > 0) {
        // Ascending ids from a cursor: each file is tried once per run, even when its vector cannot be made.
        const catchUp = db.embeddings.missing(embed.version, capacity, reembedAfter);
        if (catchUp.length) reembedAfter = catchUp[catchUp.length - 1].id;
        for (const item of catchUp) if (!running.has(item.id)) launchReembed(item, embed);
      }
      if (meter.total < meter.done + running.size) meter.total = meter.done + running.size;
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
  // Analysis, move detection and vector in one transaction: a kill leaves the file wholly done or wholly pending.
  return db.transaction(() => {
    const saved = db.samples.saveAnalysis(id, expect, { info: outcome.info, metadata: outcome.metadata, result: outcome.result, versions: versionsRan, derived });
    if (!saved) return null;
    report.analysed++;
    let finalId = id;
    if (derived.fingerprint && job.analyzers === 'all') {
      // A new file whose audio matches a missing one is that file, moved or renamed: its labels follow it.
      const missing = db.samples.findMissingByFingerprint(derived.fingerprint).filter((m) => m !== id);
      if (missing.length) {
        db.samples.relink(missing[0], id);
        report.relinked++;
        finalId = missing[0];
      }
    }
    // Stored under the id the sample ends up with (a relink deletes the new row, and the old row's stale vector).
    if (outcome.embedding && outcome.embedModel) {
      db.embeddings.put(finalId, outcome.embedModel, outcome.embedding);
      report.embedded++;
    }
    return finalId;
  });
}

/** The library root a path lies under (roots rarely change, so the list is read once per analysis run). */
const rootsCache = new WeakMap<LibraryDb, string[]>();
function rootOf(db: LibraryDb, path: string): string | undefined {
  let roots = rootsCache.get(db);
  if (!roots) rootsCache.set(db, (roots = db.roots.list().map((r) => r.path)));
  return roots.find((r) => path.startsWith(r + sep));
}
