// Chord loops on slow-attack pads and strings, whose chord changes keep common tones and hide under the last
// chord's release, are loops by their bar-wise harmony; held chords, decaying chords and single notes whose
// timbre moves are one-shots. All audio comes from the synthesizer's own instrument voices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource } from '../../src/main/analysis/analyse-source.js';
import { randomSpec, synthesize } from '../../src/main/synth/index.js';
import { findBarHarmony, harmonyAtBars } from '../../src/main/analysis/bar-harmony.js';
import { wholeBarCounts } from '../../src/main/analysis/loop-evidence.js';
import { sharedFrameLog, type FrameFeatures } from '../../src/main/analysis/frame-log.js';
import { FrontEnd } from '../../src/main/analysis/front-end.js';
import { MAX_BLOCK_FRAMES, sourceFromPcm } from '../../src/main/decode/audio-source.js';
import type { CategoryId } from '../../src/main/synth/category-id.js';
import { FAMILIES } from '../../src/main/synth/families/index.js';
import { foldToLength } from '../../src/main/synth/finish.js';
import { Rng } from '../../src/main/synth/rng.js';

const SR = 44100;
const C = [60, 64, 67], AM = [57, 60, 64], F = [57, 60, 65], G = [55, 59, 62];

/** One note of a synth voice, mono. */
function note(category: CategoryId, variant: string, midi: number, sec: number, seed: number): Float32Array {
  const out = FAMILIES[category].render({ rng: new Rng(seed), sr: SR, variant, midi, durationSec: sec, velocity: 0.8 }).channels;
  if (out.length === 1) return out[0];
  return out[0].map((v, i) => 0.5 * (v + out[1][i]));
}

function mix(into: Float32Array, x: Float32Array, at: number, gain: number): void {
  for (let i = 0; i < x.length && at + i < into.length; i++) into[at + i] += gain * x[i];
}

/** One chord per bar, each held through its bar; the release past the end folds onto the start, as a loop does. */
function chordLoop(category: CategoryId, variant: string, bpm: number, chords: number[][]): Float32Array {
  const bar = (240 * SR) / bpm;
  const long = new Float32Array(Math.round(chords.length * bar) + 3 * SR);
  chords.forEach((chord, k) => {
    for (const m of chord) mix(long, note(category, variant, m, (0.95 * bar) / SR, 100 * k + m), Math.round(k * bar), 0.3);
  });
  return foldToLength(long, Math.round(chords.length * bar));
}

/** Notes sounded together once, cut to `sec`. */
function held(category: CategoryId, variant: string, midis: number[], sec: number, noteSec = sec): Float32Array {
  const x = new Float32Array(Math.round(sec * SR));
  for (const m of midis) mix(x, note(category, variant, m, noteSec, m), 0, 0.3);
  return x;
}

const analyse = (x: Float32Array) => analyseSource(sourceFromPcm([x], SR), { only: ['envelope', 'rhythm'] });

function features(x: Float32Array): FrameFeatures {
  const fe = new FrontEnd(SR, { frames: true, capture: true, onsets: true }, x.length);
  const log = sharedFrameLog(fe);
  for (let o = 0; o < x.length; o += MAX_BLOCK_FRAMES) {
    const n = Math.min(MAX_BLOCK_FRAMES, x.length - o);
    fe.push([x.subarray(o, o + n)], n);
  }
  fe.end();
  return log.features();
}

test('2-bar chord loops C → Am (two common tones) on strings and on a pad are loops, their harmony changing at the bar line', async () => {
  for (const [category, variant] of [['strings', 'ensemble'], ['pad', 'warm']] as const) {
    const x = chordLoop(category, variant, 96, [C, AM]);
    const r = await analyse(x);
    assert.equal(r.envelope?.kind, 'loop', `${variant}: ${r.envelope?.kindReason}`);
    const h = harmonyAtBars(features(x), x.length / SR, 2);
    assert.equal(h?.changes, 1, `${variant}: ${JSON.stringify(h)}`);
  }
  // The pad's slow attack hides the change from the level cues: only the harmony tells.
  const pad = await analyse(chordLoop('pad', 'warm', 96, [C, AM]));
  assert.match(pad.envelope!.kindReason, /^harmony changes on every inner bar line .*\(2 bars at 96 BPM\)/);
});

