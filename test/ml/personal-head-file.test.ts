// The personal head as the services apply it (plain JavaScript, no TensorFlow) must be exactly the trained head:
// same vectors out, shrunk by the blend, and no change at all far from anything the user labelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionHead } from '../../src/main/ml/projection-head.js';
import { initTfBackend } from '../../src/main/ml/tf-backend.js';
import { projectRows, readHeadFile } from '../../src/main/services/personal-head-file.js';

const DIM = 24;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

/** Unit vectors scattered around `centre` (spread = noise amplitude). */
function around(centre: Float32Array, count: number, spread: number, r: () => number): Float32Array[] {
  return Array.from({ length: count }, () => unit(centre.map((c) => c + spread * (r() * 2 - 1))));
}

test('the file projector reproduces ProjectionHead.project, applies the blend, and leaves far sounds alone', async () => {
  await initTfBackend();
  const r = rng(5);
  const base = unit(Float32Array.from({ length: DIM }, () => r()));
  // Two close groups (the user's distinction) near one direction of the space.
  const a = around(base.map((x, i) => x + (i === 0 ? 0.3 : 0)), 12, 0.05, r);
  const b = around(base.map((x, i) => x + (i === 1 ? 0.3 : 0)), 12, 0.05, r);
  const head = new ProjectionHead(DIM, 'model-x', 16, 2);
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-headfile-'));
  try {
    const report = await head.train([...a.map((vector) => ({ vector, label: 'a' })), ...b.map((vector) => ({ vector, label: 'b' }))], { epochs: 40, seed: 2 });
    assert.ok(report.lossAfter < report.lossBefore);
    head.blend = 0.6;
    const path = join(dir, 'lib.sqlite.head');
    await head.save(path, { labelsHash: 'abc123', labels: 24, classes: 2, classCounts: [{ label: 'a', count: 12 }, { label: 'b', count: 12 }], trainedAt: 1, seconds: 0.5, lossBefore: 1, lossAfter: 0.1 });
    const w = readHeadFile(path);
    assert.ok(w);
    assert.equal(w.baseVersion, 'model-x');
    assert.equal(w.blend, 0.6);
    assert.ok(w.radius > 0 && w.anchors.length === 2 * DIM, 'the head knows where the labelled groups are');
    assert.equal(w.info?.labelsHash, 'abc123');
    assert.deepEqual(w.info?.classCounts, [{ label: 'a', count: 12 }, { label: 'b', count: 12 }]);

    // Near the groups, far from them, and in between: the same numbers as TensorFlow's.
    const opposite = unit(base.map((x) => -x));
    const probes = [...around(base, 6, 0.08, r), ...around(base, 6, 0.6, r), ...around(opposite, 4, 0.2, r), ...a.slice(0, 3)];
    const flat = new Float32Array(probes.length * DIM);
    probes.forEach((p, i) => flat.set(p, i * DIM));
    const mine = projectRows(w, flat);
    const theirs = head.project(probes);
    theirs.forEach((v, i) => v.forEach((x, d) => assert.ok(Math.abs(x - mine[i * DIM + d]) < 2e-5, `probe ${i} dim ${d}: ${x} vs ${mine[i * DIM + d]}`)));
    // The head moved the labelled sounds, and left the far side of the space exactly as it was.
    const moved = (i: number) => Math.max(...probes[i].map((x, d) => Math.abs(x - mine[i * DIM + d])));
    assert.ok(moved(probes.length - 1) > 1e-3, 'labelled sounds move');
    for (let i = 12; i < 16; i++) assert.ok(moved(i) < 1e-6, `a sound unlike anything labelled stays put (moved ${moved(i)})`);

    // Blend 0 is the identity.
    const none = projectRows({ ...w, blend: 0 }, flat);
    none.forEach((x, k) => assert.ok(Math.abs(x - flat[k]) < 1e-6));
    assert.throws(() => projectRows(w, new Float32Array(DIM + 1)), /24-d vectors/);
  } finally {
    head.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});

test('missing, damaged and foreign head files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-headfile-'));
  try {
    assert.equal(readHeadFile(join(dir, 'none.head')), null);
    await writeFile(join(dir, 'bad.head'), '{"format":"sonoteca-projection-head",');
    assert.throws(() => readHeadFile(join(dir, 'bad.head')), /damaged \(not JSON\); reset it/);
    await writeFile(join(dir, 'other.head'), JSON.stringify({ format: 'something-else' }));
    assert.throws(() => readHeadFile(join(dir, 'other.head')), /is not a personal similarity head file/);
    await writeFile(join(dir, 'short.head'), JSON.stringify({ format: 'sonoteca-projection-head', dim: 4, hidden: 2, w1: [1], b1: [0, 0], w2: [], centre: [0, 0, 0, 0], scale: 1 }));
    assert.throws(() => readHeadFile(join(dir, 'short.head')), /weights of the wrong size/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
