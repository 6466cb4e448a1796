// MP3: ID3v2 at the start and ID3v1 at the end read here, audio decoded by the mpg123 wasm build in streaming mode,
// fed only the bytes between the tags so trailing tags never read as damaged frames.
import { MPEGDecoder } from 'mpg123-decoder';
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { AudioDecodeError } from './decode-error.js';
import { id3v2Length, parseId3v1, parseId3v2 } from './id3.js';
import { findFirstFrame, gaplessFrames, parseFrameHeader } from './mp3-frame.js';
import type { DecodedChunk, StreamDecoder } from './wasm-stream.js';
import { wasmBlocks } from './wasm-stream.js';

/** mpg123's wasm build logs every error to console.error; we report them ourselves, once, in the thrown error. */
function quietDecoder(d: MPEGDecoder): StreamDecoder {
  return {
    decode(chunk: Uint8Array): DecodedChunk {
      const original = console.error;
      console.error = () => {};
      try {
        return d.decode(chunk);
      } finally {
        console.error = original;
      }
    },
    reset: () => d.reset(),
    free: () => d.free(),
  };
}

export async function openMp3(path: string, bytes: ByteSource): Promise<AudioSource> {
  const metadata: EmbeddedMetadata = {};
  let start = 0;
  for (let guard = 0; guard < 4; guard++) { // some taggers stack several ID3v2 tags
    const head = await bytes.read(start, 10);
    const len = id3v2Length(head);
    if (!len) break;
    if (start + len > bytes.size) throw new AudioDecodeError('truncated', `truncated MP3: ID3v2 tag at byte ${start} declares ${len} bytes but the file ends at byte ${bytes.size}`);
    if (len <= 16 * 1024 * 1024) parseId3v2(await bytes.read(start, len), metadata);
    start += len;
  }
  let end = bytes.size;
  const tail = await bytes.read(Math.max(start, bytes.size - 128), 128);
  if (parseId3v1(tail, metadata)) end -= 128;
  const probe = await bytes.read(start, 64 * 1024);
  const at = findFirstFrame(probe, 0, 64 * 1024);
  if (at < 0) {
    if (start >= end) throw new AudioDecodeError('empty', 'no audio frames: the MP3 file holds only tags');
    throw new AudioDecodeError('corrupt', `not a valid MP3: no MPEG audio frame found in the first 64 KiB after byte ${start}`);
  }
  const frame = parseFrameHeader(probe, at)!;
  const expected = gaplessFrames(probe, at, frame);
  const info: AudioInfo = { format: 'mp3', codec: frame.layer === 3 ? 'mp3' : `mp${frame.layer}`, sampleRate: frame.sampleRate, channels: frame.channels, bitDepth: null, frames: expected };
  const io = wasmBlocks(bytes, async () => {
    const d = new MPEGDecoder();
    await d.ready;
    return quietDecoder(d);
  }, { label: 'MP3', start: start + at, end, channels: frame.channels, sampleRate: frame.sampleRate, expectedFrames: expected, tolerance: frame.samplesPerFrame * 2 });
  return { path, info, metadata, ...io };
}
