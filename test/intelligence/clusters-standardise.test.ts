// Standardisation, aspect weights, spherical k-means and cluster summaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyStandardiser, aspectWeightVector, fitStandardiser } from '../../src/main/intelligence/standardise.js';
import { chooseKBySilhouette, sphericalKMeans, summariseClusters } from '../../src/main/intelligence/kmeans.js';
import { makeBlobs } from './synthetic.js';

test('robust standardisation centres and scales each dimension, resisting outliers', () => {
  const n = 1001;
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[i * 3] = 1000 + (i % 100) * 10; // Hz-like
    data[i * 3 + 1] = -30 + (i % 50) * 0.1; // dB-like
    data[i * 3 + 2] = 5; // constant
  }
  data[0] = 1e9; // an outlier must not wreck the fit
  const s = fitStandardiser(data, 3);
  const z = applyStandardiser(s, data);
  let m0 = 0;
  for (let i = 1; i < n; i++) m0 += z[i * 3] / (n - 1);
  assert.ok(Math.abs(m0) < 0.1, `mean ${m0}`);
  assert.ok(Math.abs(s.scale[0] - 500 / 1.349 * 0.99) < 30, `scale ${s.scale[0]}`);
  assert.equal(z[2], 0);
  assert.equal(z[0], 8);
  assert.throws(() => fitStandardiser(new Float32Array(0), 3), /no vectors/);
});

test('aspect weights spread each aspect over its dimensions', () => {
  const w = aspectWeightVector(6, [{ name: 'timbre', start: 0, length: 4 }, { name: 'pitch', start: 4, length: 2 }], { timbre: 1, pitch: 2 });
  assert.deepEqual([...w], [0.25, 0.25, 0.25, 0.25, 1, 1]);
});

test('spherical k-means recovers planted clusters and silhouette picks k', () => {
  const { data, labels } = makeBlobs(600, 16, 6, 0.5, 8, 5);
  const r = sphericalKMeans(data, 16, 6, { seed: 2 });
  const summary = summariseClusters(r.assignment, r.k, labels.map(String));
  const meanPurity = summary.reduce((a, s) => a + s.purity * s.size, 0) / 600;
  assert.ok(meanPurity > 0.95, `purity ${meanPurity}`);
  assert.equal(summary.reduce((a, s) => a + s.size, 0), 600);
  const chosen = chooseKBySilhouette(data, 16, 2, 10, { seed: 2, sampleSize: 300 });
  assert.equal(chosen.k, 6);
});
