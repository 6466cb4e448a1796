import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { WavFileWriter } from '../../src/main/encode/wav-file-writer.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { MAX_BLOCK_FRAMES } from '../../src/main/decode/audio-source.js';
import { sine } from '../support/audio-fixtures.js';
import { tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

test('a 20-minute 24-bit stereo WAV streams in and out with bounded memory', async () => {
  const rate = 44100, seconds = 20 * 60;
  const path = t.file('long.wav');
  // Whole seconds of a 441 Hz sine repeat seamlessly, so one block stands in for the whole file.
  const l = sine(441, 1, rate, 0.5), r = sine(882, 1, rate, 0.25);
  const w = await WavFileWriter.open(path, { sampleRate: rate, channels: 2, bitDepth: 24 });
  for (let s = 0; s < seconds; s++) await w.write([l, r]);
  await w.close();
  const size = statSync(path).size;
  assert.equal(size, 12 + 36 + 24 + 8 + seconds * rate * 6);

  const src = await openAudio(path);
  assert.equal(src.info.frames, seconds * rate);
  const base = process.memoryUsage().rss;
  let peak = base, frames = 0, maxErr = 0;
  for await (const block of src.blocks()) {
    assert.ok(block[0]!.length <= MAX_BLOCK_FRAMES);
    // Spot-check samples against the generator at this position.
    const i = (frames + 17) % rate;
    if (block[0]!.length > 17) maxErr = Math.max(maxErr, Math.abs(block[0]![17]! - l[i]!), Math.abs(block[1]![17]! - r[i]!));
    frames += block[0]!.length;
    if ((frames & 0xfffff) < block[0]!.length) peak = Math.max(peak, process.memoryUsage().rss);
  }
  await src.close();
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.equal(frames, seconds * rate);
  assert.ok(maxErr <= 1 / 8388608 + 1e-9, `max error ${maxErr}`);
  const growth = peak - base;
  console.log(`file ${(size / 2 ** 20).toFixed(0)} MiB, rss growth while decoding ${(growth / 2 ** 20).toFixed(1)} MiB`);
  assert.ok(growth < size / 8, `rss grew ${growth} bytes decoding a ${size}-byte file`);
});
