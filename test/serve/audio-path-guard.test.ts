// The audio path guard: only files inside the library's roots, whatever tricks the URL plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confineToRoots, guardAudioPath } from '../../src/main/api/audio-path-guard.js';
import { parseByteRange } from '../../src/main/api/byte-range.js';

const roots = ['/music/samples', '/Volumes/Drive/Packs/'];

test('paths inside a root are allowed', () => {
  const r = guardAudioPath('/music/samples/Drums/Kick 01.wav', roots);
  assert.deepEqual(r, { ok: true, path: '/music/samples/Drums/Kick 01.wav', root: '/music/samples' });
  const r2 = guardAudioPath('/Volumes/Drive/Packs/a.wav', roots);
  assert.ok(r2.ok);
  assert.ok(guardAudioPath(encodeURIComponent('/music/samples/Perc/Shaker #2 (50%).wav'), roots, { encoded: true }).ok, 'a lone % is fine');
  assert.equal(guardAudioPath(encodeURIComponent('/music/samples/Perc/Shaker%41.wav'), roots, { encoded: true }).ok, false, 'a %xx left after one decode is refused');
  assert.ok(guardAudioPath(encodeURIComponent('/music/samples/Perc/Shaker #2.wav'), roots, { encoded: true }).ok);
});

test('outside the roots is refused', () => {
  for (const p of ['/etc/passwd', '/music/samples-other/a.wav', '/music', '/music/samples', '/Volumes/Drive/Packs']) {
    const r = guardAudioPath(p, roots);
    assert.equal(r.ok, false, p);
  }
});

test('traversal in every disguise is refused', () => {
  const cases: Array<[string, boolean]> = [
    ['/music/samples/../../etc/passwd', false],
    ['/music/samples/Drums/../../../etc/passwd', false],
    ['/music/samples/./a.wav', false],
    ['%2Fmusic%2Fsamples%2F%2e%2e%2F%2e%2e%2Fetc%2Fpasswd', true],
    ['/music/samples/%2e%2e/%2e%2e/etc/passwd', true],
    ['/music/samples/%252e%252e%252f%252e%252e%252fetc/passwd', true],
    ['/music/samples/..%2f..%2fetc/passwd', true],
    ['/music/samples/a.wav%00.txt', true],
    ['%E0%A4%A', true],
  ];
  for (const [p, encoded] of cases) {
    const r = guardAudioPath(p, roots, { encoded });
    assert.equal(r.ok, false, `${p} should be refused`);
  }
  assert.equal(guardAudioPath('/music/samples/a\0.wav', roots).ok, false);
  assert.equal(guardAudioPath('music/samples/a.wav', roots).ok, false);
  assert.equal(guardAudioPath('/music/samples/a\n.wav', roots).ok, false);
});

test('windows paths compare case-insensitively and refuse backslash traversal', () => {
  const w = ['C:\\Samples'];
  assert.ok(guardAudioPath('c:\\samples\\Kick.wav', w, { platform: 'win32' }).ok);
  assert.equal(guardAudioPath('C:\\Samples\\..\\Windows\\win.ini', w, { platform: 'win32' }).ok, false);
  assert.equal(guardAudioPath('C:\\Samples/../Windows/win.ini', w, { platform: 'win32' }).ok, false);
  assert.equal(guardAudioPath('C:\\SamplesX\\a.wav', w, { platform: 'win32' }).ok, false);
});

test('symlinks escaping a root are refused, links staying inside are fine', async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-guard-')));
  try {
    const root = join(base, 'root');
    const outside = join(base, 'secret');
    await mkdir(join(root, 'sub'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, 'key.wav'), 'secret');
    await writeFile(join(root, 'sub', 'real.wav'), 'audio');
    await symlink(join(outside, 'key.wav'), join(root, 'escape.wav'));
    await symlink(outside, join(root, 'escape-dir'));
    await symlink(join(root, 'sub', 'real.wav'), join(root, 'alias.wav'));
    const esc = await confineToRoots(join(root, 'escape.wav'), [root]);
    assert.equal(esc.ok, false);
    assert.equal(!esc.ok && esc.status, 403);
    assert.equal((await confineToRoots(join(root, 'escape-dir', 'key.wav'), [root])).ok, false);
    const alias = await confineToRoots(join(root, 'alias.wav'), [root]);
    assert.ok(alias.ok && alias.path === join(root, 'sub', 'real.wav'));
    const missing = await confineToRoots(join(root, 'nope.wav'), [root]);
    assert.equal(!missing.ok && missing.status, 404);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});

test('byte ranges', () => {
  assert.deepEqual(parseByteRange(undefined, 100), { kind: 'full' });
  assert.deepEqual(parseByteRange('bytes=0-9', 100), { kind: 'partial', start: 0, end: 9 });
  assert.deepEqual(parseByteRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 });
  assert.deepEqual(parseByteRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
  assert.deepEqual(parseByteRange('bytes=50-500', 100), { kind: 'partial', start: 50, end: 99 });
  assert.deepEqual(parseByteRange('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseByteRange('bytes=9-3', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseByteRange('items=0-1', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseByteRange('bytes=-', 100), { kind: 'unsatisfiable' });
});
