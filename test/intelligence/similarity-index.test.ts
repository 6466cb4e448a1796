// IVF similarity index: recall against exact search, filters, aspect weights, incremental updates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimilarityIndex } from '../../src/main/intelligence/similarity-index.js';
import { similarFilter, type FilterableSample, type SimilarCriteria } from '../../src/main/intelligence/similar-filter.js';
import { makeBlobs, makeSphereMixture } from './synthetic.js';

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

test('build is deterministic for a seed and differs across seeds', () => {
  const dim = 20;
  const { data } = makeBlobs(6000, dim, 30, 3.0, 12);
  const make = (seed: number) => {
    const index = new SimilarityIndex(dim);
    for (let i = 0; i < 6000; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
    index.build({ seed });
    return index;
  };
  const a = make(4);
  const b = make(4);
  const c = make(5);
  assert.deepEqual(a.stats(), b.stats());
  const q = data.subarray(123 * dim, 124 * dim);
  for (const nprobe of [1, 2, 6]) assert.deepEqual(a.search(q, { k: 20, nprobe }), b.search(q, { k: 20, nprobe }));
  // A different seed trains a different quantiser (single-list probes see other members), same exact neighbours.
  const oneList = (ix: SimilarityIndex) => Array.from({ length: 40 }, (_, r) => ix.search(data.subarray(r * 150 * dim, (r * 150 + 1) * dim), { k: 30, nprobe: 1 }).map((h) => h.id));
  assert.notDeepEqual(oneList(a), oneList(c));
  assert.deepEqual(c.searchExact(q, { k: 10 }), a.searchExact(q, { k: 10 }));
});

test('the SIMD kernel and the JS fallback return the same neighbours, also for dims that need padding', () => {
  for (const dim of [3, 13, 128]) {
    const { data } = makeBlobs(3000, dim, 12, 1.0, 30 + dim);
    const simd = new SimilarityIndex(dim);
    const js = new SimilarityIndex(dim, 16, { kernel: 'js' });
    for (let i = 0; i < 3000; i++) {
      simd.add(i, data.subarray(i * dim, (i + 1) * dim));
      js.add(i, data.subarray(i * dim, (i + 1) * dim));
    }
    simd.build({ seed: 1 });
    js.build({ seed: 1 });
    assert.equal(js.stats().kernel, 'js');
    for (const row of [0, 777, 2999]) {
      const q = data.subarray(row * dim, (row + 1) * dim);
      const weights = Float32Array.from({ length: dim }, (_, j) => (j % 3) + 0.5);
      const a = simd.searchExact(q, { k: 8, weights });
      const b = js.searchExact(q, { k: 8, weights });
      assert.deepEqual(a.map((r) => r.id), b.map((r) => r.id));
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i].distance - b[i].distance) < 1e-3 * (1 + a[i].distance));
      assert.deepEqual(simd.search(q, { k: 8, nprobe: 3 }).map((r) => r.id), js.search(q, { k: 8, nprobe: 3 }).map((r) => r.id));
      // Exact scans return the query row itself at distance ~0, and its stored vector round-trips unpadded.
      assert.equal(simd.searchExact(q, { k: 1 })[0].id, row);
      assert.deepEqual(simd.vector(row), Float32Array.from(q));
    }
  }
});

test('buildAsync yields to the event loop and keeps vectors changed while it runs', async () => {
  const dim = 16;
  const n = 20000;
  const { data } = makeBlobs(n, dim, 25, 1.0, 40);
  const index = new SimilarityIndex(dim);
  for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const done = index.buildAsync({ seed: 2 });
  assert.equal(index.buildAsync(), done, 'a second call joins the running build');
  // Mutations while building: one removed, one moved far away, one new.
  await new Promise((r) => setImmediate(r));
  index.remove(5);
  const far = new Float32Array(dim).fill(40);
  index.add(6, far);
  index.add(n + 1, new Float32Array(dim).fill(-40));
  await done;
  clearInterval(timer);
  assert.ok(ticks > 0, 'timers ran during the build');
  const st = index.stats();
  assert.ok(st.built && st.lists > 50, JSON.stringify(st));
  assert.equal(index.size, n);
  assert.ok(!index.has(5));
  assert.equal(index.search(far, { k: 1 })[0].id, 6);
  assert.equal(index.search(new Float32Array(dim).fill(-40), { k: 1 })[0].id, n + 1);
  assert.ok(!index.search(data.subarray(5 * dim, 6 * dim), { k: 5 }).some((r) => r.id === 5));
});

