// Ogg Vorbis: identification and comment headers parsed here (rate, channels, tags), length from the last page's
// granule position, audio decoded by the libvorbis wasm build in streaming mode. Other Ogg codecs get a clear refusal.
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { fourCC, u32le, u64le } from './binary-text.js';
import { AudioDecodeError } from './decode-error.js';
import { parseVorbisComments } from './vorbis-comment.js';
import { wasmBlocks } from './wasm-stream.js';

const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** Collects the first `count` packets of the first logical stream (headers may span pages). */
async function firstPackets(bytes: ByteSource, count: number): Promise<{ packets: Uint8Array[]; serial: number }> {
  const packets: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let serial = -1;
  for (let p = 0, guard = 0; p + 27 <= bytes.size && packets.length < count && p < MAX_HEADER_BYTES && guard < 10000; guard++) {
    const h = await bytes.read(p, 27 + 255);
    if (fourCC(h, 0) !== 'OggS') throw new AudioDecodeError('corrupt', `not a valid Ogg file: expected a page ('OggS') at byte ${p}`);
    const segs = h[26]!;
    if (h.length < 27 + segs) throw new AudioDecodeError('truncated', `truncated Ogg page at byte ${p}: the file ends at byte ${bytes.size}`);
    const pageSerial = u32le(h, 14);
    const table = h.subarray(27, 27 + segs);
    const bodyLen = table.reduce((a, x) => a + x, 0);
    const body = await bytes.read(p + 27 + segs, bodyLen);
    if (body.length < bodyLen) throw new AudioDecodeError('truncated', `truncated Ogg page at byte ${p}: declares ${bodyLen} bytes but the file ends at byte ${bytes.size}`);
    if (serial === -1) serial = pageSerial;
    if (pageSerial === serial) {
      let at = 0, start = 0;
      for (const lace of table) {
        at += lace;
        if (lace < 255) {
          pending.push(body.slice(start, at));
          const len = pending.reduce((a, x) => a + x.length, 0);
          const packet = new Uint8Array(len);
          let o = 0;
          for (const part of pending) { packet.set(part, o); o += part.length; }
          packets.push(packet);
          pending = [];
          start = at;
          if (packets.length >= count) break;
        }
      }
      if (start < at) pending.push(body.slice(start, at));
    }
    p += 27 + segs + bodyLen;
  }
  return { packets, serial };
}

/**
 * Granule of the last complete page of `serial` (for Vorbis, the total frame count), and whether the stream is cut
 * short: a partial page at the very end, or no end-of-stream flag on the last page.
 */
async function lastGranule(bytes: ByteSource, serial: number): Promise<{ granule: number | null; cut: string | null }> {
  const span = Math.min(bytes.size, 256 * 1024);
  const base = bytes.size - span;
  const tail = await bytes.read(base, span);
  let cut: string | null = null;
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] !== 0x4f || tail[i + 1] !== 0x67 || tail[i + 2] !== 0x67 || tail[i + 3] !== 0x53 || u32le(tail, i + 14) !== serial) continue;
    const segs = tail[i + 26]!;
    let len = 27 + segs;
    for (let k = 0; k < segs && i + 27 + k < tail.length; k++) len += tail[i + 27 + k]!;
    if (i + 27 + segs > tail.length || i + len > tail.length) {
      cut ??= `the Ogg page at byte ${base + i} is cut off by the end of the file at byte ${bytes.size}`;
      continue;
    }
    if (!cut && !(tail[i + 5]! & 0x04)) cut = `the last Ogg page (byte ${base + i}) is not marked end-of-stream and the file ends at byte ${bytes.size}`;
    if (tail[i + 6] === 0xff && tail[i + 13] === 0xff) continue; // -1: no packet ends on this page
    return { granule: u64le(tail, i + 6), cut };
  }
  return { granule: null, cut };
}

function refuseOtherCodec(packet: Uint8Array): never {
  const text = new TextDecoder('latin1').decode(packet.subarray(0, 8));
  const codec = text.startsWith('OpusHead') ? 'Opus' : text.startsWith('\x7fFLAC') ? 'FLAC' : text.startsWith('Speex') ? 'Speex' : text.startsWith('\x80theora') ? 'Theora video' : null;
  throw new AudioDecodeError('unsupported', codec ? `unsupported Ogg codec: ${codec} (only Ogg Vorbis is supported)` : 'unsupported Ogg codec: the first stream is not Vorbis');
}

export async function openOgg(path: string, bytes: ByteSource): Promise<AudioSource> {
  const { packets, serial } = await firstPackets(bytes, 2);
  const ident = packets[0];
  if (!ident) throw new AudioDecodeError('truncated', `truncated Ogg file: no complete header packet in its ${bytes.size} bytes`);
  if (ident[0] !== 1 || new TextDecoder('latin1').decode(ident.subarray(1, 7)) !== 'vorbis') refuseOtherCodec(ident);
  if (ident.length < 16) throw new AudioDecodeError('corrupt', `not a valid Ogg Vorbis: identification header is ${ident.length} bytes`);
  const channels = ident[11]!;
  const sampleRate = u32le(ident, 12);
  if (!channels || !sampleRate) throw new AudioDecodeError('corrupt', `not a valid Ogg Vorbis: header declares ${channels} channels at ${sampleRate} Hz`);
  const metadata: EmbeddedMetadata = {};
  const comments = packets[1];
  if (comments && comments[0] === 3) parseVorbisComments(comments.subarray(7), metadata);
  const { granule: total, cut } = await lastGranule(bytes, serial);
  if (cut) throw new AudioDecodeError('truncated', `truncated Ogg Vorbis: ${cut}`);
  const info: AudioInfo = { format: 'ogg', codec: 'vorbis', sampleRate, channels, bitDepth: null, frames: total };
  const io = wasmBlocks(bytes, async () => {
    const d = new OggVorbisDecoder();
    await d.ready;
    return d;
  }, { label: 'Ogg Vorbis', start: 0, end: bytes.size, channels, sampleRate: sampleRate, expectedFrames: total, tolerance: 4096 });
  return { path, info, metadata, ...io };
}
