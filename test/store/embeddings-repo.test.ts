// Embeddings in the library: migration 0002, bulk reads per model, the missing list that drives re-embedding,
// and the guarantee that a changed file never keeps the vector of its old audio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/main/store/index.js';
import { runMigrations } from '../../src/main/store/migrate.js';
import { tempLibrary, seedRoot, analysisData, entry } from './helpers.js';

const STAT = { sizeBytes: 1000, mtimeMs: 1_700_000_000_000.5 };
const vec = (seed: number, dim = 4) => new Float32Array(dim).map((_, i) => seed + i / 8);

test('migration 0002 adds a STRICT embeddings table over a version-1 library, keeping its rows', () => {
  const db = new Database(':memory:');
  runMigrations(db, MIGRATIONS.filter((m) => m.version <= 1));
  db.exec("INSERT INTO roots (path, added_at) VALUES ('/r', 1)");
  db.exec("INSERT INTO samples (root_id, path, rel_path, name, ext, size_bytes, mtime_ms, status, indexed_at) VALUES (1, '/r/a.wav', 'a.wav', 'a.wav', 'wav', 1, 1, 'analysed', 1)");
  assert.ok(runMigrations(db, MIGRATIONS).includes(2));
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'embeddings'").pluck().get() as string;
  assert.match(sql, /\)\s*STRICT/);
  assert.equal(db.prepare('SELECT count(*) FROM samples').pluck().get(), 1);
  // A vector whose byte length disagrees with its dimension is refused by the schema itself.
  assert.throws(() => db.prepare('INSERT INTO embeddings VALUES (1, ?, 3, ?, 1)').run('m', Buffer.alloc(8)), /CHECK constraint failed/);
  db.close();
});

test('vectors round-trip per model; the missing list and counts drive re-embedding', () => {
  const { lib, done } = tempLibrary();
  try {
    const { ids } = seedRoot(lib, '/lib', ['a.wav', 'b.wav', 'c.wav', 'd.wav']);
    for (const [i, id] of ids.slice(0, 3).entries()) assert.ok(lib.samples.saveAnalysis(id, STAT, analysisData(i + 1)));
    lib.embeddings.put(ids[0], 'm1', vec(1));
    lib.embeddings.put(ids[1], 'm1', vec(2));
    lib.embeddings.put(ids[2], 'm0', vec(3));
    assert.deepEqual(Array.from(lib.embeddings.get(ids[1], 'm1')!), Array.from(vec(2)));
    assert.equal(lib.embeddings.get(ids[2], 'm1'), null, 'a vector of another model is not served');
    const all = lib.embeddings.forModel('m1', 4);
    assert.deepEqual(all.ids, [ids[0], ids[1]]);
    assert.deepEqual(Array.from(all.data), [...vec(1), ...vec(2)]);
    // Pending d.wav is not analysed, so not missing; c.wav has only an old model's vector.
    assert.deepEqual(lib.embeddings.missing('m1', 10).map((m) => m.id), [ids[2]]);
    assert.deepEqual(lib.embeddings.missing('m1', 10, ids[2]), []);
    assert.deepEqual(lib.embeddings.counts('m1'), { embedded: 2, missing: 1 });
    assert.deepEqual(lib.embeddings.models(), [{ model: 'm0', count: 1 }, { model: 'm1', count: 2 }]);
    assert.throws(() => lib.embeddings.put(ids[0], 'm1', new Float32Array([1, Number.NaN])), /non-finite/);
    assert.throws(() => lib.embeddings.put(ids[0], '', vec(1)), /model version is required/);
  } finally {
    done();
  }
});

test('a changed file loses its vector at once; a catch-up vector for a file that changed meanwhile is refused', () => {
  const { lib, done } = tempLibrary();
  try {
    const { rootId, ids } = seedRoot(lib, '/lib', ['a.wav', 'b.wav']);
    for (const id of ids) lib.samples.saveAnalysis(id, STAT, analysisData(id));
    lib.embeddings.put(ids[0], 'm1', vec(1));
    lib.embeddings.put(ids[1], 'm1', vec(2));
    // Rescan: a.wav was edited (new size), b.wav unchanged.
    lib.samples.indexBatch([entry(rootId, '/lib', 'a.wav', 2000), entry(rootId, '/lib', 'b.wav')]);
    assert.equal(lib.embeddings.get(ids[0], 'm1'), null);
    assert.ok(lib.embeddings.get(ids[1], 'm1'));
    assert.equal(lib.embeddings.putIfUnchanged(ids[0], STAT, 'm1', vec(9)), false, 'a.wav is pending with another size');
    assert.equal(lib.embeddings.get(ids[0], 'm1'), null);
    assert.equal(lib.embeddings.putIfUnchanged(ids[1], STAT, 'm2', vec(7)), true);
    assert.deepEqual(Array.from(lib.embeddings.get(ids[1], 'm2')!), Array.from(vec(7)));
    // Deleting a sample row (a relink merges rows) takes its vector with it.
    lib.db.prepare('DELETE FROM samples WHERE id = ?').run(ids[1]);
    assert.equal(lib.db.prepare('SELECT count(*) FROM embeddings').pluck().get(), 0);
  } finally {
    done();
  }
});
