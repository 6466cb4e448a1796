// indexBatch / statsForRoot / markMissing / roots: what a rescan does to rows, and that user data always survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempLibrary, entry, analysisData, seedRoot, VERSIONS } from './helpers.js';

test('indexBatch adds new files as pending, leaves unchanged ones, resets changed ones', () => {
  const { lib, done } = tempLibrary();
  try {
    const root = lib.roots.add('/packs/drums');
    const first = lib.samples.indexBatch([entry(root.id, '/packs/drums', 'kick.wav', 100), entry(root.id, '/packs/drums', 'snare.wav', 200)]);
    const kick = lib.samples.byPath('/packs/drums/kick.wav')!;
    const snareId = lib.samples.byPath('/packs/drums/snare.wav')!.id;
    assert.deepEqual(first, { added: 2, changed: 0, unchanged: 0, restored: 0, ids: [kick.id, snareId] });
    assert.equal(kick.status, 'pending');
    assert.equal(kick.root, '/packs/drums');
    assert.equal(kick.mtimeMs, 1_700_000_000_000.5, 'fractional mtime round-trips exactly');

    assert.ok(lib.samples.saveAnalysis(kick.id, { sizeBytes: 100, mtimeMs: kick.mtimeMs }, analysisData(1)));
    lib.samples.setRating(kick.id, 4);
    lib.labels.set(kick.id, 'kick', 'user', 1);
    lib.tags.set(kick.id, 'punchy', 'user', 1);

    const again = lib.samples.indexBatch([entry(root.id, '/packs/drums', 'kick.wav', 100), entry(root.id, '/packs/drums', 'snare.wav', 200)]);
    assert.deepEqual(again, { added: 0, changed: 0, unchanged: 2, restored: 0, ids: [kick.id, snareId] });
    assert.equal(lib.samples.get(kick.id)!.status, 'analysed');

    // The kick was re-exported: new size. Analysis goes, user data stays.
    const changed = lib.samples.indexBatch([entry(root.id, '/packs/drums', 'kick.wav', 150, 1_800_000_000_000)]);
    assert.deepEqual(changed, { added: 0, changed: 1, unchanged: 0, restored: 0, ids: [kick.id] });
    const after = lib.samples.detail(kick.id)!;
    assert.equal(after.status, 'pending');
    assert.equal(after.sizeBytes, 150);
    assert.equal(after.bpm, null);
    assert.equal(after.fingerprint, null);
    assert.deepEqual(after.analysis, {});
    assert.deepEqual(after.analyzerVersions, {});
    assert.equal(after.rating, 4);
    assert.deepEqual(after.category, { name: 'kick', source: 'user', confidence: 1 });
    assert.deepEqual(after.tags.map((t) => t.name), ['punchy']);
    assert.equal(lib.samples.nextForAnalysis(10, VERSIONS).find((c) => c.id === kick.id)?.stale, 'all');
  } finally {
    done();
  }
});

test('statsForRoot returns every known file of that root only', () => {
  const { lib, done } = tempLibrary();
  try {
    const a = seedRoot(lib, '/a', ['one.wav', 'two.wav']);
    seedRoot(lib, '/b', ['three.wav']);
    lib.samples.markMissing([a.ids[1]], 5);
    const stats = lib.samples.statsForRoot(a.rootId);
    assert.deepEqual([...stats.keys()].sort(), ['/a/one.wav', '/a/two.wav']);
    assert.deepEqual(stats.get('/a/two.wav'), { id: a.ids[1], sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5, status: 'missing' });
  } finally {
    done();
  }
});

