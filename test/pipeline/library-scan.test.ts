import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, renameSync, mkdirSync, writeFileSync, unlinkSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { buildMixedLibrary, kickHit } from '../support/mixed-library.js';

function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

test('a mixed real-world folder: every good file analysed, every bad one failed with a specific reason', async () => {
  const dir = scratch('sonoteca-mixed-');
  const libDir = scratch('sonoteca-lib-');
  try {
    const expected = buildMixedLibrary(dir);
    const library = Library.open(libDir);
    const added = await library.addRoots([dir]);
    assert.equal(added.refused.length, 0);
    assert.equal(added.reports[0].added, expected.length + 1 /* source.wav at the top */);
    assert.equal(added.reports[0].walk.skippedNonAudio, 1);
    // Indexed before analysis: usable at once, with categories read from the names already.
    assert.equal(library.db.samples.counts().pending, expected.length + 1);
    const kickBefore = library.db.samples.byPath(join(dir, 'Good Pack', 'Kick 16.wav'))!;
    assert.equal(kickBefore.status, 'pending');
    assert.equal(kickBefore.category?.name, 'kick');
    assert.equal(kickBefore.category?.source, 'filename');
    assert.equal(library.db.samples.byPath(join(dir, 'Good Pack', 'Bass.aif'))!.category?.name, 'bass');
    const report = await library.analyse({ workers: 2 });
    const counts = library.db.samples.counts();
    assert.equal(counts.pending, 0);
    for (const file of expected) {
      const s = library.db.samples.byPath(file.path);
      assert.ok(s, `indexed ${file.path}`);
      if (file.ok) {
        assert.equal(s.status, 'analysed', `${file.path}: ${s.error?.message}`);
        assert.equal(s.format, file.format, file.path);
        assert.ok(s.durationSec! > 0.4, `${file.path} has a duration`);
        assert.ok(s.loudnessLufs! < 0 && s.loudnessLufs! > -40, `${file.path} loudness ${s.loudnessLufs}`);
        assert.ok(s.fingerprint, 'fingerprinted');
      } else {
        assert.equal(s.status, 'failed', file.path);
        assert.ok(s.error?.message.length, 'a message a user can act on');
        if (file.errorCode) assert.equal(s.error?.code, file.errorCode, `${file.path}: ${s.error?.message}`);
      }
    }
    assert.equal(report.failed, expected.filter((f) => !f.ok).length);
    const truncated = library.db.samples.byPath(expected.find((f) => f.errorCode === 'truncated')!.path)!;
    assert.match(truncated.error!.message, /truncated/i);
    assert.match(truncated.error!.message, /4096/, 'says where the file ends');
    const pluck = library.db.samples.byPath(join(dir, 'Good Pack', 'Pluck A4 24.wav'))!;
    assert.equal(pluck.note, 'A4');
    assert.equal(pluck.bitDepth, 24);
    assert.equal(pluck.channels, 2);
    const detail = library.db.samples.detail(pluck.id)!;
    assert.ok(detail.analysis.peaks!.overview.max.length > 100, 'peaks stored for instant drawing');
    assert.ok(detail.analysis.vector!.values.length > 16, 'a feature vector');
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('incremental rescan: unchanged skipped, changed re-analysed, deleted missing with labels kept, moved relinked', async () => {
  const dir = scratch('sonoteca-rescan-');
  const libDir = scratch('sonoteca-lib-');
  try {
    mkdirSync(join(dir, 'Kicks'));
    const paths = [0, 1, 2, 3].map((i) => join(dir, 'Kicks', `Kick ${i}.wav`));
    paths.forEach((p, i) => writeFileSync(p, encodeWav(kickHit(0.4, 44100, i * 5), 44100, { bitDepth: 16 })));
    let library = Library.open(libDir);
    await library.addRoots([dir]);
    await library.analyse({ workers: 2 });
    const [moved, deleted, changed, same] = paths.map((p) => library.db.samples.byPath(p)!);
    library.db.labels.set(moved.id, 'kick', 'user', 1);
    library.db.labels.set(deleted.id, 'tom', 'user', 1);
    library.db.tags.set(moved.id, '808', 'user', 1);
    const group = library.db.groups.create('Favourite kicks');
    library.db.groups.addMembers(group.id, [moved.id, deleted.id]);
    await library.close();

    // Move one file to another folder under a new name, delete one, rewrite one.
    mkdirSync(join(dir, 'Sorted'));
    const newPath = join(dir, 'Sorted', 'Renamed kick.wav');
    renameSync(paths[0], newPath);
    unlinkSync(paths[1]);
    writeFileSync(paths[2], encodeWav(kickHit(0.6, 44100, 40), 44100, { bitDepth: 24 }));

    library = Library.open(libDir);
    const [report] = await library.scan();
    assert.equal(report.unchanged, 1);
    assert.equal(report.changed, 1);
    assert.equal(report.added, 1);
    assert.equal(report.missing, 2, 'the moved and the deleted file are missing until analysis finds the move');
    const analysis = await library.analyse({ workers: 2 });
    assert.equal(analysis.analysed, 2, 'only the changed and the new file are analysed');
    assert.equal(analysis.relinked, 1);

    const relinked = library.db.samples.byPath(newPath)!;
    assert.equal(relinked.id, moved.id, 'the moved file keeps its identity');
    assert.equal(relinked.status, 'analysed');
    assert.equal(library.db.labels.effective(relinked.id)?.category, 'kick');
    assert.ok(relinked.tags.some((t) => t.name === '808' && t.source === 'user'));
    assert.deepEqual(library.db.groups.members(group.id).sort(), [moved.id, deleted.id].sort());
    assert.equal(library.db.samples.byPath(paths[0]), null, 'no row left at the old path');

    const gone = library.db.samples.get(deleted.id)!;
    assert.equal(gone.status, 'missing');
    assert.equal(library.db.labels.effective(deleted.id)?.category, 'tom', 'a missing file keeps its user label');

    const rewritten = library.db.samples.byPath(paths[2])!;
    assert.equal(rewritten.id, changed.id);
    assert.equal(rewritten.bitDepth, 24);
    assert.ok(Math.abs(rewritten.durationSec! - 0.6) < 0.01);
    assert.equal(library.db.samples.get(same.id)!.status, 'analysed');

    // The deleted file comes back unchanged: restored, not re-added.
    writeFileSync(paths[1], readFileSync(paths[3]));
    const [again] = await library.scan();
    assert.equal(again.added + again.restored + again.changed, 1);
    await library.analyse({ workers: 1 });
    assert.equal(library.db.samples.byPath(paths[1])!.id, deleted.id);
    assert.equal(library.db.samples.counts().missing, 0);
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('roots: a missing folder, a file and a folder inside an existing root are refused with reasons', async () => {
  const dir = scratch('sonoteca-roots-');
  const libDir = scratch('sonoteca-lib-');
  try {
    mkdirSync(join(dir, 'Sub'));
    writeFileSync(join(dir, 'Sub', 'a.wav'), encodeWav(kickHit(0.2), 44100, { bitDepth: 16 }));
    const library = Library.open(libDir);
    const r = await library.addRoots([dir, join(dir, 'Sub'), join(dir, 'nope'), join(dir, 'Sub', 'a.wav')]);
    assert.equal(r.added.length, 1);
    assert.deepEqual(r.refused.map((x) => x.path), [join(dir, 'Sub'), join(dir, 'nope'), join(dir, 'Sub', 'a.wav')]);
    assert.match(r.refused[0].reason, /already in the library/);
    assert.match(r.refused[1].reason, /not found/);
    assert.match(r.refused[2].reason, /not a folder/);
    assert.equal(dirname(library.db.roots.list()[0].path), dirname(dir));
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('adding a folder around existing roots takes them over with every label and id intact', async () => {
  const dir = scratch('sonoteca-outer-');
  const libDir = scratch('sonoteca-lib-');
  try {
    mkdirSync(join(dir, 'Drums', 'Kicks'), { recursive: true });
    mkdirSync(join(dir, 'Keys'));
    const kick = join(dir, 'Drums', 'Kicks', 'Kick.wav');
    writeFileSync(kick, encodeWav(kickHit(0.3), 44100, { bitDepth: 16 }));
    writeFileSync(join(dir, 'Keys', 'Piano C4.wav'), encodeWav(kickHit(0.3, 44100, 9), 44100, { bitDepth: 16 }));
    const library = Library.open(libDir);
    await library.addRoots([join(dir, 'Drums')]);
    await library.analyse({ workers: 1 });
    const before = library.db.samples.byPath(kick)!;
    library.db.labels.set(before.id, 'kick', 'user', 1);
    const r = await library.addRoots([dir]);
    assert.equal(r.refused.length, 0);
    assert.deepEqual(library.db.roots.list().map((x) => x.path), [r.added[0].path]);
    assert.equal(r.reports[0].added, 1, 'only the file outside the old root is new');
    assert.equal(r.reports[0].missing, 0);
    const after = library.db.samples.byPath(kick)!;
    assert.equal(after.id, before.id);
    assert.equal(after.status, 'analysed');
    assert.equal(library.db.labels.effective(after.id)?.source, 'user');
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});
