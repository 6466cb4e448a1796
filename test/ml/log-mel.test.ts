import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEL_BANDS, MEL_FRAMES, logMelPatch, melGrid, soundStart } from '../../src/main/ml/log-mel.js';
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

test('every cell is the mel-weighted power of a direct DFT of its frame (the FFT changes nothing)', () => {
  // 0.4 s of decaying noise at 22.05 kHz: the model's own grid, 1024-point frames, some past the end of the sound.
  const rate = 22050;
  let seed = 7;
  const x = new Float32Array(Math.round(rate * 0.4)).map((_, i) => (((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1) * Math.exp(-i / 3000));
  const grid = melGrid(rate);
  const start = soundStart(x, rate);
  const power = new Float64Array(MEL_FRAMES * MEL_BANDS);
  const re = new Float64Array(grid.nfft / 2 + 1);
  const im = new Float64Array(grid.nfft / 2 + 1);
  for (let f = 0; f < MEL_FRAMES; f++) {
    const off = start + Math.round(f * grid.hop);
    if (off >= x.length) continue;
    for (let k = 0; k <= grid.nfft / 2; k++) {
      let sr = 0;
      let si = 0;
      for (let i = 0; i < grid.win && off + i < x.length; i++) {
        const v = x[off + i] * grid.window[i];
        sr += v * Math.cos((2 * Math.PI * k * i) / grid.nfft);
        si -= v * Math.sin((2 * Math.PI * k * i) / grid.nfft);
      }
      re[k] = sr;
      im[k] = si;
    }
    grid.bands.forEach(({ start: k0, weights }, b) => {
      for (let j = 0; j < weights.length; j++) power[f * MEL_BANDS + b] += weights[j] * (re[k0 + j] ** 2 + im[k0 + j] ** 2);
    });
  }
  const max = Math.max(...power);
  const expected = power.map((p) => Math.max(-80, 10 * Math.log10(p / max + 1e-12)) / 40 + 1);
  const got = logMelPatch(x, rate);
  let worst = 0;
  got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]))));
  assert.ok(worst < 1e-4, `largest difference from the direct DFT: ${worst}`);
  assert.ok(expected.some((v) => v === -1) && expected.some((v) => v > 0.5), 'the check covers both silent and loud cells');
});
