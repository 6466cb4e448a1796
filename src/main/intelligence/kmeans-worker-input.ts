// What a clustering job must look like before it is handed to the k-means worker: checked by the caller (so a bad
// call fails at once and the caller's rows are not transferred away for nothing) and again inside the worker.
import type { LargeKMeansOptions } from './kmeans.js';

const WHOLE_OPTIONS = ['k', 'minK', 'maxK', 'fitRows', 'chooseRows', 'silhouetteRows', 'maxIterations'] as const;

/** Why these rows and options cannot be clustered, or null when they can. */
export function largeKMeansInputError(data: unknown, dim: unknown, opts: LargeKMeansOptions | undefined): string | null {
  if (!(data instanceof Float32Array)) return `k-means needs its rows as a Float32Array, got ${describe(data)}`;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) return `k-means needs a whole-number dimension ≥ 1, got ${describe(dim)}`;
  if (data.length === 0) return 'k-means needs at least one row, got an empty array';
  if (data.length % dim !== 0) {
    const rows = Math.floor(data.length / dim);
    return `k-means rows do not fit the dimension: ${data.length} values are not a whole number of ${dim}-d rows (${rows} rows and ${data.length - rows * dim} values left over)`;
  }
  if (opts === undefined || opts === null) return null;
  if (typeof opts !== 'object') return `k-means options must be an object, got ${describe(opts)}`;
  if (opts.seed !== undefined && !Number.isFinite(opts.seed)) return `k-means seed must be a finite number, got ${describe(opts.seed)}`;
  for (const name of WHOLE_OPTIONS) {
    const v = opts[name];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) return `k-means option ${name} must be a whole number ≥ 1, got ${describe(v)}`;
  }
  if (opts.minK !== undefined && opts.maxK !== undefined && opts.minK > opts.maxK) return `k-means minK ${opts.minK} is above maxK ${opts.maxK}`;
  return null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'an object';
  return typeof v;
}
