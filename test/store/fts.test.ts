// Full-text search over name, path and tags: prefixes, accents, and text that would break a raw FTS5 query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFtsQuery } from '../../src/main/store/index.js';
import { tempLibrary, seedRoot } from './helpers.js';

test('finds samples by name, folder, tag, prefix and regardless of accents or case', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/Samples/Pack Été', ['Drums/Kick_Deep_01.wav', 'Drums/hi-hat open.wav', 'Keys/Café Rhodes C3.wav', 'FX/riser 120bpm.wav']);
    const [kick, hat, rhodes, riser] = ids;
    lib.tags.set(riser, 'cinématique', 'user', 1);
    lib.tags.replaceSource(kick, 'model', [{ name: 'sub-heavy', confidence: 0.7 }]);
    const find = (text: string) => lib.samples.list({ text, orderBy: 'id' }).map((s) => s.id);
    assert.deepEqual(find('kick'), [kick]);
    assert.deepEqual(find('KICK deep'), [kick]);
    assert.deepEqual(find('kic'), [kick], 'prefix');
    assert.deepEqual(find('drums'), [kick, hat], 'folder name in path');
    assert.deepEqual(find('ete'), ids, 'accent-free query matches "Été" in every path');
    assert.deepEqual(find('cafe'), [rhodes]);
    assert.deepEqual(find('café'), [rhodes]);
    assert.deepEqual(find('cinematique'), [riser], 'user tag, accents folded');
    assert.deepEqual(find('sub-heavy'), [kick], 'model tag with a dash');
    assert.deepEqual(find('hi-hat'), [hat]);
    assert.deepEqual(find('120'), [riser]);
    assert.deepEqual(find('snare'), []);
    // Removing the tag removes it from search.
    lib.tags.remove(riser, 'cinématique');
    assert.deepEqual(find('cinematique'), []);
    lib.tags.remove(kick, 'sub-heavy');
    assert.deepEqual(find('heavy'), [], 'a derived tag the user hid is not searchable');
    // Combined with other filters and relevance order.
    assert.deepEqual(lib.samples.list({ text: 'drums', rootId: lib.roots.list()[0].id, orderBy: 'relevance' }).length, 2);
    assert.equal(lib.samples.count({ text: 'ete' }), 4);
  } finally {
    done();
  }
});

test('hostile query text never raises an FTS syntax error', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/r', ['kick "quoted".wav', 'NOT this.wav', 'a:b.wav', 'snare*.wav', '日本語 ドラム.wav']);
    const hostile = ['"', '""', '"kick', 'kick"', 'a:b', 'name:kick', '*', 'kick*', '**', '-', '--kick', '- -', 'NOT', 'AND OR NOT', 'NEAR(kick snare)',
      '(', ')', '(kick', '^kick', '+', '{name}: kick', "'", '\\', '%', '_', 'kick OR', '🥁', '\u0000', '   ', 'ドラム', 'a'.repeat(5000), 'x '.repeat(200)];
    for (const text of hostile) {
      assert.doesNotThrow(() => lib.samples.list({ text }), `query ${JSON.stringify(text.slice(0, 30))}`);
      assert.doesNotThrow(() => lib.samples.count({ text }));
    }
    assert.deepEqual(lib.samples.list({ text: '"quoted"' }).map((s) => s.id), [ids[0]]);
    assert.deepEqual(lib.samples.list({ text: 'NOT' }).map((s) => s.id), [ids[1]], 'operators are plain words');
    assert.deepEqual(lib.samples.list({ text: 'a:b' }).map((s) => s.id), [ids[2]]);
    assert.deepEqual(lib.samples.list({ text: 'snare*' }).map((s) => s.id), [ids[3]]);
    assert.deepEqual(lib.samples.list({ text: 'ドラム' }).map((s) => s.id), [ids[4]]);
    assert.deepEqual(lib.samples.list({ text: '---' }), [], 'nothing searchable matches nothing');
  } finally {
    done();
  }
});

test('toFtsQuery quotes every word as a prefix phrase', () => {
  assert.equal(toFtsQuery('hi-hat 909'), '"hi-hat"* AND "909"*');
  assert.equal(toFtsQuery('say "hi"'), '"say"* AND """hi"""*');
  assert.equal(toFtsQuery(' -- * : '), null);
  assert.equal(toFtsQuery(''), null);
});
