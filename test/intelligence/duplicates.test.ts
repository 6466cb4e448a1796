// Exact duplicate groups and the near-duplicate audio print on synthesized signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactDuplicateGroups, nearDuplicateGroups } from '../../src/main/intelligence/duplicates.js';
import { comparePrints, computeNearDupPrint } from '../../src/main/intelligence/near-dup-print.js';
import { rng } from '../../src/main/intelligence/vector-math.js';

/** A decaying two-partial tone with a noisy click, the shape of a typical one-shot. */
function synth(sr: number, f0: number, seconds = 1, seed = 1): Float32Array {
  const n = Math.round(sr * seconds);
  const out = new Float32Array(n);
  const rand = rng(seed);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const env = Math.exp(-t * 4);
    out[i] = env * (0.6 * Math.sin(2 * Math.PI * f0 * t) + 0.3 * Math.sin(2 * Math.PI * f0 * 2.7 * t * (1 + 0.1 * t))) + (t < 0.02 ? (rand() - 0.5) * (1 - t / 0.02) : 0);
  }
  return out;
}

/** Linear-interpolation resample, enough to simulate a 44.1k → 48k conversion. */
function resample(x: Float32Array, from: number, to: number): Float32Array {
  const n = Math.floor((x.length * to) / from);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = (i * from) / to;
    const a = Math.floor(p);
    out[i] = (x[a] ?? 0) * (1 - (p - a)) + (x[a + 1] ?? 0) * (p - a);
  }
  return out;
}

test('exact duplicates group by pcm hash', () => {
  const groups = exactDuplicateGroups([
    { id: 1, pcmHash: 'aa' },
    { id: 2, pcmHash: 'bb' },
    { id: 3, pcmHash: 'aa' },
    { id: 4, pcmHash: null },
    { id: 5, pcmHash: 'bb' },
    { id: 6, pcmHash: 'aa' },
    { id: 7, pcmHash: 'cc' },
  ]);
  assert.deepEqual(groups, [[1, 3, 6], [2, 5]]);
});

test('near-dup print matches a trimmed, gained, resampled copy and rejects a different sound', () => {
  const sr = 44100;
  const original = new Float32Array(sr * 1.2);
  original.set(synth(sr, 220), Math.round(sr * 0.2)); // 200 ms of leading silence
  const copy = resample(original.subarray(Math.round(sr * 0.15)), sr, 48000).map((v) => v * 0.5); // trimmed, -6 dB, 48k
  const other = synth(sr, 523, 1, 2).map((v, i) => v * (i < sr * 0.3 ? 1 : 0.2));
  const pa = computeNearDupPrint(original, sr);
  const pb = computeNearDupPrint(copy, 48000);
  const pc = computeNearDupPrint(other, sr);
  const same = comparePrints(pa, pb);
  const diff = comparePrints(pa, pc);
  assert.ok(same > 0.9, `copy similarity ${same}`);
  assert.ok(diff < 0.8, `different similarity ${diff}`);
  assert.equal(computeNearDupPrint(new Float32Array(1000), sr).frames, 0);
  assert.throws(() => computeNearDupPrint(original, 0), /invalid sample rate/);
});

test('near-duplicate groups come from candidate search, not all pairs', () => {
  const sr = 22050;
  const prints = new Map<number, ReturnType<typeof computeNearDupPrint>>();
  for (let s = 0; s < 12; s++) {
    const x = synth(sr, 110 * 1.3 ** s, 0.8, s + 10);
    prints.set(s * 2, computeNearDupPrint(x, sr));
    if (s % 3 === 0) prints.set(s * 2 + 1, computeNearDupPrint(resample(x, sr, 32000).map((v) => v * 0.7), 32000));
  }
  const groups = nearDuplicateGroups(prints);
  assert.deepEqual(groups.sort((a, b) => a[0] - b[0]), [[0, 1], [6, 7], [12, 13], [18, 19]]);
});
