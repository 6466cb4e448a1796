import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { ANALYZER_VERSIONS } from '../../src/main/analysis/analyse-source.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { kickHit, pluckedTone } from '../support/mixed-library.js';

test('bumping one analyzer version re-runs only that analysis (and the vector built from it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-bump-'));
  const libDir = mkdtempSync(join(tmpdir(), 'sonoteca-lib-'));
  try {
    writeFileSync(join(dir, 'a.wav'), encodeWav(pluckedTone(220, 0.8), 44100, { bitDepth: 16 }));
    writeFileSync(join(dir, 'b.wav'), encodeWav(kickHit(0.5), 44100, { bitDepth: 16 }));
    const library = Library.open(libDir);
    await library.addRoots([dir]);
    assert.equal((await library.analyse({ workers: 1 })).analysed, 2);
    assert.equal((await library.analyse({ workers: 1 })).analysed, 0, 'nothing is analysed twice');
    const id = library.db.samples.byPath(join(dir, 'a.wav'))!.id;
    const before = library.db.samples.detail(id)!;
    const bumped = { ...ANALYZER_VERSIONS, pitch: ANALYZER_VERSIONS.pitch + 1 };
    const again = await library.analyse({ workers: 1, versions: bumped });
    assert.equal(again.analysed, 2);
    const after = library.db.samples.detail(id)!;
    assert.equal(after.analyzerVersions.pitch, bumped.pitch);
    assert.equal(after.analyzerVersions.loudness, ANALYZER_VERSIONS.loudness);
    assert.equal(after.note, before.note, 'headline fields are re-derived from merged results');
    assert.equal(after.loudnessLufs, before.loudnessLufs);
    assert.deepEqual(after.analysis.loudness, before.analysis.loudness, 'other analyses kept as they were');
    assert.equal((await library.analyse({ workers: 1, versions: bumped })).analysed, 0);
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('watch mode picks up a file added while running and analyses it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-watch-'));
  const libDir = mkdtempSync(join(tmpdir(), 'sonoteca-lib-'));
  const library = Library.open(libDir);
  let stop = () => {};
  try {
    mkdirSync(join(dir, 'Drums'));
    writeFileSync(join(dir, 'Drums', 'first.wav'), encodeWav(kickHit(0.3), 44100, { bitDepth: 16 }));
    await library.addRoots([dir]);
    await library.analyse({ workers: 1 });
    const analysed = new Promise<void>((resolve) => {
      const off = library.events.on('analysed', () => {
        if (library.db.samples.byPath(join(dir, 'Drums', 'Snare new.wav'))?.status === 'analysed') {
          off();
          resolve();
        }
      });
    });
    stop = library.watch({ debounceMs: 100, pollMs: 2000 });
    writeFileSync(join(dir, 'Drums', 'Snare new.wav'), encodeWav(kickHit(0.3, 44100, 20), 44100, { bitDepth: 16 }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('watch did not pick up the new file within 60 s')), 60_000);
    });
    await Promise.race([analysed, timeout]).finally(() => clearTimeout(timer));
    const added = library.db.samples.byPath(join(dir, 'Drums', 'Snare new.wav'))!;
    assert.equal(added.category?.name, 'snare');
    assert.equal(library.db.samples.counts().analysed, 2);
  } finally {
    stop();
    await library.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});
