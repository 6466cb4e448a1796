// Worker side of sphericalKMeansLargeInWorker: clusters the transferred rows and posts the result back, handing
// the centroid and assignment buffers over instead of copying them.
import { parentPort, workerData } from 'node:worker_threads';
import { sphericalKMeansLarge, type LargeKMeansOptions } from './kmeans.js';
import { largeKMeansInputError } from './kmeans-worker-input.js';

const { data, dim, opts } = workerData as { data: Float32Array; dim: number; opts: LargeKMeansOptions };
try {
  // workerData is untyped: check it here too, whatever the caller already checked.
  const bad = largeKMeansInputError(data, dim, opts);
  if (bad) throw new Error(bad);
  const r = sphericalKMeansLarge(data, dim, opts);
  const buffers = new Set([r.centroids.buffer as ArrayBuffer, r.assignment.buffer as ArrayBuffer]);
  parentPort?.postMessage({ result: { k: r.k, centroids: r.centroids, assignment: r.assignment, iterations: r.iterations, silhouette: r.silhouette } }, [...buffers]);
} catch (e) {
  parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
