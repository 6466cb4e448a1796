import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { encodeWithTool, sine, writeWavFixture, zeroCrossingHz } from '../support/audio-fixtures.js';
import { decodeAll, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

const RATE = 44100;
const SEC = 2;
const wav = t.file('src.wav');
writeWavFixture(wav, [sine(440, SEC, RATE), sine(880, SEC, RATE)], RATE, { bitDepth: 16 });
const tags = { TITLE: 'Tone A4', ARTIST: 'Sonoteca', GENRE: 'Test', BPM: '120', KEY: '8A' };

for (const format of ['flac', 'mp3', 'ogg'] as const) {
  test(`${format} from the CLI encoder decodes with rate, channels, length, frequency and tags intact`, async () => {
    const out = t.file(`tone.${format}`);
    encodeWithTool(wav, format, out, { tags: format === 'mp3' ? { TITLE: 'Tone A4', ARTIST: 'Sonoteca', GENRE: 'Test', TBPM: '120', TKEY: '8A' } : tags });
    const d = await decodeAll(out);
    assert.equal(d.info.format, format);
    assert.equal(d.info.sampleRate, RATE);
    assert.equal(d.info.channels, 2);
    const frames = d.channels[0]!.length;
    if (format === 'flac') {
      assert.equal(d.info.frames, SEC * RATE);
      assert.equal(frames, SEC * RATE);
      assert.equal(d.info.bitDepth, 16);
    } else {
      assert.ok(Math.abs(frames - SEC * RATE) <= 2304, `${frames} frames`);
    }
    const mid = (c: Float32Array) => c.subarray(RATE / 4, frames - RATE / 4);
    assert.ok(Math.abs(zeroCrossingHz(mid(d.channels[0]!), RATE) - 440) < 2);
    assert.ok(Math.abs(zeroCrossingHz(mid(d.channels[1]!), RATE) - 880) < 2);
    assert.equal(d.metadata.title, 'Tone A4');
    assert.equal(d.metadata.artist, 'Sonoteca');
    assert.equal(d.metadata.genre, 'Test');
    assert.equal(d.metadata.bpm, 120);
    assert.equal(d.metadata.key, 'A minor');
    const rawKey = format === 'mp3' ? 'ID3.TBPM' : 'VORBIS.BPM';
    assert.equal(d.metadata.raw?.[rawKey], '120');
  });
}

test('mono 22.05 kHz MP3 and Ogg report their own rate and channel count', async () => {
  const mono = t.file('mono.wav');
  writeWavFixture(mono, [sine(300, 1, 22050)], 22050, { bitDepth: 16 });
  for (const format of ['mp3', 'ogg'] as const) {
    encodeWithTool(mono, format, t.file(`mono.${format}`), { bitrate: 64 });
    const d = await decodeAll(t.file(`mono.${format}`));
    assert.equal(d.info.sampleRate, 22050);
    assert.equal(d.info.channels, 1);
    assert.ok(Math.abs(zeroCrossingHz(d.channels[0]!.subarray(2000, 20000), 22050) - 300) < 3);
  }
});

test('a FLAC with an ID3v2 tag glued in front still decodes as FLAC', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const flac = t.file('plain.flac');
  encodeWithTool(wav, 'flac', flac);
  const body = Buffer.concat([Buffer.from('TIT2\0\0\0\x06\0\0\x03Hello', 'latin1')]);
  const id3 = Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, body.length]), body]);
  writeFileSync(t.file('id3.flac'), Buffer.concat([id3, readFileSync(flac)]));
  const d = await decodeAll(t.file('id3.flac'));
  assert.equal(d.info.format, 'flac');
  assert.equal(d.metadata.title, 'Hello');
  assert.equal(d.channels[0]!.length, SEC * RATE);
});

test('pooled decoders give identical output on reuse, also after a damaged file', async () => {
  const { makeGarbageMiddle } = await import('../support/audio-fixtures.js');
  const { readFileSync } = await import('node:fs');
  for (const format of ['flac', 'mp3', 'ogg'] as const) {
    const out = t.file(`again.${format}`);
    encodeWithTool(wav, format, out);
    const first = await decodeAll(out);
    makeGarbageMiddle(out, t.file(`bad.${format}`), Math.floor(readFileSync(out).length / 2), 3000);
    await assert.rejects(decodeAll(t.file(`bad.${format}`)));
    const second = await decodeAll(out);
    const third = await decodeAll(out);
    assert.deepEqual(second.channels, first.channels, format);
    assert.deepEqual(third.channels, first.channels, format);
  }
});

test('a reused decoder carries nothing over between files of different shapes', async () => {
  // Pooled decoders are reset in place (not rebuilt); alternating stereo 44.1 kHz and mono 22.05 kHz files, each
  // must decode exactly as it did the first time.
  const mono = t.file('shape-mono.wav');
  writeWavFixture(mono, [sine(300, 0.7, 22050)], 22050, { bitDepth: 16 });
  for (const format of ['flac', 'mp3', 'ogg'] as const) {
    const a = t.file(`shape-a.${format}`), b = t.file(`shape-b.${format}`);
    encodeWithTool(wav, format, a);
    encodeWithTool(mono, format, b, format === 'flac' ? {} : { bitrate: 64 });
    const refA = await decodeAll(a), refB = await decodeAll(b);
    assert.equal(refB.info.channels, 1);
    for (let round = 0; round < 3; round++) {
      const [x, y] = await Promise.all([decodeAll(a), decodeAll(b)]);
      const z = await decodeAll(b);
      const w = await decodeAll(a);
      assert.deepEqual(x.channels, refA.channels, `${format} stereo, round ${round}`);
      assert.deepEqual(w.channels, refA.channels, `${format} stereo after mono, round ${round}`);
      assert.deepEqual(y.channels, refB.channels, `${format} mono, round ${round}`);
      assert.deepEqual(z.channels, refB.channels, `${format} mono after stereo, round ${round}`);
    }
  }
});
