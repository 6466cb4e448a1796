// FLAC: STREAMINFO and VORBIS_COMMENT parsed here (rate, channels, bit depth, exact length, tags), audio decoded by
// the libFLAC wasm build in streaming mode.
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { u32be } from './binary-text.js';
import { AudioDecodeError } from './decode-error.js';
import { parseId3v2 } from './id3.js';
import { parseVorbisComments } from './vorbis-comment.js';
import { wasmBlocks } from './wasm-stream.js';

export async function openFlac(path: string, bytes: ByteSource, start: number): Promise<AudioSource> {
  let p = start + 4;
  let info: AudioInfo | null = null;
  let maxBlock = 0;
  const metadata: EmbeddedMetadata = {};
  if (start > 0) parseId3v2(await bytes.read(0, start), metadata); // ID3 glued in front by some taggers
  for (let last = false, guard = 0; !last && guard < 1000; guard++) {
    const h = await bytes.read(p, 4);
    if (h.length < 4) throw new AudioDecodeError('truncated', `truncated FLAC: metadata block header at byte ${p} is cut off by the end of the file at byte ${bytes.size}`);
    last = (h[0]! & 0x80) !== 0;
    const type = h[0]! & 0x7f;
    const len = (h[1]! << 16) | (h[2]! << 8) | h[3]!;
    if (p + 4 + len > bytes.size) throw new AudioDecodeError('truncated', `truncated FLAC: metadata block at byte ${p} declares ${len} bytes but the file ends at byte ${bytes.size}`);
    if (type === 0) {
      if (len < 34) throw new AudioDecodeError('corrupt', `not a valid FLAC: STREAMINFO is ${len} bytes, expected 34`);
      const b = await bytes.read(p + 4, 34);
      const sampleRate = (b[10]! << 12) | (b[11]! << 4) | (b[12]! >> 4);
      const channels = ((b[12]! >> 1) & 7) + 1;
      const bits = (((b[12]! & 1) << 4) | (b[13]! >> 4)) + 1;
      const total = (b[13]! & 0x0f) * 0x100000000 + u32be(b, 14);
      if (sampleRate === 0) throw new AudioDecodeError('corrupt', 'not a valid FLAC: STREAMINFO declares a sample rate of 0 Hz');
      info = { format: 'flac', codec: 'flac', sampleRate, channels, bitDepth: bits, frames: total > 0 ? total : null };
      maxBlock = (b[2]! << 8) | b[3]!;
    } else if (type === 4 && len <= 16 * 1024 * 1024) {
      parseVorbisComments(await bytes.read(p + 4, len), metadata);
    } else if (type === 127) {
      throw new AudioDecodeError('corrupt', `not a valid FLAC: invalid metadata block type 127 at byte ${p}`);
    }
    p += 4 + len;
  }
  if (!info) throw new AudioDecodeError('corrupt', 'not a valid FLAC: no STREAMINFO block');
  if (info.frames === 0 || p >= bytes.size) throw new AudioDecodeError('empty', 'no audio frames: the FLAC file has metadata but no audio');
  const channels = info.channels;
  const io = wasmBlocks(bytes, async () => {
    const d = new FLACDecoder();
    await d.ready;
    // Its flush() ends with reset(), so a decoder that flushed is ready for the next file as it stands.
    return Object.assign(d, { resetByFlush: true });
  }, {
    label: 'FLAC', start, end: bytes.size, channels, sampleRate: info.sampleRate, expectedFrames: info.frames,
    // The wasm build's parser drops a stream's final short frame (libFLAC's own `flac -t` accepts those files), so
    // up to one block short of STREAMINFO's length is a complete file, not a damaged one.
    tolerance: Math.max(0, maxBlock - 1),
    // It also scales by 2^(bits-1) - 1; the usual 2^(bits-1) makes FLAC and WAV of the same audio decode identically.
    scale: info.bitDepth ? (2 ** (info.bitDepth - 1) - 1) / 2 ** (info.bitDepth - 1) : undefined,
  });
  return { path, info, metadata, ...io };
}
