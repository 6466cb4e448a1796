// Scanning with the walk in a worker: an aborted scan never marks files missing, and the host keeps answering
// requests while a big rescan runs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { indexWalked } from '../../src/main/scan/index-root.js';
import { startWalk, stopIdleWalker } from '../../src/main/scan/start-walk.js';
import type { WalkBatch } from '../../src/main/scan/walk-batch.js';
import { createApi } from '../../src/main/api/create-api.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';

after(() => stopIdleWalker());

/** `folders` packs of `perFolder` tiny WAVs; the index pass reads names and stats only. */
function writeTree(dir: string, folders: number, perFolder: number): string[] {
  const wav = encodeWav([new Float32Array(64)], 44100, { bitDepth: 16 });
  const paths: string[] = [];
  for (let f = 0; f < folders; f++) {
    const folder = join(dir, `Pack ${String(f).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < perFolder; i++) {
      const path = join(folder, `Hit ${i}.wav`);
      writeFileSync(path, wav);
      paths.push(path);
    }
  }
  return paths;
}

function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

test('a scan aborted part-way through the worker walk marks nothing missing', async () => {
  const dir = scratch('sonoteca-abort-');
  const libDir = scratch('sonoteca-lib-');
  try {
    const paths = writeTree(dir, 6, 10);
    const library = Library.open(libDir);
    const [first] = (await library.addRoots([dir])).reports;
    assert.equal(first.added, paths.length);
    // Files of the last pack disappear; a complete rescan would mark them missing.
    const gone = paths.slice(-10);
    for (const p of gone) unlinkSync(p);
    const root = library.db.roots.list()[0];

    const controller = new AbortController();
    const walk = startWalk(root.path, { signal: controller.signal, batchSize: 4 });
    async function* abortAfterFirstBatch(): AsyncGenerator<WalkBatch> {
      for await (const batch of walk) {
        yield batch;
        controller.abort();
      }
    }
    const report = await indexWalked(library.db, root, abortAfterFirstBatch(), { signal: controller.signal });
    assert.equal(report.unchanged, 4, 'only the first batch was compared');
    assert.equal(report.missing, 0);
    assert.equal(library.db.samples.counts().missing, 0);
    for (const p of gone) assert.notEqual(library.db.samples.byPath(p)?.status, 'missing', p);

    // Through the library too: an abort while the scan is queued behind another leaves everything as it was.
    const second = new AbortController();
    const scanning = library.scan({ signal: second.signal });
    second.abort();
    const [aborted] = await scanning;
    assert.equal(aborted.missing, 0);
    assert.equal(library.db.samples.counts().missing, 0);

    // A complete rescan afterwards does mark them.
    const [full] = await library.scan();
    assert.equal(full.missing, gone.length);
    assert.equal(full.unchanged, paths.length - gone.length);
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('the API answers library.status while a rescan of a few thousand files is still running', async () => {
  const dir = scratch('sonoteca-busy-');
  const libDir = scratch('sonoteca-lib-');
  try {
    const paths = writeTree(dir, 40, 100);
    const library = Library.open(libDir);
    await library.addRoots([dir]);
    const api = createApi(library, { autoAnalyse: false });
    const indexed: number[] = [];
    library.events.on('indexed', (r) => indexed.push(r.unchanged));
    const order: string[] = [];
    const rescan = api.handle('library.rescan', {}).then((r) => {
      order.push('rescan');
      return r;
    });
    const status = api.handle('library.status', {}).then((r) => {
      order.push('status');
      return r;
    });
    // A turn of the event loop (where the server's sockets are served) must come before the scan ends too: a scan
    // that did its work in one synchronous go would finish first.
    setImmediate(() => order.push('event loop turn'));
    const [rescanned, answered] = await Promise.all([rescan, status]);
    assert.deepEqual(order, ['status', 'event loop turn', 'rescan'], 'neither the status call nor the event loop waited for the scan');
    assert.equal(answered.ok, true);
    assert.equal(rescanned.ok, true);
    // It really was a rescan of every file, all found unchanged.
    assert.deepEqual(indexed, [paths.length]);
    assert.equal(library.db.samples.counts().pending, paths.length);
    api.close();
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('files a scan wrote before it died already carry their name labels, which the rescan that skips them keeps', async () => {
  const dir = scratch('sonoteca-killed-');
  const libDir = scratch('sonoteca-lib-');
  try {
    const wav = encodeWav([new Float32Array(64)], 44100, { bitDepth: 16 });
    mkdirSync(join(dir, 'Kicks'), { recursive: true });
    for (let i = 0; i < 1500; i++) writeFileSync(join(dir, 'Kicks', `BD Hard ${String(i).padStart(4, '0')}.wav`), wav);
    const library = Library.open(libDir);
    const root = library.db.roots.add(dir);
    // The walk dies after its first batch: more than one write batch of files has been handed over by then.
    async function* dies(): AsyncGenerator<WalkBatch> {
      for await (const batch of startWalk(dir, { batchSize: 1200 })) {
        yield batch;
        throw new Error('the scanning process was killed');
      }
    }
    await assert.rejects(indexWalked(library.db, root, dies()), /killed/);
    const written = library.db.samples.list({ limit: 5000 });
    assert.ok(written.length >= 1000, `rows written before the failure: ${written.length}`);
    const unlabelled = written.filter((r) => r.category?.name !== 'kick' || r.category.source !== 'filename');
    assert.deepEqual(unlabelled.map((r) => r.name), [], 'every written row has its name label');
    // The rescan skips the written files as unchanged and adds the rest: all 1500 are kicks by name.
    const [report] = await library.scan();
    assert.equal(report.unchanged, written.length);
    assert.equal(report.added, 1500 - written.length);
    const all = library.db.samples.list({ limit: 5000 });
    assert.equal(all.length, 1500);
    assert.ok(all.every((r) => r.category?.name === 'kick'));
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});

test('removing a folder while it is being indexed stops that pass: none of its files come back as present', async () => {
  const dir = scratch('sonoteca-removed-');
  const libDir = scratch('sonoteca-lib-');
  try {
    writeTree(dir, 30, 100);
    const library = Library.open(libDir);
    let removal: Promise<void> | null = null;
    // The user removes the folder as soon as its first rows are in.
    library.events.on('progress', (p) => {
      if (p.phase === 'index' && !removal) removal = library.removeRoot(library.db.roots.list()[0].id);
    });
    const [report] = (await library.addRoots([dir])).reports;
    assert.ok(removal, 'the folder was removed mid-index');
    await removal;
    assert.ok(report.added > 0 && report.added < 3000, `the pass stopped early (${report.added} written)`);
    assert.deepEqual(library.db.roots.list(), []);
    assert.equal(library.db.samples.list({ limit: 5000 }).length, 0, 'nothing of the removed folder is listed');
    assert.equal(library.db.samples.counts().missing, report.added, 'what was written is kept, as missing');
    // Adding it back brings those rows back and finds the rest.
    const [again] = (await library.addRoots([dir])).reports;
    assert.equal(again.restored + again.added, 3000);
    assert.equal(library.db.samples.list({ limit: 5000 }).length, 3000);
    await library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(libDir, { recursive: true, force: true });
  }
});
