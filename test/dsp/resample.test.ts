// The resampler keeps in-band tones at the right frequency and level and suppresses what would alias.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Resampler } from '../../src/shared/dsp/resample.js';
import { sine } from '../support/signals.js';

function resampleAll(x: Float32Array, from: number, to: number, block = 4096): Float32Array {
  const r = new Resampler(from, to);
  const out: number[] = [];
  const buf = new Float32Array(r.maxOutput(block));
  for (let i = 0; i < x.length; i += block) {
    const chunk = x.subarray(i, Math.min(x.length, i + block));
    const n = r.process(chunk, chunk.length, buf);
    for (let j = 0; j < n; j++) out.push(buf[j]);
  }
  const n = r.flush(buf);
  for (let j = 0; j < n; j++) out.push(buf[j]);
  return Float32Array.from(out);
}

/** Amplitude of the component at hz by correlation (Goertzel-like). */
function amplitudeAt(x: Float32Array, hz: number, sr: number, from = 0.1, to = 0.9): number {
  const a = Math.floor(x.length * from), b = Math.floor(x.length * to);
  let s = 0, c = 0;
  for (let i = a; i < b; i++) {
    s += x[i] * Math.sin((2 * Math.PI * hz * i) / sr);
    c += x[i] * Math.cos((2 * Math.PI * hz * i) / sr);
  }
  return (2 * Math.hypot(s, c)) / (b - a);
}

for (const [from, to] of [[44100, 22050], [48000, 22050], [96000, 22050], [16000, 22050]] as const) {
  test(`${from} → ${to}: output length, tone kept, level kept`, () => {
    const x = sine(1000, 1, from, 0.5);
    const y = resampleAll(x, from, to);
    assert.ok(Math.abs(y.length - Math.ceil((x.length * to) / from)) <= 1, `length ${y.length}`);
    const amp = amplitudeAt(y, 1000, to);
    assert.ok(Math.abs(amp - 0.5) < 0.01, `amplitude ${amp}`);
  });
}

test('44.1 → 22.05 kHz suppresses a 15 kHz tone that would alias to 7.05 kHz by > 50 dB', () => {
  const x = sine(15000, 1, 44100, 0.5);
  const y = resampleAll(x, 44100, 22050);
  const alias = amplitudeAt(y, 22050 - 15000, 22050);
  assert.ok(20 * Math.log10(alias / 0.5) < -50, `alias at ${(20 * Math.log10(alias / 0.5)).toFixed(1)} dB`);
});

test('block size does not change the output', () => {
  const x = sine(440, 0.5, 48000, 0.3);
  const a = resampleAll(x, 48000, 22050, 1000);
  const b = resampleAll(x, 48000, 22050, 65536);
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-6);
});

test('44.1 → 22.05 kHz: flat passband to 5 kHz, anything above 13 kHz folded back is below -40 dB', () => {
  for (const [hz, lo, hi] of [[2000, -0.1, 0.1], [5000, -0.2, 0.1], [13000, -200, -40], [18000, -200, -40]] as const) {
    const x = sine(hz, 1, 44100, 1);
    const y = resampleAll(x, 44100, 22050);
    const db = 20 * Math.log10(amplitudeAt(y, hz < 11025 ? hz : 22050 - hz, 22050));
    assert.ok(db >= lo && db <= hi, `${hz} Hz → ${db.toFixed(1)} dB`);
  }
});
