import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeSynthLibrary } from '../../src/main/synth/write-library.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { writeWavFixture, encodeWithTool } from '../support/audio-fixtures.js';

// Decoders are reused between files for speed; a reused decoder must decode the next file exactly as a fresh one.
test('dozens of FLAC, MP3 and Ogg files of varied lengths decode one after another in one process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-lossy-'));
  try {
    const files = await writeSynthLibrary(dir, { count: 45, seed: 3, formats: ['flac', 'mp3', 'ogg'], loopShare: 0.2, folderStyle: 'by-category' });
    const failures: string[] = [];
    for (const f of files) {
      try {
        const source = await openAudio(f.path);
        let frames = 0;
        for await (const block of source.blocks()) frames += block[0].length;
        await source.close();
        if (frames < 1000) failures.push(`${f.path}: only ${frames} frames`);
      } catch (err) {
        failures.push(`${f.path}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a FLAC of 16-bit audio decodes to exactly the WAV samples and is not refused for its short last frame', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-flac-'));
  try {
    // 61584 frames: 15 full 4096-frame blocks and a short last one, the case the wasm parser mishandles.
    const frames = 61584;
    const pcm = new Float32Array(frames);
    for (let i = 0; i < frames; i++) pcm[i] = 0.8 * Math.sin(i * 0.031) * Math.exp(-i / 20000) + (i === frames - 1 ? -0.5 : 0);
    const wav = join(dir, 'tone.wav');
    writeWavFixture(wav, [pcm], 44100, { bitDepth: 16 });
    const flac = join(dir, 'tone.flac');
    encodeWithTool(wav, 'flac', flac);
    const decode = async (path: string) => {
      const source = await openAudio(path);
      const parts: Float32Array[] = [];
      for await (const block of source.blocks()) parts.push(Float32Array.from(block[0]));
      await source.close();
      const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) { all.set(p, o); o += p.length; }
      return all;
    };
    const fromWav = await decode(wav);
    const fromFlac = await decode(flac);
    assert.equal(fromWav.length, frames);
    assert.ok(fromFlac.length >= frames - 4096, `decoded ${fromFlac.length} of ${frames}`);
    let maxDiff = 0;
    for (let i = 0; i < fromFlac.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fromFlac[i] - fromWav[i]));
    assert.equal(maxDiff, 0, 'same 16-bit audio, same floats');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