test('a chord loop read from its harmony takes the harmony\'s bar count as its tempo, not the double', async () => {
  // A 2-bar warm-pad progression at 86 BPM from the synth's own loop generator: the accents alone read it as 172.
  const spec = randomSpec(7132, { loopShare: 1 });
  const snd = synthesize(spec);
  assert.deepEqual([spec.category, spec.loop?.bpm, spec.loop?.bars], ['pad', 86, 2]);
  const r = await analyseSource(sourceFromPcm(snd.channels, snd.sampleRate), { only: ['envelope', 'rhythm'] });
  assert.match(r.envelope!.kindReason, /^harmony changes on every inner bar line .*\(2 bars at 86 BPM\)/);
  assert.ok(Math.abs((r.rhythm?.bpm ?? 0) - 86) < 1, `tempo ${r.rhythm?.bpm}`);
  assert.equal(r.rhythm?.beats, 8);
});

test('a 4-bar warm-pad loop C → Am → F → G is a loop by its harmony, read as 4 bars', async () => {
  const x = chordLoop('pad', 'warm', 110, [C, AM, F, G]);
  const r = await analyse(x);
  assert.equal(r.envelope?.kind, 'loop', r.envelope?.kindReason);
  // Am → F moves one voice a semitone (E → F) while A's third partial keeps sounding E: a change, not a swap.
  assert.match(r.envelope!.kindReason, /^harmony changes on (every inner bar line|2 of 3 inner bar lines) .*\(4 bars at 110 BPM\)/);
  const h = harmonyAtBars(features(x), x.length / SR, 4);
  assert.ok(h && h.changes >= 2 && h.lines.every((d) => d >= 0.5), JSON.stringify(h));
});

test('the same chord held for the same length (a pad one-shot) is a one-shot with a steady harmony', async () => {
  const sec = (4 * 240) / 110;
  const x = held('pad', 'warm', C, sec);
  const r = await analyse(x);
  assert.equal(r.envelope?.kind, 'oneshot', r.envelope?.kindReason);
  for (const bars of [2, 4]) {
    const h = harmonyAtBars(features(x), sec, bars);
    assert.ok(h && h.changes === 0 && Math.max(...h.lines) < 0.3, JSON.stringify(h));
  }
  const strings = held('strings', 'ensemble', AM, (2 * 240) / 96);
  assert.equal((await analyse(strings)).envelope?.kind, 'oneshot');
});

test('a piano chord decaying and a violin note with vibrato are one-shots', async () => {
  const piano = held('keys', 'piano', F, 5);
  const p = await analyse(piano);
  assert.equal(p.envelope?.kind, 'oneshot', p.envelope?.kindReason);
  const violin = held('strings', 'violin', [67], 5);
  const v = await analyse(violin);
  assert.equal(v.envelope?.kind, 'oneshot', v.envelope?.kindReason);
});

test('one FM glass-pad note whose carrier fades out and back in is a one-shot, though its pitch classes change', async () => {
  // Its modulation index swings through the carrier's null: the root's pitch class leaves and comes back, which the
  // chroma alone reads as a change of harmony; the note then dies away, as no loop does.
  const x = note('pad', 'glass', 49, 3.5, 79);
  const sec = x.length / SR;
  const h = findBarHarmony(features(x), sec, wholeBarCounts(sec));
  assert.ok(h && h.changes >= 1, `the chroma should read a change: ${JSON.stringify(h)}`);
  const r = await analyse(x);
  assert.equal(r.envelope?.kind, 'oneshot', r.envelope?.kindReason);
});
