// The library clustering runs in a worker thread: the same clustering as the in-thread k-means for the same seed,
// an event loop that keeps ticking while it runs, clear errors for bad input, and no hang when the worker dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { sphericalKMeansLarge, sphericalKMeansLargeAsync, type LargeKMeansOptions } from '../../src/main/intelligence/kmeans.js';
import { sphericalKMeansLargeInWorker } from '../../src/main/intelligence/kmeans-worker.js';
import { hasStoredClustering, libraryClustering, libraryClusteringAsync } from '../../src/main/services/clusters.js';
import { loadLibraryVectors } from '../../src/main/services/library-vectors.js';
import { plantedLibrary, purity } from '../services/planted-library.js';
import { makeBlobs } from './synthetic.js';
import { longestStall } from '../support/event-loop-stall.js';

test('the worker finds the same clustering as the in-thread k-means for the same seed', async () => {
  const dim = 16;
  const { data, labels } = makeBlobs(3000, dim, 5, 1, 31);
  // A fit sample smaller than the rows, so the worker also runs the assignment pass over every row.
  const opts: LargeKMeansOptions = { seed: 11, minK: 2, maxK: 9, fitRows: 1200 };
  const here = sphericalKMeansLarge(data, dim, opts);
  const there = await sphericalKMeansLargeInWorker(data, dim, opts);
  assert.equal(here.k, 5, 'the silhouette finds the five planted blobs');
  assert.equal(there.k, here.k);
  assert.deepEqual([...there.assignment], [...here.assignment]);
  assert.deepEqual([...there.centroids], [...here.centroids]);
  assert.equal(there.silhouette, here.silhouette);
  assert.equal(there.iterations, here.iterations);
  assert.ok(purity(new Int32Array(labels.map((_, i) => i)), there.assignment, new Map(labels.map((l, i) => [i, l]))) > 0.99);
  assert.equal(data.length, 3000 * dim, 'without transfer the caller keeps its rows');

  // A fixed k, and rows handed over: the caller's copy is emptied, the result is the same.
  const rows = data.slice();
  const fixed = await sphericalKMeansLargeInWorker(rows, dim, { seed: 3, k: 3 }, { transfer: true });
  assert.equal(rows.length, 0, 'transferred rows leave the caller');
  const fixedHere = sphericalKMeansLarge(data, dim, { seed: 3, k: 3 });
  assert.equal(fixed.k, 3);
  assert.equal(fixed.silhouette, null);
  assert.deepEqual([...fixed.assignment], [...fixedHere.assignment]);

  // A view into a bigger buffer clusters only its own rows, and the bigger buffer stays with the caller.
  const padded = new Float32Array(data.length + 2 * dim);
  padded.set(data, dim);
  const view = padded.subarray(dim, dim + data.length);
  const fromView = await sphericalKMeansLargeInWorker(view, dim, opts, { transfer: true });
  assert.deepEqual([...fromView.assignment], [...here.assignment]);
  assert.equal(padded.length, data.length + 2 * dim);
});

