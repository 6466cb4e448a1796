import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { walkFolder, newWalkStats } from '../../src/main/scan/walk-folder.js';
import type { ScanProblem } from '../../src/main/scan/scan-problem.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'sonoteca-walk-'));
  mkdirSync(join(root, 'Drums', 'Kicks'), { recursive: true });
  mkdirSync(join(root, 'Drums', '.hidden'), { recursive: true });
  mkdirSync(join(root, '__MACOSX', 'Drums'), { recursive: true });
  mkdirSync(join(root, 'Vocals – Ñandú 東京 🎤'), { recursive: true });
  writeFileSync(join(root, 'Drums', 'Kicks', 'BD 01.wav'), 'x');
  writeFileSync(join(root, 'Drums', 'Kicks', 'Kick.AIF'), 'x');
  writeFileSync(join(root, 'Drums', 'Kicks', '._BD 01.wav'), 'x');
  writeFileSync(join(root, 'Drums', '.hidden', 'secret.wav'), 'x');
  writeFileSync(join(root, '__MACOSX', 'Drums', 'BD 01.wav'), 'x');
  writeFileSync(join(root, 'Drums', 'readme.txt'), 'x');
  writeFileSync(join(root, 'Drums', 'cover.jpg'), 'x');
  writeFileSync(join(root, 'Vocals – Ñandú 東京 🎤', 'Vox Ahh.flac'), 'xy');
  writeFileSync(join(root, 'Vocals – Ñandú 東京 🎤', 'loop.mp3'), 'xyz');
  writeFileSync(join(root, 'Vocals – Ñandú 東京 🎤', 'pad.ogg'), 'x');
  return root;
}

test('walk finds audio by extension in any case and any Unicode folder, skipping hidden, OS litter and non-audio', () => {
  const root = tree();
  try {
    const stats = newWalkStats();
    const files = [...walkFolder(root, {}, stats)];
    const rel = files.map((f) => f.relPath).sort();
    assert.deepEqual(rel, [
      join('Drums', 'Kicks', 'BD 01.wav'),
      join('Drums', 'Kicks', 'Kick.AIF'),
      join('Vocals – Ñandú 東京 🎤', 'Vox Ahh.flac'),
      join('Vocals – Ñandú 東京 🎤', 'loop.mp3'),
      join('Vocals – Ñandú 東京 🎤', 'pad.ogg'),
    ]);
    assert.equal(stats.skippedNonAudio, 2);
    assert.ok(stats.skippedHidden >= 3);
    const flac = files.find((f) => f.name === 'Vox Ahh.flac')!;
    assert.equal(flac.sizeBytes, 2);
    assert.equal(flac.ext, 'flac');
    assert.ok(flac.mtimeMs > 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a symlink loop is reported once and not followed; a symlinked folder elsewhere is followed', () => {
  const root = tree();
  const outside = mkdtempSync(join(tmpdir(), 'sonoteca-walk-outside-'));
  try {
    writeFileSync(join(outside, 'Snare.wav'), 'x');
    symlinkSync(root, join(root, 'Drums', 'loop-back'));
    symlinkSync(outside, join(root, 'More'));
    const problems: ScanProblem[] = [];
    const files = [...walkFolder(root, { onProblem: (p) => problems.push(p) })];
    assert.ok(files.some((f) => f.relPath === join('More', 'Snare.wav')), 'follows a symlink to a folder outside');
    assert.equal(files.filter((f) => f.name === 'BD 01.wav').length, 1, 'the loop does not duplicate files');
    assert.equal(problems.filter((p) => p.code === 'symlink-loop').length, 1);
    assert.match(problems[0].message, /loop-back/);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('a folder reachable through a link too is always walked under its real path, whichever name sorts first', () => {
  const root = mkdtempSync(join(tmpdir(), 'sonoteca-walk-alias-'));
  try {
    mkdirSync(join(root, 'Keys', 'Rhodes'), { recursive: true });
    writeFileSync(join(root, 'Keys', 'Rhodes', 'EP C3.wav'), 'x');
    mkdirSync(join(root, 'Zebra Pack', 'Drums'), { recursive: true });
    writeFileSync(join(root, 'Zebra Pack', 'Drums', 'Kick.wav'), 'x');
    // Links that sort before and after their targets, at the same level and from another branch of the tree.
    symlinkSync(join(root, 'Keys'), join(root, 'A Keys alias'));
    symlinkSync(join(root, 'Keys'), join(root, 'Keys link'));
    symlinkSync(join(root, 'Zebra Pack', 'Drums'), join(root, 'Keys', 'Drums shortcut'));
    const problems: ScanProblem[] = [];
    const files = [...walkFolder(root, { onProblem: (p) => problems.push(p) })];
    assert.deepEqual(files.map((f) => f.relPath).sort(), [join('Keys', 'Rhodes', 'EP C3.wav'), join('Zebra Pack', 'Drums', 'Kick.wav')]);
    // Only the links are reported as leading to a folder already scanned; no real folder is.
    assert.deepEqual(problems.map((p) => [p.code, p.path]).sort(), [
      ['symlink-loop', join(root, 'A Keys alias')],
      ['symlink-loop', join(root, 'Keys link')],
      ['symlink-loop', join(root, 'Keys', 'Drums shortcut')],
    ].sort());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a dangling symlink and a missing root are reported, not thrown', () => {
  const root = tree();
  try {
    symlinkSync(join(root, 'nowhere.wav'), join(root, 'dangling.wav'));
    const problems: ScanProblem[] = [];
    const files = [...walkFolder(root, { onProblem: (p) => problems.push(p) })];
    assert.equal(files.length, 5);
    assert.deepEqual(problems.map((p) => p.code), ['vanished']);
    const missing: ScanProblem[] = [];
    assert.deepEqual([...walkFolder(join(root, 'no such folder'), { onProblem: (p) => missing.push(p) })], []);
    assert.equal(missing[0].code, 'vanished');
    const notDir: ScanProblem[] = [];
    Array.from(walkFolder(join(root, 'Drums', 'readme.txt'), { onProblem: (p) => notDir.push(p) }));
    assert.equal(notDir[0].code, 'not-a-directory');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('paths are the same however the root is spelled (trailing slash, dot segments), and relative to it', () => {
  const root = tree();
  try {
    const plain = [...walkFolder(root)].map((f) => [f.path, f.relPath]).sort();
    for (const spelled of [`${root}/`, join(root, 'Drums', '..')]) {
      assert.deepEqual([...walkFolder(spelled)].map((f) => [f.path, f.relPath]).sort(), plain, spelled);
    }
    for (const [path, rel] of plain) assert.equal(path, join(root, rel));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
