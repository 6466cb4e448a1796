// The contract's validators: good payloads pass through typed, bad ones are refused with the offending field named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLS, CALL_NAMES, ContractError, isCallName, parseEvent, parseRequest } from '../../src/shared/contract/index.js';

const rejects = (fn: () => unknown, field: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ContractError && field.test(err.message));

test('every call has a request schema', () => {
  assert.ok(CALL_NAMES.length >= 30);
  for (const name of CALL_NAMES) assert.equal(typeof CALLS[name].request.parse, 'function', name);
  assert.ok(isCallName('samples.list'));
  assert.ok(!isCallName('__proto__'));
  assert.ok(!isCallName('constructor'));
});

test('a full list request is accepted and keeps its values', () => {
  const req = parseRequest('samples.list', {
    query: { text: 'kick 808', categories: ['kick', 'snare'], kinds: ['loop'], bpmMin: 120, bpmMax: 130, keys: ['A minor'], durationMin: 0.1, durationMax: 4, rootId: 2, favourites: true, status: ['analysed'] },
    sortBy: 'bpm', desc: true, offset: 100, limit: 200,
  });
  assert.equal(req.query.text, 'kick 808');
  assert.deepEqual(req.query.categories, ['kick', 'snare']);
  assert.equal(req.sortBy, 'bpm');
  assert.equal(req.limit, 200);
});

test('bad list requests are rejected with the field path', () => {
  rejects(() => parseRequest('samples.list', { query: {}, offset: -1, limit: 10 }), /offset/);
  rejects(() => parseRequest('samples.list', { query: {}, offset: 0, limit: 10_000 }), /limit/);
  rejects(() => parseRequest('samples.list', { query: {}, offset: 0.5, limit: 10 }), /integer/);
  rejects(() => parseRequest('samples.list', { query: { bpmMin: 'fast' }, offset: 0, limit: 10 }), /query\.bpmMin/);
  rejects(() => parseRequest('samples.list', { query: { kinds: ['drone'] }, offset: 0, limit: 10 }), /query\.kinds\[0\]/);
  rejects(() => parseRequest('samples.list', { query: {}, sortBy: 'random()', offset: 0, limit: 10 }), /sortBy/);
  rejects(() => parseRequest('samples.list', { query: { evil: 1 }, offset: 0, limit: 10 }), /query\.evil: unknown field/);
  rejects(() => parseRequest('samples.list', { offset: 0, limit: 10 }), /query: expected an object/);
  rejects(() => parseRequest('samples.list', null), /expected an object, got null/);
  rejects(() => parseRequest('samples.list', [1]), /got array/);
  rejects(() => parseRequest('samples.list', { query: { bpmMin: Number.NaN }, offset: 0, limit: 1 }), /finite/);
});

test('ids must be positive safe integers', () => {
  assert.deepEqual(parseRequest('labels.set', { ids: [1, 2], category: 'kick' }), { ids: [1, 2], category: 'kick' });
  rejects(() => parseRequest('labels.set', { ids: [], category: 'kick' }), /at least 1/);
  rejects(() => parseRequest('labels.set', { ids: [0], category: 'kick' }), /ids\[0\]/);
  rejects(() => parseRequest('labels.set', { ids: ['1'], category: 'kick' }), /ids\[0\]: expected a finite number/);
  rejects(() => parseRequest('labels.set', { ids: [1], category: 'Kick; DROP TABLE' }), /category/);
  rejects(() => parseRequest('samples.detail', { id: 2 ** 60 }), /maximum/);
});

test('strings refuse NUL bytes and excessive length', () => {
  rejects(() => parseRequest('library.addFolder', { path: '/music\0/etc' }), /NUL/);
  rejects(() => parseRequest('library.addFolder', { path: '' }), /shorter/);
  rejects(() => parseRequest('library.addFolder', { path: 'x'.repeat(5000) }), /longer/);
  assert.equal(parseRequest('library.addFolder', { path: '/Users/ana/Sampl€s' }).path, '/Users/ana/Sampl€s');
});

test('tags, groups and ratings', () => {
  assert.deepEqual(parseRequest('tags.add', { ids: [3], names: ['dusty', 'vinyl'] }).names, ['dusty', 'vinyl']);
  rejects(() => parseRequest('tags.add', { ids: [3], names: [] }), /names/);
  rejects(() => parseRequest('groups.create', { name: '   ' }), /blank/);
  rejects(() => parseRequest('samples.setRating', { ids: [1], rating: 6 }), /rating/);
  rejects(() => parseRequest('samples.setFavourite', { ids: [1], favourite: 'yes' }), /favourite/);
});

test('similar needs exactly one of sample or upload, and bounded weights', () => {
  assert.equal(parseRequest('similar.query', { sampleId: 4, k: 10, weights: { timbre: 1, envelope: 0.5, pitch: 0 } }).sampleId, 4);
  assert.equal(parseRequest('similar.query', { upload: { name: 'q.wav', base64: 'UklGRg==' }, k: 5 }).upload?.name, 'q.wav');
  rejects(() => parseRequest('similar.query', { k: 10 }), /exactly one/);
  rejects(() => parseRequest('similar.query', { sampleId: 1, upload: { name: 'q.wav', base64: 'UklGRg==' }, k: 10 }), /exactly one/);
  rejects(() => parseRequest('similar.query', { sampleId: 1, k: 10, weights: { timbre: 2, envelope: 0, pitch: 0 } }), /weights\.timbre/);
  rejects(() => parseRequest('similar.query', { sampleId: 1, k: 0 }), /k/);
  assert.equal(parseRequest('similar.query', { sampleId: 1, k: 5, filters: { midiMin: 48, midiMax: 60 } }).filters?.midiMax, 60);
  rejects(() => parseRequest('similar.query', { sampleId: 1, k: 5, filters: { midiMin: 128 } }), /midiMin/);
  rejects(() => parseRequest('similar.query', { sampleId: 1, k: 5, filters: { midiMax: 60.5 } }), /midiMax/);
});

test('prototype pollution keys are just unknown fields', () => {
  const payload = JSON.parse('{"query":{},"offset":0,"limit":1,"__proto__":{"admin":true}}');
  rejects(() => parseRequest('samples.list', payload), /__proto__: unknown field/);
});

test('export requests name their mode and layout', () => {
  const ok = parseRequest('export.run', { groupIds: [1], destination: '/tmp/out', layout: 'group', mode: 'copy' });
  assert.equal(ok.mode, 'copy');
  rejects(() => parseRequest('export.run', { destination: '/tmp/out', layout: 'group', mode: 'move' }), /mode/);
});

test('events are validated too', () => {
  assert.equal(parseEvent('progress', { phase: 'analyse', done: 3, total: 10, ratePerSec: 40.5, etaSec: 0.2 }).done, 3);
  rejects(() => parseEvent('progress', { phase: 'analyse', done: -1, total: 10, ratePerSec: 1, etaSec: null }), /progress\.done/);
  rejects(() => parseEvent('samples-changed', { ids: 'all' }), /samples-changed\.ids/);
});
