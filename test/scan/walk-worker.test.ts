// The folder walk in a worker thread must be the very same walk as on the main thread: same files in the same
// order with the same sizes and mtimes, the same problems and the same counts, just posted in batches.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { walkFolder, newWalkStats, relativeStart, type WalkedFile } from '../../src/main/scan/walk-folder.js';
import { startWalk, stopIdleWalker } from '../../src/main/scan/start-walk.js';
import { walkedFileAt } from '../../src/main/scan/walk-batch.js';
import type { ScanProblem } from '../../src/main/scan/scan-problem.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';

const asRoot = process.getuid?.() === 0;

after(() => stopIdleWalker());

/** Nested packs, hidden and system files, non-audio files, a symlink loop and (unless root) an unreadable folder. */
function buildTree(): { dir: string; locked: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-walk-'));
  const wav = (frames: number) => encodeWav([new Float32Array(frames)], 22050, { bitDepth: 16 });
  let n = 0;
  for (const pack of ['Drums', 'Keys', 'Loops 120', 'zz last']) {
    for (const sub of ['', 'One Shots', 'One Shots/Deep', 'B-sides']) {
      const folder = join(dir, pack, sub);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < 4; i++) {
        const path = join(folder, `${pack} ${i}.wav`);
        writeFileSync(path, wav(32 + n++));
        // Distinct, fractional mtimes: the walk floors them and both walks must agree.
        utimesSync(path, 1_700_000_000 + n, 1_700_000_000 + n + 0.4567);
      }
      writeFileSync(join(folder, 'readme.txt'), 'not audio');
      writeFileSync(join(folder, '.hidden.wav'), wav(16));
      writeFileSync(join(folder, '._resource fork.wav'), 'AppleDouble');
    }
  }
  mkdirSync(join(dir, '__MACOSX'));
  writeFileSync(join(dir, '__MACOSX', 'Kick.wav'), wav(8));
  writeFileSync(join(dir, 'Top Kick.aif'), 'FORM');
  // A link back up the tree and a link to a sibling pack: the loop is reported, the sibling walked once.
  symlinkSync(dir, join(dir, 'Drums', 'One Shots', 'back to top'));
  symlinkSync(join(dir, 'Keys'), join(dir, 'Keys link'));
  let locked: string | null = null;
  if (!asRoot) {
    locked = join(dir, 'Locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'Secret.wav'), wav(8));
    chmodSync(locked, 0o000);
  }
  return { dir, locked };
}

function inThreadWalk(dir: string) {
  const problems: ScanProblem[] = [];
  const stats = newWalkStats();
  const files = [...walkFolder(dir, { onProblem: (p) => problems.push(p) }, stats)];
  return { files, problems, stats };
}

async function workerWalk(dir: string, batchSize: number) {
  const files: WalkedFile[] = [];
  const problems: ScanProblem[] = [];
  let stats = newWalkStats();
  let batches = 0;
  const fallbacks: string[] = [];
  const rel = relativeStart(dir);
  for await (const batch of startWalk(dir, { batchSize, onFallback: (why) => fallbacks.push(why) })) {
    batches++;
    for (let i = 0; i < batch.paths.length; i++) files.push(walkedFileAt(batch, i, rel));
    problems.push(...batch.problems);
    stats = batch.stats;
  }
  return { files, problems, stats, batches, fallbacks };
}

