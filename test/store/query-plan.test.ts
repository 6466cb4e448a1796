// The hot queries must use indexes, not scan the table: checked with EXPLAIN QUERY PLAN on a populated library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempLibrary, seedRoot, VERSIONS } from './helpers.js';
import type { LibraryDb } from '../../src/main/store/index.js';

function plan(lib: LibraryDb, sql: string, ...params: unknown[]): string {
  const rows = lib.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

function assertNoFullScan(p: string, table: string): void {
  assert.doesNotMatch(p, new RegExp(`SCAN ${table}(?! USING)`), `full scan of ${table}:\n${p}`);
}

test('path lookup, next pending, stale rows, FTS search and list by root use indexes', () => {
  const { lib, done } = tempLibrary();
  try {
    seedRoot(lib, '/r', Array.from({ length: 2000 }, (_, i) => `kit/${i}.wav`));
    seedRoot(lib, '/s', Array.from({ length: 500 }, (_, i) => `loops/${i}.wav`));
    lib.db.exec('ANALYZE');

    const byPath = plan(lib, 'SELECT id, root_id, rel_path, size_bytes, mtime_ms, status FROM samples WHERE path = ?', '/r/kit/1.wav');
    assert.match(byPath, /SEARCH samples USING INDEX sqlite_autoindex_samples_1 \(path=\?\)/);

    const pending = plan(lib, `SELECT id, path, size_bytes, mtime_ms FROM samples WHERE status = 'pending'
        AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`, '[]', 10);
    assert.match(pending, /SEARCH samples USING (COVERING )?INDEX samples_by_status \(status=\?\)/);
    assert.doesNotMatch(pending, /TEMP B-TREE FOR ORDER BY/, 'no sort of all pending rows');

    const stale = plan(lib, `SELECT id FROM samples WHERE status = 'analysed' AND analysis_sig < @sig
        UNION ALL SELECT id FROM samples WHERE status = 'analysed' AND analysis_sig > @sig`, { sig: 'x' });
    assert.match(stale, /samples_by_signature \(status=\? AND analysis_sig<\?\)/);
    assert.match(stale, /samples_by_signature \(status=\? AND analysis_sig>\?\)/);
    assertNoFullScan(stale, 'samples');

    const root = lib.roots.list()[0];
    const byRoot = lib.samples.listSql({ rootId: root.id, limit: 100 });
    const pr = plan(lib, byRoot.sql, ...byRoot.params);
    assert.match(pr, /SEARCH s USING INDEX samples_by_root \(root_id=\?\)/);
    assert.doesNotMatch(pr, /TEMP B-TREE FOR ORDER BY/);

    const byName = lib.samples.listSql({ orderBy: 'name', limit: 100 });
    const pn = plan(lib, byName.sql, ...byName.params);
    assert.match(pn, /SCAN s USING INDEX samples_by_name/);
    assert.doesNotMatch(pn, /TEMP B-TREE FOR ORDER BY/);

    const search = lib.samples.listSql({ text: 'kit 1', limit: 100 });
    const ps = plan(lib, search.sql, ...search.params);
    assert.match(ps, /SCAN f VIRTUAL TABLE INDEX/);
    assert.match(ps, /SEARCH s USING INTEGER PRIMARY KEY/);

    const fp = plan(lib, "SELECT id FROM samples WHERE fingerprint = ? AND status = 'missing' ORDER BY missing_since DESC, id", 'h');
    assert.match(fp, /samples_by_fingerprint \(fingerprint=\? AND status=\?\)/);

    // And the real methods still answer.
    assert.equal(lib.samples.nextForAnalysis(5, VERSIONS).length, 5);
  } finally {
    done();
  }
});
