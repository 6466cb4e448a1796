// Tempo estimation from onset envelopes, including fractional beat periods and octave preferences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTempo } from '../../src/shared/dsp/tempo.js';
import { pickOnsets } from '../../src/shared/dsp/onset-flux.js';

const FRAME_RATE = 22050 / 512;

/** Onset envelope of beats at `bpm`, each quantised to the nearest frame, with optional off-beats. */
function envelope(bpm: number, sec: number, offbeat = 0): Float32Array {
  const n = Math.round(sec * FRAME_RATE);
  const env = new Float32Array(n);
  const period = (60 * FRAME_RATE) / bpm;
  for (let b = 0; ; b++) {
    const i = Math.round(b * period);
    if (i >= n) break;
    env[i] += 1;
    const j = Math.round((b + 0.5) * period);
    if (offbeat && j < n) env[j] += offbeat;
  }
  return env;
}

for (const bpm of [90, 120, 128, 174]) {
  test(`an impulse envelope at ${bpm} BPM reads ${bpm} ± 0.5`, () => {
    const est = estimateTempo(envelope(bpm, 20), Math.round(20 * FRAME_RATE), FRAME_RATE);
    assert.ok(est, 'tempo found');
    assert.ok(Math.abs(est.bpm - bpm) < 0.5, `${est.bpm}`);
    assert.ok(est.periodicity > 0.5);
  });
}

test('weaker off-beats do not double the tempo', () => {
  const est = estimateTempo(envelope(100, 20, 0.5), Math.round(20 * FRAME_RATE), FRAME_RATE);
  assert.ok(est && Math.abs(est.bpm - 100) < 0.5, `${est?.bpm}`);
});

test('a flat envelope has no tempo', () => {
  const env = new Float32Array(500).fill(1);
  assert.equal(estimateTempo(env, 500, FRAME_RATE), null);
});

test('pickOnsets finds each impulse once', () => {
  const env = envelope(120, 10);
  assert.equal(pickOnsets(env, env.length).length, 20);
});
