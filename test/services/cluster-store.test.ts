// The library's clustering is stored and reused after a restart, new sounds join their nearest stored cluster
// without clustering everything again, the big-library k-means finds planted clusters, and the library's vectors
// are cached until the analysed set changes, standardised by a sampled fit that matches the full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { clusterLibrary, libraryClustering, MAX_INCREMENTAL_SHARE } from '../../src/main/services/clusters.js';
import { fitStandardiserOnSample, invalidateLibraryVectors, loadLibraryVectors } from '../../src/main/services/library-vectors.js';
import { applyStandardiser, fitStandardiser } from '../../src/main/intelligence/standardise.js';
import { sphericalKMeans, sphericalKMeansLarge } from '../../src/main/intelligence/kmeans.js';
import { rng } from '../../src/main/intelligence/vector-math.js';
import { gaussian, makeBlobs } from '../intelligence/synthetic.js';
import { plantedLibrary, purity } from './planted-library.js';

test('the clustering is stored in the library and reused after reopening it', () => {
  const p = plantedLibrary(6);
  try {
    p.add(1500, (i) => i % 6);
    const first = libraryClustering(p.lib.db)!;
    assert.equal(first.mode, 'full');
    assert.equal(first.k, 6, 'silhouette finds the six planted clusters');
    assert.ok(purity(first.ids, first.assignment, p.planted) > 0.98, `purity ${purity(first.ids, first.assignment, p.planted)}`);

    p.reopen();
    const again = libraryClustering(p.lib.db, { storedOnly: true });
    assert.ok(again, 'a fresh start finds the stored clustering');
    assert.equal(again.mode, 'stored');
    assert.equal(again.k, first.k);
    assert.equal(again.silhouette, first.silhouette);
    assert.deepEqual([...again.ids], [...first.ids]);
    assert.deepEqual([...again.assignment], [...first.assignment]);
    assert.equal(clusterLibrary(p.lib.db, { examples: 2 }).mode, 'stored');

    // A k the user asks for is answered afresh and does not replace the library's clustering.
    const three = clusterLibrary(p.lib.db, { k: 3 });
    assert.equal(three.k, 3);
    assert.equal(three.mode, 'full');
    assert.equal(libraryClustering(p.lib.db)!.k, 6);
    assert.equal(libraryClustering(p.lib.db, { recompute: true })!.mode, 'full', 'a recompute on request');
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('a damaged stored clustering is recomputed, not trusted and not a crash', () => {
  const p = plantedLibrary(4);
  try {
    p.add(400, (i) => i % 4);
    const first = libraryClustering(p.lib.db)!;
    const stored = p.lib.db.settings.get<Record<string, unknown>>('intelligence.clusters')!;
    for (const damaged of [{ ...stored, ids: null }, { ...stored, assignment: (stored.assignment as number[]).map(() => 99) }]) {
      p.lib.db.settings.set('intelligence.clusters', damaged);
      assert.equal(libraryClustering(p.lib.db, { storedOnly: true }), null, 'the damaged value is not used');
      const redone = libraryClustering(p.lib.db)!;
      assert.equal(redone.mode, 'full');
      assert.equal(redone.k, first.k);
    }
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('new sounds join their nearest stored cluster; only a large change clusters everything again', () => {
  const p = plantedLibrary(5, 9);
  try {
    p.add(1000, (i) => i % 5);
    const before = libraryClustering(p.lib.db)!;
    assert.equal(before.k, 5);
    const fresh = p.add(80, (i) => (i % 2 ? 1 : 3));
    // Nothing computes afresh when it can extend: storedOnly would return null otherwise.
    const grown = libraryClustering(p.lib.db, { storedOnly: true });
    assert.ok(grown, 'extending needs no full clustering');
    assert.equal(grown.mode, 'incremental');
    assert.equal(grown.added, 80);
    assert.equal(grown.ids.length, 1080);
    const at = (c: typeof grown, id: number) => c.assignment[[...c.ids].indexOf(id)];
    for (const id of before.ids) assert.equal(at(grown, id), at(before, id), 'old sounds keep their cluster');
    // Each new sound lands in the cluster holding the old sounds of its planted cluster.
    const clusterOfPlanted = new Map<number, number>();
    for (const id of before.ids) clusterOfPlanted.set(p.planted.get(id)!, at(before, id));
    for (const id of fresh) assert.equal(at(grown, id), clusterOfPlanted.get(p.planted.get(id)!));
    assert.equal(libraryClustering(p.lib.db)!.mode, 'stored', 'the extension was stored');

    // More than the incremental share added: clustered afresh (and null when only stored clusters may be used).
    p.add(Math.ceil(1080 * MAX_INCREMENTAL_SHARE) + 50, (i) => i % 5);
    assert.equal(libraryClustering(p.lib.db, { storedOnly: true }), null);
    const redone = libraryClustering(p.lib.db)!;
    assert.equal(redone.mode, 'full');
    assert.ok(purity(redone.ids, redone.assignment, p.planted) > 0.98);
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('big-library k-means: centroids from a sample and one assignment pass find the planted clusters', () => {
  const { data, labels } = makeBlobs(20_000, 24, 9, 0.6, 4, 5);
  const r = sphericalKMeansLarge(data, 24, { seed: 3, fitRows: 3000, chooseRows: 1500, maxK: 16 });
  assert.equal(r.k, 9);
  assert.equal(r.assignment.length, 20_000);
  const planted = new Map(labels.map((l, i) => [i, l]));
  const ids = Array.from({ length: 20_000 }, (_, i) => i);
  assert.ok(purity(ids, r.assignment, planted) > 0.99, `purity ${purity(ids, r.assignment, planted)}`);
  // Agrees with k-means over every row at the same k.
  const full = sphericalKMeans(data, 24, 9, { seed: 3 });
  assert.ok(Math.abs(purity(ids, full.assignment, planted) - purity(ids, r.assignment, planted)) < 0.01);
  assert.throws(() => sphericalKMeansLarge(new Float32Array(0), 4), /no vectors/);
});

test('the standardiser fitted on a 5k sample matches the full fit closely', () => {
  const n = 40_000;
  const dim = 6;
  const rand = rng(21);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    data[i * dim] = 200 + 3000 * Math.exp(gaussian(rand)); // skewed, Hz-like
    data[i * dim + 1] = -24 + 6 * gaussian(rand); // dB-like
    data[i * dim + 2] = rand() < 0.7 ? 0 : rand(); // mostly zero
    data[i * dim + 3] = 5; // constant
    data[i * dim + 4] = gaussian(rand) * 1e-3;
    data[i * dim + 5] = i % 2; // binary
  }
  const full = fitStandardiser(data, dim);
  const sampled = fitStandardiserOnSample(data, dim);
  for (let d = 0; d < dim; d++) {
    assert.ok(Math.abs(sampled.center[d] - full.center[d]) <= 0.05 * full.scale[d], `centre ${d}: ${sampled.center[d]} vs ${full.center[d]}`);
    assert.ok(Math.abs(sampled.scale[d] / full.scale[d] - 1) <= 0.06, `scale ${d}: ${sampled.scale[d]} vs ${full.scale[d]}`);
  }
  const a = applyStandardiser(full, data);
  const b = applyStandardiser(sampled, data);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  assert.ok(worst < 0.5, `largest difference in a standardised value ${worst}`);
  // Small inputs are fitted on every row: identical to the full fit.
  const small = data.subarray(0, 1000 * dim);
  assert.deepEqual(fitStandardiserOnSample(small, dim), fitStandardiser(small, dim));
});

test('the library vectors are loaded once and reloaded when the analysed set changes', () => {
  const p = plantedLibrary(3, 5);
  try {
    p.add(200, (i) => i % 3);
    const db = p.lib.db;
    const v1 = loadLibraryVectors(db);
    assert.equal(v1.ids.length, 200);
    assert.equal(loadLibraryVectors(db), v1, 'cached while nothing changed');
    p.add(1, () => 0);
    const v2 = loadLibraryVectors(db);
    assert.notEqual(v2, v1);
    assert.equal(v2.ids.length, 201);
    // A re-analysis (same count, new analysis time) is noticed too.
    db.db.prepare('UPDATE samples SET analysed_at = analysed_at + 5000 WHERE id = ?').run(v2.ids[7]);
    const v3 = loadLibraryVectors(db);
    assert.notEqual(v3, v2);
    assert.equal(loadLibraryVectors(db), v3);
    invalidateLibraryVectors(db);
    assert.notEqual(loadLibraryVectors(db), v3, 'an explicit invalidation reloads');
    // The standardised rows equal the stored raw vectors through the standardiser.
    const raw = db.samples.vector(v3.ids[0])!;
    const row = v3.standard.subarray(0, v3.dim);
    for (let d = 0; d < v3.dim; d++) assert.ok(Math.abs(row[d] - Math.max(-8, Math.min(8, (raw[d] - v3.standardiser.center[d]) / v3.standardiser.scale[d]))) < 1e-5);
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});
