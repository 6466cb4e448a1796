// YIN pitch and the note-name helpers on known signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Yin } from '../../src/shared/dsp/yin.js';
import { hzToNote, midiToNoteName, noteNameToMidi, midiToHz } from '../../src/shared/music/notes.js';
import { keyName, parseKey, relativeKey } from '../../src/shared/music/keys.js';
import { note, sine, whiteNoise } from '../support/signals.js';

const SR = 22050;

test('note names: 440 Hz is A4 with ~0 cents, 261.63 Hz is C4', () => {
  assert.deepEqual(hzToNote(440), { midi: 69, note: 'A4', cents: 0 });
  const c4 = hzToNote(261.63);
  assert.equal(c4.note, 'C4');
  assert.ok(Math.abs(c4.cents) < 1);
  assert.equal(midiToNoteName(61), 'C#4');
  assert.equal(midiToNoteName(21), 'A0');
  assert.equal(noteNameToMidi('Db3'), 49);
  assert.equal(noteNameToMidi('nope'), null);
  assert.ok(Math.abs(midiToHz(57) - 220) < 1e-9);
  assert.equal(hzToNote(445).cents, 19.6);
});

test('key names parse and relate', () => {
  assert.equal(keyName(9, 'minor'), 'A minor');
  assert.deepEqual(parseKey('F#m'), { tonic: 6, mode: 'minor' });
  assert.deepEqual(parseKey('Bb major'), { tonic: 10, mode: 'major' });
  assert.equal(parseKey('H7'), null);
  assert.deepEqual(relativeKey(9, 'minor'), { tonic: 0, mode: 'major' });
});

for (const [hz, name] of [[440, 'A4'], [261.63, 'C4'], [30.87, 'B0'], [41.2, 'E1'], [3951, 'B7']] as const) {
  test(`YIN finds ${hz} Hz (${name}) on a sine`, () => {
    const yin = new Yin(SR);
    const x = sine(hz, 0.5, SR, 0.5);
    const est = yin.estimate(x, 1000);
    assert.ok(est.f0 > 0, 'voiced');
    const n = hzToNote(est.f0);
    assert.equal(n.note, name);
    assert.ok(Math.abs(1200 * Math.log2(est.f0 / hz)) < 5, `${est.f0} Hz`);
    assert.ok(est.aperiodicity < 0.1, `aperiodicity ${est.aperiodicity}`);
  });
}

test('YIN finds the fundamental of a harmonic note, not an octave', () => {
  const yin = new Yin(SR);
  const x = note(110, 0.5, SR, 0.5, 1, 8);
  const est = yin.estimate(x, 2000);
  assert.ok(Math.abs(1200 * Math.log2(est.f0 / 110)) < 10, `${est.f0}`);
});

test('white noise has no pitch', () => {
  const yin = new Yin(SR);
  const x = whiteNoise(0.5, SR);
  const est = yin.estimate(x, 0);
  assert.equal(est.f0, 0);
  assert.ok(est.aperiodicity > 0.3);
});

test('YIN through the FFT equals YIN computed directly in the time domain', () => {
  // The FFT path (packed forward transform, half-size real inverse) must reproduce the textbook difference function.
  const yin = new Yin(SR);
  const W = yin.window, tMax = yin.tauMax;
  const direct = (x: Float32Array, off: number) => {
    const at = (i: number) => (off + i < x.length ? x[off + i] : 0);
    const d = new Float64Array(tMax + 1);
    d[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= tMax; tau++) {
      let s = 0;
      for (let j = 0; j < W; j++) { const v = at(j) - at(j + tau); s += v * v; }
      running += s;
      d[tau] = running > 0 ? (s * tau) / running : 1;
    }
    return d;
  };
  for (const [label, x] of [['note', note(196, 0.5, SR)], ['sine', sine(1234.5, 0.5, SR)], ['noise', whiteNoise(0.5, SR)]] as const) {
    const off = 1500;
    const d = direct(x, off);
    const got = yin.estimate(x, off);
    let best = -1;
    for (let tau = yin.tauMin; tau < tMax; tau++) {
      if (d[tau] < yin.threshold) {
        while (tau + 1 < tMax && d[tau + 1] < d[tau]) tau++;
        best = tau;
        break;
      }
    }
    if (best < 0) {
      let m = 1;
      for (let tau = yin.tauMin; tau < tMax; tau++) m = Math.min(m, d[tau]);
      assert.equal(got.f0, 0, label);
      assert.ok(Math.abs(got.aperiodicity - m) < 1e-9, `${label}: ${got.aperiodicity} vs ${m}`);
    } else {
      const a = d[best - 1], b = d[best], c = d[best + 1];
      const shift = Math.max(-1, Math.min(1, (0.5 * (a - c)) / (a - 2 * b + c)));
      assert.ok(Math.abs(got.f0 - SR / (best + shift)) < 1e-6 * got.f0, `${label}: ${got.f0} vs ${SR / (best + shift)}`);
    }
  }
});
