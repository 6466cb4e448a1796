// AIFF and AIFF-C reader: COMM (80-bit rate, compression type), SSND (with its offset), MARK/INST loops and root,
// NAME/AUTH/ANNO/(c) text, and an embedded 'ID3 ' chunk.
import type { AudioInfo, EmbeddedMetadata, LoopPoint } from '../../shared/model/audio.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { decodeText, fourCC, readExtended80, u16be, u32be } from './binary-text.js';
import { walkChunks } from './chunk-walk.js';
import { AudioDecodeError } from './decode-error.js';
import { parseId3v2 } from './id3.js';
import { setRaw, setRootNote, setText } from './metadata-fields.js';
import { bytesPerSample } from './pcm-convert.js';
import type { SampleKind } from './pcm-convert.js';
import { pcmSource } from './pcm-source.js';

interface Comm { channels: number; frames: number; bits: number; sampleRate: number; compression: string }

function parseComm(b: Uint8Array, aifc: boolean): Comm {
  if (b.length < 18) throw new AudioDecodeError('corrupt', `not a valid AIFF: COMM chunk is ${b.length} bytes, expected at least 18`);
  const comm: Comm = { channels: u16be(b, 0), frames: u32be(b, 2), bits: u16be(b, 6), sampleRate: readExtended80(b, 8), compression: 'NONE' };
  if (aifc) {
    if (b.length < 22) throw new AudioDecodeError('corrupt', `not a valid AIFF-C: COMM chunk is ${b.length} bytes, expected at least 22`);
    comm.compression = fourCC(b, 18);
  }
  return comm;
}

function layoutFor(c: Comm): { kind: SampleKind; bigEndian: boolean; codec: string } {
  const bytes = Math.ceil(c.bits / 8);
  switch (c.compression) {
    case 'NONE': case 'twos': case 'in24': case 'in32': {
      const kind = (['int8', 'int16', 'int24', 'int32'] as const)[bytes - 1];
      if (!kind) throw new AudioDecodeError('unsupported', `unsupported AIFF sample size: ${c.bits}-bit`);
      return { kind, bigEndian: true, codec: `pcm_s${bytes * 8}be` };
    }
    case 'sowt': {
      const kind = (['int8', 'int16', 'int24', 'int32'] as const)[bytes - 1];
      if (!kind) throw new AudioDecodeError('unsupported', `unsupported AIFF-C sowt sample size: ${c.bits}-bit`);
      return { kind, bigEndian: false, codec: 'aifc_sowt' };
    }
    case 'raw ': return { kind: 'uint8', bigEndian: true, codec: 'pcm_u8' };
    case 'fl32': case 'FL32': return { kind: 'float32', bigEndian: true, codec: 'pcm_f32be' };
    case 'fl64': case 'FL64': return { kind: 'float64', bigEndian: true, codec: 'pcm_f64be' };
    case 'ulaw': case 'ULAW': return { kind: 'ulaw', bigEndian: true, codec: 'pcm_mulaw' };
    case 'alaw': case 'ALAW': return { kind: 'alaw', bigEndian: true, codec: 'pcm_alaw' };
    default:
      throw new AudioDecodeError('unsupported', `unsupported AIFF-C compression '${c.compression}'${c.compression === 'ima4' ? ' (IMA ADPCM)' : ''}`);
  }
}

function parseMarkers(b: Uint8Array): Map<number, number> {
  const markers = new Map<number, number>();
  const n = b.length >= 2 ? u16be(b, 0) : 0;
  for (let i = 0, p = 2; i < n && p + 7 <= b.length; i++) {
    markers.set(u16be(b, p), u32be(b, p + 2));
    const nameLen = b[p + 6]!;
    p += 7 + nameLen + ((nameLen + 1) & 1); // pstring padded to an even total
  }
  return markers;
}

function parseInst(b: Uint8Array, markers: Map<number, number>, meta: EmbeddedMetadata): void {
  if (b.length < 20) return;
  setRaw(meta, 'INST.baseNote', String(b[0]));
  setRootNote(meta, b[0]!);
  const loops: LoopPoint[] = [];
  for (const at of [8, 14]) { // sustain loop, release loop: playMode, begin marker id, end marker id
    const mode = u16be(b, at);
    const start = markers.get(u16be(b, at + 2));
    const end = markers.get(u16be(b, at + 4));
    // AIFF markers sit between frames, so the end marker is exclusive; LoopPoint.end is inclusive.
    if (mode !== 0 && start !== undefined && end !== undefined && end > start) loops.push({ start, end: end - 1 });
  }
  if (loops.length && !meta.loopPoints) meta.loopPoints = loops;
}

