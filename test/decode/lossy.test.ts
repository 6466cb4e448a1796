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