test('a missing file keeps labels, tags, groups, rating and favourite, and returns with its old status', () => {
  const { lib, done } = tempLibrary();
  try {
    const { rootId, ids } = seedRoot(lib, '/lib', ['hats/open hat.wav', 'pads/warm pad.aif', 'fx/riser.wav']);
    const [hat, pad, riser] = ids;
    assert.ok(lib.samples.saveAnalysis(hat, { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 }, analysisData(2)));
    assert.ok(lib.samples.saveFailure(riser, { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 }, { code: 'truncated', message: 'data chunk ends at byte 44' }));
    lib.labels.set(hat, 'hihat-open', 'user', 1);
    lib.tags.set(hat, 'bright', 'user', 1);
    lib.tags.replaceSource(hat, 'filename', [{ name: 'open', confidence: 0.8 }]);
    const g = lib.groups.create('Track 7');
    lib.groups.addMembers(g.id, [hat, pad]);
    lib.samples.setRating(hat, 5);
    lib.samples.setFavourite(hat, true);

    lib.samples.markMissing([hat, pad, riser], 1234);
    assert.deepEqual(lib.samples.counts(), { indexed: 0, analysed: 0, pending: 0, failed: 0, missing: 3, failedByReason: {} });
    const gone = lib.samples.get(hat)!;
    assert.equal(gone.status, 'missing');
    assert.equal(gone.rating, 5);
    assert.equal(gone.favourite, true);
    assert.equal(gone.category?.name, 'hihat-open');
    assert.deepEqual(gone.tags.map((t) => t.name).sort(), ['bright', 'open']);
    assert.deepEqual(lib.groups.members(g.id), [hat, pad]);
    assert.equal(lib.samples.list().length, 0, 'missing files are not listed by default');
    assert.equal(lib.samples.list({ status: 'missing' }).length, 3);
    assert.deepEqual(lib.samples.nextForAnalysis(10, VERSIONS), []);

    const back = lib.samples.indexBatch(['hats/open hat.wav', 'pads/warm pad.aif', 'fx/riser.wav'].map((n) => entry(rootId, '/lib', n)));
    assert.deepEqual(back, { added: 0, changed: 0, unchanged: 0, restored: 3, ids: [hat, pad, riser] });
    assert.equal(lib.samples.get(hat)!.status, 'analysed');
    assert.equal(lib.samples.get(pad)!.status, 'pending');
    assert.equal(lib.samples.get(riser)!.status, 'failed');
    assert.deepEqual(lib.samples.get(riser)!.error, { code: 'truncated', message: 'data chunk ends at byte 44' });
    assert.equal(lib.samples.detail(hat)!.analysis.rhythm?.bpm, 122);
  } finally {
    done();
  }
});

test('removing a root only detaches it; re-adding brings its samples back', () => {
  const { lib, done } = tempLibrary();
  try {
    const { rootId, ids } = seedRoot(lib, '/usb/pack', ['a.wav', 'b.wav']);
    lib.labels.set(ids[0], 'snare', 'user', 1);
    lib.problems.add(rootId, '/usb/pack/locked', 'permission', 'permission denied reading folder /usb/pack/locked');
    lib.roots.remove(rootId);
    assert.deepEqual(lib.roots.list(), []);
    assert.equal(lib.roots.byPath('/usb/pack'), null);
    assert.equal(lib.roots.get(rootId)?.path, '/usb/pack');
    assert.equal(lib.samples.get(ids[0])!.status, 'missing');
    assert.equal(lib.labels.effective(ids[0])?.category, 'snare');
    assert.deepEqual(lib.problems.list(), []);

    const again = lib.roots.add('/usb/pack');
    assert.equal(again.id, rootId);
    assert.equal(lib.roots.add('/usb/pack').id, rootId, 'add is idempotent');
    const r = lib.samples.indexBatch([entry(rootId, '/usb/pack', 'a.wav'), entry(rootId, '/usb/pack', 'b.wav')]);
    assert.equal(r.restored, 2);
    assert.equal(lib.samples.get(ids[0])!.category?.name, 'snare');
    lib.roots.markScanned(rootId, 99);
    assert.equal(lib.roots.get(rootId)?.lastScanAt, 99);
  } finally {
    done();
  }
});

test('counts reports each status and failures by reason', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/c', ['1.wav', '2.wav', '3.wav', '4.wav', '5.wav']);
    const expect = { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 };
    lib.samples.saveAnalysis(ids[0], expect, analysisData(1));
    lib.samples.saveFailure(ids[1], expect, { code: 'corrupt', message: 'bad header' });
    lib.samples.saveFailure(ids[2], expect, { code: 'corrupt', message: 'bad header' });
    lib.samples.markMissing([ids[3]], 1);
    assert.deepEqual(lib.samples.counts(), { indexed: 4, analysed: 1, pending: 1, failed: 2, missing: 1, failedByReason: { corrupt: 2 } });
    assert.equal(lib.samples.retryFailed(), 2);
    assert.equal(lib.samples.counts().pending, 3);
  } finally {
    done();
  }
});
