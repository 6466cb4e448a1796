// ensureEmbeddings over the vectors the analysis stores: an old library (analysed before vectors were stored) is
// filled in once, the side file of earlier versions is imported rather than recomputed, and then left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { ensureEmbeddings, embeddingsPath, sharedEmbedder } from '../../src/main/services/embedding-store.js';
import type { Embedder } from '../../src/main/ml/embedder.js';
import { writeWavFixture } from '../support/audio-fixtures.js';
import { kick, note, hat } from '../support/signals.js';

const SR = 22050;

async function oldLibrary(count: number, seconds = 0.3): Promise<{ library: Library; dir: string; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-embed-store-'));
  const sounds = join(dir, 'sounds');
  mkdirSync(sounds);
  for (let i = 0; i < count; i++) {
    const x = i % 3 === 0 ? kick(seconds, SR) : i % 3 === 1 ? note(110 * 2 ** (i / 12), seconds, SR) : hat(seconds / 2, SR, 0.25, i);
    writeWavFixture(join(sounds, `s${String(i).padStart(3, '0')}.wav`), [x], SR);
  }
  const library = Library.open(join(dir, 'lib'));
  await library.addRoots([sounds]);
  // As a library analysed before vectors were stored: analysis only.
  const report = await library.analyse({ workers: 2, embeddings: false });
  assert.equal(report.analysed, count);
  assert.equal(report.embedded, 0);
  return { library, dir, done: async () => { await library.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function model(): Promise<Embedder> {
  const e = await sharedEmbedder();
  assert.ok(e, 'the shipped model loads');
  return e;
}

function embeddedAt(library: Library): number[] {
  return library.db.db.prepare('SELECT embedded_at FROM embeddings ORDER BY sample_id').pluck().all() as number[];
}

test('on an old library the missing vectors are computed once, stored, and then only read', async () => {
  const lib = await oldLibrary(6);
  try {
    const embedder = await model();
    const first = await ensureEmbeddings(lib.library.db, embedder);
    const analysed = lib.library.db.samples.list({ status: 'analysed', orderBy: 'id' }).map((s) => s.id);
    assert.deepEqual(first.ids, analysed);
    assert.equal(first.dim, embedder.dim);
    assert.equal(first.version, embedder.version);
    assert.deepEqual(first.failed, []);
    assert.deepEqual(lib.library.db.embeddings.counts(embedder.version), { embedded: 6, missing: 0 });
    // Each row is unit length (the model's output), and distinct sounds differ.
    const row = (i: number) => first.data.subarray(i * first.dim, (i + 1) * first.dim);
    const norm = Math.hypot(...row(0));
    assert.ok(Math.abs(norm - 1) < 1e-4, `unit length, got ${norm}`);
    assert.notDeepEqual(Array.from(row(0)), Array.from(row(1)));
    const stamps = embeddedAt(lib.library);
    await new Promise((r) => setTimeout(r, 5));
    const second = await ensureEmbeddings(lib.library.db, embedder);
    assert.deepEqual(second.ids, first.ids);
    assert.deepEqual(Array.from(second.data), Array.from(first.data));
    assert.deepEqual(embeddedAt(lib.library), stamps, 'nothing recomputed');
    assert.equal(existsSync(embeddingsPath(lib.library.db)), false, 'no side file any more');
  } finally {
    await lib.done();
  }
});

/** Writes a side file in the format earlier versions used ("SNTEMB01", header length, JSON header, float32 rows). */
function writeLegacy(path: string, header: { version: string; dim: number; ids: number[]; stamps: string[] }, rows: Float32Array): void {
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((12 + h.length) / 4) * 4;
  const out = Buffer.alloc(start + rows.length * 4);
  out.write('SNTEMB01', 0, 'latin1');
  out.writeUInt32LE(h.length, 8);
  h.copy(out, 12);
  rows.forEach((v, i) => out.writeFloatLE(v, start + i * 4));
  writeFileSync(path, out);
}

test('the side file of earlier versions is imported once (fresh rows only) and removed; another model\'s is left alone', async () => {
  const lib = await oldLibrary(4);
  try {
    const embedder = await model();
    const db = lib.library.db;
    const samples = db.samples.list({ status: 'analysed', orderBy: 'id' });
    const path = embeddingsPath(db);
    // Another model's file: not imported, not removed.
    writeLegacy(path, { version: 'some-older-model', dim: embedder.dim, ids: [samples[0].id], stamps: [`${samples[0].sizeBytes}:${samples[0].mtimeMs}`] }, new Float32Array(embedder.dim).fill(0.1));
    await ensureEmbeddings(db, embedder);
    assert.ok(existsSync(path), 'left where it was');
    assert.deepEqual(db.embeddings.models(), [{ model: embedder.version, count: 4 }]);
    // This model's file: rows 0 and 1 fresh (marker values prove they were imported, not recomputed), row 2 stale.
    db.db.prepare('DELETE FROM embeddings').run();
    const marker = (k: number) => new Float32Array(embedder.dim).fill(k / Math.sqrt(embedder.dim));
    const rows = new Float32Array(3 * embedder.dim);
    [marker(1), marker(-1), marker(1)].forEach((m, i) => rows.set(m, i * embedder.dim));
    const stamps = samples.slice(0, 3).map((s, i) => (i === 2 ? `${s.sizeBytes + 1}:${s.mtimeMs}` : `${s.sizeBytes}:${s.mtimeMs}`));
    writeLegacy(path, { version: embedder.version, dim: embedder.dim, ids: samples.slice(0, 3).map((s) => s.id), stamps }, rows);
    const e = await ensureEmbeddings(db, embedder);
    assert.equal(existsSync(path), false, 'ours, imported, so removed');
    assert.deepEqual(e.ids, samples.map((s) => s.id));
    const row = (id: number) => Array.from(e.data.subarray(e.row.get(id)! * e.dim, (e.row.get(id)! + 1) * e.dim));
    assert.deepEqual(row(samples[0].id), Array.from(marker(1)));
    assert.deepEqual(row(samples[1].id), Array.from(marker(-1)));
    assert.notDeepEqual(row(samples[2].id), Array.from(marker(1)), 'a stale row is recomputed, not imported');
    assert.ok(Math.abs(Math.hypot(...row(samples[3].id)) - 1) < 1e-4, 'a row the file lacked is computed');
  } finally {
    await lib.done();
  }
});

test('many missing vectors are made on the worker pool, equal to the ones made in this thread', async () => {
  const lib = await oldLibrary(66, 0.15);
  try {
    const embedder = await model();
    const db = lib.library.db;
    const progress: number[] = [];
    const e = await ensureEmbeddings(db, embedder, { workers: 2, onProgress: (done) => progress.push(done) });
    assert.equal(e.ids.length, 66);
    assert.deepEqual(e.failed, []);
    assert.ok(progress.length > 0, 'progress reported');
    // Same numbers as the in-thread path: drop a few and let ensureEmbeddings make them here.
    const some = e.ids.slice(0, 3);
    const before = some.map((id) => Array.from(e.data.subarray(e.row.get(id)! * e.dim, (e.row.get(id)! + 1) * e.dim)));
    db.db.prepare(`DELETE FROM embeddings WHERE sample_id IN (${some.join(',')})`).run();
    const again = await ensureEmbeddings(db, embedder);
    some.forEach((id, i) => {
      const v = again.data.subarray(again.row.get(id)! * again.dim, (again.row.get(id)! + 1) * again.dim);
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += v[d] * before[i][d];
      assert.ok(dot > 0.9999, `sample ${id}: cosine ${dot}`);
    });
  } finally {
    await lib.done();
  }
});
