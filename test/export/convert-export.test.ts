// Conversion on export: anti-aliased resampling, formats decoded back, trim/normalise/fade, smpl/acid metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { planExport, runExport } from '../../src/main/export/index.js';
import type { ExportItem } from '../../src/main/export/index.js';
import { resampleChannel } from '../../src/main/export/resample.js';
import { sine, writeWavFixture } from '../support/audio-fixtures.js';

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}

/** Amplitude of one frequency via a windowed correlation (Hann), robust to the exact cycle count. */
function toneAmplitude(x: Float32Array, rate: number, hz: number): number {
  let re = 0, im = 0, wsum = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (x.length - 1));
    re += w * x[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    im += w * x[i] * Math.sin((2 * Math.PI * hz * i) / rate);
    wsum += w;
  }
  return (2 * Math.hypot(re, im)) / wsum;
}

async function decode(path: string) {
  const src = await openAudio(path);
  const parts: Float32Array[][] = Array.from({ length: src.info.channels }, () => []);
  for await (const b of src.blocks()) b.forEach((c, i) => parts[i].push(c.slice()));
  await src.close();
  const channels = parts.map((l) => { const o = new Float32Array(l.reduce((n, b) => n + b.length, 0)); let a = 0; for (const b of l) { o.set(b, a); a += b.length; } return o; });
  return { info: src.info, metadata: src.metadata, channels };
}

test('resampler: a tone near the source Nyquist does not alias into the passband; passband tones keep level', () => {
  const near = sine(23500, 0.5, 48000, 0.9); // above 22.05 kHz: must vanish, not fold to 20.6 kHz
  const down = resampleChannel(near, 48000, 44100);
  assert.equal(down.length, Math.ceil(near.length * 44100 / 48000));
  const mid = down.subarray(2000, down.length - 2000);
  assert.ok(rms(mid) < 0.9 * 1e-3, `alias residue ${20 * Math.log10(rms(mid) / 0.636)} dB`);
  assert.ok(toneAmplitude(mid, 44100, 20600) < 1e-3);
  for (const hz of [1000, 15000]) {
    const y = resampleChannel(sine(hz, 0.5, 48000, 0.5), 48000, 44100).subarray(2000, -2000);
    assert.ok(Math.abs(toneAmplitude(y, 44100, hz) - 0.5) < 0.01, `${hz} Hz level`);
  }
  // Upsampling: 20 kHz passes at level; its image (44.1k - 20k = 24.1k, folding to 23.9k) must not appear.
  const up = resampleChannel(sine(20000, 0.5, 44100, 0.5), 44100, 48000).subarray(2000, -2000);
  assert.ok(Math.abs(toneAmplitude(up, 48000, 20000) - 0.5) < 0.03);
  assert.ok(toneAmplitude(up, 48000, 23900) < 1e-3);
});

test('convert: 16-bit 44.1 kHz mono source → 24-bit 48 kHz stereo, trimmed, normalised, with smpl/acid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-export-conv-'));
  try {
    const rate = 44100;
    const body = sine(440, 0.5, rate, 0.25);
    const padded = new Float32Array(rate * 0.2 + body.length + rate * 0.3);
    padded.set(body, rate * 0.2);
    const srcPath = join(dir, 'tone.wav');
    writeWavFixture(srcPath, [padded], rate, { bitDepth: 16 });
    const before = { bytes: readFileSync(srcPath), mtime: statSync(srcPath).mtimeMs };
    const item: ExportItem = { sampleId: 1, sourcePath: srcPath, name: 'Tone', ext: 'wav', tags: ['soft'], rootMidi: 69, bpm: 120, kind: 'loop', group: 'Tones', category: 'keys' };
    const dest = join(dir, 'out');
    const plan = planExport([item], { destination: dest, convert: { format: 'wav24', sampleRate: 48000, channels: 'stereo', normalize: -1, trim: true, fadeOutMs: 0 } });
    const sum = await runExport(plan);
    assert.deepEqual(sum.errors, []);
    const out = await decode(join(dest, 'Tones/Tone.wav'));
    assert.equal(out.info.sampleRate, 48000);
    assert.equal(out.info.bitDepth, 24);
    assert.equal(out.info.channels, 2);
    const seconds = out.channels[0].length / 48000;
    assert.ok(Math.abs(seconds - 0.5) < 0.01, `trimmed to ${seconds}s`);
    let peak = 0;
    for (const c of out.channels) for (const v of c) peak = Math.max(peak, Math.abs(v));
    assert.ok(Math.abs(20 * Math.log10(peak) + 1) < 0.05, `peak ${20 * Math.log10(peak)} dBFS`);
    assert.equal(out.metadata.rootNote, 69);
    assert.equal(out.metadata.bpm, 120);
    assert.equal(out.metadata.loop, true);
    assert.deepEqual(readFileSync(srcPath), before.bytes);
    assert.equal(statSync(srcPath).mtimeMs, before.mtime);

    // 16-bit with fade-out, and 32-bit float mono.
    const p16 = await runExport(planExport([item], { destination: join(dir, 'o16'), layout: 'flat', convert: { format: 'wav16', fadeOutMs: 100 } }));
    assert.deepEqual(p16.errors, []);
    const o16 = await decode(join(dir, 'o16/Tone.wav'));
    assert.equal(o16.info.bitDepth, 16);
    assert.equal(o16.info.sampleRate, 44100);
    const n = o16.channels[0].length;
    assert.equal(n, padded.length);
    assert.ok(Math.abs(o16.channels[0][n - 1]) < 1e-3);
    const f32 = await runExport(planExport([{ ...item, sourcePath: srcPath }], { destination: join(dir, 'f32'), layout: 'flat', convert: { format: 'wav32f', channels: 'mono' } }));
    assert.deepEqual(f32.errors, []);
    const o32 = await decode(join(dir, 'f32/Tone.wav'));
    assert.equal(o32.info.codec.includes('f32') || o32.info.bitDepth === 32, true);
    assert.equal(o32.info.channels, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('convert: a damaged source is a per-file error and leaves no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-export-conv-'));
  try {
    const bad = join(dir, 'bad.wav');
    (await import('node:fs')).writeFileSync(bad, 'this is not audio at all, not even close');
    const good = join(dir, 'good.wav');
    writeWavFixture(good, [sine(440, 0.1, 44100)], 44100);
    const items: ExportItem[] = [
      { sampleId: 1, sourcePath: bad, name: 'Bad', ext: 'wav', tags: [] },
      { sampleId: 2, sourcePath: good, name: 'Good', ext: 'wav', tags: [] },
    ];
    const sum = await runExport(planExport(items, { destination: join(dir, 'out'), layout: 'flat', convert: { format: 'wav16' } }));
    assert.equal(sum.files, 1);
    assert.equal(sum.errors.length, 1);
    assert.equal(sum.errors[0].source, bad);
    assert.deepEqual((await import('node:fs')).readdirSync(join(dir, 'out')).sort(), ['Good.wav', 'sonoteca-export.csv', 'sonoteca-export.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
