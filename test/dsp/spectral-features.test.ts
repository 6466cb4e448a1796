// Frame features on known spectra: flatness/tonality, shape, contrast, ZCR, running stats, chroma + key profiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealFft } from '../../src/shared/dsp/fft.js';
import { hann } from '../../src/shared/dsp/window.js';
import { spectralFlatness, tonalityFromFlatness } from '../../src/shared/dsp/flatness.js';
import { spectralShape } from '../../src/shared/dsp/spectral-shape.js';
import { SpectralContrast } from '../../src/shared/dsp/contrast.js';
import { zeroCrossingRate } from '../../src/shared/dsp/zcr.js';
import { RunningStats } from '../../src/shared/dsp/running-stats.js';
import { ChromaAccumulator } from '../../src/shared/dsp/chroma.js';
import { estimateKey } from '../../src/shared/dsp/key-profiles.js';
import { rng, sine, whiteNoise } from '../support/signals.js';

const SR = 22050, N = 1024;
const fft = new RealFft(N);
const win = hann(N);
function power(x: Float32Array, offset = 0): Float32Array {
  const p = new Float32Array(N / 2 + 1);
  fft.power(x, p, win, offset);
  return p;
}

test('white noise is flat and not tonal; a sine is tonal', () => {
  const noise = power(whiteNoise(0.1, SR));
  const tone = power(sine(1000, 0.1, SR));
  const fn = spectralFlatness(noise, 1, N / 2 + 1);
  const ft = spectralFlatness(tone, 1, N / 2 + 1);
  assert.ok(fn > 0.3, `noise flatness ${fn}`);
  assert.ok(ft < 0.01, `tone flatness ${ft}`);
  assert.ok(tonalityFromFlatness(fn) < 0.15);
  assert.ok(tonalityFromFlatness(ft) > 0.5);
});

test('spectral centroid of a sine is its frequency; noise has a wide bandwidth', () => {
  const mag = power(sine(2000, 0.1, SR)).map(Math.sqrt);
  const s = spectralShape(mag, N / 2 + 1, SR / N, { centroidHz: 0, bandwidthHz: 0, rolloffHz: 0 });
  assert.ok(Math.abs(s.centroidHz - 2000) < 30, `${s.centroidHz}`);
  assert.ok(s.bandwidthHz < 100);
  const nm = power(whiteNoise(0.1, SR)).map(Math.sqrt);
  const sn = spectralShape(nm, N / 2 + 1, SR / N, { centroidHz: 0, bandwidthHz: 0, rolloffHz: 0 });
  assert.ok(sn.bandwidthHz > 2500 && sn.rolloffHz > 8000, JSON.stringify(sn));
});

test('spectral contrast is higher for a tone than for noise', () => {
  const c = new SpectralContrast(N, SR);
  const a = new Float32Array(c.bands), b = new Float32Array(c.bands);
  c.apply(power(sine(1000, 0.1, SR)), a);
  c.apply(power(whiteNoise(0.1, SR)), b);
  // 1 kHz falls in the 800–1600 Hz band (index 3).
  assert.ok(a[3] > b[3] + 20, `${a[3]} vs ${b[3]}`);
});

test('zero-crossing rate of a sine is 2f/sr', () => {
  const x = sine(1000, 0.1, SR, 0.5, 0.1);
  assert.ok(Math.abs(zeroCrossingRate(x, 0, x.length) - 2000 / SR) < 0.002);
});

test('running stats match the direct mean and population std', () => {
  const r = new RunningStats();
  const v = [1, 2, 3, 4, 10];
  v.forEach((x) => r.push(x));
  assert.equal(r.mean, 4);
  assert.ok(Math.abs(r.std - Math.sqrt(v.reduce((s, x) => s + (x - 4) ** 2, 0) / 5)) < 1e-12);
});

test('chroma of a detuned A (+20 cents) estimates the tuning and folds it to A', () => {
  const acc = new ChromaAccumulator(N, SR);
  const x = sine(440 * Math.pow(2, 20 / 1200), 0.5, SR);
  for (let off = 0; off + N <= x.length; off += 512) acc.add(power(x, off));
  assert.ok(Math.abs(acc.tuningCents() - 20) < 6, `${acc.tuningCents()}`);
  const chroma = acc.chroma();
  assert.equal(chroma.indexOf(1), 9);
});

test('key profiles: C-E-G chroma is C major, A-C-E is A minor', () => {
  const c = new Array(12).fill(0.05);
  c[0] = 1; c[4] = 0.8; c[7] = 0.9;
  assert.equal(estimateKey(c)?.name, 'C major');
  const a = new Array(12).fill(0.05);
  a[9] = 1; a[0] = 0.8; a[4] = 0.9;
  assert.equal(estimateKey(a)?.name, 'A minor');
});

test('flatness equals the textbook geometric/arithmetic mean, also for extreme and unscaled spectra', () => {
  const r = rng(31);
  for (const scale of [1e-14, 1, 1e9, 1e30]) {
    const p = Float32Array.from({ length: 513 }, () => scale * r() ** 4);
    let logSum = 0, sum = 0;
    for (let k = 1; k < 513; k++) {
      logSum += Math.log(p[k] + 1e-12);
      sum += p[k] + 1e-12;
    }
    const ref = Math.exp(logSum / 512) / (sum / 512);
    const got = spectralFlatness(p, 1, 513);
    assert.ok(Math.abs(got - ref) <= 1e-9 * ref, `scale ${scale}: ${got} vs ${ref}`);
  }
});

test('spectral contrast equals the sorted-band definition on random spectra', () => {
  const r = rng(37);
  const sc = new SpectralContrast(1024, 22050);
  const out = new Float32Array(sc.bands);
  const edges = [1, 9, 19, 37, 74, 149, 297, 513]; // 200·2^b Hz bands at 21.5 Hz per bin
  for (let trial = 0; trial < 20; trial++) {
    // Include ties and sorted runs, the cases partial selection gets wrong when it is wrong.
    const p = Float32Array.from({ length: 513 }, (_, i) => (trial % 3 === 0 ? Math.round(r() * 4) : trial % 3 === 1 ? 1 / (i + 1) : r() ** 3));
    sc.apply(p, out);
    for (let b = 0; b < sc.bands; b++) {
      const band = Array.from(p.subarray(edges[b], edges[b + 1])).sort((x, y) => x - y);
      const n = band.length;
      const k = Math.max(1, Math.round(n * 0.1));
      let lo = 0, hi = 0;
      for (let i = 0; i < k; i++) { lo += band[i]; hi += band[n - 1 - i]; }
      const ref = 10 * Math.log10((hi / k + 1e-12) / (lo / k + 1e-12));
      assert.ok(Math.abs(out[b] - ref) < 1e-3, `trial ${trial} band ${b}: ${out[b]} vs ${ref}`);
    }
  }
});
