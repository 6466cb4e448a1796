// Whole-bar loop tempo from accent envelopes: the loop length limits the tempos, accents pick between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateBarTempo } from '../../src/shared/dsp/bar-tempo.js';

const FRAME_RATE = 22050 / 512;
/** Accent peaks trail the hit by this many frames in the analysis front end. */
const LATENCY = 1.2;

/** Accent envelope of a `bars`-long loop at `bpm` from a 16-step pattern: step → accent strength. */
function accents(bpm: number, bars: number, pattern: Record<number, number>): { env: Float32Array; dur: number } {
  const dur = (240 * bars) / bpm;
  const env = new Float32Array(Math.ceil(dur * FRAME_RATE) + 2);
  const step = (15 * FRAME_RATE) / bpm;
  for (let bar = 0; bar < bars; bar++) {
    for (const [s, v] of Object.entries(pattern)) {
      const i = Math.round((bar * 16 + Number(s)) * step - LATENCY);
      if (i >= 0 && i < env.length) env[i] += v;
    }
  }
  return { env, dur };
}

test('a backbeat pattern at 170 BPM reads 170, not half time', () => {
  // Kick 1 and the "and" of 3, snare 2 and 4, hats on 8ths.
  const { env, dur } = accents(170, 2, { 0: 30, 10: 30, 4: 60, 12: 60, 2: 15, 6: 15, 8: 15, 14: 15 });
  const t = estimateBarTempo(env, env.length, FRAME_RATE, dur);
  assert.ok(t, 'a tempo');
  assert.ok(Math.abs(t.bpm - 170) < 0.5, `${t.bpm}`);
  assert.equal(t.beats, 8);
});

test('a hip hop pattern at 90 BPM reads 90, not double time', () => {
  const { env, dur } = accents(90, 2, { 0: 50, 7: 30, 10: 30, 4: 60, 12: 60, 2: 15, 6: 15, 8: 20, 14: 15 });
  const t = estimateBarTempo(env, env.length, FRAME_RATE, dur);
  assert.ok(t && Math.abs(t.bpm - 90) < 0.5, `${t?.bpm}`);
  assert.equal(t.bars, 2);
});

test('chords changing on every bar line set one bar per change', () => {
  // Four bars at 122 BPM: accents only at bar starts (the first has no accent, as in the front end).
  const { env, dur } = accents(122, 4, { 0: 40 });
  const t = estimateBarTempo(env, env.length, FRAME_RATE, dur);
  assert.ok(t && Math.abs(t.bpm - 122) < 0.5, `${t?.bpm}`);
  assert.match(t.reason, /bar line/);
});

test('a length with one whole-bar tempo in range gives it; one with none gives null', () => {
  const one = estimateBarTempo(new Float32Array(100), 100, FRAME_RATE, 2.0);
  assert.equal(one?.bpm, 120);
  assert.equal(one?.reason, 'only whole-bar tempo in range');
  // 0.5 s: one bar would be 480 BPM.
  assert.equal(estimateBarTempo(new Float32Array(30), 30, FRAME_RATE, 0.5), null);
});
