// The walk in compact batches: parallel arrays instead of one object per file, so a batch is cheap to post from
// the walk worker and cheap to compare on the main thread. Both the worker and the in-thread fallback use this.
import { sep } from 'node:path';
import { walkFolder, newWalkStats, type WalkStats, type WalkedFile } from './walk-folder.js';
import { extensionOf } from './skip-rules.js';
import type { ScanProblem } from './scan-problem.js';

export interface WalkBatch {
  /** Full paths in walk order; sizes[i] and mtimes[i] belong to paths[i]. */
  paths: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
  /** Problems met since the previous batch, in the order met. */
  problems: ScanProblem[];
  /** Running totals of the walk so far (the last batch carries the final ones). */
  stats: WalkStats;
}

export const DEFAULT_WALK_BATCH = 2048;

/**
 * walkFolder, cut into batches. Always yields at least one batch (possibly empty) so the problems and stats of a
 * walk that found nothing still arrive.
 */
export function* walkInBatches(root: string, opts: { signal?: AbortSignal; batchSize?: number } = {}): Generator<WalkBatch> {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_WALK_BATCH);
  const stats = newWalkStats();
  let problems: ScanProblem[] = [];
  let paths: string[] = [];
  let sizes = new Float64Array(size);
  let mtimes = new Float64Array(size);
  const cut = (): WalkBatch => {
    const n = paths.length;
    const batch: WalkBatch = { paths, sizes: n === size ? sizes : sizes.slice(0, n), mtimes: n === size ? mtimes : mtimes.slice(0, n), problems, stats: { ...stats } };
    problems = [];
    paths = [];
    sizes = new Float64Array(size);
    mtimes = new Float64Array(size);
    return batch;
  };
  for (const file of walkFolder(root, { signal: opts.signal, onProblem: (p) => problems.push(p) }, stats)) {
    const i = paths.length;
    paths.push(file.path);
    sizes[i] = file.sizeBytes;
    mtimes[i] = file.mtimeMs;
    if (paths.length === size) yield cut();
  }
  yield cut();
}

/** The i-th file of a batch as walkFolder would have yielded it. */
export function walkedFileAt(batch: WalkBatch, i: number, relStart: number): WalkedFile {
  const path = batch.paths[i];
  const name = path.slice(path.lastIndexOf(sep) + 1);
  return { path, relPath: path.slice(relStart), name, ext: extensionOf(name), sizeBytes: batch.sizes[i], mtimeMs: batch.mtimes[i] };
}
