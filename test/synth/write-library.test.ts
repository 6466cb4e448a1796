import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeSynthLibrary } from '../../src/main/synth/write-library.js';

test('unknown formats are rejected before anything is written', async () => {
  await assert.rejects(writeSynthLibrary(join(tmpdir(), 'never-created'), { count: 1, seed: 1, formats: ['wma' as 'wav16'] }), /unknown format 'wma'/);
});

test('writeSynthLibrary writes decodable files of every requested format', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-synth-test-'));
  try {
    const formats = ['wav16', 'wav24', 'wavf32', 'aiff', 'flac', 'mp3', 'ogg'] as const;
    const files = await writeSynthLibrary(dir, { count: 14, seed: 4, formats: [...formats], loopShare: 0.3, folderStyle: 'messy' });
    assert.equal(files.length, 14);
    assert.deepEqual(new Set(files.map((f) => f.format)), new Set(formats));
    for (const f of files) {
      assert.ok(f.path.startsWith(dir), f.path);
      assert.ok((await stat(f.path)).size > 500, `${f.path} is tiny`);
      // sox decodes every format; `stat` reports the decoded length and RMS on stderr.
      const res = spawnSync('sox', [f.path, '-n', 'stat'], { encoding: 'utf8' });
      assert.equal(res.status, 0, `${relative(dir, f.path)}: sox could not decode: ${res.stderr}`);
      const length = Number(/Length \(seconds\):\s+([\d.]+)/.exec(res.stderr)?.[1]);
      const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(res.stderr)?.[1]);
      assert.ok(length > 0.02, `${relative(dir, f.path)}: decoded length ${length}`);
      assert.ok(rms > 0.001, `${relative(dir, f.path)}: decoded RMS ${rms}`);
      assert.equal(execFileSync('soxi', ['-r', f.path], { encoding: 'utf8' }).trim(), '44100');
    }
    const loops = files.filter((f) => f.kind === 'loop');
    assert.ok(loops.length > 0, 'no loops at loopShare 0.3');
    for (const l of loops) assert.ok(l.bpm && l.bpm >= 40);
    // Same seed, same library (names and ground truth).
    const dir2 = await mkdtemp(join(tmpdir(), 'sonoteca-synth-test-'));
    try {
      const again = await writeSynthLibrary(dir2, { count: 14, seed: 4, formats: [...formats], loopShare: 0.3, folderStyle: 'messy' });
      assert.deepEqual(again.map((f) => relative(dir2, f.path)), files.map((f) => relative(dir, f.path)));
    } finally {
      await rm(dir2, { recursive: true, force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
