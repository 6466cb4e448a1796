// In-memory WAV encoder (16/24/32-bit int, 32-bit float; metadata chunks; optional TPDF dither) for export and tests.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { bytesPerFrame, quantiseInto } from './quantise.js';
import { metadataChunks } from './wav-chunks.js';

export interface WavEncodeOptions {
  bitDepth: 16 | 24 | 32;
  float?: boolean;
  metadata?: EmbeddedMetadata;
  dither?: boolean;
}

/** fmt chunk; WAVE_FORMAT_EXTENSIBLE for more than two channels, as the spec asks. */
export function fmtChunk(channels: number, sampleRate: number, bitDepth: number, float: boolean): Buffer {
  const ext = channels > 2;
  const b = Buffer.alloc(ext ? 48 : 24);
  const blockAlign = (bitDepth / 8) * channels;
  b.write('fmt ', 0, 'latin1');
  b.writeUInt32LE(ext ? 40 : 16, 4);
  b.writeUInt16LE(ext ? 0xfffe : float ? 3 : 1, 8);
  b.writeUInt16LE(channels, 10);
  b.writeUInt32LE(sampleRate, 12);
  b.writeUInt32LE(sampleRate * blockAlign, 16);
  b.writeUInt16LE(blockAlign, 20);
  b.writeUInt16LE(bitDepth, 22);
  if (ext) {
    b.writeUInt16LE(22, 24);
    b.writeUInt16LE(bitDepth, 26);
    b.writeUInt32LE(channels === 6 ? 0x3f : 0, 28); // 5.1 gets its standard speaker mask; others stay unassigned
    b.writeUInt16LE(float ? 3 : 1, 32);
    Buffer.from([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]).copy(b, 34);
  }
  return b;
}

function checkInput(channels: Float32Array[], sampleRate: number, bitDepth: number, float: boolean | undefined): void {
  if (!channels.length) throw new RangeError('encodeWav: at least one channel is required');
  if (channels.some((c) => c.length !== channels[0]!.length)) throw new RangeError('encodeWav: all channels must have the same length');
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`encodeWav: invalid sample rate ${sampleRate}`);
  if (float && bitDepth !== 32) throw new RangeError('encodeWav: float output must be 32-bit');
}

export function encodeWav(channels: Float32Array[], sampleRate: number, opts: WavEncodeOptions): Buffer {
  checkInput(channels, sampleRate, opts.bitDepth, opts.float);
  const frames = channels[0]!.length;
  const enc = { bitDepth: opts.bitDepth, float: opts.float, dither: opts.dither };
  const dataBytes = frames * bytesPerFrame(enc, channels.length);
  const fmt = fmtChunk(channels.length, sampleRate, opts.bitDepth, !!opts.float);
  const meta = metadataChunks(opts.metadata, sampleRate);
  const metaBytes = meta.reduce((a, m) => a + m.length, 0);
  const total = 12 + fmt.length + metaBytes + 8 + dataBytes + (dataBytes & 1);
  const out = Buffer.alloc(total);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(total - 8, 4);
  out.write('WAVE', 8, 'latin1');
  let p = 12;
  fmt.copy(out, p); p += fmt.length;
  for (const m of meta) { m.copy(out, p); p += m.length; }
  out.write('data', p, 'latin1');
  out.writeUInt32LE(dataBytes, p + 4);
  quantiseInto(channels, 0, frames, enc, out, p + 8);
  return out;
}
