// The personal similarity calls and event: empty requests only, and a status payload the UI can trust.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContractError, isCallName, isEventName, parseEvent, parseRequest } from '../../src/shared/contract/index.js';

const rejects = (fn: () => unknown, field: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ContractError && field.test(err.message));

const status = {
  state: 'trained', labels: 14, classes: 2, needs: null, progress: null, message: null,
  trained: { labels: 14, classes: 2, at: 1795000000000, seconds: 3.2, groups: [{ label: 'kick · 808', count: 7 }, { label: 'kick · acoustic', count: 7 }] },
};

test('personal head calls take an empty object and nothing else', () => {
  for (const name of ['personalHead.status', 'personalHead.train', 'personalHead.reset'] as const) {
    assert.ok(isCallName(name));
    assert.deepEqual(parseRequest(name, {}), {});
    rejects(() => parseRequest(name, { force: true }), /force: unknown field/);
    rejects(() => parseRequest(name, null), /expected an object, got null/);
    rejects(() => parseRequest(name, 'reset'), /expected an object, got string/);
    rejects(() => parseRequest(name, []), /got array/);
  }
});

test('the personal-head event carries a validated status', () => {
  assert.ok(isEventName('personal-head'));
  assert.deepEqual(parseEvent('personal-head', status), status);
  const training = { ...status, state: 'training', trained: null, progress: { epoch: 3, epochs: 60 } };
  assert.deepEqual(parseEvent('personal-head', training).progress, { epoch: 3, epochs: 60 });
  rejects(() => parseEvent('personal-head', { ...status, state: 'exploded' }), /personal-head\.state/);
  rejects(() => parseEvent('personal-head', { ...status, labels: -1 }), /personal-head\.labels/);
  rejects(() => parseEvent('personal-head', { ...status, progress: { epoch: 1.5, epochs: 2 } }), /personal-head\.progress\.epoch: expected an integer/);
  rejects(() => parseEvent('personal-head', { ...status, trained: { ...status.trained, groups: [{ label: 7, count: 1 }] } }), /personal-head\.trained\.groups\[0\]\.label/);
  rejects(() => parseEvent('personal-head', { ...status, extra: 1 }), /personal-head\.extra: unknown field/);
  const { message: _dropped, ...missing } = status;
  rejects(() => parseEvent('personal-head', missing), /personal-head\.message/);
});
