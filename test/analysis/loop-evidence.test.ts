// Loop evidence pieces on their own: the seam between end and start, beat-grid alignment against chance, bar repetition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barRepetition, gridAlignment, measureSeam, type Reattack } from '../../src/main/analysis/loop-evidence.js';

const RATE = 22050;
const FRAME_RATE = RATE / 512;

test('a tone of whole periods held to both ends is seamless; one fading in and out is not', () => {
  const n = RATE * 2;
  // 220.5 Hz: exactly 441 periods in 2 s, so the end runs straight into the start.
  const loop = new Float32Array(n);
  for (let i = 0; i < n; i++) loop[i] = 0.5 * Math.sin((2 * Math.PI * 220.5 * i) / RATE);
  const loudest = 20 * Math.log10(0.5 / Math.SQRT2);
  const s = measureSeam(loop, n, RATE, loudest);
  assert.ok(s?.seamless, JSON.stringify(s));
  const shot = loop.map((v, i) => v * Math.min(1, i / (0.05 * RATE), (n - i) / (0.3 * RATE)));
  const t = measureSeam(shot, n, RATE, loudest);
  assert.equal(t?.seamless, false);
  assert.ok(t!.fadeInDb > 3 && t!.fadeOutDb > 3, JSON.stringify(t));
});

test('hits on a tempo\'s beats align far above chance; scattered hits do not', () => {
  const at = (sec: number): Reattack => ({ frame: Math.round(sec * FRAME_RATE - 1.2), timeSec: sec });
  const onBeats = [0.5, 1, 1.5, 2, 2.5, 3, 3.5].map(at);
  const a = gridAlignment(onBeats, 120, FRAME_RATE);
  assert.equal(a.aligned, onBeats.length);
  assert.ok(a.excess > 0.9, JSON.stringify(a));
  // Golden-ratio spacing never settles on a grid; at 23 ms frames a 16th grid still catches many by chance.
  const scattered = Array.from({ length: 12 }, (_, k) => at(0.3 + ((k * 0.618034) % 1) * 3.4));
  const s = gridAlignment(scattered, 120, FRAME_RATE);
  assert.ok(s.excess < 0.6 && s.excess < a.excess - 0.4, JSON.stringify(s));
});

test('an accent pattern that repeats every bar correlates with itself one bar later; a drifting one does not', () => {
  const dur = 4; // two bars at 120 BPM
  const n = Math.ceil(dur * FRAME_RATE);
  const repeating = new Float32Array(n), drifting = new Float32Array(n);
  const bar = (dur * FRAME_RATE) / 2;
  // An irregular 7-hit pattern (not on any grid) repeated in bar two; the drifting copy slides each hit later.
  const hits = [0.07, 0.19, 0.33, 0.41, 0.58, 0.77, 0.9];
  hits.forEach((h, k) => {
    repeating[Math.round(h * bar)] = repeating[Math.round((1 + h) * bar)] = 10 + k;
    drifting[Math.round(h * bar)] = 10 + k;
    drifting[Math.min(n - 1, Math.round((1 + h) * bar + 4 + 2 * k))] = 10 + k;
  });
  assert.ok(barRepetition(repeating, n, dur, FRAME_RATE) > 0.9);
  assert.ok(barRepetition(drifting, n, dur, FRAME_RATE) < 0.3);
});
