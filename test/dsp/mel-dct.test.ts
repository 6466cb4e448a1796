// Mel filterbank properties and the orthonormal DCT behind MFCCs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MelFilterbank, hzToMel, melToHz } from '../../src/shared/dsp/mel.js';
import { Dct } from '../../src/shared/dsp/dct.js';

test('mel scale round-trips and is monotonic', () => {
  for (const hz of [0, 100, 1000, 8000]) assert.ok(Math.abs(melToHz(hzToMel(hz)) - hz) < 1e-6);
  assert.ok(Math.abs(hzToMel(1000) - 1000) < 1);
});

test('mel filters are non-negative, ordered, and sum to 1 between the first and last centre', () => {
  const fb = new MelFilterbank(40, 1024, 22050, 30, 11025);
  assert.equal(fb.bands, 40);
  for (let b = 1; b < 40; b++) assert.ok(fb.centersHz[b] > fb.centersHz[b - 1]);
  const bins = 513;
  const sum = new Float64Array(bins);
  for (let b = 0; b < 40; b++) {
    for (let i = 0; i < fb.lengths[b]; i++) {
      assert.ok(fb.weights[b][i] >= 0);
      sum[fb.starts[b] + i] += fb.weights[b][i];
    }
  }
  const binHz = 22050 / 1024;
  // Where filters are at least a few bins wide the partition of unity holds exactly.
  for (let k = Math.ceil(400 / binHz); k < Math.floor(fb.centersHz[39] / binHz); k++) assert.ok(Math.abs(sum[k] - 1) < 1e-5, `bin ${k}: ${sum[k]}`);
});

test('a tone lands in the mel band centred nearest to it', () => {
  const fb = new MelFilterbank(40, 1024, 22050);
  const power = new Float32Array(513);
  const k = Math.round(2000 / (22050 / 1024));
  power[k] = 1;
  const out = new Float32Array(40);
  fb.apply(power, out);
  let best = 0;
  for (let b = 0; b < 40; b++) if (out[b] > out[best]) best = b;
  const nearest = fb.centersHz.reduce((bi, c, i) => (Math.abs(c - k * (22050 / 1024)) < Math.abs(fb.centersHz[bi] - k * (22050 / 1024)) ? i : bi), 0);
  assert.equal(best, nearest);
});

test('the DCT is orthonormal: energy is preserved', () => {
  const dct = new Dct(16);
  const x = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i) + 0.3 * i);
  const y = new Float32Array(16);
  dct.apply(x, y);
  const e = (v: Float32Array) => v.reduce((s, a) => s + a * a, 0);
  assert.ok(Math.abs(e(x) - e(y)) < 1e-3 * e(x));
  // A constant input has only a DC coefficient.
  dct.apply(new Float32Array(16).fill(1), y);
  assert.ok(Math.abs(y[0] - 4) < 1e-5);
  for (let k = 1; k < 16; k++) assert.ok(Math.abs(y[k]) < 1e-5);
});
