import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { AudioDecodeError } from '../../src/main/decode/decode-error.js';
import { encodeWithTool, makeGarbageHeader, makeGarbageMiddle, makeRandomFile, makeTextFile, makeTruncatedCopy, makeZeroLength, sine, writeWavFixture } from '../support/audio-fixtures.js';
import { decodeAll, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

const good = t.file('good.wav');
writeWavFixture(good, [sine(440, 0.5, 44100)], 44100, { bitDepth: 16 });
const goodBytes = readFileSync(good);

async function expectError(path: string, code: string, message: RegExp): Promise<void> {
  await assert.rejects(decodeAll(path), (err: unknown) => {
    assert.ok(err instanceof AudioDecodeError, `expected AudioDecodeError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

test('truncated WAV names the declared size, offset and real end', async () => {
  makeTruncatedCopy(good, t.file('trunc.wav'), 4096);
  await expectError(t.file('trunc.wav'), 'truncated', /^truncated data chunk: header declares 44100 bytes at byte 44 but the file ends at byte 4096$/);
});

test('WAV cut inside its header is truncated, not corrupt', async () => {
  makeTruncatedCopy(good, t.file('head.wav'), 30);
  await expectError(t.file('head.wav'), 'truncated', /'fmt ' chunk at byte 12 declares 16 bytes but the file ends at byte 30/);
});

test('zero-length file is empty', async () => {
  makeZeroLength(t.file('zero.wav'));
  await expectError(t.file('zero.wav'), 'empty', /^file is empty \(0 bytes\)$/);
});

test('WAV with an empty data chunk has no audio frames', async () => {
  writeFileSync(t.file('nodata.wav'), encodeWav([new Float32Array(0)], 44100, { bitDepth: 16 }));
  await expectError(t.file('nodata.wav'), 'empty', /^no audio frames/);
});

test('text renamed to .wav is not audio and says what it starts with', async () => {
  makeTextFile(t.file('notes.wav'), 'Hello there');
  await expectError(t.file('notes.wav'), 'unsupported', /^not an audio file: starts with bytes 48 65 6c 6c \('Hell'\)$/);
});

test('garbage header is refused as not audio', async () => {
  makeGarbageHeader(good, t.file('garbage.wav'), 16);
  await expectError(t.file('garbage.wav'), 'unsupported', /^not an audio file: starts with bytes/);
});

test('short fmt chunk is corrupt with its size', async () => {
  const b = Buffer.from(goodBytes);
  b.writeUInt32LE(6, 16);
  writeFileSync(t.file('fmt6.wav'), b);
  await expectError(t.file('fmt6.wav'), 'corrupt', /^not a valid WAV: fmt chunk is 6 bytes, expected at least 16$/);
});

test('MS ADPCM WAV is unsupported, by name', async () => {
  const b = Buffer.from(goodBytes);
  b.writeUInt16LE(2, 20);
  writeFileSync(t.file('adpcm.wav'), b);
  await expectError(t.file('adpcm.wav'), 'unsupported', /^unsupported WAV codec 0x0002 \(MS ADPCM\)$/);
});

test('random bytes named .flac/.mp3/.ogg are refused, not decoded as noise', async () => {
  for (const ext of ['flac', 'mp3', 'ogg']) {
    makeRandomFile(t.file(`junk.${ext}`), 8192, ext.length);
    await expectError(t.file(`junk.${ext}`), 'unsupported', /^not an audio file: starts with bytes/);
  }
});

test('the extension does not matter: a FLAC named .wav decodes as FLAC', async () => {
  encodeWithTool(good, 'flac', t.file('real.flac'));
  writeFileSync(t.file('liar.wav'), readFileSync(t.file('real.flac')));
  const d = await decodeAll(t.file('liar.wav'));
  assert.equal(d.info.format, 'flac');
  assert.equal(d.channels[0]!.length, 22050);
});

test('lossy streams damaged mid-way or cut short throw instead of returning partial audio', async () => {
  const long = t.file('long.wav');
  writeWavFixture(long, [sine(440, 3, 44100), sine(660, 3, 44100)], 44100, { bitDepth: 16 });
  for (const format of ['flac', 'mp3', 'ogg'] as const) {
    const enc = t.file(`long.${format}`);
    encodeWithTool(long, format, enc);
    const size = readFileSync(enc).length;
    makeGarbageMiddle(enc, t.file(`mid.${format}`), Math.floor(size / 3), Math.floor(size / 3));
    await expectError(t.file(`mid.${format}`), 'corrupt', new RegExp(`^(FLAC|MP3|Ogg Vorbis) stream (damaged|ended early)`));
    makeTruncatedCopy(enc, t.file(`cut.${format}`), Math.floor(size / 2));
    await assert.rejects(decodeAll(t.file(`cut.${format}`)), (err: unknown) => err instanceof AudioDecodeError && /stream|truncated/.test(err.message));
  }
});

test('other containers get a specific refusal', async () => {
  writeFileSync(t.file('song.mid'), Buffer.from('MThd\0\0\0\x06\0\x01\0\x02\x01\xe0', 'latin1'));
  await expectError(t.file('song.mid'), 'unsupported', /^not an audio file: a MIDI file$/);
  const avi = Buffer.from(goodBytes);
  avi.write('AVI ', 8, 'latin1');
  writeFileSync(t.file('clip.wav'), avi);
  await expectError(t.file('clip.wav'), 'unsupported', /RIFF file of type 'AVI '/);
});

test('a failed open leaves the file untouched', async () => {
  makeTruncatedCopy(good, t.file('keep.wav'), 1000);
  const before = readFileSync(t.file('keep.wav'));
  await assert.rejects(openAudio(t.file('keep.wav')));
  assert.deepEqual(readFileSync(t.file('keep.wav')), before);
});

test('truncated AIFF names the frames COMM declares and where the file ends', async () => {
  const { writeAiffFixture } = await import('../support/audio-fixtures.js');
  writeAiffFixture(t.file('good.aif'), [sine(440, 0.5, 44100)], 44100, { bitDepth: 16 });
  makeTruncatedCopy(t.file('good.aif'), t.file('cut.aif'), 3000);
  await expectError(t.file('cut.aif'), 'truncated', /^truncated SSND chunk: COMM declares 22050 frames \(44100 bytes\) at byte \d+ but the file ends at byte 3000$/);
});

test('Ogg Opus is refused by name', async () => {
  const page = Buffer.alloc(27 + 1 + 19);
  page.write('OggS', 0, 'latin1');
  page[5] = 2; page[26] = 1; page[27] = 19;
  page.write('OpusHead', 28, 'latin1');
  writeFileSync(t.file('voice.ogg'), page);
  await expectError(t.file('voice.ogg'), 'unsupported', /^unsupported Ogg codec: Opus/);
});
