// The Electron main process's IPC gate: sender checks first, then the contract's validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIpcCall, senderTrusted } from '../../src/main/app/ipc-guard.js';

const ours = { isOwnWindow: true, frameUrl: 'sonoteca-app://ui/index.html', isMainFrame: true };

test('only our own top frame on our own protocol is trusted', () => {
  assert.ok(senderTrusted(ours));
  assert.equal(senderTrusted({ ...ours, isOwnWindow: false }), false);
  assert.equal(senderTrusted({ ...ours, isMainFrame: false }), false);
  assert.equal(senderTrusted({ ...ours, frameUrl: 'https://evil.example/' }), false);
  assert.equal(senderTrusted({ ...ours, frameUrl: 'sonoteca-app://uix/index.html' }), false);
  assert.equal(senderTrusted({ ...ours, frameUrl: 'file:///index.html' }), false);
  assert.equal(senderTrusted({ ...ours, frameUrl: null }), false);
});

test('calls are validated against the contract before reaching the core', () => {
  const good = checkIpcCall(ours, 'labels.set', { ids: [3], category: 'snare' });
  assert.deepEqual(good, { ok: true, name: 'labels.set', request: { ids: [3], category: 'snare' } });
  const bad = checkIpcCall(ours, 'labels.set', { ids: [3], category: 'snare', extra: true });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.code, 'bad-request');
  assert.match(!bad.ok ? bad.error.message : '', /extra: unknown field/);
  const unknown = checkIpcCall(ours, 'fs.readFile', {});
  assert.equal(!unknown.ok && unknown.error.code, 'not-found');
  const stranger = checkIpcCall({ ...ours, frameUrl: 'https://evil.example/' }, 'library.status', {});
  assert.equal(!stranger.ok && stranger.error.code, 'unauthorized');
});
