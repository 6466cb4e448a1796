// The map's answer is reused between calls: it must equal a fresh computation (a second connection to the same file,
// which has no cache) and follow every change to what it is built from — sounds, labels, the stored layout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibraryDb, type LibraryDb } from '../../src/main/store/index.js';
import { libraryMap, type MapResult } from '../../src/main/services/library-map.js';
import { buildMapLibrary, MAP_VECTOR_DIM } from '../e2e/large-map-library.js';

const N = 300;
let base: string;
let lib: Awaited<ReturnType<typeof buildMapLibrary>>;
let db: LibraryDb;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'sonoteca-map-cache-'));
  lib = await buildMapLibrary(join(base, 'lib'), join(base, 'Pack'), N);
  db = lib.db;
});

after(async () => {
  lib.close();
  await rm(base, { recursive: true, force: true });
});

/** The same library through a new connection: nothing cached, everything read and computed afresh. */
async function fresh(opts: { selectedId?: number } = {}): Promise<MapResult> {
  const other = openLibraryDb(join(base, 'lib', 'library.sqlite'));
  try {
    return await libraryMap(other, { worker: false, ...opts });
  } finally {
    other.close();
  }
}

/** Points as plain data, for comparing answers. */
const plain = (r: MapResult) => r.points.map((p) => ({ ...p }));
const categoryOf = (r: MapResult, id: number) => r.points.find((p) => p.id === id)?.category;
const allIds = () => db.db.prepare("SELECT id FROM samples WHERE status = 'analysed' ORDER BY id").pluck().all() as number[];

/** Adds one analysed sound with a descriptor vector near an existing one's. */
function addSound(name: string, like: number): number {
  const root = db.roots.list()[0];
  db.samples.indexBatch([{ rootId: root.id, path: join(root.path, name), relPath: name, name, ext: 'wav', sizeBytes: 100, mtimeMs: 1 }]);
  const id = db.samples.byPath(join(root.path, name))!.id;
  const src = db.db.prepare("SELECT json, arrays FROM analysis WHERE sample_id = ? AND analyzer = 'vector'").get(like) as { json: string; arrays: Buffer };
  db.db.prepare("INSERT INTO analysis (sample_id, analyzer, version, json, arrays) VALUES (?, 'vector', 1, ?, ?)").run(id, src.json, src.arrays);
  db.db.prepare("UPDATE samples SET status = 'analysed', analysed_at = 2, duration_sec = 0.5, kind = 'oneshot' WHERE id = ?").run(id);
  return id;
}

test('a repeated call hands back the same answer, equal to a fresh computation, and frozen', async () => {
  const first = await libraryMap(db, { worker: false });
  assert.equal(first.mode, 'stored');
  assert.equal(first.points.length, N);
  const again = await libraryMap(db, { worker: false });
  assert.equal(again.mode, 'stored');
  assert.equal(again.points, first.points, 'the warm call reuses the points');
  assert.deepEqual(plain(again), plain(await fresh()));
  assert.throws(() => {
    (again.points[0] as { x: number }).x = 99;
  }, TypeError);
  assert.throws(() => (again.points as unknown[]).push({}), TypeError);
});

test('distances to a selected sound come with a warm call and match a fresh one', async () => {
  const target = allIds()[7];
  const warm = await libraryMap(db, { selectedId: target });
  const cold = await fresh({ selectedId: target });
  assert.deepEqual(plain(warm), plain(cold));
  assert.equal(warm.points.find((p) => p.id === target)!.distance, 0);
  assert.ok(warm.points.some((p) => (p.distance ?? 0) > 0));
  // The shared points were not given distances.
  assert.equal((await libraryMap(db)).points[0].distance, undefined);
  await assert.rejects(libraryMap(db, { selectedId: 987654 }), /not on the map/);
});

