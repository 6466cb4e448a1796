// kNN labelling: clustered references, in-place corrections, open-set rejection, explanations, source priority.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnnClassifier } from '../../src/main/intelligence/knn-classifier.js';
import { crossValidate } from '../../src/main/intelligence/quality-report.js';
import { decodeReferenceSet, encodeReferenceSet } from '../../src/main/intelligence/reference-set-file.js';
import { makeBlobs } from './synthetic.js';

const NAMES = ['kick', 'snare', 'hihat_closed', 'pad', 'bass'];
const dim = 12;

function trained() {
  const { data, labels, centres } = makeBlobs(500, dim, 5, 0.8, 3);
  const clf = new KnnClassifier(dim);
  for (let i = 0; i < 400; i++) clf.setReference(i, NAMES[labels[i]], 'builtin', data.subarray(i * dim, (i + 1) * dim));
  clf.calibrate();
  return { clf, data, labels, centres };
}

test('kNN labels held-out clustered vectors and explains with neighbours', () => {
  const { clf, data, labels } = trained();
  let correct = 0;
  for (let i = 400; i < 500; i++) {
    const p = clf.predict(data.subarray(i * dim, (i + 1) * dim));
    if (p.label === NAMES[labels[i]]) correct++;
    assert.ok(p.neighbours.length > 0 && p.neighbours.length <= 9);
    for (let t = 1; t < p.neighbours.length; t++) assert.ok(p.neighbours[t].distance >= p.neighbours[t - 1].distance);
  }
  assert.ok(correct >= 97, `correct ${correct}/100`);
});

test('a user correction changes the next prediction without retraining', () => {
  const { clf, data } = trained();
  const v = data.subarray(450 * dim, 451 * dim);
  const before = clf.predict(v).label;
  // The user relabels the nearest few references of this sound.
  for (const n of clf.predict(v).neighbours.slice(0, 4)) clf.setReference(n.id, 'clap', 'user', data.subarray(n.id * dim, (n.id + 1) * dim));
  const after = clf.predict(v);
  assert.notEqual(before, 'clap');
  assert.equal(after.label, 'clap');
  assert.ok(after.neighbours.some((n) => n.source === 'user' && n.label === 'clap'));
  // A filename label cannot overwrite the user's label for the same sample.
  const id = after.neighbours.find((n) => n.source === 'user')!.id;
  clf.setReference(id, 'kick', 'filename', data.subarray(id * dim, (id + 1) * dim));
  assert.equal(clf.reference(id)?.label, 'clap');
});

test('a vector far from every reference is unknown', () => {
  const { clf } = trained();
  const far = new Float32Array(dim).fill(40);
  const p = clf.predict(far);
  assert.equal(p.label, 'unknown');
  assert.match(p.rejected ?? '', /away/);
});

test('cross-validated quality report on clustered labels', () => {
  const { data, labels } = makeBlobs(300, dim, 5, 0.8, 4);
  const names = labels.map((l) => NAMES[l]);
  const r = crossValidate(data, dim, names, { folds: 5 });
  assert.deepEqual(r.labels, [...NAMES].sort());
  assert.equal(r.confusion.flat().reduce((a, b) => a + b, 0), 300);
  assert.ok(r.macroF1 > 0.95, `macro-F1 ${r.macroF1}`);
  // Overlapping classes must score worse: the report has to be able to fail.
  const noisy = makeBlobs(300, dim, 5, 6, 4);
  const bad = crossValidate(noisy.data, dim, noisy.labels.map((l) => NAMES[l]), { folds: 5, groups: noisy.labels.map((_, i) => Math.floor(i / 10)) });
  assert.ok(bad.macroF1 < r.macroF1 - 0.1, `noisy macro-F1 ${bad.macroF1}`);
});

test('reference set file round-trips and rejects damage', () => {
  const vectors = Float32Array.from({ length: 6 }, (_, i) => i * 0.5 - 1);
  const bytes = encodeReferenceSet({ dim: 3, ids: ['a.wav', 'b.wav'], labels: ['kick', 'pad'], vectors, featureVersion: 'v1' });
  const back = decodeReferenceSet(bytes);
  assert.deepEqual(back.labels, ['kick', 'pad']);
  assert.deepEqual([...back.vectors], [...vectors]);
  assert.equal(back.featureVersion, 'v1');
  assert.throws(() => decodeReferenceSet(bytes.subarray(0, bytes.length - 4)), /truncated vectors/);
  assert.throws(() => decodeReferenceSet(new Uint8Array(20)), /bad magic/);
});

test('large reference sets predict through the IVF index and still take corrections', () => {
  const big = makeBlobs(6000, dim, 5, 0.8, 5);
  const clf = new KnnClassifier(dim);
  for (let i = 0; i < 5900; i++) clf.setReference(i, NAMES[big.labels[i]], 'filename', big.data.subarray(i * dim, (i + 1) * dim));
  clf.calibrate();
  let correct = 0;
  for (let i = 5900; i < 6000; i++) if (clf.predict(big.data.subarray(i * dim, (i + 1) * dim)).label === NAMES[big.labels[i]]) correct++;
  assert.ok(correct >= 97, `correct ${correct}/100`);
  const v = big.data.subarray(5950 * dim, 5951 * dim);
  for (const n of clf.predict(v).neighbours) clf.setReference(n.id, 'tom', 'user', big.data.subarray(n.id * dim, (n.id + 1) * dim));
  assert.equal(clf.predict(v).label, 'tom');
});

test('a close match outvotes a crowd of farther neighbours, and user labels still win ties', () => {
  const clf = new KnnClassifier(2, { k: 9 });
  const at = (x: number, y: number) => Float32Array.from([x, y]);
  // Two snares right beside the query, seven kicks 60% farther: the inverse-distance vote used to side with the crowd.
  clf.setReference(1, 'snare', 'builtin', at(1, 0));
  clf.setReference(2, 'snare', 'builtin', at(0, 1));
  for (let i = 0; i < 7; i++) clf.setReference(10 + i, 'kick', 'builtin', at(1.6 * Math.cos(2 + i * 0.3), 1.6 * Math.sin(2 + i * 0.3)));
  const p = clf.predict(at(0, 0));
  assert.equal(p.label, 'snare');
  assert.ok(p.scores.snare > 0.8, `snare share ${p.scores.snare}`);
  // At the same distance, the user's label outweighs a built-in one.
  clf.setReference(1, 'clap', 'user', at(1, 0));
  assert.equal(clf.predict(at(0, 0)).label, 'clap');
  // With the kernel opened right up, the farther crowd carries the vote again: the width is what decides.
  const flat = new KnnClassifier(2, { k: 9, kernelWidth: 100 });
  flat.setReference(1, 'snare', 'builtin', at(1, 0));
  flat.setReference(2, 'snare', 'builtin', at(0, 1));
  for (let i = 0; i < 7; i++) flat.setReference(10 + i, 'kick', 'builtin', at(1.6 * Math.cos(2 + i * 0.3), 1.6 * Math.sin(2 + i * 0.3)));
  assert.equal(flat.predict(at(0, 0)).label, 'kick');
});
