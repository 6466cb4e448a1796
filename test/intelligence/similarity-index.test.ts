// IVF similarity index: recall against exact search, filters, aspect weights, incremental updates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimilarityIndex } from '../../src/main/intelligence/similarity-index.js';
import { similarFilter, type FilterableSample, type SimilarCriteria } from '../../src/main/intelligence/similar-filter.js';
import { makeBlobs } from './synthetic.js';

function buildIndex(n: number, dim: number) {
  const { data, labels } = makeBlobs(n, dim, 40, 1.0, 11);
  const index = new SimilarityIndex(dim);
  for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  index.build();
  return { index, data, labels };
}

test('IVF recall@10 ≥ 0.95 against exact search on clustered data', () => {
  const n = 8000;
  const dim = 32;
  const { index, data } = buildIndex(n, dim);
  let hit = 0;
  const queries = 200;
  for (let q = 0; q < queries; q++) {
    const row = (q * 97) % n;
    const v = data.subarray(row * dim, (row + 1) * dim);
    const exact = new Set(index.searchExact(v, { k: 10 }).map((r) => r.id));
    for (const r of index.search(v, { k: 10 })) if (exact.has(r.id)) hit++;
  }
  const recall = hit / (queries * 10);
  assert.ok(recall >= 0.95, `recall ${recall}`);
});

test('filters and allowed bitmaps are respected, even narrow ones', () => {
  const dim = 16;
  const { index, data, labels } = buildIndex(5000, dim);
  const q = data.subarray(0, dim);
  const res = index.search(q, { k: 10, filter: (id) => labels[id] === 7, exclude: 0 });
  assert.equal(res.length, 10);
  for (const r of res) assert.equal(labels[r.id], 7);
  const allowed = new Uint8Array(5000);
  allowed[4321] = 1;
  allowed[17] = 1;
  const few = index.search(q, { k: 10, allowed });
  assert.deepEqual(few.map((r) => r.id).sort((a, b) => a - b), [17, 4321]);
  assert.ok(!index.search(q, { k: 5, exclude: 0 }).some((r) => r.id === 0));
});

test('aspect weights change what counts as similar', () => {
  const index = new SimilarityIndex(2);
  index.add(1, Float32Array.of(0, 0));
  index.add(2, Float32Array.of(1, 5)); // close in dim 0
  index.add(3, Float32Array.of(5, 1)); // close in dim 1
  const q = Float32Array.of(0, 0.0);
  assert.equal(index.search(q, { k: 1, exclude: 1, weights: Float32Array.of(1, 0) })[0].id, 2);
  assert.equal(index.search(q, { k: 1, exclude: 1, weights: Float32Array.of(0, 1) })[0].id, 3);
});

test('incremental add, update and remove after build', () => {
  const dim = 8;
  const { index } = buildIndex(3000, dim);
  const far = new Float32Array(dim).fill(50);
  index.add(99999, far);
  assert.equal(index.search(far, { k: 1 })[0].id, 99999);
  index.add(99999, new Float32Array(dim).fill(-50));
  assert.notEqual(index.search(far, { k: 1 })[0].id, 99999);
  assert.ok(index.remove(99999));
  assert.ok(!index.has(99999));
  assert.equal(index.size, 3000);
  assert.throws(() => index.add(5, new Float32Array(3)), /has 3 dims, index has 8/);
});

test('similar-search criteria filter by category, kind, duration and pitch', () => {
  const samples = new Map<number, FilterableSample>([
    [1, { category: 'kick', kind: 'oneshot', durationSec: 0.4, midi: 36 }],
    [2, { category: 'kick', kind: 'loop', durationSec: 4, midi: null }],
    [3, { category: 'bass', kind: 'oneshot', durationSec: 1.2, midi: 40 }],
    [4, { category: 'snare', kind: 'oneshot', durationSec: 0.3, midi: null }],
  ]);
  const index = new SimilarityIndex(2);
  for (const id of samples.keys()) index.add(id, Float32Array.of(id, 0));
  const q = Float32Array.of(0, 0);
  const ids = (c: SimilarCriteria) => index.search(q, { k: 10, filter: similarFilter(samples, c) }).map((r) => r.id).sort();
  assert.deepEqual(ids({ categories: ['kick'] }), [1, 2]);
  assert.deepEqual(ids({ kind: 'oneshot', maxDurationSec: 1 }), [1, 4]);
  assert.deepEqual(ids({ minMidi: 30, maxMidi: 38 }), [1]);
  assert.deepEqual(ids({ categories: ['kick', 'bass'], minDurationSec: 1 }), [2, 3]);
});
