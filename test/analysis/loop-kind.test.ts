// One-shot vs loop and loop tempo on synthesized sounds built to fool a naive detector: held and beating notes
// exactly one bar long, drum loops at tempos whose half/double or 2/3 readings are plausible, chord loops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource } from '../../src/main/analysis/analyse-source.js';
import { sourceFromPcm } from '../../src/main/decode/audio-source.js';
import { hat, kick, mixAt, rng, snare } from '../support/signals.js';

const SR = 44100;
const midiHz = (m: number) => 440 * Math.pow(2, (m - 69) / 12);

/** A warm pad: detuned saw-ish partials (slow beating), vibrato, a slow LFO on level, 250 ms attack, held to the end. */
function heldPad(sec: number, midi: number): Float32Array {
  const x = new Float32Array(Math.round(sec * SR));
  const f0 = midiHz(midi);
  const detune = [-0.09, 0, 0.07];
  for (let i = 0; i < x.length; i++) {
    const t = i / SR;
    const vib = 1 + 0.004 * Math.sin(2 * Math.PI * 5.5 * t);
    let v = 0;
    for (const d of detune) for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * f0 * (1 + d / 12) * h * vib * t + h * d) / (h * 1.5);
    const attack = Math.min(1, t / 0.25);
    const lfo = 1 - 0.25 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 2.67 * t));
    x[i] = 0.08 * v * attack * lfo;
  }
  return x;
}

/** A piano-like note: inharmonic partials in detuned pairs (beating), fast attack, two-stage exponential decay. */
function beatingNote(sec: number, midi: number): Float32Array {
  const x = new Float32Array(Math.round(sec * SR));
  const f0 = midiHz(midi);
  for (let i = 0; i < x.length; i++) {
    const t = i / SR;
    let v = 0;
    for (let h = 1; h <= 10; h++) {
      const f = f0 * h * Math.sqrt(1 + 0.0004 * h * h);
      // Two strings 1.3 Hz apart per partial: the level swells and dips as they beat.
      v += (Math.sin(2 * Math.PI * f * t) + Math.sin(2 * Math.PI * (f + 1.3) * t)) * Math.exp(-t * (0.8 + 0.35 * h)) / h;
    }
    x[i] = 0.2 * v * Math.min(1, t / 0.003) * (0.7 * Math.exp(-t * 3) + 0.3 * Math.exp(-t * 0.6));
  }
  return x;
}

/** Drum loop from a 16-step pattern per bar (kick / snare / hat step lists), an exact number of bars long. */
function patternLoop(bpm: number, bars: number, p: { kick: number[]; snare: number[]; hat: number[] }): Float32Array {
  const step = (15 * SR) / bpm;
  const x = new Float32Array(Math.round(bars * 16 * step));
  const k = kick(0.35, SR), s = snare(0.25, SR), h = hat(0.06, SR);
  const r = rng(11);
  for (let bar = 0; bar < bars; bar++) {
    const at = (st: number) => Math.round((bar * 16 + st) * step);
    for (const st of p.kick) mixAt(x, k, at(st), 0.9);
    for (const st of p.snare) mixAt(x, s, at(st), 0.8);
    for (const st of p.hat) mixAt(x, h, at(st), 0.5 + 0.3 * r());
  }
  return x;
}

/** Electric-piano chords, one per bar, struck exactly on each bar line and ringing until the next. */
function chordLoop(bpm: number, chords: number[][]): Float32Array {
  const bar = (240 * SR) / bpm;
  const x = new Float32Array(Math.round(chords.length * bar));
  chords.forEach((chord, c) => {
    const start = Math.round(c * bar), end = Math.round((c + 1) * bar);
    for (let i = start; i < end; i++) {
      const t = (i - start) / SR;
      // 3 ms attack, a bright strike that mellows, and a short release into the next bar line.
      const env = Math.min(1, t / 0.003, (end - i) / (0.01 * SR)) * Math.exp(-t * 0.9);
      let v = 0;
      for (const m of chord) for (let h = 1; h <= 6; h++) v += (Math.sin(2 * Math.PI * midiHz(m) * h * t) * Math.exp(-t * 2.5 * (h - 1))) / h;
      x[i] = 0.12 * v * env;
    }
  });
  return x;
}

