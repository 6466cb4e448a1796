// The FFTs against a naive DFT, and round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComplexFft, RealFft } from '../../src/shared/dsp/fft.js';
import { rng } from '../support/signals.js';

function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n / 2 + 1), im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    for (let t = 0; t < n; t++) {
      re[k] += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      im[k] -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
  }
  return { re, im };
}

test('real FFT matches a naive DFT for several sizes', () => {
  const r = rng(11);
  for (const n of [4, 8, 16, 64, 256, 1024, 2048]) {
    const x = Float64Array.from({ length: n }, () => 2 * r() - 1);
    const fft = new RealFft(n);
    const re = new Float64Array(n / 2 + 1), im = new Float64Array(n / 2 + 1);
    fft.forward(x, re, im);
    const ref = naiveDft(x);
    for (let k = 0; k <= n / 2; k++) {
      assert.ok(Math.abs(re[k] - ref.re[k]) < 1e-9 * n, `re[${k}] n=${n}`);
      assert.ok(Math.abs(im[k] - ref.im[k]) < 1e-9 * n, `im[${k}] n=${n}`);
    }
  }
});

test('complex FFT matches a naive DFT both ways, for odd and even powers of two (radix-4 passes after a radix-2 one)', () => {
  const r = rng(3);
  for (const n of [1, 2, 4, 8, 16, 32, 128, 2048, 4096]) {
    const x = Float64Array.from({ length: n }, () => 2 * r() - 1);
    const y = Float64Array.from({ length: n }, () => 2 * r() - 1);
    for (const sign of [-1, 1]) {
      const re = x.slice(), im = y.slice();
      const fft = new ComplexFft(n);
      if (sign < 0) fft.forward(re, im);
      else fft.inverse(re, im);
      // Check a spread of bins (every bin for small sizes): sum x·e^{sign·2πikt/n}, scaled by 1/n for the inverse.
      const scale = sign < 0 ? 1 : 1 / n;
      for (let k = 0; k < n; k += Math.max(1, n >> 6)) {
        let wr = 0, wi = 0;
        for (let t = 0; t < n; t++) {
          const a = (sign * 2 * Math.PI * ((k * t) % n)) / n;
          wr += x[t] * Math.cos(a) - y[t] * Math.sin(a);
          wi += x[t] * Math.sin(a) + y[t] * Math.cos(a);
        }
        assert.ok(Math.abs(re[k] - wr * scale) < 1e-9 * Math.sqrt(n), `re[${k}] n=${n} sign=${sign}: ${re[k]} vs ${wr * scale}`);
        assert.ok(Math.abs(im[k] - wi * scale) < 1e-9 * Math.sqrt(n), `im[${k}] n=${n} sign=${sign}`);
      }
    }
  }
});

test('complex FFT inverse restores the input', () => {
  const r = rng(5);
  const n = 512;
  const re = Float64Array.from({ length: n }, () => r()), im = Float64Array.from({ length: n }, () => r());
  const re0 = re.slice(), im0 = im.slice();
  const fft = new ComplexFft(n);
  fft.forward(re, im);
  fft.inverse(re, im);
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(re[i] - re0[i]) < 1e-12);
    assert.ok(Math.abs(im[i] - im0[i]) < 1e-12);
  }
});

test('a windowed sine puts its power in its bin', () => {
  const n = 1024;
  const fft = new RealFft(n);
  const x = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 32 * i) / n));
  const p = new Float32Array(n / 2 + 1);
  fft.power(x, p);
  let best = 0;
  for (let k = 0; k < p.length; k++) if (p[k] > p[best]) best = k;
  assert.equal(best, 32);
  assert.ok(Math.abs(p[32] - (n / 2) ** 2) < 1e-3 * (n / 2) ** 2);
});

test('non-power-of-two sizes are rejected with a clear error', () => {
  assert.throws(() => new RealFft(1000), /power of two/);
});

test('complex FFT matches a naive DFT for odd and even numbers of stages', () => {
  const r = rng(23);
  for (const n of [1, 2, 4, 8, 16, 32, 2048]) {
    const re = Float64Array.from({ length: n }, () => 2 * r() - 1), im = Float64Array.from({ length: n }, () => 2 * r() - 1);
    const refRe = new Float64Array(n), refIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        refRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
        refIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
      }
    }
    new ComplexFft(n).forward(re, im);
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(re[k] - refRe[k]) < 1e-9 * n, `re[${k}] n=${n}`);
      assert.ok(Math.abs(im[k] - refIm[k]) < 1e-9 * n, `im[${k}] n=${n}`);
    }
  }
});
