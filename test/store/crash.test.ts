// A kill -9 in the middle of a large indexBatch must leave an openable, consistent library: all or nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibraryDb } from '../../src/main/store/index.js';
import { tempDir, VERSIONS } from './helpers.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const BIG = 300_000;

function walSize(file: string): number {
  return existsSync(file + '-wal') ? statSync(file + '-wal').size : 0;
}

test('SIGKILL during a large indexBatch leaves the previous state, consistent and openable', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'library.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(BIG)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited before it was ready: ${out}`)));
    });
    // Kill once the big transaction has spilled pages into the WAL: proof that it is under way, not yet committed.
    const atReady = walSize(file);
    while (walSize(file) < atReady + 4 * 1024 * 1024 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    const killedMidway = !out.includes('done');
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    assert.ok(killedMidway, 'the kill should land inside the big batch');

    const lib = openLibraryDb(file);
    try {
      assert.deepEqual(lib.checkIntegrity(), { ok: true, problems: [] });
      const count = lib.db.prepare('SELECT count(*) FROM samples').pluck().get() as number;
      console.log(`# killed with ${(walSize(file) / 1e6).toFixed(1)} MB of WAL written; rows after reopen: ${count}`);
      assert.equal(count, 1000, 'none of the interrupted batch, all of the committed one');
      assert.equal(lib.db.prepare('SELECT count(*) FROM samples_fts').pluck().get(), 1000);
      assert.equal(lib.samples.counts().pending, 1000);
      assert.equal(lib.samples.list({ text: 'first sample 999' }).length, 1);
      assert.equal(lib.samples.list({ text: 'big' }).length, 0);
      // The library keeps working after the crash.
      assert.equal(lib.samples.nextForAnalysis(3, VERSIONS).length, 3);
      lib.samples.indexBatch([{ rootId: 1, path: '/crash/after.wav', relPath: 'after.wav', name: 'after.wav', ext: 'wav', sizeBytes: 1, mtimeMs: 1 }]);
      assert.equal(lib.samples.counts().indexed, 1001);
    } finally {
      lib.close();
    }
  } finally {
    cleanup();
  }
});