export async function openAiff(path: string, bytes: ByteSource): Promise<AudioSource> {
  const head = await bytes.read(0, 12);
  const aifc = fourCC(head, 8) === 'AIFC';
  let comm: Comm | null = null;
  let ssnd: { offset: number; size: number } | null = null;
  let overrun: string | null = null;
  let instBody: Uint8Array | null = null;
  let markers = new Map<number, number>();
  const metadata: EmbeddedMetadata = {};
  const seen: string[] = [];

  await walkChunks(bytes, 12, false, async (c) => {
    seen.push(c.id.trim());
    if (c.id === 'SSND') {
      if (c.size < 8) throw new AudioDecodeError('corrupt', `not a valid AIFF: SSND chunk is ${c.size} bytes, expected at least 8`);
      const hdr = await bytes.read(c.offset, 8);
      const start = c.offset + 8 + u32be(hdr, 0);
      const size = c.size - 8 - u32be(hdr, 0);
      ssnd ??= { offset: start, size: Math.max(0, size) };
      return Math.min(c.size, Math.max(0, bytes.size - c.offset));
    }
    if (c.offset + c.size > bytes.size) {
      overrun = `'${c.id}' chunk at byte ${c.offset - 8} declares ${c.size} bytes but the file ends at byte ${bytes.size}`;
      return 'stop';
    }
    if (c.size > 16 * 1024 * 1024) return c.size;
    const body = await bytes.read(c.offset, c.size);
    if (c.id === 'COMM') comm = parseComm(body, aifc);
    else if (c.id === 'MARK') markers = parseMarkers(body);
    else if (c.id === 'INST') instBody = Uint8Array.from(body);
    else if (c.id === 'ID3 ' || c.id === 'id3 ') parseId3v2(body, metadata);
    else if (c.id === 'NAME' || c.id === 'AUTH' || c.id === 'ANNO' || c.id === '(c) ') {
      const text = decodeText(body).replace(/\0+$/, '').trim();
      if (text) {
        setRaw(metadata, `AIFF.${c.id.trim()}`, text);
        if (c.id === 'NAME') setText(metadata, 'title', text);
        else if (c.id === 'AUTH') setText(metadata, 'artist', text);
        else if (c.id === 'ANNO') setText(metadata, 'comment', text);
      }
    }
    return c.size;
  });
  if (instBody) parseInst(instBody, markers, metadata);

  const cm = comm as Comm | null;
  const sd = ssnd as { offset: number; size: number } | null;
  if (!cm) {
    if (overrun) throw new AudioDecodeError('truncated', `truncated AIFF: ${overrun}`);
    throw new AudioDecodeError('corrupt', `not a valid AIFF: no COMM chunk (chunks found: ${seen.join(', ') || 'none'})`);
  }
  if (cm.channels === 0) throw new AudioDecodeError('corrupt', 'not a valid AIFF: COMM chunk declares 0 channels');
  if (!(cm.sampleRate > 0 && cm.sampleRate < 10_000_000)) throw new AudioDecodeError('corrupt', `not a valid AIFF: COMM chunk declares a sample rate of ${cm.sampleRate} Hz`);
  const layout = layoutFor(cm);
  if (cm.frames === 0) throw new AudioDecodeError('empty', 'no audio frames: COMM chunk declares 0 sample frames');
  if (!sd) {
    if (overrun) throw new AudioDecodeError('truncated', `truncated AIFF: ${overrun}`);
    throw new AudioDecodeError('corrupt', `not a valid AIFF: no SSND chunk (chunks found: ${seen.join(', ')})`);
  }
  const frameBytes = bytesPerSample(layout.kind) * cm.channels;
  const need = cm.frames * frameBytes;
  if (sd.offset + need > bytes.size) {
    throw new AudioDecodeError('truncated', `truncated SSND chunk: COMM declares ${cm.frames} frames (${need} bytes) at byte ${sd.offset} but the file ends at byte ${bytes.size}`);
  }
  const info: AudioInfo = { format: 'aiff', codec: layout.codec, sampleRate: cm.sampleRate, channels: cm.channels, bitDepth: cm.bits, frames: cm.frames };
  return pcmSource(path, bytes, info, metadata, { offset: sd.offset, frames: cm.frames, layout: { kind: layout.kind, bigEndian: layout.bigEndian, channels: cm.channels } });
}
