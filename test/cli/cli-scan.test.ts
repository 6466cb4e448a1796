import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { kickHit, pluckedTone } from '../support/mixed-library.js';
import { runCli, startCli } from '../support/run-cli.js';

function writeLibrary(dir: string, count: number): string[] {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `Pack ${Math.floor(i / 50)}`);
    if (i % 50 === 0) mkdirSync(sub, { recursive: true });
    const path = join(sub, i % 2 ? `Kick ${i}.wav` : `Tone ${i}.wav`);
    const pcm = i % 2 ? kickHit(1.5, 44100, i % 30) : pluckedTone(110 + (i % 40) * 20, 1.5);
    writeFileSync(path, encodeWav(pcm, 44100, { bitDepth: 16 }));
    paths.push(path);
  }
  return paths;
}

function analysedRows(dbFile: string): Map<number, number> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT id, analysed_at AS at FROM samples WHERE status = 'analysed'").all() as Array<{ id: number; at: number }>;
    return new Map(rows.map((r) => [r.id, r.at]));
  } finally {
    db.close();
  }
}

test('add, status, list and show work end to end with --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-cli-'));
  const lib = join(dir, 'lib');
  try {
    const samples = join(dir, 'samples');
    writeLibrary(samples, 6);
    const add = runCli(['--library', lib, 'add', samples, '--json']);
    assert.equal(add.code, 0, add.stderr);
    const status = JSON.parse(runCli(['--library', lib, 'status', '--json']).stdout);
    assert.equal(status.indexed, 6);
    assert.equal(status.analysed, 6);
    const list = JSON.parse(runCli(['--library', lib, 'list', '--json']).stdout);
    assert.equal(list.length, 6);
    for (const s of list) {
      for (const key of ['id', 'path', 'format', 'sampleRate', 'channels', 'bitDepth', 'durationSec', 'kind', 'bpm', 'key', 'note', 'loudnessLufs', 'tags', 'error']) assert.ok(key in s, `list has ${key}`);
      assert.equal(s.kind, 'oneshot');
    }
    const tone = list.find((s: { name: string }) => s.name === 'Tone 0.wav');
    assert.equal(tone.note, 'A2');
    const show = JSON.parse(runCli(['--library', lib, 'show', tone.path, '--json']).stdout);
    assert.equal(show.id, tone.id);
    assert.ok(show.analysis.spectral.mfccMean.length >= 13);
    const bad = runCli(['--library', lib, 'show', '/no/such/file.wav']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not in the library/);
    const usage = runCli(['--library', lib, 'list', '--bogus']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown option --bogus/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a scan killed mid-way resumes: the library ends complete and consistent, nothing analysed twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-kill-'));
  const lib = join(dir, 'lib');
  try {
    const samples = join(dir, 'samples');
    const paths = writeLibrary(samples, 400);
    const child = startCli(['--library', lib, 'add', samples, '--workers', '2']);
    const dbFile = join(lib, 'library.sqlite');
    // Kill with SIGKILL (no chance to clean up) once some, but not all, files are analysed.
    let before = new Map<number, number>();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 30));
      try {
        before = analysedRows(dbFile);
      } catch {
        continue;
      }
      if (before.size >= 20) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    before = analysedRows(dbFile);
    assert.ok(before.size > 0 && before.size < paths.length, `killed mid-way (${before.size} of ${paths.length} analysed)`);

    const resume = runCli(['--library', lib, 'scan', '--json']);
    assert.equal(resume.code, 0, resume.stderr);
    const result = JSON.parse(resume.stdout);
    assert.equal(result.analysis.analysed, paths.length - before.size, 'resumed exactly where it stopped');
    const after = analysedRows(dbFile);
    assert.equal(after.size, paths.length);
    for (const [id, at] of before) assert.equal(after.get(id), at, `sample ${id} was not analysed again`);
    const status = JSON.parse(runCli(['--library', lib, 'status', '--json']).stdout);
    assert.deepEqual([status.indexed, status.analysed, status.pending, status.failed, status.missing], [paths.length, paths.length, 0, 0, 0]);
    const integrity = new Database(dbFile, { readonly: true }).pragma('integrity_check', { simple: true });
    assert.equal(integrity, 'ok');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unreadable folders and files are reported per item, the rest analysed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-perm-'));
  try {
    chmodSync(dir, 0o755);
    const samples = join(dir, 'samples');
    writeLibrary(samples, 4);
    mkdirSync(join(samples, 'Locked'));
    writeFileSync(join(samples, 'Locked', 'hidden.wav'), encodeWav(kickHit(0.3), 44100, { bitDepth: 16 }));
    chmodSync(join(samples, 'Locked'), 0o000);
    const lockedFile = join(samples, 'Pack 0', 'Kick 1.wav');
    chmodSync(lockedFile, 0o000);
    const lib = join(dir, 'lib');
    mkdirSync(lib, { mode: 0o777 });
    chmodSync(lib, 0o777);
    // Root reads everything, so as root the CLI runs as the unprivileged 'nobody' user, like a real user would.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = runCli(['--library', lib, 'add', samples, '--json'], { ...asUser, env: { ...process.env, HOME: lib } });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status.indexed, 4);
    assert.equal(out.status.analysed, 3);
    assert.equal(out.status.failedByReason.unreadable, 1);
    assert.deepEqual(out.index[0].problems.map((p: { code: string }) => p.code), ['permission']);
    assert.match(r.stderr, /permission denied reading folder .*Locked/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
