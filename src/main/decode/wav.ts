// WAV / RF64 / BW64 reader: fmt (PCM, float, A-law, µ-law, WAVE_FORMAT_EXTENSIBLE), data, and metadata chunks.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { fourCC, u16le, u32le, u64le } from './binary-text.js';
import { walkChunks } from './chunk-walk.js';
import { AudioDecodeError } from './decode-error.js';
import { parseId3v2 } from './id3.js';
import { parseIxml } from './ixml.js';
import { bytesPerSample } from './pcm-convert.js';
import type { SampleKind } from './pcm-convert.js';
import { pcmSource } from './pcm-source.js';
import { parseAcid, parseBext, parseList, parseSmpl } from './wav-metadata.js';

/** Metadata chunks larger than this are skipped: a 'LIST' of hundreds of MiB is damage, not tags. */
const MAX_META_CHUNK = 16 * 1024 * 1024;

const CODEC_NAMES: Record<number, string> = {
  0x0002: 'MS ADPCM', 0x0011: 'IMA ADPCM', 0x0031: 'GSM 6.10', 0x0040: 'G.721 ADPCM', 0x0050: 'MPEG', 0x0055: 'MP3',
  0x0092: 'Dolby AC3 SPDIF', 0x00ff: 'AAC', 0x0161: 'WMA', 0x1610: 'HE-AAC', 0x2000: 'AC-3', 0xf1ac: 'FLAC',
};

/** KSDATAFORMAT_SUBTYPE GUID tail shared by PCM (0x0001) and IEEE float (0x0003) sub-formats. */
const KS_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

interface Fmt { tag: number; channels: number; sampleRate: number; blockAlign: number; bits: number }

/** True when the bytes at `at` read as a chunk header (printable id, size within the file). */
async function looksLikeChunk(bytes: ByteSource, at: number): Promise<boolean> {
  const h = await bytes.read(at, 8);
  if (h.length < 8) return false;
  for (let i = 0; i < 4; i++) if (h[i]! < 0x20 || h[i]! > 0x7e) return false;
  return at + 8 + u32le(h, 4) <= bytes.size;
}

function codecHex(tag: number): string {
  return `0x${tag.toString(16).padStart(4, '0')}`;
}

function parseFmt(b: Uint8Array): Fmt {
  if (b.length < 16) throw new AudioDecodeError('corrupt', `not a valid WAV: fmt chunk is ${b.length} bytes, expected at least 16`);
  let tag = u16le(b, 0);
  const fmt: Fmt = { tag, channels: u16le(b, 2), sampleRate: u32le(b, 4), blockAlign: u16le(b, 12), bits: u16le(b, 14) };
  if (tag === 0xfffe) {
    if (b.length < 40) throw new AudioDecodeError('corrupt', `not a valid WAV: WAVE_FORMAT_EXTENSIBLE fmt chunk is ${b.length} bytes, expected 40`);
    tag = u16le(b, 24);
    const standard = KS_GUID_TAIL.every((x, i) => b[26 + i] === x);
    if (!standard) {
      const guid = Array.from(b.subarray(24, 40), (x) => x.toString(16).padStart(2, '0')).join('');
      throw new AudioDecodeError('unsupported', `unsupported WAV codec: WAVE_FORMAT_EXTENSIBLE sub-format GUID ${guid}`);
    }
    fmt.tag = tag;
  }
  return fmt;
}

function sampleKind(fmt: Fmt): SampleKind {
  const container = fmt.channels > 0 ? (fmt.blockAlign / fmt.channels) * 8 : 0;
  if (fmt.tag === 1) {
    const bits = Number.isInteger(container) && container >= fmt.bits ? container : Math.ceil(fmt.bits / 8) * 8;
    if (bits === 8) return 'uint8';
    if (bits === 16) return 'int16';
    if (bits === 24) return 'int24';
    if (bits === 32) return 'int32';
    throw new AudioDecodeError('unsupported', `unsupported WAV sample size: ${fmt.bits}-bit integer PCM in a ${container}-bit container`);
  }
  if (fmt.tag === 3) {
    if (fmt.bits === 32) return 'float32';
    if (fmt.bits === 64) return 'float64';
    throw new AudioDecodeError('unsupported', `unsupported WAV sample size: ${fmt.bits}-bit float`);
  }
  if (fmt.tag === 6) return 'alaw';
  if (fmt.tag === 7) return 'ulaw';
  const name = CODEC_NAMES[fmt.tag];
  throw new AudioDecodeError('unsupported', `unsupported WAV codec ${codecHex(fmt.tag)}${name ? ` (${name})` : ''}`);
}

const CODEC_LABEL: Record<SampleKind, string> = {
  uint8: 'pcm_u8', int8: 'pcm_s8', int16: 'pcm_s16le', int24: 'pcm_s24le', int32: 'pcm_s32le', float32: 'pcm_f32le', float64: 'pcm_f64le', alaw: 'pcm_alaw', ulaw: 'pcm_mulaw',
};

