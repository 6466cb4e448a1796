import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { normaliseKey } from '../../src/shared/music/keys.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { sine } from '../support/audio-fixtures.js';
import { tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

test('key spellings normalise to one form', () => {
  for (const s of ['Am', 'A min', 'Amin', 'A minor', 'a-moll', '8A', '08A', '1m']) assert.equal(normaliseKey(s), 'A minor', s);
  for (const s of ['F#', 'F# maj', 'F#major', 'F♯', 'F sharp', '2B']) assert.equal(normaliseKey(s), 'F# major', s);
  assert.equal(normaliseKey('8B'), 'C major');
  assert.equal(normaliseKey('1d'), 'C major');
  assert.equal(normaliseKey('Bbm'), 'A# minor', 'one spelling for every key, so filters match');
  assert.equal(normaliseKey('CM'), 'C major');
  assert.equal(normaliseKey('12A'), 'C# minor');
  assert.equal(normaliseKey('hello'), null);
  assert.equal(normaliseKey('13A'), null);
});

test('WAV acid, smpl, bext and LIST INFO written by encodeWav read back', async () => {
  const meta = { bpm: 128, rootNote: 45, loop: true, beats: 8, loopPoints: [{ start: 0, end: 41999 }], title: 'Drum Loop', artist: 'Me', genre: 'House', comment: 'dry', software: 'Sonoteca', description: 'Four bars', originator: 'Sonoteca test' };
  writeFileSync(t.file('meta.wav'), encodeWav([sine(110, 1, 42000)], 42000, { bitDepth: 16, metadata: meta }));
  const src = await openAudio(t.file('meta.wav'));
  await src.close();
  const { raw, ...fields } = src.metadata;
  assert.deepEqual(fields, meta);
  assert.equal(raw?.['INFO.INAM'], 'Drum Loop');
  assert.equal(raw?.['INFO.IGNR'], 'House');
  assert.equal(raw?.['ACID.tempo'], '128');
  assert.equal(raw?.['SMPL.unityNote'], '45');
  assert.equal(raw?.['BEXT.originator'], 'Sonoteca test');
});

test('acid one-shot flag means loop=false; id3 chunk inside WAV is read', async () => {
  const wav = encodeWav([sine(110, 0.1, 44100)], 44100, { bitDepth: 16, metadata: { loop: false, bpm: 90 } });
  // Append an 'id3 ' chunk holding an ID3v2.4 tag with TBPM/TKEY/TCON/TXXX.
  const frame = (id: string, body: Buffer) => { const h = Buffer.alloc(10); h.write(id, 0, 'latin1'); h.writeUInt32BE(body.length, 4); return Buffer.concat([h, body]); };
  const text = (s: string) => Buffer.concat([Buffer.from([3]), Buffer.from(s, 'utf8')]);
  const frames = Buffer.concat([
    frame('TKEY', text('Am')), frame('TCON', text('(17)')), frame('TIT2', text('Tagged')),
    frame('TXXX', Buffer.concat([Buffer.from([3]), Buffer.from('MOOD\0dark', 'utf8')])),
    frame('COMM', Buffer.concat([Buffer.from([0]), Buffer.from('eng'), Buffer.from('\0a comment', 'latin1')])),
  ]);
  const tag = Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, frames.length]), frames]);
  const chunk = Buffer.alloc(8);
  chunk.write('id3 ', 0, 'latin1');
  chunk.writeUInt32LE(tag.length, 4);
  const file = Buffer.concat([wav, chunk, tag, Buffer.alloc(tag.length & 1)]);
  file.writeUInt32LE(file.length - 8, 4);
  writeFileSync(t.file('id3.wav'), file);
  const src = await openAudio(t.file('id3.wav'));
  await src.close();
  assert.equal(src.metadata.loop, false);
  assert.equal(src.metadata.bpm, 90);
  assert.equal(src.metadata.key, 'A minor');
  assert.equal(src.metadata.genre, 'Rock');
  assert.equal(src.metadata.title, 'Tagged');
  assert.equal(src.metadata.comment, 'a comment');
  assert.equal(src.metadata.raw?.['ID3.TXXX:MOOD'], 'dark');
  assert.equal(src.metadata.raw?.['ID3.TKEY'], 'Am');
});

test('ID3v1 at the end of an MP3 is read and not fed to the decoder as audio', async () => {
  const { encodeWithTool } = await import('../support/audio-fixtures.js');
  const { decodeAll } = await import('./decode-all.js');
  const { readFileSync } = await import('node:fs');
  writeFileSync(t.file('v1.wav'), encodeWav([sine(440, 1, 44100)], 44100, { bitDepth: 16 }));
  encodeWithTool(t.file('v1.wav'), 'mp3', t.file('plain.mp3'));
  const v1 = Buffer.alloc(128);
  v1.write('TAG', 0, 'latin1');
  v1.write('Old Title', 3, 'latin1');
  v1.write('Old Artist', 33, 'latin1');
  v1[127] = 7; // Hip-Hop
  writeFileSync(t.file('v1.mp3'), Buffer.concat([readFileSync(t.file('plain.mp3')), v1]));
  const d = await decodeAll(t.file('v1.mp3'));
  assert.equal(d.metadata.title, 'Old Title');
  assert.equal(d.metadata.artist, 'Old Artist');
  assert.equal(d.metadata.genre, 'Hip-Hop');
  assert.equal(d.metadata.raw?.['ID3v1.title'], 'Old Title');
  assert.ok(Math.abs(d.channels[0]!.length - 44100) <= 1152);
});

test('LIST INFO after the data chunk is still found', async () => {
  const wav = encodeWav([sine(110, 0.1, 44100)], 44100, { bitDepth: 16 });
  const info = Buffer.from('INFOINAM\x06\0\0\0Late!\0', 'latin1');
  const list = Buffer.alloc(8);
  list.write('LIST', 0, 'latin1');
  list.writeUInt32LE(info.length, 4);
  const file = Buffer.concat([wav, list, info]);
  file.writeUInt32LE(file.length - 8, 4);
  writeFileSync(t.file('late.wav'), file);
  const src = await openAudio(t.file('late.wav'));
  await src.close();
  assert.equal(src.metadata.title, 'Late!');
});
