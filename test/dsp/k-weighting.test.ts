// K-weighting designed for any rate reproduces the BS.1770 48 kHz coefficients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kWeightingFilters, KWeighting } from '../../src/shared/dsp/k-weighting.js';
import { sine } from '../support/signals.js';

test('48 kHz coefficients equal the ITU-R BS.1770 table', () => {
  const [s, h] = kWeightingFilters(48000);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-8, `${a} vs ${b}`);
  close(s.b0, 1.53512485958697); close(s.b1, -2.69169618940638); close(s.b2, 1.19839281085285);
  close(s.a1, -1.69065929318241); close(s.a2, 0.73248077421585);
  close(h.a1, -1.99004745483398); close(h.a2, 0.99007225036621);
});

for (const sr of [44100, 48000, 96000]) {
  test(`at ${sr} Hz the filter gain is ≈ +0.69 dB at 1 kHz and strongly cuts 20 Hz`, () => {
    const gain = (hz: number) => {
      const k = new KWeighting(sr);
      const x = sine(hz, 2, sr, 1);
      k.sumSquares(x, 0, sr);
      return 10 * Math.log10(k.sumSquares(x, sr, 2 * sr) / sr / 0.5);
    };
    assert.ok(Math.abs(gain(1000) - 0.691) < 0.05, `${gain(1000)}`);
    assert.ok(gain(20) < -10);
  });
}
