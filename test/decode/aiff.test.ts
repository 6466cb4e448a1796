import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { encodeAiff, extended80 } from '../../src/main/encode/aiff-writer.js';
import { readExtended80 } from '../../src/main/decode/binary-text.js';
import { sine, writeAiffFixture } from '../support/audio-fixtures.js';
import { decodeAll, maxDiff, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

test('80-bit extended sample rates survive write and read', () => {
  for (const r of [8000, 11025, 22050, 44100, 48000, 88200, 96000, 192000]) assert.equal(readExtended80(extended80(r), 0), r);
});

for (const [name, opts, codec, tol] of [
  ['AIFF 16-bit', { bitDepth: 16 }, 'pcm_s16be', 1 / 32768],
  ['AIFF 24-bit', { bitDepth: 24 }, 'pcm_s24be', 1 / 8388608],
  ['AIFF 8-bit', { bitDepth: 8 }, 'pcm_s8be', 1 / 128],
  ['AIFF-C sowt 16-bit', { bitDepth: 16, compression: 'sowt' }, 'aifc_sowt', 1 / 32768],
  ['AIFF-C fl32', { bitDepth: 32, compression: 'fl32' }, 'pcm_f32be', 0],
] as const) {
  test(`${name} stereo round-trips`, async () => {
    const l = sine(261.63, 0.25, 48000, 0.6), r = sine(523.25, 0.25, 48000, 0.3);
    const path = t.file(`${codec}.aif`);
    writeAiffFixture(path, [l, r], 48000, opts);
    const d = await decodeAll(path);
    assert.equal(d.info.format, 'aiff');
    assert.equal(d.info.codec, codec);
    assert.equal(d.info.sampleRate, 48000);
    assert.equal(d.info.frames, l.length);
    assert.ok(maxDiff(d.channels[0]!, l) <= tol);
    assert.ok(maxDiff(d.channels[1]!, r) <= tol);
  });
}

test('AIFF-C fl64 and a non-zero SSND offset decode', async () => {
  // Start from an fl32 file, then rewrite COMM and SSND by hand for 64-bit floats with 4 offset bytes.
  const values = [0.5, -0.25, 0.125];
  const comm = Buffer.alloc(18);
  comm.writeUInt16BE(1, 0); comm.writeUInt32BE(values.length, 2); comm.writeUInt16BE(64, 6);
  extended80(44100).copy(comm, 8);
  const commBody = Buffer.concat([comm, Buffer.from('fl64'), Buffer.from([0, 0])]);
  const ssnd = Buffer.alloc(8 + 4 + values.length * 8);
  ssnd.writeUInt32BE(4, 0);
  values.forEach((v, i) => ssnd.writeDoubleBE(v, 12 + i * 8));
  const chunk = (id: string, b: Buffer) => { const h = Buffer.alloc(8); h.write(id, 0, 'latin1'); h.writeUInt32BE(b.length, 4); return Buffer.concat([h, b, Buffer.alloc(b.length & 1)]); };
  const body = Buffer.concat([Buffer.from('AIFC'), chunk('COMM', commBody), chunk('SSND', ssnd)]);
  const h = Buffer.alloc(8); h.write('FORM', 0, 'latin1'); h.writeUInt32BE(body.length, 4);
  writeFileSync(t.file('f64.aifc'), Buffer.concat([h, body]));
  const d = await decodeAll(t.file('f64.aifc'));
  assert.deepEqual(Array.from(d.channels[0]!), values);
});

test('AIFF NAME/AUTH/ANNO and INST + MARK give title, artist, comment, root note and loop', async () => {
  const bytes = encodeAiff([sine(220, 0.5, 44100)], 44100, { bitDepth: 16, metadata: { title: 'Bass C2', artist: 'Sonoteca', comment: 'fixture', rootNote: 36, loopPoints: [{ start: 1000, end: 20999 }] } });
  writeFileSync(t.file('meta.aif'), bytes);
  const d = await decodeAll(t.file('meta.aif'));
  assert.equal(d.metadata.title, 'Bass C2');
  assert.equal(d.metadata.artist, 'Sonoteca');
  assert.equal(d.metadata.comment, 'fixture');
  assert.equal(d.metadata.rootNote, 36);
  assert.deepEqual(d.metadata.loopPoints, [{ start: 1000, end: 20999 }]);
  assert.equal(d.metadata.raw?.['AIFF.NAME'], 'Bass C2');
});
