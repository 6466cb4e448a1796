// Tags, labels, groups, ratings, problems and settings: the user's own work and how derived data sits under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempLibrary, seedRoot, analysisData } from './helpers.js';
import { openLibraryDb } from '../../src/main/store/index.js';

test('tags: user wins, re-deriving keeps user tags, a user removal of a derived tag sticks', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids: [a, b] } = seedRoot(lib, '/r', ['dark kick.wav', 'snare.wav']);
    lib.tags.replaceSource(a, 'filename', [{ name: 'dark', confidence: 0.6 }, { name: 'kick', confidence: 0.9 }]);
    lib.tags.replaceSource(a, 'model', [{ name: 'Dark', confidence: 0.8 }, { name: 'boomy', confidence: 0.7 }]);
    lib.tags.set(a, '  punchy  ', 'user', 1);
    const tags = lib.tags.forSamples([a, b]);
    assert.deepEqual(tags.get(a), [
      { name: 'punchy', source: 'user', confidence: 1 },
      { name: 'kick', source: 'filename', confidence: 0.9 },
      { name: 'dark', source: 'filename', confidence: 0.6 },
      { name: 'boomy', source: 'model', confidence: 0.7 },
    ], 'one entry per name (case-insensitive), strongest source first');
    assert.equal(tags.get(b), undefined);

    lib.tags.remove(a, 'DARK'); // the user removes it: hidden from every derived source
    lib.tags.replaceSource(a, 'filename', [{ name: 'dark', confidence: 0.6 }, { name: 'kick', confidence: 0.95 }]);
    lib.tags.replaceSource(a, 'model', [{ name: 'dark', confidence: 0.9 }]);
    assert.deepEqual(lib.samples.get(a)!.tags.map((t) => `${t.name}/${t.source}`), ['punchy/user', 'kick/filename']);
    assert.deepEqual(lib.tags.hidden(a), ['dark']);
    // The model dropped 'boomy'; re-deriving replaced only that source.
    lib.tags.set(a, 'dark', 'user');
    assert.deepEqual(lib.tags.hidden(a), [], 'adding it back as the user lifts the hide');
    assert.ok(lib.samples.get(a)!.tags.some((t) => t.name === 'dark' && t.source === 'user'));
    lib.tags.remove(a, 'kick', 'filename');
    assert.ok(!lib.samples.get(a)!.tags.some((t) => t.name === 'kick'));
    assert.deepEqual(lib.tags.counts().map((c) => c.name).sort(), ['dark', 'punchy']);

    assert.throws(() => lib.tags.set(a, '   ', 'user'), /cannot be empty/);
    assert.throws(() => lib.tags.set(a, 'x', 'robot' as never), /unknown tag\/label source/);
    assert.throws(() => lib.tags.set(a, 'x', 'model', 1.5), /within 0\.\.1/);
    assert.throws(() => lib.tags.replaceSource(a, 'user', []), /derived/);
  } finally {
    done();
  }
});

test('labels: effective label by source priority, evidence kept as JSON, derived sources replaceable', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids: [a, b, c] } = seedRoot(lib, '/r', ['a.wav', 'b.wav', 'c.wav']);
    lib.labels.set(a, 'snare', 'model', 0.55, { neighbours: [{ id: b, category: 'snare', distance: 0.2 }] });
    assert.deepEqual(lib.labels.effective(a), { category: 'snare', source: 'model', confidence: 0.55, evidence: { neighbours: [{ id: b, category: 'snare', distance: 0.2 }] } });
    lib.labels.set(a, 'clap', 'filename', 0.8, { tokens: ['clap'] });
    assert.equal(lib.labels.effective(a)?.category, 'clap');
    lib.labels.set(a, 'rimshot', 'user');
    assert.deepEqual(lib.labels.effective(a), { category: 'rimshot', source: 'user', confidence: 1, evidence: null });
    assert.deepEqual(lib.labels.forSample(a).map((l) => l.source), ['user', 'filename', 'model']);
    lib.labels.set(b, 'kick', 'metadata', 0.9);
    lib.labels.set(b, 'tom', 'filename', 1);
    assert.equal(lib.labels.effective(b)?.category, 'kick', 'metadata beats filename');
    assert.equal(lib.labels.effective(c), null);
    const many = lib.labels.effectiveMany([a, b, c]);
    assert.deepEqual([...many.keys()].sort(), [a, b].sort());

    lib.labels.replaceSource('model', [{ sampleId: c, category: 'hat', confidence: 0.7 }]);
    assert.deepEqual(lib.labels.all('model'), [{ sampleId: c, category: 'hat', source: 'model', confidence: 0.7 }]);
    assert.equal(lib.labels.all().length, 5);
    lib.labels.clear(a, 'user');
    assert.equal(lib.labels.effective(a)?.category, 'clap');
    assert.equal(lib.samples.get(a)!.category?.name, 'clap');
    assert.deepEqual(lib.samples.list({ category: 'kick' }).map((s) => s.id), [b]);
    assert.throws(() => lib.labels.replaceSource('user', []), /derived/);
  } finally {
    done();
  }
});

