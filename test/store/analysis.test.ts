// Analysis bookkeeping: what is queued, how results merge per analyzer, stale writes refused, typed arrays intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempLibrary, analysisData, seedRoot, VERSIONS, entry } from './helpers.js';

const STAT = { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 };

test('nextForAnalysis: pending first with "all", honours limit and excludeIds, skips failed', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['a.wav', 'b.wav', 'c.wav', 'd.wav']);
    const first = lib.samples.nextForAnalysis(2, VERSIONS);
    assert.deepEqual(first.map((c) => c.id), ids.slice(0, 2));
    assert.deepEqual(first[0], { id: ids[0], path: '/r/a.wav', sizeBytes: 1000, mtimeMs: STAT.mtimeMs, stale: 'all' });
    assert.deepEqual(lib.samples.nextForAnalysis(10, VERSIONS, [ids[0], ids[2]]).map((c) => c.id), [ids[1], ids[3]]);
    lib.samples.saveFailure(ids[1], STAT, { code: 'unsupported', message: 'ADPCM WAV is not supported' });
    lib.samples.saveAnalysis(ids[0], STAT, analysisData(1));
    assert.deepEqual(lib.samples.nextForAnalysis(10, VERSIONS).map((c) => c.id), [ids[2], ids[3]]);
    assert.deepEqual(lib.samples.nextForAnalysis(0, VERSIONS), []);
    // A failed file whose size changes is retried.
    lib.samples.indexBatch([entry(lib.roots.list()[0].id, '/r', 'b.wav', 2000)]);
    assert.deepEqual(lib.samples.nextForAnalysis(10, VERSIONS).map((c) => c.id), [ids[1], ids[2], ids[3]]);
    assert.equal(lib.samples.get(ids[1])!.error, null);
  } finally {
    done();
  }
});

test('a bumped analyzer version re-queues analysed rows for that analyzer only; saving it merges', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['loop.wav', 'hit.wav']);
    for (const [i, id] of ids.entries()) assert.ok(lib.samples.saveAnalysis(id, STAT, analysisData(i + 1)));
    assert.deepEqual(lib.samples.nextForAnalysis(10, VERSIONS), []);
    const bumped = { ...VERSIONS, rhythm: 2 };
    const stale = lib.samples.nextForAnalysis(10, bumped);
    assert.deepEqual(stale.map((c) => [c.id, c.stale]), [[ids[0], ['rhythm']], [ids[1], ['rhythm']]]);
    // A new analyzer that never ran counts as stale too.
    const withNew = lib.samples.nextForAnalysis(10, { ...VERSIONS, key: 3, rhythm: 2 });
    assert.deepEqual(withNew[0].stale, ['rhythm', 'key']);

    // Re-run rhythm only on the loop: the other analyzers' results are kept.
    const rerun = analysisData(1);
    rerun.result = { rhythm: { bpm: 90, confidence: 0.95, onsetCount: 16, onsetsPerSec: 4, beats: 8 } };
    rerun.versions = { rhythm: 2 };
    assert.ok(lib.samples.saveAnalysis(ids[0], STAT, rerun));
    const d = lib.samples.detail(ids[0])!;
    assert.equal(d.analysis.rhythm?.bpm, 90);
    assert.equal(d.analysis.fingerprint?.pcmHash, 'hash-1');
    assert.ok(d.analysis.vector?.values instanceof Float32Array);
    assert.equal(d.analyzerVersions.rhythm, 2);
    assert.equal(d.analyzerVersions.loudness, 1);
    assert.deepEqual(lib.samples.nextForAnalysis(10, bumped).map((c) => c.id), [ids[1]]);

    // An analyzer that ran and found nothing is recorded, so it is not re-queued forever.
    const none = analysisData(2);
    none.result = {};
    none.versions = { rhythm: 2 };
    assert.ok(lib.samples.saveAnalysis(ids[1], STAT, none));
    assert.deepEqual(lib.samples.nextForAnalysis(10, bumped), []);
    assert.equal(lib.samples.detail(ids[1])!.analysis.rhythm, undefined);
  } finally {
    done();
  }
});

test('saveAnalysis and saveFailure refuse a row whose file changed meanwhile, writing nothing', () => {
  const { lib, done } = tempLibrary();
  try {
    const { rootId, ids } = seedRoot(lib, '/r', ['kick.wav']);
    const [job] = lib.samples.nextForAnalysis(1, VERSIONS);
    // The file is overwritten while it is being analysed; the scan sees the new size.
    lib.samples.indexBatch([entry(rootId, '/r', 'kick.wav', 4096, STAT.mtimeMs + 1000)]);
    assert.equal(lib.samples.saveAnalysis(job.id, { sizeBytes: job.sizeBytes, mtimeMs: job.mtimeMs }, analysisData(1)), false);
    assert.equal(lib.samples.saveFailure(job.id, { sizeBytes: job.sizeBytes, mtimeMs: job.mtimeMs }, { code: 'vanished', message: 'gone' }), false);
    const row = lib.samples.detail(ids[0])!;
    assert.equal(row.status, 'pending');
    assert.deepEqual(row.analysis, {});
    assert.equal(row.error, null);
    assert.equal(lib.samples.saveAnalysis(9999, STAT, analysisData(1)), false, 'unknown id');
    assert.ok(lib.samples.saveAnalysis(job.id, { sizeBytes: 4096, mtimeMs: STAT.mtimeMs + 1000 }, analysisData(1)));
  } finally {
    done();
  }
});

