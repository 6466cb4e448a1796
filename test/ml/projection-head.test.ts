import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbedder } from '../../src/main/ml/embedder.js';
import { ProjectionHead } from '../../src/main/ml/projection-head.js';
import { tf } from '../../src/main/ml/tf-backend.js';
import { RATE, acousticKick, kick, meanSimilarity } from './sounds.js';

/** Mean cosine distance between the groups minus that within them; larger = groups better apart. */
function separation(a: Float32Array[], b: Float32Array[]): number {
  const within = (2 - meanSimilarity(a, a) - meanSimilarity(b, b)) / 2;
  return 1 - meanSimilarity(a, b) - within;
}

test('a head trained on two user-labelled kick groups pulls unseen members apart; saves, reloads, resets', async (t) => {
  const embedder = await loadEmbedder();
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-head-'));
  try {
    const e808 = await embedder.embed(Array.from({ length: 16 }, (_, i) => ({ mono: kick(i + 1, 80 + 9 * i, 40 + (i % 4) * 4, 0.2 + 0.05 * i), sampleRate: RATE })));
    const eAco = await embedder.embed(Array.from({ length: 16 }, (_, i) => ({ mono: acousticKick(i + 1), sampleRate: RATE })));
    const train = [...e808.slice(0, 8).map((vector) => ({ vector, label: '808 kick' })), ...eAco.slice(0, 8).map((vector) => ({ vector, label: 'acoustic kick' }))];
    const [t808, tAco] = [e808.slice(8), eAco.slice(8)];

    const head = new ProjectionHead(embedder.dim, embedder.version);
    // Untrained head is the identity.
    const id = head.project(t808);
    id.forEach((v, i) => assert.ok(v.every((x, k) => Math.abs(x - t808[i][k]) < 1e-5)));
    const before = separation(t808, tAco);
    const baseline = tf.memory().numTensors;
    const report = await head.train(train, { epochs: 80, seed: 3 });
    assert.equal(tf.memory().numTensors, baseline);
    assert.ok(report.lossAfter < report.lossBefore, `loss ${report.lossBefore} -> ${report.lossAfter}`);
    const after = separation(head.project(t808), head.project(tAco));
    t.diagnostic(`held-out separation (between − within cosine distance): ${before.toFixed(3)} -> ${after.toFixed(3)}`);
    assert.ok(after > before + 0.05 && after > before * 1.5, `held-out separation ${before.toFixed(3)} -> ${after.toFixed(3)}`);

    const path = join(dir, 'library-1', 'projection-head.json');
    await head.save(path);
    const reloaded = await ProjectionHead.load(path, embedder.dim, embedder.version);
    assert.ok(reloaded.isTrained);
    const p1 = head.project(tAco);
    const p2 = reloaded.project(tAco);
    p1.forEach((v, i) => assert.ok(v.every((x, k) => Math.abs(x - p2[i][k]) < 1e-6)));
    // A head for another base model version is ignored rather than misapplied.
    const other = await ProjectionHead.load(path, embedder.dim, 'some-other-model');
    assert.equal(other.isTrained, false);

    await ProjectionHead.resetAt(path);
    await assert.rejects(stat(path), /ENOENT/);
    head.reset();
    assert.equal(head.isTrained, false);
    const reset = head.project(tAco);
    reset.forEach((v, i) => assert.ok(v.every((x, k) => Math.abs(x - tAco[i][k]) < 1e-5)));
    await assert.rejects(head.train(train.slice(0, 1)), /at least two labels/);
    [head, reloaded, other].forEach((h) => h.dispose());
  } finally {
    embedder.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
