import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { augment, bandLimit, pitchShift, saturate } from '../../src/main/ml/train/augment.js';
import { corpusSplit, decodeMono, parseCsv, readManifest } from '../../src/main/ml/train/corpus.js';
import { PATCH, buildExamples, familyDrumSounds, synthSounds } from '../../src/main/ml/train/dataset.js';
import { synthDrum } from '../../src/main/ml/train/drum-synth.js';
import { makeRng } from '../../src/main/ml/train/rng.js';
import { CATEGORIES, categoryIndex } from '../../src/main/ml/taxonomy.js';
import { kick, snare } from './sounds.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';

/** 16-bit PCM WAV, stereo by duplicating the mono signal. */
function wav(mono: Float32Array, rate: number): Buffer {
  return encodeWav([mono, mono], rate, { bitDepth: 16 });
}

test('csv reader handles quotes, doubled quotes and CRLF', () => {
  const rows = parseCsv('path,label,instrument_name\r\n/a.wav,kick,"Kick, ""big"""\r\n/b.wav,snare,x\n');
  assert.deepEqual(rows, [
    { path: '/a.wav', label: 'kick', instrument_name: 'Kick, "big"' },
    { path: '/b.wav', label: 'snare', instrument_name: 'x' },
  ]);
});

test('a tiny manifest loads, drops loops, silent and unknown labels, and decodes to mono at the training rate', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-ml-data-'));
  try {
    await writeFile(join(dir, 'k.wav'), wav(kick(1), 44100));
    await writeFile(join(dir, 's.wav'), wav(snare(1), 44100));
    const csv = ['path,label,kit_or_soundfont,program,instrument_name,silent,kind',
      `${join(dir, 'k.wav')},kick,kitA,,Kick,0,oneshot`,
      `${join(dir, 's.wav')},snare,kitA,,Snare,0,oneshot`,
      `${join(dir, 'k.wav')},loop,kitA,,Loop,0,loop`,
      `${join(dir, 'k.wav')},other,kitA,,Thing,0,oneshot`,
      `${join(dir, 's.wav')},snare,kitA,,Quiet,1,oneshot`].join('\n');
    await writeFile(join(dir, 'm.csv'), csv);
    const items = await readManifest(join(dir, 'm.csv'));
    assert.deepEqual(items.map((i) => [i.label, i.category, i.source, i.instrument]), [
      ['kick', categoryIndex('kick'), 'kitA', 'kitA:Kick'],
      ['snare', categoryIndex('snare'), 'kitA', 'kitA:Snare'],
    ]);
    const mono = await decodeMono(items[0].path, 22050);
    assert.ok(Math.abs(mono.length - kick(1).length / 2) <= 2, `decoded ${mono.length} frames`);
    let peak = 0;
    for (const v of mono) peak = Math.max(peak, Math.abs(v));
    assert.ok(peak > 0.7 && peak <= 1);
    await assert.rejects(decodeMono(join(dir, 'missing.wav'), 22050), /sox failed on .*missing\.wav/);
    const ex = buildExamples([{ mono, sampleRate: 22050, category: items[0].category, source: 'kitA' }], 2, makeRng(1));
    assert.equal(ex.n, 3);
    assert.equal(ex.x.length, 3 * PATCH);
    assert.deepEqual(Array.from(ex.y), [0, 0, 0]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('augmentation is seeded, changes the sound, and keeps it recognisable', () => {
  const x = kick(5, 150, 50, 0.25, 22050);
  const a1 = augment(x, 22050, makeRng(9), { p: 1 });
  const a2 = augment(x, 22050, makeRng(9), { p: 1 });
  const a3 = augment(x, 22050, makeRng(10), { p: 1 });
  assert.deepEqual(a1, a2);
  assert.notDeepEqual(a1, a3);
  assert.notEqual(a1, x);
  assert.ok(a1.every(Number.isFinite));
  // Reverb adds a tail; the length stays within tail + offset bounds.
  assert.ok(a1.length > x.length * 0.8 && a1.length < x.length * 1.3 + 22050 * 0.35);
  // An octave up halves the length.
  assert.equal(pitchShift(x, 12).length, Math.floor(x.length / 2));
});

test('synthesized drums are seeded and cover every drum class they claim', () => {
  assert.deepEqual(synthDrum('kick', 22050, makeRng(4)), synthDrum('kick', 22050, makeRng(4)));
  const sounds = synthSounds(2, 22050, makeRng(1));
  const labels = new Set(sounds.map((s) => CATEGORIES[s.category]));
  assert.deepEqual([...labels].sort(), ['clap', 'cymbal', 'hihat_closed', 'hihat_open', 'kick', 'snare', 'tom']);
  for (const s of sounds) {
    let peak = 0;
    for (const v of s.mono) peak = Math.max(peak, Math.abs(v));
    assert.ok(peak > 0.2 && peak <= 1, `${CATEGORIES[s.category]} peak ${peak}`);
  }
});

test('saturation keeps the level and adds harmonics; band-limiting removes the extremes', () => {
  const rate = 22050;
  const sine = Float32Array.from({ length: rate }, (_, i) => 0.9 * Math.sin((2 * Math.PI * 441 * i) / rate));
  const sat = saturate(sine, 4);
  const peak = sat.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(peak > 0.85 && peak <= 1.0001, `peak ${peak}`);
  // A clipped sine is squarer: its RMS rises towards the peak.
  const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
  assert.ok(rms(sat) > 1.15 * rms(sine), `rms ${rms(sat)} vs ${rms(sine)}`);
  const low = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 20 * i) / rate));
  const high = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 9000 * i) / rate));
  const mid = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / rate));
  const band = (x: Float32Array) => rms(bandLimit(x, rate, 150, 3000).subarray(rate / 2));
  assert.ok(band(mid) > 0.6, `1 kHz passes: ${band(mid)}`);
  assert.ok(band(low) < 0.2, `20 Hz is cut: ${band(low)}`);
  assert.ok(band(high) < 0.2, `9 kHz is cut: ${band(high)}`);
});

test('drums from the sample synthesizer cover all eight drum classes, percussion three times over', () => {
  const sounds = familyDrumSounds(2, 22050, 3);
  const count = new Map<string, number>();
  for (const s of sounds) count.set(CATEGORIES[s.category], (count.get(CATEGORIES[s.category]) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries([...count].sort()), { clap: 2, cymbal: 2, hihat_closed: 2, hihat_open: 2, kick: 2, percussion: 6, snare: 2, tom: 2 });
  for (const s of sounds) {
    assert.equal(s.sampleRate, 22050);
    assert.ok(s.mono.some((v) => Math.abs(v) > 0.1), `${CATEGORIES[s.category]} is audible`);
  }
  assert.deepEqual(familyDrumSounds(1, 22050, 3)[0].mono, familyDrumSounds(1, 22050, 3)[0].mono);
});

test('the corpus splits by source: named sources teach, the rest are held out, unknown names are refused', () => {
  assert.deepEqual(corpusSplit(['fluidr3']), { train: ['fluidr3'], heldOut: ['musescore', 'sonicpi'] });
  assert.deepEqual(corpusSplit([' fluidr3', 'musescore ', 'fluidr3']), { train: ['fluidr3', 'musescore'], heldOut: ['sonicpi'] });
  assert.deepEqual(corpusSplit(['fluidr3', 'musescore', 'sonicpi']).heldOut, []);
  assert.throws(() => corpusSplit(['fluid']), /unknown source 'fluid' \(known: fluidr3, musescore, sonicpi\)/);
  assert.throws(() => corpusSplit(['', ' ']), /name at least one source/);
});
