import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { WavFileWriter } from '../../src/main/encode/wav-file-writer.js';
import { sine } from '../support/audio-fixtures.js';
import { decodeAll, maxDiff, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

/** A RIFF WAV from raw parts, for layouts our encoder does not write (8-bit, 64-bit float, odd chunks, RF64). */
function riff(chunks: [string, Buffer][], head = 'RIFF'): Buffer {
  const parts = chunks.map(([id, body]) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'latin1');
    h.writeUInt32LE(body.length, 4);
    return Buffer.concat([h, body, Buffer.alloc(body.length & 1)]);
  });
  const body = Buffer.concat([Buffer.from('WAVE'), ...parts]);
  const h = Buffer.alloc(8);
  h.write(head, 0, 'latin1');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body]);
}

function fmt(tag: number, ch: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(tag, 0); b.writeUInt16LE(ch, 2); b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * ch * bits) / 8, 8); b.writeUInt16LE((ch * bits) / 8, 12); b.writeUInt16LE(bits, 14);
  return b;
}

for (const [bitDepth, float, tol] of [[16, false, 1 / 32768], [24, false, 1 / 8388608], [32, false, 1e-7], [32, true, 0]] as const) {
  test(`WAV ${bitDepth}-bit ${float ? 'float' : 'int'} stereo round-trips within quantisation`, async () => {
    const l = sine(440, 0.3, 44100, 0.7), r = sine(1000, 0.3, 44100, 0.3);
    writeFileSync(t.file(`rt${bitDepth}${float}.wav`), encodeWav([l, r], 44100, { bitDepth, float }));
    const d = await decodeAll(t.file(`rt${bitDepth}${float}.wav`));
    assert.deepEqual({ ...d.info }, { format: 'wav', codec: float ? 'pcm_f32le' : `pcm_s${bitDepth}le`, sampleRate: 44100, channels: 2, bitDepth, frames: l.length });
    assert.ok(maxDiff(d.channels[0]!, l) <= tol, `left diff ${maxDiff(d.channels[0]!, l)}`);
    assert.ok(maxDiff(d.channels[1]!, r) <= tol);
  });
}

test('8-bit unsigned WAV decodes centred on 128', async () => {
  const data = Buffer.from([128, 255, 0, 192, 64]);
  writeFileSync(t.file('u8.wav'), riff([['fmt ', fmt(1, 1, 8000, 8)], ['data', data]]));
  const d = await decodeAll(t.file('u8.wav'));
  assert.deepEqual(Array.from(d.channels[0]!), [0, 127 / 128, -1, 0.5, -0.5]);
  assert.equal(d.info.codec, 'pcm_u8');
});

test('64-bit float WAV decodes exactly', async () => {
  const v = [0.125, -0.5, 0.999, -1];
  const data = Buffer.alloc(32);
  v.forEach((x, i) => data.writeDoubleLE(x, i * 8));
  writeFileSync(t.file('f64.wav'), riff([['fmt ', fmt(3, 2, 48000, 64)], ['data', data]]));
  const d = await decodeAll(t.file('f64.wav'));
  assert.deepEqual(Array.from(d.channels[0]!), [0.125, 0.999].map(Math.fround));
  assert.deepEqual(Array.from(d.channels[1]!), [-0.5, -1]);
});

test('odd-sized chunk with its pad byte, and one without, are both skipped correctly', async () => {
  const data = Buffer.alloc(8);
  data.writeInt16LE(16384, 0); data.writeInt16LE(-16384, 2); data.writeInt16LE(8192, 4); data.writeInt16LE(-8192, 6);
  writeFileSync(t.file('odd.wav'), riff([['fmt ', fmt(1, 1, 22050, 16)], ['junk', Buffer.from('abc')], ['data', data]]));
  assert.deepEqual(Array.from((await decodeAll(t.file('odd.wav'))).channels[0]!), [0.5, -0.5, 0.25, -0.25]);
  // Same file with the pad byte missing (a common writer bug).
  const good = readFileSync(t.file('odd.wav'));
  const junkAt = good.indexOf('junk');
  const nopad = Buffer.concat([good.subarray(0, junkAt + 11), good.subarray(junkAt + 12)]);
  writeFileSync(t.file('nopad.wav'), nopad);
  assert.deepEqual(Array.from((await decodeAll(t.file('nopad.wav'))).channels[0]!), [0.5, -0.5, 0.25, -0.25]);
});

test('WAVE_FORMAT_EXTENSIBLE 6-channel 24-bit keeps every channel apart', async () => {
  const chans = [110, 220, 330, 440, 550, 660].map((f) => sine(f, 0.2, 48000, 0.4));
  const bytes = encodeWav(chans, 48000, { bitDepth: 24 });
  assert.equal(bytes.readUInt16LE(20), 0xfffe);
  writeFileSync(t.file('six.wav'), bytes);
  const d = await decodeAll(t.file('six.wav'));
  assert.equal(d.info.channels, 6);
  chans.forEach((c, i) => assert.ok(maxDiff(d.channels[i]!, c) <= 1 / 8388608, `channel ${i}`));
});

