// Exact duplicate groups and the near-duplicate audio print on synthesized signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactDuplicateGroups, nearDuplicateGroups } from '../../src/main/intelligence/duplicates.js';
import { PRINT_BANDS, PRINT_FRAMES, comparePrints, computeNearDupPrint, type NearDupPrint } from '../../src/main/intelligence/near-dup-print.js';
import { synthesize } from '../../src/main/synth/index.js';
import { convertRate } from '../support/signals.js';
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

/** Mono mix of a synthesized sound. */
function monoOf(category: 'kick' | 'clap' | 'hihat_closed' | 'tom', variant: string, seed: number): { mono: Float32Array; sr: number } {
  const s = synthesize({ category, variant, seed, sampleRate: 44100 });
  const mono = new Float32Array(s.channels[0].length);
  for (const ch of s.channels) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / s.channels.length;
  return { mono, sr: s.sampleRate };
}

test('other takes of the same kind of sound are no near-duplicates; converted copies are', () => {
  // Kicks, claps, hats and toms of one drum machine share their envelope and spectrum shape; only a copy also
  // matches level for level. Four takes per kind (different seeds), each with a 48 kHz, −3 dB copy.
  const cases: Array<['kick' | 'clap' | 'hihat_closed' | 'tom', string]> = [['kick', '909'], ['kick', 'acoustic'], ['clap', '808'], ['hihat_closed', '808'], ['tom', 'floor']];
  const falseMatches: string[] = [];
  let pairs = 0;
  for (const [category, variant] of cases) {
    const takes = [11, 12, 13, 14].map((seed) => monoOf(category, variant, seed));
    const prints = takes.map((t) => computeNearDupPrint(t.mono, t.sr));
    takes.forEach((t, i) => {
      const copy = comparePrints(prints[i], computeNearDupPrint(convertRate(t.mono, t.sr, 48000).map((v) => v * 0.7), 48000));
      assert.ok(copy >= 0.9, `${category} ${variant} take ${i}: its 48 kHz copy scored ${copy.toFixed(3)}`);
      for (let j = i + 1; j < takes.length; j++, pairs++) {
        const other = comparePrints(prints[i], prints[j]);
        if (other >= 0.9) falseMatches.push(`${category} ${variant} ${i}/${j}: ${other.toFixed(3)}`);
      }
    });
  }
  // Low kicks and toms of one recipe can differ by a few hertz and a little decay only: 7 of these 30 pairs still
  // match (the print before this one matched 24). What must not come back is matching most of them.
  assert.ok(falseMatches.length <= 9, `${falseMatches.length} of ${pairs} pairs of different takes matched: ${falseMatches.join(', ')}`);
});

test('near-duplicate groups never chain: A ≈ B and B ≈ C keep C out of A\'s group when A and C differ', () => {
  // Hand-made prints: B sits between A and C, each step 1.5 dB RMS away (a match), A to C 3 dB (no match).
  const frames = 20;
  const make = (shift: number): NearDupPrint => {
    const values = new Float32Array(PRINT_FRAMES * PRINT_BANDS);
    for (let f = 0; f < frames; f++) {
      for (let b = 0; b < PRINT_BANDS; b++) values[f * PRINT_BANDS + b] = -1.5 * f - 0.5 * b + shift * (b % 2 ? 1 : -1);
    }
    return { values, frames, durationSec: frames * 0.02 };
  };
  const [a, b, c] = [make(0), make(1.5), make(3)];
  assert.ok(comparePrints(a, b) >= 0.9 && comparePrints(b, c) >= 0.9, `steps ${comparePrints(a, b)}, ${comparePrints(b, c)}`);
  assert.ok(comparePrints(a, c) < 0.9, `ends ${comparePrints(a, c)}`);
  const groups = nearDuplicateGroups(new Map([[1, a], [2, b], [3, c]]));
  assert.equal(groups.length, 1);
  assert.equal(groups[0].length, 2, `one group of every print: ${JSON.stringify(groups)}`);
  assert.ok(groups[0].includes(2), 'the middle print pairs with one of its neighbours');
});
