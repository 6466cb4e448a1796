import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEL_BANDS, MEL_FRAMES, logMelPatch } from '../../src/main/ml/log-mel.js';
import { kick } from './sounds.js';

const meanAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

test('patch has the model shape, lies in [-1, 1] and peaks at 1', () => {
  const p = logMelPatch(kick(1), 44100);
  assert.equal(p.length, MEL_FRAMES * MEL_BANDS);
  assert.ok(p.every((v) => v >= -1 && v <= 1));
  assert.ok(Math.abs(Math.max(...p) - 1) < 1e-6);
});

test('a kick puts its energy in the low bands, a 5 kHz tone in the high ones', () => {
  const low = logMelPatch(kick(1), 44100);
  const tone = new Float32Array(44100).map((_, i) => Math.sin((2 * Math.PI * 5000 * i) / 44100));
  const high = logMelPatch(tone, 44100);
  const band = (p: Float32Array): number => {
    let best = 0;
    for (let b = 0; b < MEL_BANDS; b++) if (p[2 * MEL_BANDS + b] > p[2 * MEL_BANDS + best]) best = b;
    return best;
  };
  assert.ok(band(low) < 12, `kick peak band ${band(low)}`);
  assert.ok(band(high) > 40, `tone peak band ${band(high)}`);
});

test('gain, leading silence and sample rate barely change the patch', () => {
  const ref = logMelPatch(kick(2), 44100);
  const quiet = logMelPatch(kick(2).map((v) => v * 0.01), 44100);
  assert.ok(meanAbsDiff(ref, quiet) < 1e-3);
  const padded = new Float32Array(44100 + kick(2).length);
  padded.set(kick(2), 44100);
  assert.ok(meanAbsDiff(ref, logMelPatch(padded, 44100)) < 0.02);
  const at48k = logMelPatch(kick(2, 150, 50, 0.25, 48000), 48000);
  assert.ok(meanAbsDiff(ref, at48k) < 0.05, `48k vs 44.1k differ by ${meanAbsDiff(ref, at48k)}`);
  const silentPatch = logMelPatch(new Float32Array(1000), 44100);
  assert.ok(silentPatch.every((v) => v === -1));
});

test('invalid sample rates are rejected with a clear error', () => {
  assert.throws(() => logMelPatch(kick(1), 0), /invalid sample rate 0/);
  assert.throws(() => logMelPatch(kick(1), Number.NaN), /invalid sample rate/);
});
