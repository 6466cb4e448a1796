import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { initTfBackend, tf } from '../../src/main/ml/tf-backend.js';

function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

test('default choice falls back past tfjs-node when it is missing, to a working backend', async () => {
  const choice = await initTfBackend();
  if (tfjsNodeInstalled()) {
    assert.equal(choice.backend, 'tensorflow');
  } else {
    assert.equal(choice.backend, 'wasm');
    assert.equal(choice.skipped[0]?.backend, 'tensorflow');
    assert.match(choice.skipped[0].reason, /tfjs-node|Cannot find/i);
  }
  assert.equal(tf.getBackend(), choice.backend);
  const y = tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'same'));
  assert.deepEqual(Array.from(y.dataSync()), [4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4]);
  y.dispose();
});

test('a native module that fails to load is reported and skipped', async () => {
  const choice = await initTfBackend({ prefer: ['tensorflow', 'cpu'], nodeModule: 'sonoteca-no-such-tfjs-node' });
  assert.equal(choice.backend, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(choice.skipped.length, 1);
  assert.match(choice.skipped[0].reason, /sonoteca-no-such-tfjs-node/);
});

test('an explicit wasm preference gives wasm', async () => {
  const choice = await initTfBackend({ prefer: ['wasm'] });
  assert.equal(choice.backend, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
});