export async function openWav(path: string, bytes: ByteSource): Promise<AudioSource> {
  const head = await bytes.read(0, 12);
  const rf64 = fourCC(head, 0) !== 'RIFF';
  let ds64Data: number | null = null;
  let fmt: Fmt | null = null;
  let data: { offset: number; size: number } | null = null;
  let overrun: { id: string; offset: number; size: number } | null = null;
  const metadata: EmbeddedMetadata = {};
  const seen: string[] = [];

  await walkChunks(bytes, 12, true, async (c) => {
    seen.push(c.id.trim());
    const end = c.offset + c.size;
    if (c.id === 'data') {
      let size = c.size;
      if (rf64 && size === 0xffffffff && ds64Data !== null) size = ds64Data;
      else if (size === 0xffffffff || (size === 0 && c.offset < bytes.size && !(await looksLikeChunk(bytes, c.offset)))) {
        size = bytes.size - c.offset; // a writer that never finalised its header: the audio runs to the end of the file
      }
      if (c.offset + size > bytes.size) {
        throw new AudioDecodeError('truncated', `truncated data chunk: header declares ${size} bytes at byte ${c.offset} but the file ends at byte ${bytes.size}`);
      }
      data ??= { offset: c.offset, size };
      return size;
    }
    if (end > bytes.size) {
      overrun = { id: c.id, offset: c.offset - 8, size: c.size };
      // A cut-off iXML chunk still holds readable fields; the XML reader keeps what is there.
      if (c.id === 'iXML' && c.offset < bytes.size) parseIxml(await bytes.read(c.offset, Math.min(bytes.size - c.offset, MAX_META_CHUNK)), metadata);
      return 'stop';
    }
    if (c.id === 'fmt ') {
      fmt = parseFmt(await bytes.read(c.offset, Math.min(c.size, 4096)));
    } else if (c.id === 'ds64' && c.size >= 16) {
      ds64Data = u64le(await bytes.read(c.offset, 16), 8);
    } else if (c.size <= MAX_META_CHUNK) {
      const read = () => bytes.read(c.offset, c.size);
      if (c.id === 'acid') parseAcid(await read(), metadata);
      else if (c.id === 'smpl') parseSmpl(await read(), metadata);
      else if (c.id === 'bext') parseBext(await read(), metadata);
      else if (c.id === 'LIST') parseList(await read(), metadata);
      else if (c.id === 'id3 ' || c.id === 'ID3 ') parseId3v2(await read(), metadata);
      else if (c.id === 'iXML') parseIxml(await read(), metadata);
    }
    return c.size;
  });

  const f = fmt as Fmt | null;
  const d = data as { offset: number; size: number } | null;
  const o = overrun as { id: string; offset: number; size: number } | null;
  if (!f) {
    if (o) throw new AudioDecodeError('truncated', `truncated WAV: '${o.id}' chunk at byte ${o.offset} declares ${o.size} bytes but the file ends at byte ${bytes.size}`);
    throw new AudioDecodeError('corrupt', `not a valid WAV: no fmt chunk (chunks found: ${seen.join(', ') || 'none'})`);
  }
  if (!d) {
    if (o) throw new AudioDecodeError('truncated', `truncated WAV: '${o.id}' chunk at byte ${o.offset} declares ${o.size} bytes but the file ends at byte ${bytes.size}`);
    throw new AudioDecodeError('corrupt', `not a valid WAV: no data chunk (chunks found: ${seen.join(', ')})`);
  }
  if (f.channels === 0) throw new AudioDecodeError('corrupt', 'not a valid WAV: fmt chunk declares 0 channels');
  if (f.sampleRate === 0) throw new AudioDecodeError('corrupt', 'not a valid WAV: fmt chunk declares a sample rate of 0 Hz');
  const kind = sampleKind(f);
  if (f.blockAlign === 0) throw new AudioDecodeError('corrupt', 'not a valid WAV: fmt chunk declares a block align of 0 bytes');
  const frames = Math.floor(d.size / f.blockAlign);
  if (frames === 0) throw new AudioDecodeError('empty', `no audio frames: the data chunk at byte ${d.offset} is ${d.size} bytes`);

  const info: AudioInfo = {
    format: 'wav', codec: CODEC_LABEL[kind], sampleRate: f.sampleRate, channels: f.channels,
    bitDepth: kind === 'alaw' || kind === 'ulaw' ? 8 : f.bits, frames,
  };
  if (bytesPerSample(kind) * f.channels !== f.blockAlign) {
    throw new AudioDecodeError('corrupt', `not a valid WAV: block align ${f.blockAlign} does not fit ${f.channels} channels of ${f.bits}-bit samples`);
  }
  return pcmSource(path, bytes, info, metadata, { offset: d.offset, frames, layout: { kind, bigEndian: false, channels: f.channels } });
}