test('EXTENSIBLE float sub-format GUID decodes as float', async () => {
  const chans = [sine(100, 0.05, 44100), sine(200, 0.05, 44100), sine(300, 0.05, 44100)];
  writeFileSync(t.file('extf.wav'), encodeWav(chans, 44100, { bitDepth: 32, float: true }));
  const d = await decodeAll(t.file('extf.wav'));
  assert.equal(d.info.codec, 'pcm_f32le');
  assert.equal(maxDiff(d.channels[2]!, chans[2]!), 0);
});

test('A-law and µ-law WAV decode', async () => {
  // 0xd5 is A-law's smallest positive step; µ-law 0xff is zero and 0x80 is full-scale positive.
  writeFileSync(t.file('alaw.wav'), riff([['fmt ', fmt(6, 1, 8000, 8)], ['data', Buffer.from([0xd5, 0x55])]]));
  writeFileSync(t.file('ulaw.wav'), riff([['fmt ', fmt(7, 1, 8000, 8)], ['data', Buffer.from([0xff, 0x80, 0x00])]]));
  const a = (await decodeAll(t.file('alaw.wav'))).channels[0]!;
  assert.ok(a[0]! > 0 && a[0]! < 0.001 && a[1]! < 0 && a[1]! > -0.001);
  const u = (await decodeAll(t.file('ulaw.wav'))).channels[0]!;
  assert.equal(u[0], 0);
  assert.ok(u[1]! > 0.95 && u[2]! < -0.95);
});

test('RF64 with ds64 sizes decodes', async () => {
  const pcm = sine(440, 0.1, 44100);
  const std = encodeWav([pcm], 44100, { bitDepth: 16 });
  const data = std.subarray(std.indexOf('data') + 8);
  const ds64 = Buffer.alloc(28);
  ds64.writeBigUInt64LE(0n, 0);
  ds64.writeBigUInt64LE(BigInt(data.length), 8);
  ds64.writeBigUInt64LE(BigInt(pcm.length), 16);
  const file = riff([['ds64', ds64], ['fmt ', fmt(1, 1, 44100, 16)], ['data', data]], 'RF64');
  file.writeUInt32LE(0xffffffff, 4);
  file.writeUInt32LE(0xffffffff, file.indexOf('data') + 4);
  writeFileSync(t.file('rf64.wav'), file);
  const d = await decodeAll(t.file('rf64.wav'));
  assert.equal(d.info.frames, pcm.length);
  assert.ok(maxDiff(d.channels[0]!, pcm) <= 1 / 32768);
});

test('16-bit TPDF dither stays within 2 LSB and is not plain rounding', async () => {
  const x = sine(997, 0.1, 44100, 0.25);
  const dith = encodeWav([x], 44100, { bitDepth: 16, dither: true });
  const plain = encodeWav([x], 44100, { bitDepth: 16 });
  assert.notDeepEqual(dith, plain);
  writeFileSync(t.file('dith.wav'), dith);
  assert.ok(maxDiff((await decodeAll(t.file('dith.wav'))).channels[0]!, x) <= 2 / 32768);
});

test('WavFileWriter streams blocks, patches header sizes, and refuses to overwrite', async () => {
  const path = t.file('stream.wav');
  const w = await WavFileWriter.open(path, { sampleRate: 48000, channels: 2, bitDepth: 24 });
  const a = sine(300, 0.5, 48000), b = sine(600, 0.5, 48000);
  for (let s = 0; s < a.length; s += 5000) await w.write([a.subarray(s, s + 5000), b.subarray(s, s + 5000)]);
  await w.close();
  const bytes = readFileSync(path);
  assert.equal(bytes.readUInt32LE(4), bytes.length - 8);
  const dataAt = bytes.indexOf('data');
  assert.equal(bytes.readUInt32LE(dataAt + 4), a.length * 6);
  assert.equal(dataAt + 8 + a.length * 6, bytes.length);
  const d = await decodeAll(path);
  assert.ok(maxDiff(d.channels[1]!, b) <= 1 / 8388608);
  await assert.rejects(WavFileWriter.open(path, { sampleRate: 48000, channels: 2, bitDepth: 24 }), { code: 'EEXIST' });
  assert.deepEqual(readFileSync(path), bytes);
});

test('a WAV its writer never finalised (data size 0) decodes to the end of the file', async () => {
  const pcm = sine(440, 0.1, 44100);
  const b = Buffer.from(encodeWav([pcm], 44100, { bitDepth: 16 }));
  b.writeUInt32LE(0, 4);
  b.writeUInt32LE(0, b.indexOf('data') + 4);
  writeFileSync(t.file('unfinal.wav'), b);
  const d = await decodeAll(t.file('unfinal.wav'));
  assert.equal(d.channels[0]!.length, pcm.length);
  assert.ok(maxDiff(d.channels[0]!, pcm) <= 1 / 32768);
});