test('heavy incremental growth after build stays exact-consistent (lists move and get compacted)', () => {
  const dim = 8;
  const { data } = makeBlobs(30000, dim, 10, 1.0, 50);
  const index = new SimilarityIndex(dim);
  for (let i = 0; i < 1000; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  index.build({ seed: 1 });
  for (let i = 1000; i < 30000; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  for (let i = 0; i < 30000; i += 3) index.remove(i);
  assert.equal(index.size, 20000);
  for (const row of [1, 2, 29999, 15001]) {
    const q = data.subarray(row * dim, (row + 1) * dim);
    assert.deepEqual(index.vector(row), Float32Array.from(q));
    assert.equal(index.search(q, { k: 1, nprobe: 2 })[0].id, row);
    const all = index.search(q, { k: 20000, nprobe: 1000 });
    assert.equal(all.length, 20000);
    assert.equal(new Set(all.map((r) => r.id)).size, 20000);
    assert.ok(all.every((r) => r.id % 3 !== 0));
  }
});

test('embedding-like data (overlapping families on the sphere): recall@10 ≥ 0.95 at the default nprobe, filters kept', () => {
  const n = 40000;
  const dim = 64;
  const { data, labels } = makeSphereMixture(n + 200, dim, 25, 12, 60);
  const index = new SimilarityIndex(dim, n);
  for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  index.build({ seed: 9 });
  const st = index.stats();
  assert.ok(st.built && st.lists >= 150, JSON.stringify(st));
  let hit = 0;
  let filteredHit = 0;
  let filteredTotal = 0;
  for (let q = n; q < n + 200; q++) {
    // Held-out queries: not in the index, as with "find similar to this file".
    const v = data.subarray(q * dim, (q + 1) * dim);
    const exact = new Set(index.searchExact(v, { k: 10 }).map((r) => r.id));
    for (const r of index.search(v, { k: 10 })) if (exact.has(r.id)) hit++;
    // A family filter: every hit passes it, and the filtered search still matches the filtered exact search.
    const family = (labels[q] + 1) % 25;
    const filter = (id: number) => labels[id] === family;
    const got = index.search(v, { k: 10, filter });
    assert.equal(got.length, 10);
    assert.ok(got.every((r) => labels[r.id] === family));
    const want = new Set(index.searchExact(v, { k: 10, filter }).map((r) => r.id));
    for (const r of got) if (want.has(r.id)) filteredHit++;
    filteredTotal += 10;
  }
  assert.ok(hit / 2000 >= 0.95, `recall ${hit / 2000}`);
  // A filter to another family asks for far-away sounds, where a few probed lists can miss some of the best.
  assert.ok(filteredHit / filteredTotal >= 0.8, `filtered recall ${filteredHit / filteredTotal}`);
});

test('a subset (ids of one category) is searched exactly when small and through the lists when large', () => {
  const n = 45000;
  const dim = 32;
  const { data, labels } = makeSphereMixture(n + 50, dim, 20, 8, 70);
  const index = new SimilarityIndex(dim, n);
  for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
  index.build({ seed: 3 });
  const small = new Set<number>();
  const large = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (labels[i] === 4) small.add(i);
    else large.add(i);
  }
  // Below 20,000 members the exact path runs; above, the probed lists with the subset as a filter.
  assert.ok(small.size < 20000 && large.size > 20000, `${small.size} / ${large.size}`);
  let largeHit = 0;
  for (let q = n; q < n + 50; q++) {
    const v = data.subarray(q * dim, (q + 1) * dim);
    const exactSmall = index.searchExact(v, { k: 10, filter: (id) => labels[id] === 4 });
    assert.deepEqual(index.search(v, { k: 10, subset: small, nprobe: 1 }), exactSmall);
    const withExclude = index.search(v, { k: 10, subset: small, exclude: exactSmall[0].id });
    assert.ok(!withExclude.some((r) => r.id === exactSmall[0].id));
    const got = index.search(v, { k: 10, subset: large });
    assert.ok(got.length === 10 && got.every((r) => large.has(r.id)));
    const want = new Set(index.searchExact(v, { k: 10, subset: large }).map((r) => r.id));
    for (const r of got) if (want.has(r.id)) largeHit++;
  }
  assert.ok(largeHit / 500 >= 0.95, `large-subset recall ${largeHit / 500}`);
});