test('groups: create, rename, reorder, members in order; removing never touches samples', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['1.wav', '2.wav', '3.wav']);
    const drums = lib.groups.create('Drums for "Night Drive"');
    const fx = lib.groups.create('FX');
    const vox = lib.groups.create('Vox');
    assert.throws(() => lib.groups.create('fx'), /already exists/);
    lib.groups.addMembers(drums.id, [ids[2], ids[0]]);
    lib.groups.addMembers(drums.id, [ids[0], ids[1]]);
    assert.deepEqual(lib.groups.members(drums.id), [ids[2], ids[0], ids[1]], 'order of adding, duplicates ignored');
    lib.groups.removeMembers(drums.id, [ids[0]]);
    assert.deepEqual(lib.groups.members(drums.id), [ids[2], ids[1]]);
    lib.groups.reorder([vox.id, drums.id]);
    assert.deepEqual(lib.groups.list().map((g) => [g.name, g.size]), [['Vox', 0], ['Drums for "Night Drive"', 2], ['FX', 0]]);
    lib.groups.rename(fx.id, 'Risers');
    assert.equal(lib.groups.byName('risers')?.id, fx.id);
    assert.throws(() => lib.groups.rename(fx.id, 'VOX'), /already exists/);
    assert.deepEqual(lib.groups.forSample(ids[2]), [{ id: drums.id, name: 'Drums for "Night Drive"' }]);
    assert.deepEqual(lib.samples.list({ groupId: drums.id, orderBy: 'id' }).map((s) => s.id), [ids[1], ids[2]]);
    lib.groups.remove(drums.id);
    assert.equal(lib.groups.get(drums.id), null);
    assert.equal(lib.samples.counts().indexed, 3);
    assert.throws(() => lib.groups.addMembers(drums.id, [ids[0]]), /no group/);
  } finally {
    done();
  }
});

test('rating, favourite, list ordering and filters', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['b.wav', 'a.wav', 'c.wav']);
    lib.samples.setRating(ids[0], 5);
    lib.samples.setFavourite(ids[1], true);
    assert.throws(() => lib.samples.setRating(ids[0], 6), /0 to 5/);
    assert.throws(() => lib.samples.setRating(ids[0], 2.5), /0 to 5/);
    assert.throws(() => lib.samples.setFavourite(999, true), /no sample 999/);
    assert.deepEqual(lib.samples.list({ favourite: true }).map((s) => s.id), [ids[1]]);
    assert.deepEqual(lib.samples.list({ orderBy: 'name' }).map((s) => s.name), ['a.wav', 'b.wav', 'c.wav']);
    assert.deepEqual(lib.samples.list({ orderBy: 'name', desc: true }).map((s) => s.name), ['c.wav', 'b.wav', 'a.wav']);
    assert.deepEqual(lib.samples.list({ orderBy: 'path', limit: 1, offset: 1 }).map((s) => s.name), ['b.wav']);
    assert.deepEqual(lib.samples.list({ ids: [ids[2], ids[0]], orderBy: 'id' }).map((s) => s.id), [ids[0], ids[2]]);
    assert.equal(lib.samples.count({ rootId: lib.roots.list()[0].id }), 3);
  } finally {
    done();
  }
});

test('scan problems per root and JSON settings', () => {
  const { lib, done } = tempLibrary();
  try {
    const a = lib.roots.add('/a');
    const b = lib.roots.add('/b');
    lib.problems.add(a.id, '/a/locked', 'permission', 'permission denied reading folder /a/locked', 10);
    lib.problems.add(b.id, '/b/loop', 'symlink-loop', 'symbolic link loop at /b/loop', 11);
    assert.deepEqual(lib.problems.listForRoot(a.id).map((p) => [p.path, p.code, p.message]), [['/a/locked', 'permission', 'permission denied reading folder /a/locked']]);
    assert.equal(lib.problems.list().length, 2);
    lib.problems.clearForRoot(a.id);
    assert.deepEqual(lib.problems.list().map((p) => p.rootId), [b.id]);

    assert.equal(lib.settings.get('map.layoutVersion'), undefined);
    lib.settings.set('map.layoutVersion', 3);
    lib.settings.set('export', { folder: '/Users/me/Export', flatten: true });
    assert.equal(lib.settings.get<number>('map.layoutVersion'), 3);
    assert.deepEqual(lib.settings.get('export'), { folder: '/Users/me/Export', flatten: true });
    lib.settings.set('map.layoutVersion', undefined);
    assert.equal(lib.settings.get('map.layoutVersion'), undefined);
  } finally {
    done();
  }
});