test('a label change shows on the next call, even one made in the same millisecond', async () => {
  const id = allIds()[3];
  await libraryMap(db);
  db.labels.set(id, 'kick', 'user');
  assert.equal(categoryOf(await libraryMap(db), id), 'kick');
  // Two writes stamped with the same millisecond, the map read between them (a fast machine, a small library): the
  // labels summary cannot tell them apart (same length too), the answer still must.
  const at = Date.now() + 60_000;
  db.labels.set(id, 'hats', 'user', 1, undefined, at);
  assert.equal(categoryOf(await libraryMap(db), id), 'hats');
  db.labels.set(id, 'perc', 'user', 1, undefined, at);
  assert.equal(categoryOf(await libraryMap(db), id), 'perc');
  db.labels.clear(id, 'user');
  assert.equal(categoryOf(await libraryMap(db), id), null);
  db.labels.set(id, 'snare', 'model', 0.7);
  const warm = await libraryMap(db);
  assert.equal(categoryOf(warm, id), 'snare');
  assert.deepEqual(plain(warm), plain(await fresh()));
});

test('a change made through another connection shows on the next call', async () => {
  const id = allIds()[11];
  await libraryMap(db);
  const other = openLibraryDb(join(base, 'lib', 'library.sqlite'));
  try {
    other.labels.set(id, 'pad', 'user');
  } finally {
    other.close();
  }
  assert.equal(categoryOf(await libraryMap(db), id), 'pad');
});

test('an added sound is placed on the next call, a removed one leaves it', async () => {
  const before = await libraryMap(db);
  const like = allIds()[20];
  const added = addSound('Added 1.wav', like);
  const grown = await libraryMap(db);
  assert.equal(grown.mode, 'incremental');
  assert.equal(grown.added, 1);
  assert.equal(grown.points.length, N + 1);
  assert.ok(grown.points.some((p) => p.id === added));
  // Old points stay where they were.
  const old = new Map(before.points.map((p) => [p.id, p]));
  for (const p of grown.points) if (p.id !== added) assert.deepEqual([p.x, p.y], [old.get(p.id)!.x, old.get(p.id)!.y]);
  const warm = await libraryMap(db);
  assert.equal(warm.mode, 'stored');
  assert.deepEqual(plain(warm), plain(await fresh()));

  db.db.prepare("UPDATE samples SET status = 'missing' WHERE id = ?").run(added);
  const shrunk = await libraryMap(db);
  assert.equal(shrunk.points.length, N);
  assert.ok(!shrunk.points.some((p) => p.id === added));
  assert.deepEqual(plain(await libraryMap(db)), plain(await fresh()));
});

test('a recomputed or replaced layout is what the next call returns', async () => {
  const stored = await libraryMap(db);
  const recomputed = await libraryMap(db, { recompute: true, worker: false });
  assert.equal(recomputed.mode, 'full');
  assert.notDeepEqual(plain(recomputed), plain(stored));
  const next = await libraryMap(db);
  assert.equal(next.mode, 'stored');
  assert.deepEqual(next.points.map((p) => [p.id, p.x, p.y]), recomputed.points.map((p) => [p.id, p.x, p.y]));

  // Someone else (another process, an import) stores a different layout: it is read, not the remembered one.
  const layout = db.settings.get<{ version: number; dim: number; ids: number[]; xy: number[] }>('intelligence.map')!;
  assert.equal(layout.dim, MAP_VECTOR_DIM);
  db.settings.set('intelligence.map', { ...layout, xy: layout.xy.map((v) => v + 1) });
  const shifted = await libraryMap(db);
  assert.deepEqual(shifted.points.map((p) => p.x), next.points.map((p) => Math.round((p.x + 1) * 1e4) / 1e4));
  assert.deepEqual(plain(shifted), plain(await fresh()));
});

test('an unrelated write keeps the answer once its inputs prove unchanged', async () => {
  const a = await libraryMap(db);
  // Let the labels read fall in a later millisecond than the last label write, so its summary can vouch.
  await new Promise((r) => setTimeout(r, 5));
  db.settings.set('ui.something-else', { at: 1 });
  const b = await libraryMap(db);
  assert.equal(b.points, a.points);
  assert.deepEqual(plain(b), plain(await fresh()));
});
