// The API's in-memory list index over a real store: filters, sort in both directions (empty values last),
// FTS text, group membership and windowing, at 50k rows (timings printed, not asserted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLibraryDb, type LibraryDb } from '../../src/main/store/index.js';
import { SampleIndex } from '../../src/main/api/sample-index.js';

const N = 50_000;
let dir: string;
let db: LibraryDb;
let index: SampleIndex;
const names = ['Kick', 'Snare', 'Hat', 'Clap', 'Pad'];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sonoteca-index-'));
  db = openLibraryDb(join(dir, 'lib.sqlite'));
  const root = db.roots.add('/samples');
  const entries = Array.from({ length: N }, (_, i) => {
    const name = `${names[i % 5]} ${String(i).padStart(5, '0')}.wav`;
    return { rootId: root.id, path: `/samples/${names[i % 5]}s/${name}`, relPath: `${names[i % 5]}s/${name}`, name, ext: 'wav', sizeBytes: 1000 + i, mtimeMs: 1 };
  });
  const t0 = performance.now();
  for (let i = 0; i < N; i += 5000) db.samples.indexBatch(entries.slice(i, i + 5000));
  console.log(`indexed ${N} rows in ${(performance.now() - t0).toFixed(0)} ms`);
  index = new SampleIndex(db);
  index.setRoots(db.roots.list());
});

after(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

test('windowed listing with total and facets', () => {
  const t0 = performance.now();
  const page = index.list({}, 'name', false, 1000, 50);
  const t1 = performance.now();
  const again = index.list({}, 'name', false, 2000, 50);
  const t2 = performance.now();
  console.log(`first list of ${N}: ${(t1 - t0).toFixed(0)} ms (loads + sorts); next window: ${(t2 - t1).toFixed(1)} ms`);
  assert.equal(page.total, N);
  assert.equal(page.rows.length, 50);
  assert.equal(page.offset, 1000);
  assert.equal(again.rows.length, 50);
  assert.equal(page.facets.categories[0].value, 'unlabelled');
  assert.equal(page.facets.categories[0].count, N);
});

test('sort ascending and descending by name, numeric-aware', () => {
  const asc = index.match({}, 'name', false);
  const desc = index.match({}, 'name', true);
  assert.equal(index.get(asc[0])!.name, 'Clap 00003.wav');
  assert.equal(index.get(desc[0])!.name, 'Snare 49996.wav');
  assert.deepEqual([...desc].reverse(), asc);
});

test('rated and labelled rows; empty values sort last in both directions', () => {
  const ids = index.match({ text: 'kick' }, 'name', false).slice(0, 3);
  db.samples.setRating(ids[0], 5);
  db.samples.setRating(ids[1], 2);
  db.labels.set(ids[2], 'kick', 'user', 1);
  index.refresh(ids);
  const byRating = index.match({}, 'rating', false);
  assert.deepEqual(byRating.slice(0, 2), [ids[0], ids[1]]);
  const byCat = index.match({}, 'category', false);
  const byCatDesc = index.match({}, 'category', true);
  assert.equal(byCat[0], ids[2]);
  assert.equal(byCatDesc[0], ids[2], 'the only labelled row comes first both ways');
  assert.deepEqual(index.match({ categories: ['kick'] }, 'name', false), [ids[2]]);
  assert.equal(index.match({ minRating: 1 }, 'name', false).length, 2);
});

test('text, ids, group and status filters combine', () => {
  const t0 = performance.now();
  const snares = index.match({ text: 'snare' }, 'name', false);
  console.log(`FTS + filter over ${N}: ${(performance.now() - t0).toFixed(0)} ms`);
  assert.equal(snares.length, N / 5);
  const g = db.groups.create('Some snares');
  db.groups.addMembers(g.id, snares.slice(0, 7));
  assert.equal(index.match({ text: 'snare' }, 'name', false, new Set(db.groups.members(g.id))).length, 7);
  assert.equal(index.match({ ids: snares.slice(0, 3), text: 'kick' }, 'name', false).length, 0);
  assert.equal(index.match({ status: ['analysed'] }, 'name', false).length, 0);
  assert.equal(index.match({ status: ['pending'] }, 'name', false).length, N);
  assert.equal(index.match({ bpmMin: 100 }, 'name', false).length, 0, 'rows without BPM never match a BPM range');
});
