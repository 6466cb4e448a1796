import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbedder } from '../../src/main/ml/embedder.js';
import { defaultModelDir, loadModel, saveModel } from '../../src/main/ml/model-io.js';
import { tf } from '../../src/main/ml/tf-backend.js';
import { sourcesSeenInTraining } from '../../src/main/ml/train/corpus.js';
import { RATE, kick, meanSimilarity, snare } from './sounds.js';

test('the shipped model loads offline from assets/model and embeds deterministically', async () => {
  const manifest = JSON.parse(await readFile(join(defaultModelDir(), 'model.json'), 'utf8'));
  const embedder = await loadEmbedder();
  try {
    assert.equal(embedder.dim, manifest.config.embeddingDim);
    // The config version plus a digest of the weights: same name, different weights → different version.
    assert.match(embedder.version, new RegExp(`^${manifest.config.version}\\+[0-9a-f]{8}$`));
    assert.ok(['tensorflow', 'wasm', 'cpu'].includes(embedder.backend));
    const items = [kick(1), snare(2), kick(3)].map((mono) => ({ mono, sampleRate: RATE }));
    const a = await embedder.embed(items);
    const b = await embedder.embed(items);
    assert.equal(a.length, 3);
    for (let i = 0; i < 3; i++) {
      assert.equal(a[i].length, embedder.dim);
      assert.deepEqual(a[i], b[i]);
      const norm = Math.hypot(...a[i]);
      assert.ok(Math.abs(norm - 1) < 1e-4, `norm ${norm}`);
    }
    // Batching must not change results: one at a time equals the batch of three.
    const single = await embedder.embed([items[1]]);
    assert.ok(single[0].every((v, i) => Math.abs(v - a[1][i]) < 1e-5));
  } finally {
    embedder.dispose();
  }
});

test('kicks land nearer kicks and snares nearer snares than each other', async () => {
  const embedder = await loadEmbedder({ batchSize: 4 });
  try {
    const kicks = await embedder.embed([1, 2, 3, 4, 5].map((s) => ({ mono: kick(s, 120 + 20 * s, 45 + 3 * s, 0.15 + 0.05 * s), sampleRate: RATE })));
    const snares = await embedder.embed([1, 2, 3, 4, 5].map((s) => ({ mono: snare(s), sampleRate: RATE })));
    const kk = meanSimilarity(kicks, kicks);
    const ss = meanSimilarity(snares, snares);
    const ks = meanSimilarity(kicks, snares);
    assert.ok(kk > ks && ss > ks, `kick-kick ${kk.toFixed(3)}, snare-snare ${ss.toFixed(3)}, kick-snare ${ks.toFixed(3)}`);
    // Nearest neighbour of every sound is of its own kind.
    const all = [...kicks, ...snares];
    all.forEach((v, i) => {
      let best = -1;
      let bestSim = -Infinity;
      all.forEach((u, j) => {
        const sim = v.reduce((s, x, k) => s + x * u[k], 0);
        if (j !== i && sim > bestSim) [best, bestSim] = [j, sim];
      });
      assert.equal(best < 5, i < 5, `sound ${i}'s nearest neighbour is ${best}`);
    });
  } finally {
    embedder.dispose();
  }
});

test('classify gives a probability per category that sums to 1, and kicks look more like kicks than snares', async () => {
  const embedder = await loadEmbedder();
  try {
    const res = await embedder.classify([kick(7), snare(7)].map((mono) => ({ mono, sampleRate: RATE })));
    for (const r of res) {
      assert.equal(r.probabilities.length, embedder.categories.length);
      assert.ok(Math.abs(r.probabilities.reduce((s, p) => s + p, 0) - 1) < 1e-4);
      assert.ok(embedder.categories.includes(r.top.category));
    }
    const k = embedder.categories.indexOf('kick');
    const s = embedder.categories.indexOf('snare');
    assert.ok(res[0].probabilities[k] > res[0].probabilities[s], 'kick scored as snare');
    assert.ok(res[1].probabilities[s] > res[1].probabilities[k], 'snare scored as kick');
  } finally {
    embedder.dispose();
  }
});

test('embedding leaks no tensors, and bad input fails clearly', async () => {
  const embedder = await loadEmbedder();
  const baseline = tf.memory().numTensors;
  await embedder.embed([kick(1), snare(1), new Float32Array(0)].map((mono) => ({ mono, sampleRate: RATE })));
  await embedder.analyse([{ mono: kick(2), sampleRate: 22050 }]);
  assert.equal(tf.memory().numTensors, baseline);
  await assert.rejects(embedder.embed([{ mono: kick(1), sampleRate: 0 }]), /invalid sample rate/);
  assert.equal(tf.memory().numTensors, baseline);
  embedder.dispose();
  await assert.rejects(embedder.embed([{ mono: kick(1), sampleRate: RATE }]), /disposed/);
  await assert.rejects(loadEmbedder({ modelDir: '/nonexistent/sonoteca-model' }), /cannot read .*model\.json/);
});

test('a retrained model with the same config version gets a different version stamp', async () => {
  const shipped = await loadModel();
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-model-'));
  try {
    const [name, first] = [...shipped.weights][0];
    const nudged = new Map(shipped.weights);
    nudged.set(name, tf.add(first, 1e-3));
    await saveModel(dir, { ...shipped.config, version: shipped.config.version.split('+')[0] }, nudged);
    const retrained = await loadModel(dir);
    assert.equal(retrained.config.version.split('+')[0], shipped.config.version.split('+')[0]);
    assert.notEqual(retrained.config.version, shipped.config.version);
    nudged.get(name)!.dispose();
    retrained.weights.forEach((t) => t.dispose());
  } finally {
    shipped.weights.forEach((t) => t.dispose());
    await rm(dir, { recursive: true, force: true });
  }
});

test('a model says which sources it heard, so the evaluation can refuse to call them held out', async () => {
  const shipped = await loadEmbedder();
  // The shipped model's held-out figures are measured on MuseScore and Sonic Pi: it must never have heard them.
  assert.ok(shipped.trainedOn.includes('FluidR3_GM.sf2'), `trainedOn: ${shipped.trainedOn.join(', ')}`);
  assert.deepEqual(sourcesSeenInTraining(shipped.trainedOn, ['musescore-general-soundfont', 'sonic-pi-samples']), []);
  assert.deepEqual(sourcesSeenInTraining(shipped.trainedOn, ['fluid-soundfont-gm', 'sonic-pi-samples', 'fluid-soundfont-gm']), ['fluid-soundfont-gm']);
  shipped.dispose();
  // A model trained on every source, saved as train:model saves it, is caught.
  const model = await loadModel();
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-model-'));
  try {
    await saveModel(dir, { ...model.config, version: model.config.version.split('+')[0] }, model.weights, { trainedOn: ['FluidR3_GM.sf2', 'MuseScore_General.sf3', 'sonic-pi', 'synth'] });
    const all = await loadEmbedder({ modelDir: dir });
    assert.deepEqual(sourcesSeenInTraining(all.trainedOn, ['musescore-general-soundfont', 'sonic-pi-samples']), ['musescore-general-soundfont', 'sonic-pi-samples']);
    all.dispose();
  } finally {
    model.weights.forEach((t) => t.dispose());
    await rm(dir, { recursive: true, force: true });
  }
});
