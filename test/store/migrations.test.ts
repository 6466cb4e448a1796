// The schema runner: fresh libraries get every migration, a newer file is refused untouched, foreign files too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLibraryDb, LibraryVersionError, LibraryOpenError, MIGRATIONS } from '../../src/main/store/index.js';
import { runMigrations, checkMigrationOrder, APPLICATION_ID } from '../../src/main/store/migrate.js';
import type { Migration } from '../../src/main/store/migrations/migration.js';
import { tempDir, entry } from './helpers.js';

const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

test('a new library is created with its folder, every migration, and the safety pragmas', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'nested', 'deeper', 'library.sqlite');
    const lib = openLibraryDb(file);
    assert.equal(lib.db.pragma('user_version', { simple: true }), LATEST);
    assert.equal(lib.db.pragma('application_id', { simple: true }), APPLICATION_ID);
    assert.equal(lib.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(lib.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(lib.db.pragma('synchronous', { simple: true }), 1); // NORMAL
    assert.equal(lib.db.pragma('busy_timeout', { simple: true }), 5000);
    lib.close();
    // Reopening applies nothing and keeps data.
    const again = openLibraryDb(file);
    assert.equal(again.db.pragma('user_version', { simple: true }), LATEST);
    again.close();
  } finally {
    cleanup();
  }
});

test('migration 0001 creates STRICT tables, the FTS index and its triggers', () => {
  const db = new Database(':memory:');
  assert.deepEqual(runMigrations(db, MIGRATIONS.filter((m) => m.version <= 1)), [1]);
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'samples_fts%' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string }>;
  const names = tables.map((t) => t.name).sort();
  assert.deepEqual(names, ['analysis', 'group_members', 'labels', 'roots', 'sample_groups', 'sample_tags', 'samples', 'scan_problems', 'settings', 'tag_hidden', 'tags']);
  for (const t of tables) assert.match(t.sql, /\)\s*STRICT/, `${t.name} must be STRICT`);
  const fts = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'samples_fts'").pluck().get() as string;
  assert.match(fts, /fts5/);
  assert.match(fts, /remove_diacritics 2/);
  const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all();
  assert.deepEqual(triggers, ['samples_fts_delete', 'samples_fts_rename']);
  // STRICT really bites: a text size is refused.
  db.exec("INSERT INTO roots (path, added_at) VALUES ('/r', 1)");
  assert.throws(() => db.exec("INSERT INTO samples (root_id, path, rel_path, name, ext, size_bytes, mtime_ms, status, indexed_at) VALUES (1, '/r/a.wav', 'a.wav', 'a.wav', 'wav', 'big', 1, 'pending', 1)"), /cannot store TEXT value in INTEGER column/);
  db.close();
});

test('pending migrations run in order in one transaction; a failing one leaves the version as it was', () => {
  const db = new Database(':memory:');
  const applied: number[] = [];
  const ok = (version: number): Migration => ({ version, name: `m${version}`, up: (d) => { applied.push(version); d.exec(`CREATE TABLE t${version} (x INTEGER) STRICT`); } });
  assert.deepEqual(runMigrations(db, [ok(1), ok(2)]), [1, 2]);
  assert.equal(db.pragma('user_version', { simple: true }), 2);
  assert.deepEqual(runMigrations(db, [ok(1), ok(2)]), []);
  assert.deepEqual(runMigrations(db, [ok(1), ok(2), ok(3)]), [3]);
  assert.deepEqual(applied, [1, 2, 3]);
  const broken: Migration = { version: 5, name: 'broken', up: () => { throw new Error('boom'); } };
  assert.throws(() => runMigrations(db, [ok(1), ok(2), ok(3), ok(4), broken]), /boom/);
  assert.equal(db.pragma('user_version', { simple: true }), 3);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 't4'").pluck().get(), 0, 'migration 4 rolled back with 5');
  db.close();
});

test('migration versions must strictly increase', () => {
  const m = (version: number): Migration => ({ version, name: 'x', up: () => {} });
  assert.throws(() => checkMigrationOrder([m(1), m(3), m(2)]), /out of order/);
  assert.throws(() => checkMigrationOrder([m(1), m(1)]), /out of order/);
  assert.throws(() => checkMigrationOrder([m(0)]), /out of order/);
  checkMigrationOrder(MIGRATIONS);
});

test('a library from a newer Sonoteca is refused with LibraryVersionError and left byte-identical', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'future.sqlite');
    const lib = openLibraryDb(file);
    const root = lib.roots.add('/music');
    lib.samples.indexBatch([entry(root.id, '/music', 'kick.wav')]);
    lib.db.pragma(`user_version = ${LATEST + 7}`);
    lib.close();
    const before = readFileSync(file);
    assert.ok(!existsSync(file + '-wal') || readFileSync(file + '-wal').length === 0);
    for (const readonly of [false, true]) {
      assert.throws(() => openLibraryDb(file, { readonly }), (err: unknown) => {
        assert.ok(err instanceof LibraryVersionError);
        assert.equal(err.found, LATEST + 7);
        assert.equal(err.supported, LATEST);
        assert.match(err.message, /newer version of Sonoteca/);
        return true;
      });
    }
    assert.ok(readFileSync(file).equals(before), 'the file must not change');
  } finally {
    cleanup();
  }
});

test('files that are not Sonoteca libraries are refused and not changed', () => {
  const { dir, cleanup } = tempDir();
  try {
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'this is not a database at all, just some text that is long enough to look like a header'.repeat(20));
    const textBefore = readFileSync(text);
    assert.throws(() => openLibraryDb(text), LibraryOpenError);
    assert.ok(readFileSync(text).equals(textBefore));

    const other = join(dir, 'other-app.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    const otherBefore = readFileSync(other);
    assert.throws(() => openLibraryDb(other), /not a Sonoteca library/);
    assert.ok(readFileSync(other).equals(otherBefore));

    assert.throws(() => openLibraryDb(join(dir, 'absent.sqlite'), { readonly: true }), LibraryOpenError);
    // A library path under a regular file cannot be created: a clear error, nothing written.
    assert.throws(() => openLibraryDb(join(text, 'library.sqlite')), (err: unknown) => err instanceof LibraryOpenError && /cannot open library/.test(err.message));
    assert.ok(readFileSync(text).equals(textBefore));
  } finally {
    cleanup();
  }
});

test('read-only open reads a library and refuses writes', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'library.sqlite');
    const lib = openLibraryDb(file);
    lib.roots.add('/music');
    lib.close();
    const ro = openLibraryDb(file, { readonly: true });
    assert.equal(ro.roots.list().length, 1);
    assert.throws(() => ro.roots.add('/other'), /readonly|read-only|query_only/i);
    ro.close();
  } finally {
    cleanup();
  }
});

test('every migration applies on top of the one before it and leaves a consistent schema', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS) {
    const before = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
    assert.deepEqual(runMigrations(db, MIGRATIONS.filter((x) => x.version <= m.version)), [m.version], `${m.version}-${m.name}`);
    assert.equal(db.pragma('user_version', { simple: true }), m.version);
    assert.ok((db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number) >= before);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
  }
  db.close();
});
