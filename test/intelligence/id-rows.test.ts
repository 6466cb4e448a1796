// IdRows: the index's id → row table, dense for library-style ids, a map for the rest, one answer for both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdRows } from '../../src/main/intelligence/id-rows.js';
import { SimilarityIndex } from '../../src/main/intelligence/similarity-index.js';

test('ids of every kind map to rows, survive table growth and delete cleanly', () => {
  const t = new IdRows();
  const ids = [0, 5, 1023, 1024, 50_000, 2 ** 22, 2 ** 40, -3, 7.5, 1_000_000];
  ids.forEach((id, i) => t.set(id, i * 10));
  assert.equal(t.size, ids.length);
  ids.forEach((id, i) => assert.equal(t.get(id), i * 10, `id ${id}`));
  // A big, far-away id stays in the map (no 16 MB table for one sample) until the table grows past it.
  assert.ok(t.bytes < 8 * 2 ** 20, `${t.bytes} bytes`);
  for (let id = 0; id < 1_200_000; id += 1) t.set(id, id);
  assert.equal(t.get(2 ** 22), 50, 'moved into the grown table or still in the map, same row');
  assert.equal(t.get(2 ** 40), 60);
  assert.equal(t.get(-3), 70);
  assert.equal(t.get(7.5), 80);
  assert.equal(t.get(5), 5);
  assert.ok(t.delete(2 ** 40) && t.delete(5) && t.delete(2 ** 22));
  assert.ok(!t.delete(5));
  assert.equal(t.get(5), undefined);
  assert.equal(t.get(2 ** 22), undefined);
  assert.equal(t.size, 1_200_000 + 4 - 3);
});

test('the index takes any 32-bit integer id and refuses others with a clear error', () => {
  const index = new SimilarityIndex(2);
  const ids = [-1, 0, 2 ** 31 - 1, 3, 40_000_000];
  ids.forEach((id, i) => index.add(id, Float32Array.of(i, 0)));
  ids.forEach((id, i) => assert.equal(index.search(Float32Array.of(i, 0.1), { k: 1 })[0].id, id));
  assert.ok(index.remove(2 ** 31 - 1));
  assert.equal(index.size, 4);
  assert.throws(() => index.add(0.5, Float32Array.of(0, 0)), /id 0.5 is not a 32-bit integer/);
  assert.throws(() => index.add(2 ** 40, Float32Array.of(0, 0)), /is not a 32-bit integer/);
  assert.equal(index.size, 4);
});