const analyse = (x: Float32Array) => analyseSource(sourceFromPcm([x, x.slice()], SR), { only: ['envelope', 'rhythm'] });

test('a held pad exactly one bar long at 80 BPM (3.0 s) is a one-shot', async () => {
  const r = await analyse(heldPad(3.0, 57));
  assert.equal(r.envelope?.kind, 'oneshot', r.envelope?.kindReason);
  assert.match(r.envelope!.kindReason, /single|re-attack/);
  assert.ok(r.envelope!.kindConfidence >= 0.6);
});

test('a decaying piano-like note with beating, one bar at 80 BPM, is a one-shot', async () => {
  const r = await analyse(beatingNote(3.0, 48));
  assert.equal(r.envelope?.kind, 'oneshot', r.envelope?.kindReason);
  assert.equal(r.rhythm?.bpm, null, 'a one-shot has no tempo');
});

const DRUMS: Array<{ name: string; bpm: number; bars: number; p: { kick: number[]; snare: number[]; hat: number[] } }> = [
  // Drum & bass: kick 1 and the "and" of 3, snare on 2 and 4; half time (85) is the classic wrong answer.
  { name: 'drum & bass', bpm: 170, bars: 2, p: { kick: [0, 10], snare: [4, 12], hat: [0, 2, 4, 6, 8, 10, 12, 14] } },
  // Trap: syncopated kicks and a clap on 3; 4/3 of the tempo (121) fits its accents too.
  { name: 'trap', bpm: 91, bars: 1, p: { kick: [0, 7, 11], snare: [8], hat: [0, 2, 4, 6, 8, 10, 12, 13, 14, 15] } },
  // Hip hop: a 2/3 reading (70) matched the old estimator.
  { name: 'hip hop', bpm: 105, bars: 2, p: { kick: [0, 7, 10], snare: [4, 12], hat: [0, 2, 4, 6, 8, 10, 12, 14] } },
  { name: 'house', bpm: 124, bars: 4, p: { kick: [0, 4, 8, 12], snare: [4, 12], hat: [2, 6, 10, 14] } },
];

for (const d of DRUMS) {
  test(`a ${d.bars}-bar ${d.name} loop at ${d.bpm} BPM is a loop at ${d.bpm} BPM`, async () => {
    const r = await analyse(patternLoop(d.bpm, d.bars, d.p));
    assert.equal(r.envelope?.kind, 'loop', r.envelope?.kindReason);
    assert.match(r.envelope!.kindReason, /beat grid/);
    assert.ok(r.rhythm?.bpm && Math.abs(r.rhythm.bpm - d.bpm) < 1, `bpm ${r.rhythm?.bpm}`);
    assert.equal(r.rhythm?.beats, d.bars * 4);
  });
}

test('a four-bar chord loop (one chord per bar) is a loop at its tempo', async () => {
  const r = await analyse(chordLoop(120, [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]));
  assert.equal(r.envelope?.kind, 'loop', r.envelope?.kindReason);
  assert.match(r.envelope!.kindReason, /bar line/);
  assert.ok(r.rhythm?.bpm && Math.abs(r.rhythm.bpm - 120) < 1, `bpm ${r.rhythm?.bpm}`);
});

test('one of those chords left to ring for a bar, no re-attacks, is a one-shot', async () => {
  const r = await analyse(chordLoop(120, [[60, 64, 67, 72]]));
  assert.equal(r.envelope?.kind, 'oneshot', r.envelope?.kindReason);
});

test('hits clustered at the start of a long file do not make it a loop', async () => {
  // A flam and two ghost notes, then a long cymbal-like noise decay: re-attacks, but not over the whole file.
  const x = new Float32Array(3 * SR);
  mixAt(x, snare(0.3, SR), 0);
  mixAt(x, snare(0.3, SR, 0.4, 9), Math.round(0.12 * SR));
  mixAt(x, snare(0.3, SR, 0.3, 4), Math.round(0.3 * SR));
  const r = rng(3);
  for (let i = Math.round(0.3 * SR); i < x.length; i++) x[i] += 0.15 * (2 * r() - 1) * Math.exp(-(i / SR - 0.3) * 1.2);
  const res = await analyse(x);
  assert.equal(res.envelope?.kind, 'oneshot', res.envelope?.kindReason);
});