test('libraryClusteringAsync clusters in the worker and matches libraryClustering', async () => {
  const p = plantedLibrary(6, 8);
  try {
    p.add(1200, (i) => i % 6);
    const vectors = loadLibraryVectors(p.lib.db);
    const sync = libraryClustering(p.lib.db, { vectors, recompute: true })!;
    const async = await libraryClusteringAsync(p.lib.db, { vectors, recompute: true });
    assert.equal(async.mode, 'full');
    assert.equal(async.chosenBy, 'silhouette');
    assert.equal(async.k, 6);
    assert.equal(async.k, sync.k);
    assert.equal(async.silhouette, sync.silhouette);
    assert.deepEqual([...async.assignment], [...sync.assignment]);
    assert.ok(purity(async.ids, async.assignment, p.planted) > 0.98);
    assert.equal(vectors.standard.length, 1200 * vectors.dim, 'the shared library vectors are not handed away');
    assert.ok(hasStoredClustering(p.lib.db));
    const stored = libraryClustering(p.lib.db, { storedOnly: true })!;
    assert.equal(stored.mode, 'stored');
    assert.deepEqual([...stored.assignment], [...async.assignment]);

    // Stopped before it answers: rejects, and the stored clustering is untouched.
    const before = p.lib.db.settings.get<{ computedAt: number }>('intelligence.clusters')!.computedAt;
    const ctl = new AbortController();
    const stopped = libraryClusteringAsync(p.lib.db, { vectors, recompute: true, signal: ctl.signal });
    ctl.abort();
    await assert.rejects(stopped, { name: 'AbortError' });
    assert.equal(p.lib.db.settings.get<{ computedAt: number }>('intelligence.clusters')!.computedAt, before);
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('the event loop keeps ticking while the worker clusters, unlike the in-thread steps', async () => {
  // Library-like rows: 84-d, many overlapping blobs, so the in-thread fit step runs every round and holds the loop.
  const dim = 84;
  const { data } = makeBlobs(12000, dim, 30, 1, 41, 0.6);
  const opts: LargeKMeansOptions = { seed: 7, minK: 2, maxK: 12 };
  const inThread = await longestStall(() => sphericalKMeansLargeAsync(data, dim, opts));
  const inWorker = await longestStall(() => sphericalKMeansLargeInWorker(data, dim, opts));
  console.log(`longest event-loop stall: in-thread ${inThread.stall.toFixed(0)} ms, worker ${inWorker.stall.toFixed(0)} ms`);
  assert.deepEqual([...inWorker.result.assignment], [...inThread.result.assignment], 'same clustering either way');
  assert.ok(inWorker.stall * 5 < inThread.stall, `worker stall ${inWorker.stall.toFixed(1)} ms vs in-thread ${inThread.stall.toFixed(1)} ms`);
});

test('bad input rejects with a clear message and leaves the caller\'s rows alone', async () => {
  const rows = new Float32Array(10);
  await assert.rejects(sphericalKMeansLargeInWorker(rows, 3, {}, { transfer: true }), {
    message: 'k-means rows do not fit the dimension: 10 values are not a whole number of 3-d rows (3 rows and 1 values left over)',
  });
  assert.equal(rows.length, 10, 'nothing was transferred');
  await assert.rejects(sphericalKMeansLargeInWorker(new Float32Array(0), 4), /at least one row/);
  await assert.rejects(sphericalKMeansLargeInWorker(rows, 0), /whole-number dimension ≥ 1, got 0/);
  await assert.rejects(sphericalKMeansLargeInWorker(rows, 5, { minK: 6, maxK: 3 }), /minK 6 is above maxK 3/);
  await assert.rejects(sphericalKMeansLargeInWorker(rows, 5, { fitRows: 0.5 }), /fitRows must be a whole number ≥ 1, got 0.5/);
  await assert.rejects(sphericalKMeansLargeInWorker(Array.from(rows) as unknown as Float32Array, 5), /Float32Array, got Array/);
});

test('a worker that dies rejects the call instead of leaving it hanging; an abort stops it', async () => {
  const { data } = makeBlobs(2000, 16, 4, 1, 5);
  // A heap far too small to start in: the thread is killed for memory, the call says so.
  await assert.rejects(sphericalKMeansLargeInWorker(data, 16, { seed: 1 }, { maxHeapMb: 1 }), /k-means worker crashed: .*memory/);

  const aborted = AbortSignal.abort();
  await assert.rejects(sphericalKMeansLargeInWorker(data, 16, {}, { signal: aborted }), { name: 'AbortError' });
  const ctl = new AbortController();
  const run = sphericalKMeansLargeInWorker(data, 16, {}, { signal: ctl.signal });
  setTimeout(() => ctl.abort(new Error('library closed')), 5);
  await assert.rejects(run, /library closed/);
  // The same call without the abort still answers: nothing was left behind by the killed workers.
  assert.equal((await sphericalKMeansLargeInWorker(data, 16, { seed: 1 })).assignment.length, 2000);
});
