// MPEG audio frame headers: enough to sniff an MP3 reliably (two consecutive valid frames) and learn its rate,
// channels and, from a Xing/Info + LAME tag, its exact gapless length.

export interface MpegFrame {
  sampleRate: number;
  channels: number;
  layer: 1 | 2 | 3;
  /** Frame length in bytes (0 for free-format streams). */
  length: number;
  samplesPerFrame: number;
}

const RATES = [[11025, 12000, 8000], [0, 0, 0], [22050, 24000, 16000], [44100, 48000, 32000]];
const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

export function parseFrameHeader(b: Uint8Array, at: number): MpegFrame | null {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1]! >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
  const layerBits = (b[at + 1]! >> 1) & 3;
  const brIdx = b[at + 2]! >> 4;
  const srIdx = (b[at + 2]! >> 2) & 3;
  if (version === 1 || layerBits === 0 || brIdx === 15 || srIdx === 3) return null;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const sampleRate = RATES[version]![srIdx]!;
  const v1 = version === 3;
  const kbps = BITRATES[v1 ? `1-${layer}` : layer === 1 ? '2-1' : '2-2']![brIdx]!;
  const pad = (b[at + 2]! >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && !v1 ? 576 : 1152;
  const length = kbps === 0 ? 0 : layer === 1 ? (Math.floor((12 * kbps * 1000) / sampleRate) + pad) * 4 : Math.floor(((samplesPerFrame / 8) * kbps * 1000) / sampleRate) + pad;
  return { sampleRate, channels: b[at + 3]! >> 6 === 3 ? 1 : 2, layer, length, samplesPerFrame };
}

/** First offset ≥ from where a frame header is followed by another valid one (or the buffer end). */
export function findFirstFrame(b: Uint8Array, from: number, limit: number): number {
  const end = Math.min(b.length - 4, from + limit);
  for (let i = from; i <= end; i++) {
    if (b[i] !== 0xff) continue;
    const f = parseFrameHeader(b, i);
    if (!f || f.length === 0) continue;
    const next = i + f.length;
    if (next + 4 > b.length) { if (next <= b.length + 1 && i === from) return i; continue; }
    const g = parseFrameHeader(b, next);
    if (g && g.sampleRate === f.sampleRate && g.layer === f.layer) return i;
  }
  return -1;
}

/** Exact decoded length from a Xing/Info header with a LAME tag (frames·spf − encoder delay − padding), else null. */
export function gaplessFrames(b: Uint8Array, at: number, f: MpegFrame): number | null {
  const end = Math.min(b.length, at + (f.length || 2048));
  for (let i = at + 4; i + 120 < end; i++) {
    const tag = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    if (tag !== 'Xing' && tag !== 'Info') continue;
    const flags = b[i + 7]!;
    if (!(flags & 1)) return null;
    const frames = ((b[i + 8]! << 24) >>> 0) + ((b[i + 9]! << 16) | (b[i + 10]! << 8) | b[i + 11]!);
    let p = i + 8 + 4 + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
    if (p + 24 > b.length || String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!) !== 'LAME') return null;
    p += 21;
    const delay = (b[p]! << 4) | (b[p + 1]! >> 4);
    const padding = ((b[p + 1]! & 0x0f) << 8) | b[p + 2]!;
    const total = frames * f.samplesPerFrame - delay - padding;
    return total > 0 ? total : null;
  }
  return null;
}