test('detail restores metadata, derived fields and typed arrays exactly; peaks and vectors read fast paths', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['a.wav', 'b.wav', 'c.wav', 'd.wav']);
    const data = analysisData(3);
    // A vector that is a view into a larger buffer at an offset must be stored as just its own bytes.
    const big = new Float32Array(100).map((_, i) => i * 0.5);
    data.result.vector = { values: big.subarray(10, 18) };
    assert.ok(lib.samples.saveAnalysis(ids[0], STAT, data));
    assert.ok(lib.samples.saveAnalysis(ids[1], STAT, analysisData(4)));
    assert.ok(lib.samples.saveAnalysis(ids[2], STAT, analysisData(5, { dim: 4 })), 'an odd-sized stale vector');
    const d = lib.samples.detail(ids[0])!;
    assert.deepEqual(d.metadata, { bpm: 120, title: 'take 3', raw: { 'INFO.INAM': 'take 3' } });
    assert.equal(d.status, 'analysed');
    assert.equal(d.format, 'wav');
    assert.equal(d.sampleRate, 44100);
    assert.equal(d.bpm, 123);
    assert.equal(d.bpmSource, 'analysis');
    assert.equal(d.key, 'A minor');
    assert.equal(d.kind, 'loop');
    assert.equal(d.durationSec, 4);
    assert.equal(d.fingerprint, 'hash-3');
    assert.equal(d.analysis.loudness?.lufs, -Infinity, 'non-finite numbers survive');
    assert.deepEqual([...d.analysis.vector!.values], [...big.subarray(10, 18)]);
    assert.deepEqual(d.analysis.peaks, data.result.peaks);
    assert.deepEqual(lib.samples.peaks(ids[0]), data.result.peaks);
    assert.equal(lib.samples.peaks(ids[3]), null);
    assert.deepEqual([...lib.samples.vector(ids[1])!], [...analysisData(4).result.vector!.values]);

    const v = lib.samples.vectors();
    assert.equal(v.dim, 8);
    assert.deepEqual([...v.ids], [ids[0], ids[1]]);
    assert.deepEqual([...v.data.subarray(0, 8)], [...big.subarray(10, 18)]);
    assert.deepEqual([...v.data.subarray(8, 16)], [...analysisData(4).result.vector!.values]);
  } finally {
    done();
  }
});

test('relink: the missing row keeps id and user data and takes over the moved file', () => {
  const { lib, done } = tempLibrary();
  try {
    const { rootId, ids } = seedRoot(lib, '/r', ['old name.wav', 'other.wav']);
    const [old, other] = ids;
    lib.samples.saveAnalysis(old, STAT, analysisData(1, { fingerprint: 'same-audio' }));
    lib.labels.set(old, 'clap', 'user', 1);
    lib.labels.set(old, 'snare', 'model', 0.6, { neighbours: [1, 2] });
    lib.tags.set(old, 'vintage', 'user', 1);
    lib.tags.replaceSource(old, 'filename', [{ name: 'old', confidence: 0.5 }, { name: 'name', confidence: 0.5 }]);
    lib.tags.remove(old, 'name');
    const g = lib.groups.create('Favourite claps');
    lib.groups.addMembers(g.id, [other, old]);
    lib.samples.setRating(old, 3);
    lib.samples.markMissing([old], 50);

    lib.samples.indexBatch([entry(rootId, '/r', 'moved/new name.wav', 1000, 1_750_000_000_000)]);
    const fresh = lib.samples.byPath('/r/moved/new name.wav')!.id;
    lib.samples.saveAnalysis(fresh, { sizeBytes: 1000, mtimeMs: 1_750_000_000_000 }, analysisData(7, { fingerprint: 'same-audio' }));
    lib.tags.replaceSource(fresh, 'filename', [{ name: 'new', confidence: 0.5 }, { name: 'name', confidence: 0.5 }]);
    lib.labels.set(fresh, 'clap', 'filename', 0.7);
    assert.deepEqual(lib.samples.findMissingByFingerprint('same-audio'), [old]);

    lib.samples.relink(old, fresh);
    assert.equal(lib.samples.get(fresh), null, 'the new row is gone');
    const s = lib.samples.detail(old)!;
    assert.equal(s.path, '/r/moved/new name.wav');
    assert.equal(s.name, 'new name.wav');
    assert.equal(s.status, 'analysed');
    assert.equal(s.mtimeMs, 1_750_000_000_000);
    assert.equal(s.bpm, 127, 'analysis of the new file');
    assert.equal(s.rating, 3);
    assert.deepEqual(s.category, { name: 'clap', source: 'user', confidence: 1 });
    assert.deepEqual(lib.labels.forSample(old).map((l) => l.source), ['user', 'filename'], 'stale model label replaced by the new row\'s');
    assert.deepEqual(s.tags.map((t) => t.name).sort(), ['new', 'vintage'], '"name" stays hidden by the user');
    assert.deepEqual(lib.groups.members(g.id), [other, old]);
    assert.deepEqual(lib.samples.findMissingByFingerprint('same-audio'), []);
    assert.deepEqual(lib.samples.list({ text: 'moved' }).map((r) => r.id), [old]);
    assert.deepEqual(lib.samples.list({ text: 'vintage' }).map((r) => r.id), [old]);
    assert.deepEqual(lib.samples.list({ text: 'old' }).map((r) => r.id), []);
    assert.throws(() => lib.samples.relink(other, old), /not missing/);
    assert.deepEqual(lib.db.pragma('foreign_key_check'), []);
  } finally {
    done();
  }
});
