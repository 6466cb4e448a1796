// 2-D map: trustworthiness on planted clusters, incremental placement, worker wrapper, distance colouring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMapLayout, distanceToSample, extendMapLayout, knnGraph, trustworthiness } from '../../src/main/intelligence/map-layout.js';
import { computeMapInWorker } from '../../src/main/intelligence/map-worker.js';
import { rng } from '../../src/main/intelligence/vector-math.js';
import { makeBlobs } from './synthetic.js';

const dim = 24;

test('map layout is far more trustworthy than a random layout', () => {
  const { data } = makeBlobs(800, dim, 8, 1.2, 21);
  const pos = computeMapLayout(data, dim, { epochs: 200 });
  assert.equal(pos.length, 1600);
  assert.ok(pos.every(Number.isFinite));
  const rand = rng(1);
  const random = Float32Array.from({ length: 1600 }, () => rand());
  const tMap = trustworthiness(data, dim, pos, 10, 300);
  const tRandom = trustworthiness(data, dim, random, 10, 300);
  assert.ok(tMap > 0.85, `map T ${tMap}`);
  assert.ok(tMap - tRandom > 0.3, `map ${tMap} vs random ${tRandom}`);
});

test('incremental add keeps old points fixed and places new ones near their cluster', () => {
  const { data, labels } = makeBlobs(610, dim, 5, 1, 22);
  const oldData = data.subarray(0, 600 * dim);
  const old = computeMapLayout(oldData, dim, { epochs: 150 });
  const all = extendMapLayout(data, dim, old);
  for (let i = 0; i < 1200; i++) assert.equal(all[i], old[i]);
  // Each new point lands closer to the centroid of its own cluster's old points than to any other cluster's.
  const cx = new Float64Array(5);
  const cy = new Float64Array(5);
  const cn = new Float64Array(5);
  for (let i = 0; i < 600; i++) {
    cx[labels[i]] += old[i * 2];
    cy[labels[i]] += old[i * 2 + 1];
    cn[labels[i]]++;
  }
  for (let i = 600; i < 610; i++) {
    let best = -1;
    let bd = Infinity;
    for (let c = 0; c < 5; c++) {
      const d = (all[i * 2] - cx[c] / cn[c]) ** 2 + (all[i * 2 + 1] - cy[c] / cn[c]) ** 2;
      if (d < bd) {
        bd = d;
        best = c;
      }
    }
    assert.equal(best, labels[i], `new point ${i}`);
  }
});

test('layout runs in a worker thread', async () => {
  const { data } = makeBlobs(200, 8, 4, 1, 23);
  const pos = await computeMapInWorker(data, 8, { epochs: 50 });
  assert.equal(pos.length, 400);
  assert.ok(pos.every(Number.isFinite));
});

test('distanceToSample is zero at the sample and grows with distance', () => {
  const data = Float32Array.of(0, 0, 3, 4, 6, 8);
  assert.deepEqual([...distanceToSample(data, 2, 0)], [0, 5, 10]);
});

test('the IVF kNN graph used above 2,000 rows finds ≥ 95% of the exact neighbours', () => {
  const n = 4000;
  const d = 32;
  const { data } = makeBlobs(n, d, 20, 1.5, 24);
  const g = knnGraph(data, d, 15);
  let hit = 0;
  const rows = 150;
  for (let r = 0; r < rows; r++) {
    const i = (r * 26) % n;
    const dist = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let x = 0; x < d; x++) s += (data[i * d + x] - data[j * d + x]) ** 2;
      return [j === i ? Infinity : s, j];
    }).sort((a, b) => a[0] - b[0]);
    const exact = new Set(dist.slice(0, 15).map((e) => e[1]));
    for (let t = 0; t < 15; t++) if (exact.has(g.indices[i * 15 + t])) hit++;
    // Neighbours come nearest first with their true distances.
    for (let t = 1; t < 15; t++) assert.ok(g.distances[i * 15 + t] >= g.distances[i * 15 + t - 1]);
    assert.ok(Math.abs(g.distances[i * 15] - Math.sqrt(dist[0][0])) < 1e-3);
  }
  assert.ok(hit / (rows * 15) >= 0.95, `graph recall ${hit / (rows * 15)}`);
});

test('a 4,000-point layout (IVF graph path) keeps local neighbourhoods', () => {
  const { data } = makeBlobs(4000, dim, 12, 1.2, 25);
  const pos = computeMapLayout(data, dim, { seed: 3 });
  const again = computeMapLayout(data, dim, { seed: 3 });
  assert.deepEqual(again, pos, 'same seed, same map');
  const t = trustworthiness(data, dim, pos, 10, 300);
  assert.ok(t > 0.9, `T ${t}`);
});
