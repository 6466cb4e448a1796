import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initTfBackend, tf } from '../../src/main/ml/tf-backend.js';
import { installConvFilterGrad } from '../../src/main/ml/train/conv-filter-grad.js';

test('the replacement Conv2D gradient matches tfjs reference gradients, and trains on wasm', async () => {
  await initTfBackend({ prefer: ['cpu'] });
  const x = tf.randomNormal([2, 9, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
  const cases = [[1, 'same'], [2, 'same'], [1, 'valid'], [2, 'valid']] as const;
  const loss = (s: 1 | 2, p: 'same' | 'valid') => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, p)));
  // Reference: tfjs's own gradient on the cpu backend, taken before the override.
  const ref = cases.map(([s, p]) => tf.grads(loss(s, p))([x, w]).map((g) => g.arraySync()));
  installConvFilterGrad();
  await initTfBackend({ prefer: ['wasm'] });
  cases.forEach(([s, p], k) => {
    const mine = tf.grads(loss(s, p))([x, w]);
    mine.forEach((g, j) => {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(g, tf.tensor(ref[k][j] as number[])))).dataSync()[0]);
      const scale = tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]);
      assert.ok(diff <= 1e-4 * scale, `stride ${s} ${p} ${j ? 'filter' : 'input'} grad differs by ${diff}`);
    });
  });
});