test('facets count effective categories, kinds, keys and formats over the matching samples', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['k1.wav', 'k2.wav', 'loop.wav', 'other.wav']);
    const stat = { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 };
    for (const [i, id] of ids.slice(0, 3).entries()) {
      const data = analysisData(i);
      data.derived.kind = i < 2 ? 'oneshot' : 'loop';
      data.derived.key = i < 2 ? null : 'F minor';
      lib.samples.saveAnalysis(id, stat, data);
    }
    lib.labels.set(ids[0], 'kick', 'model', 0.8);
    lib.labels.set(ids[1], 'kick', 'filename', 0.9);
    lib.labels.set(ids[1], 'tom', 'model', 0.9);
    lib.labels.set(ids[2], 'drum-loop', 'user');
    assert.deepEqual(lib.samples.facets(), {
      categories: [{ value: 'kick', count: 2 }, { value: 'drum-loop', count: 1 }],
      kinds: [{ value: 'oneshot', count: 2 }, { value: 'loop', count: 1 }],
      keys: [{ value: 'F minor', count: 1 }],
      formats: [{ value: 'wav', count: 3 }],
    });
    assert.deepEqual(lib.samples.facets({ text: 'k1' }).categories, [{ value: 'kick', count: 1 }]);
    // Unknown BPM sorts last in both directions.
    assert.equal(lib.samples.list({ orderBy: 'bpm' }).at(-1)!.id, ids[3]);
    assert.equal(lib.samples.list({ orderBy: 'bpm', desc: true }).at(-1)!.id, ids[3]);
    assert.deepEqual(lib.samples.list({ orderBy: 'bpm', desc: true }).slice(0, 3).map((s) => s.bpm), [122, 121, 120]);
  } finally {
    done();
  }
});

test('integrity check finds a damaged search index and rebuilding it restores search', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['kick.wav', 'snare.wav']);
    lib.tags.set(ids[1], 'crisp', 'user');
    assert.deepEqual(lib.checkIntegrity(), { ok: true, problems: [] });
    lib.db.prepare('DELETE FROM samples_fts WHERE rowid = ?').run(ids[1]);
    const report = lib.checkIntegrity();
    assert.equal(report.ok, false);
    assert.match(report.problems.join('\n'), /1 sample\(s\) missing from the search index/);
    assert.deepEqual(lib.samples.list({ text: 'crisp' }), []);
    assert.equal(lib.rebuildSearchIndex(), 2);
    assert.deepEqual(lib.checkIntegrity(), { ok: true, problems: [] });
    assert.deepEqual(lib.samples.list({ text: 'crisp' }).map((s) => s.id), [ids[1]]);
  } finally {
    done();
  }
});

test('two connections to one library: WAL lets one read while the other writes', () => {
  const { lib, file, done } = tempLibrary();
  const other = openLibraryDb(file);
  try {
    const root = lib.roots.add('/shared');
    lib.db.exec('BEGIN IMMEDIATE');
    lib.samples.indexBatch([{ rootId: root.id, path: '/shared/a.wav', relPath: 'a.wav', name: 'a.wav', ext: 'wav', sizeBytes: 1, mtimeMs: 1 }]);
    assert.equal(other.samples.counts().indexed, 0, 'the reader sees the last commit, not half a write');
    lib.db.exec('COMMIT');
    assert.equal(other.samples.counts().indexed, 1);
    assert.equal(other.roots.byPath('/shared')?.id, root.id);
  } finally {
    other.close();
    done();
  }
});

test('labels written in slices: setMany updates only the given samples, dropOlderThan clears what a pass left', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids: [a, b, c] } = seedRoot(lib, '/r', ['a.wav', 'b.wav', 'c.wav']);
    lib.labels.replaceSource('model', [a, b, c].map((id) => ({ sampleId: id, category: 'kick', confidence: 0.5 })), 1000);
    lib.labels.set(c, 'snare', 'filename', 0.9, undefined, 1000);
    lib.labels.set(b, 'tom', 'user', 1, undefined, 1000);
    lib.labels.setMany('model', [{ sampleId: a, category: 'clap', confidence: 0.7, evidence: { neighbours: [] } }], 2000);
    assert.deepEqual(lib.labels.forSample(a).map((l) => [l.source, l.category, l.confidence]), [['model', 'clap', 0.7]]);
    assert.equal(lib.labels.forSample(b).find((l) => l.source === 'model')?.category, 'kick', 'a sample outside the slice keeps its label');
    // A correction after the pass began re-labelled b itself, later than the pass's own writes.
    lib.labels.set(b, 'tom', 'model', 0.8, undefined, 2500);
    assert.equal(lib.labels.dropOlderThan('model', 2000), 1, "only c's stale model label goes");
    assert.deepEqual(lib.labels.forSample(c).map((l) => l.source), ['filename'], 'other sources stay');
    assert.equal(lib.labels.forSample(b).find((l) => l.source === 'model')?.category, 'tom');
    assert.equal(lib.labels.effective(b)?.source, 'user');
    assert.throws(() => lib.labels.setMany('user', []), /derived labels/);
    assert.throws(() => lib.labels.dropOlderThan('user', 0), /derived labels/);
    // Labels hold their evidence in the table's b-tree: clearing one source must not scan them all (migration 3).
    for (const [sql, params] of [['DELETE FROM labels WHERE source = ? AND updated_at < ?', ['model', 1]], ['DELETE FROM labels WHERE source = ?', ['model']]] as const) {
      const plan = (lib.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      assert.match(plan, /USING (COVERING )?INDEX labels_by_source/, `${sql}: ${plan}`);
    }
  } finally {
    done();
  }
});
