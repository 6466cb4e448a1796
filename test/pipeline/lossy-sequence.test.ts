import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeSynthLibrary } from '../../src/main/synth/write-library.js';
import { openAudio } from '../../src/main/decode/open-audio.js';

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