test('the worker walk yields exactly the files, order, sizes, mtimes, problems and counts of the in-thread walk', async () => {
  const { dir, locked } = buildTree();
  try {
    const here = inThreadWalk(dir);
    // Sanity of the fixture itself, so an empty walk cannot pass as "equal".
    assert.equal(here.files.length, 4 * 4 * 4 + 1);
    assert.ok(here.problems.some((p) => p.code === 'symlink-loop'), 'the loop back to the top is reported');
    if (locked) assert.ok(here.problems.some((p) => p.code === 'permission' && p.path === locked), 'the locked folder is reported');
    assert.ok(here.stats.skippedHidden > 0 && here.stats.skippedNonAudio > 0);

    for (const batchSize of [5, 2048]) {
      const there = await workerWalk(dir, batchSize);
      assert.deepEqual(there.fallbacks, [], 'the walk ran in the worker');
      assert.deepEqual(there.files, here.files, `same files in the same order (batches of ${batchSize})`);
      assert.deepEqual(there.problems, here.problems, 'same problems in the same order');
      assert.deepEqual(there.stats, here.stats, 'same counts');
      if (batchSize === 5) assert.ok(there.batches > 10, `posted in many batches (${there.batches})`);
    }
    // And the in-thread fallback path gives the same batches' contents.
    const fallback: WalkedFile[] = [];
    for await (const b of startWalk(dir, { inThread: true, batchSize: 7 })) for (let i = 0; i < b.paths.length; i++) fallback.push(walkedFileAt(b, i, relativeStart(dir)));
    assert.deepEqual(fallback, here.files);
  } finally {
    if (locked) chmodSync(locked, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a root that is not a folder: the worker reports the same problem and no files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-walk-'));
  try {
    const file = join(dir, 'Kick.wav');
    writeFileSync(file, 'RIFF');
    for (const root of [file, join(dir, 'gone')]) {
      const here = inThreadWalk(root);
      const there = await workerWalk(root, 64);
      assert.equal(there.files.length, 0);
      assert.equal(here.problems.length, 1);
      assert.deepEqual(there.problems, here.problems);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stopping early (abort or a consumer that breaks off) ends the walk without hanging', async () => {
  const { dir, locked } = buildTree();
  try {
    const controller = new AbortController();
    let seen = 0;
    for await (const batch of startWalk(dir, { batchSize: 3, signal: controller.signal })) {
      seen += batch.paths.length;
      controller.abort();
    }
    assert.equal(seen, 3, 'nothing more is handed out after the abort');
    let broke = 0;
    for await (const batch of startWalk(dir, { batchSize: 3 })) {
      broke += batch.paths.length;
      break;
    }
    assert.equal(broke, 3);
    // The walker is still usable afterwards (a fresh one replaces the terminated thread).
    const again = await workerWalk(dir, 100);
    assert.deepEqual(again.files, inThreadWalk(dir).files);
  } finally {
    if (locked) chmodSync(locked, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a walker that cannot start, or dies before its first batch, falls back to the same walk on this thread', async () => {
  const { dir, locked } = buildTree();
  const scripts = mkdtempSync(join(tmpdir(), 'sonoteca-walker-'));
  try {
    const here = inThreadWalk(dir);
    const crashing = join(scripts, 'crashing-walker.mjs');
    writeFileSync(crashing, "throw new Error('walker failed to load');\n");
    const cases: Array<[string, URL, RegExp]> = [
      ['missing script', pathToFileURL(join(scripts, 'no-such-walker.mjs')), /worker script not found/],
      ['script that throws on load', pathToFileURL(crashing), /walker failed to load/],
    ];
    for (const [what, workerScript, reason] of cases) {
      const fallbacks: string[] = [];
      const files: WalkedFile[] = [];
      const problems: ScanProblem[] = [];
      for await (const b of startWalk(dir, { batchSize: 9, workerScript, onFallback: (why) => fallbacks.push(why) })) {
        for (let i = 0; i < b.paths.length; i++) files.push(walkedFileAt(b, i, relativeStart(dir)));
        problems.push(...b.problems);
      }
      assert.equal(fallbacks.length, 1, `${what}: the fallback is announced once`);
      assert.match(fallbacks[0], reason, what);
      assert.match(fallbacks[0], /on the main thread/);
      assert.deepEqual(files, here.files, `${what}: the same files`);
      assert.deepEqual(problems, here.problems, `${what}: the same problems`);
    }
  } finally {
    if (locked) chmodSync(locked, 0o755);
    rmSync(dir, { recursive: true, force: true });
    rmSync(scripts, { recursive: true, force: true });
  }
});
